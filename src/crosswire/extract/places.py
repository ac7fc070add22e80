"""Places: find place names and geocode them offline (``record.places``).

Steps: collect candidate spans (``place_candidates``), keep the longest of
overlapping ones, drop names not used as places (person and outlet names,
noun modifiers), then geocode each with the ``Gazetteer``. Country mentions
and the dateline form the article's *priors*: a city name shared by several
places resolves to the one in a country the article is about.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import Place
from . import place_candidates as pc
from .pipeline import Context, component
from .place_gazetteer import Gazetteer, Resolved

# A city found only by spaCy (not a capital or a curated name) must be this
# large, more so outside the article's countries: surnames such as "Hudson"
# are also town names.
MIN_CITY_POPULATION_IN_PRIORS = 25_000
MIN_CITY_POPULATION_ELSEWHERE = 100_000
MIN_WEAK_CITY_POPULATION_ELSEWHERE = 1_000_000
DATELINE_PRIOR = 1.0


@component("places")
def make_places(config):
    gazetteer = Gazetteer.shared()

    def places(ctx: Context) -> None:
        candidates = collect_candidates(ctx, gazetteer)
        priors = country_priors(ctx.text, candidates, gazetteer)
        for cand in candidates:
            if cand.source == "weak" and not _in_place_context(ctx.text, cand, ctx.record.places):
                continue
            resolved = resolve_candidate(ctx.text, cand, gazetteer, priors)
            if resolved is not None:
                ctx.record.places.append(to_place(ctx.new_id("p"), cand, resolved))
        ctx.shared["place_priors"] = priors
    return places


def collect_candidates(ctx: Context, gazetteer: Gazetteer) -> list[pc.Candidate]:
    text = ctx.text
    found = [pc.extend_with_direction(text, c) if gazetteer.country_of_name(c.lookup) else c
             for c in pc.scan_known_names(text)]
    found += pc.scan_demonym_places(text)
    ents = list(ctx.doc.ents)
    found += pc.entity_candidates(ctx.doc, ents)
    found += pc.proper_noun_candidates(ctx.doc, ents)
    found = [c if gazetteer.country_of_name(c.lookup) else pc.extend_with_designator(text, c)
             for c in found]
    found += pc.dateline_candidates(ctx.record.dateline)
    kept = pc.resolve_overlaps(found)
    return [c for c in kept if c.source != "blocked" and pc.keep_place_use(ctx.doc, c, ents)]


def country_priors(text: str, candidates: list[pc.Candidate], gazetteer: Gazetteer
                   ) -> dict[str, float]:
    """How much the article is about each country: its share of the country
    mentions (names and demonyms); the dateline's country gets the full 1.0."""
    counts: Counter[str] = Counter()
    for cand in candidates:
        iso3 = cand.country or gazetteer.country_of_name(cand.lookup)
        if iso3:
            counts[iso3] += 1
    demonyms = gazetteer.demonyms()
    for m in pc.demonym_pattern().finditer(text):
        counts[demonyms[m.group()]] += 1
    total = sum(counts.values())
    priors = {iso3: n / total for iso3, n in counts.items()}
    for cand in candidates:
        if cand.source == "dateline":
            resolved = gazetteer.resolve(cand.lookup, priors)
            if resolved and resolved.country:
                priors[resolved.country] = DATELINE_PRIOR
    return priors


def resolve_candidate(text: str, cand: pc.Candidate, gazetteer: Gazetteer,
                      priors: dict[str, float]) -> Resolved | None:
    if cand.source == "demonym":
        return gazetteer.country(cand.country)
    if cand.lookup in pc.words()["generic_names"]:
        return None
    resolved = gazetteer.resolve(cand.lookup, priors)
    if resolved is None:
        return None
    if resolved.metonym and not _after_locative(text, cand.start):
        return None  # "the Kremlin said": the people in it, not the place
    # A tagged place after "in"/"at"/... is trusted at any size ("in Kherson").
    trusted = cand.source == "entity" and _after_locative(text, cand.start)
    if cand.source in ("entity", "weak") and not trusted \
            and not _plausible_entity_match(cand, resolved, gazetteer, priors):
        return None
    if cand.source == "direction":
        return Resolved(cand.text, "region", resolved.country, None, resolved.lat, resolved.lon)
    if cand.designated and resolved.feature == "city":
        return Resolved(cand.text, "admin1", resolved.country, None, resolved.lat, resolved.lon)
    return resolved


def _in_place_context(text: str, cand: pc.Candidate, accepted: list[Place]) -> bool:
    """After a locative preposition ("in Taiz"), or listed right after a
    place ("in Sanaa and Taiz")."""
    if _after_locative(text, cand.start):
        return True
    link = re.search(r"(?:,|\band|\bor)\s+$", text[max(0, cand.start - 6):cand.start])
    if not link or not accepted:
        return False
    link_start = cand.start - (len(text[max(0, cand.start - 6):cand.start]) - link.start())
    return text[accepted[-1].end:link_start].strip() == ""


def _after_locative(text: str, start: int) -> bool:
    preps = pc.words()["locative_prepositions"]
    before = text[max(0, start - 30):start]
    return re.search(rf"(?<![\w])(?:{'|'.join(preps)})\s+(?:the\s+)?$", before) is not None


def _plausible_entity_match(cand: pc.Candidate, resolved: Resolved, gazetteer: Gazetteer,
                            priors: dict[str, float]) -> bool:
    """A city found only by spaCy must be big enough not to be a stray name."""
    if resolved.feature == "admin1" and cand.source == "weak":
        return resolved.country in priors
    if resolved.feature != "city":
        return True
    cities = gazetteer.cities.get(cand.lookup) or gazetteer.city_alternates.get(cand.lookup, [])
    population = max((c["population"] for c in cities if c["geonameid"] == resolved.geonames_id),
                     default=0)
    if cand.source == "weak" and resolved.country not in priors:
        # a doubtful name must be in a country the article is about, or a big city
        return population >= MIN_WEAK_CITY_POPULATION_ELSEWHERE
    floor = MIN_CITY_POPULATION_IN_PRIORS if resolved.country in priors else MIN_CITY_POPULATION_ELSEWHERE
    return population >= floor


def to_place(place_id: str, cand: pc.Candidate, resolved: Resolved) -> Place:
    return Place(text=cand.text, start=cand.start, end=cand.end, id=place_id,
                 name=resolved.name, feature=resolved.feature, country=resolved.country,
                 geonames_id=resolved.geonames_id, lat=resolved.lat, lon=resolved.lon)
