"""Where place names might be in a text: candidate spans, before geocoding.

Candidates come from four finders:

* ``scan_known_names``: every country name, capital and curated place
  (regions, water, estates) written verbatim, longest first;
* ``scan_demonym_places``: demonym-led phrases such as "Lebanese territory";
* ``entity_candidates``: spaCy GPE/LOC/FAC entities the scan did not cover
  (cities and subdivisions, geocoded later);
* ``dateline_candidates``: the place of a dateline ("TEL AVIV - ").

``keep_place_use`` then drops names that are not used as places in their
sentence: inside a person or organisation name ("Israel Ziv", "The
Washington Post"), or modifying a following noun ("U.S. officials").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc

from .. import lexicons
from ..model import Span
from ..nlp.dateline import dateline_parts
from .place_gazetteer import Gazetteer

ENTITY_LABELS = ("GPE", "LOC", "FAC")
# Labels the small spaCy model often gives to towns ("Taiz" PERSON, "Derna"
# ORG): such entities are places only in a place context ("in Taiz").
WEAK_LABELS = ("PERSON", "ORG", "NORP", "PRODUCT")
# Entities that may contain a place name without being one.
BLOCKING_LABELS = ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "NORP")


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    lookup: str  # the name to resolve ("Tel Aviv" for the dateline "TEL AVIV")
    source: str  # known | demonym | entity | dateline | direction
    country: str | None = None  # already known (demonym phrases)
    designated: bool = False  # followed by "region", "province", ... (kept in the span)


def words() -> dict:
    return lexicons.load("places_words.yaml")


@lru_cache(maxsize=1)
def _known_name_pattern() -> re.Pattern:
    names = set(Gazetteer.shared().known_names()) | set(words()["not_places"])
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 1)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w]|-[A-Za-z])")


@lru_cache(maxsize=1)
def demonym_pattern() -> re.Pattern:
    demonyms = sorted(Gazetteer.shared().demonyms(), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, demonyms))})(?![\w])")


@lru_cache(maxsize=1)
def _demonym_phrase_pattern() -> re.Pattern:
    demonyms = sorted(Gazetteer.shared().demonyms(), key=len, reverse=True)
    nouns = sorted(words()["demonym_place_nouns"], key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?P<demonym>{'|'.join(map(re.escape, demonyms))})"
                      rf"\s+(?P<noun>{'|'.join(map(re.escape, nouns))})(?![\w])")


def scan_known_names(text: str) -> Iterator[Candidate]:
    not_places = set(words()["not_places"])
    known = set(Gazetteer.shared().known_names())
    for m in _known_name_pattern().finditer(text):
        source = "blocked" if m.group() in not_places else "known"
        start, end, name = _strip_article(m.start(), m.end(), m.group())
        yield Candidate(start, end, name, name if name in known else m.group(), source)


def scan_demonym_places(text: str) -> Iterator[Candidate]:
    demonyms = Gazetteer.shared().demonyms()
    blockers = set(words()["demonym_phrase_blockers"])
    for m in _demonym_phrase_pattern().finditer(text):
        following = re.match(r"\s+(\w+)", text[m.end():])
        if following and following.group(1).lower() in blockers:
            continue
        yield Candidate(m.start(), m.end(), m.group(), m.group(), "demonym",
                        country=demonyms[m.group("demonym")])


def entity_candidates(doc: Doc, ents=None) -> Iterator[Candidate]:
    for ent in (doc.ents if ents is None else ents):
        if ent.label_ not in ENTITY_LABELS + WEAK_LABELS:
            continue
        start, end, text = _strip_article(ent.start_char, ent.end_char, ent.text)
        yield Candidate(start, end, text, text, "entity" if ent.label_ in ENTITY_LABELS else "weak")


def proper_noun_candidates(doc: Doc, ents=None) -> Iterator[Candidate]:
    """Runs of proper nouns outside any entity: towns the NER missed ("Bakhmut")."""
    in_entity = {i for ent in (doc.ents if ents is None else ents) for i in range(ent.start, ent.end)}
    text = doc.text  # rebuilt by spaCy on each access: read once
    run: list = []
    for token in list(doc) + [None]:
        if token is not None and token.pos_ == "PROPN" and token.i not in in_entity \
                and token.text[:1].isupper():
            run.append(token)
            continue
        if run:
            start, end = run[0].idx, run[-1].idx + len(run[-1])
            yield Candidate(start, end, text[start:end], text[start:end], "weak")
        run = []


def dateline_candidates(dateline: Span | None) -> Iterator[Candidate]:
    """The dateline's place (and region, "KYIV, Ukraine"), in title case for lookup."""
    if dateline is None:
        return
    parts = dateline_parts(dateline)
    cursor = 0
    for key in ("place", "region"):
        part = parts.get(key)
        if not part:
            continue
        offset = dateline.text.find(part, cursor)
        if offset < 0:
            continue
        cursor = offset + len(part)
        start = dateline.start + offset
        yield Candidate(start, start + len(part), part, _title(part), "dateline")


def extend_with_direction(text: str, cand: Candidate) -> Candidate:
    """'southern' + 'Lebanon' -> the region 'southern Lebanon' (same country)."""
    # Searched within a window before the name (the pattern is anchored at its
    # end): searching all of text[:start] made long articles quadratic.
    m = _direction_pattern().search(text, max(0, cand.start - DIRECTION_WINDOW), cand.start)
    if not m:
        return cand
    return Candidate(m.start(), cand.end, text[m.start():cand.end], cand.lookup, "direction",
                     cand.country)


DIRECTION_WINDOW = 200  # characters: a direction word and the spaces after it


@lru_cache(maxsize=1)
def _direction_pattern() -> re.Pattern:
    prefixes = words()["direction_prefixes"]
    return re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, prefixes))})\s+$")


def extend_with_designator(text: str, cand: Candidate) -> Candidate:
    """'Borno' + ' state' -> 'Borno state' (the subdivision, named in full)."""
    designators = words()["designators"]
    m = re.match(rf"\s+({'|'.join(map(re.escape, designators))})(?![\w-])", text[cand.end:])
    if not m:
        return cand
    end = cand.end + m.end()
    return Candidate(cand.start, end, text[cand.start:end], cand.lookup, cand.source,
                     cand.country, designated=True)


def keep_place_use(doc: Doc, cand: Candidate, ents=None) -> bool:
    """False when the name is part of another name or modifies a noun.
    ``ents``: ``doc.ents`` computed once by the caller (it is rebuilt on each access)."""
    if cand.source in ("dateline", "demonym"):
        return True
    if _inside_blocking_entity(doc.ents if ents is None else ents, cand):
        return False
    return not _is_noun_modifier(doc, cand)


def _inside_blocking_entity(ents, cand: Candidate) -> bool:
    # spaCy's entities are sorted and never overlap, so only the last one
    # starting at or before the candidate can cover it: found by bisection
    # (a scan over every entity per candidate made long articles quadratic).
    i = bisect.bisect_right(ents, cand.start, key=_start_char) - 1
    if i < 0:
        return False
    ent = ents[i]
    if ent.label_ not in BLOCKING_LABELS:
        return False
    covers = ent.start_char <= cand.start and cand.end <= ent.end_char
    longer = (ent.end_char - ent.start_char) > (cand.end - cand.start) + 4
    return covers and longer


def _start_char(ent) -> int:
    return ent.start_char


def _is_noun_modifier(doc: Doc, cand: Candidate) -> bool:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    while last.dep_ == "conj" and last.head.i < last.i:  # "the Israeli and U.S. officials"
        last = last.head
    head = last.head
    modifier_deps = words()["modifier_dependencies"]
    if head.lower_ in words()["geographic_heads"]:
        return False  # "the Lake Chad basin" is a place
    return (last.dep_ in modifier_deps and head.i > last.i and head.i >= span.start + len(span)
            and head.pos_ in ("NOUN", "PROPN") and head.i - span.end <= 3)


def resolve_overlaps(cands: Iterable[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (earliest on ties)."""
    # ``kept`` stays sorted by start and disjoint, so the only kept candidate
    # that can overlap a new one is the last starting before its end (bisection,
    # not a scan of all kept: long articles have thousands of candidates).
    kept: list[Candidate] = []
    starts: list[int] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(starts, cand.end)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        kept.insert(i, cand)
        starts.insert(i, cand.start)
    return kept


def _strip_article(start: int, end: int, text: str) -> tuple[int, int, str]:
    for article in ("the ", "The "):
        if text.startswith(article):
            cut = len(article)
            return start + cut, end, text[cut:]
    return start, end, text


def _title(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())
