"""Merged events: one real-world event, all the articles that report it.

Mentions (article-level events) of one story are merged greedily in ingest
order. A mention joins the first merged event that has

* the same event family (``lexicons/link_event_families.yaml``: PLOVER types
  that describe the same kind of act; the CAMEO root when PLOVER is missing),
* the same modality class: happened, planned or denied are kept apart,
* compatible actors: no role whose countries (or names) differ, and at least
  one role that positively matches; symmetric families ("met") may swap roles;
  when a role is known on one side only, both must be dated and overlap
  (otherwise "Dermer met officials" would swallow every later meeting),
* dates that agree at the finer granularity (``dates_agree_finely``): two days or
  weeks overlap (one day of slack); a day or week lies inside a month; two months
  are the same. Vague or very wide dates ("PAST_REF", "2024", "the 20th century":
  ``date_precision`` "vague"/"wide") carry no date evidence: a mention so dated (or
  undated) joins a specifically dated event only when both its actors are known
  and match, and never widens the event's date,
* the same country of location when both give one.

Each merged event keeps every mention and its origin; ``num_sources`` counts
distinct origins (``link.origins``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from .. import lexicons
from .origins import ArticleInfo, Origin, independent_groups, mention_origin

DATE_SLACK = timedelta(days=1)
# Widest span (days) of a date at each precision; anything wider is "wide".
PRECISION_DAYS = (("day", 1), ("week", 7), ("month", 31))
SPECIFIC = frozenset(name for name, _ in PRECISION_DAYS)


class EventKinds(NamedTuple):
    family_of_type: dict[str, str]  # PLOVER type -> family
    symmetric: frozenset[str]  # families whose roles may be swapped
    modality_class: dict[str, str]  # modality -> happened | planned | denied
    directional_modes: frozenset[str]  # PLOVER modes never swapped ("visit")


@lru_cache(maxsize=1)
def _kinds() -> EventKinds:
    data = lexicons.load("link_event_families.yaml")
    return EventKinds({t: fam for fam, types in data["families"].items() for t in types},
                      frozenset(data.get("symmetric", [])), dict(data["modality_classes"]),
                      frozenset(data.get("directional_modes", [])))


def event_family(event: dict) -> str:
    plover_type = (event.get("plover") or {}).get("type")
    if plover_type in _kinds().family_of_type:
        return _kinds().family_of_type[plover_type]
    return "cameo:" + (event.get("cameo_root") or (event.get("cameo") or "")[:2])


def modality_class(event: dict) -> str:
    return _kinds().modality_class.get(event.get("modality") or "asserted", "happened")


def is_symmetric(family: str, mode: str | None = None) -> bool:
    return family in _kinds().symmetric and mode not in _kinds().directional_modes


# ----------------------------------------------------------------- mention profile


@dataclass(frozen=True)
class ActorKey:
    country: str | None
    code: str | None
    name: str | None

    @classmethod
    def of(cls, ref: dict | None) -> "ActorKey | None":
        if not ref:
            return None
        actor = ref.get("actor") or {}
        name = (actor.get("name") or ref.get("text") or "").lower().strip() or None
        if not (actor.get("country") or actor.get("code") or name):
            return None
        return cls(actor.get("country"), actor.get("code"), name)


def actor_match(a: ActorKey | None, b: ActorKey | None) -> str:
    """"same", "unknown" (one side missing) or "different"."""
    if a is None or b is None:
        return "unknown"
    if a.country and b.country:
        return "same" if a.country == b.country else "different"
    if a.code and b.code and a.code == b.code:
        return "same"
    if a.name and b.name and (a.name == b.name or a.name in b.name or b.name in a.name):
        return "same"
    return "different"


def actors_fit(src_a, tgt_a, src_b, tgt_b, symmetric: bool) -> str:
    """"full" (no role differs, none missing on one side), "partial" (no role
    differs, one matches, one is missing on a side) or "no"."""
    def fit(s1, t1, s2, t2) -> str:
        matches = (actor_match(s1, s2), actor_match(t1, t2))
        if "different" in matches or "same" not in matches:
            return "no"
        known_both = [x is not None and y is not None for x, y in ((s1, s2), (t1, t2))]
        lopsided = any(not k and (x is not None or y is not None)
                       for k, (x, y) in zip(known_both, ((s1, s2), (t1, t2))))
        return "partial" if lopsided else "full"
    straight = fit(src_a, tgt_a, src_b, tgt_b)
    if straight == "full" or not symmetric:
        return straight
    swapped = fit(src_a, tgt_a, tgt_b, src_b)
    return "full" if swapped == "full" else ("partial" if "partial" in (straight, swapped) else "no")


def parse_iso_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_dates(event: dict) -> tuple[date, date] | None:
    when = event.get("date") or {}
    start = parse_iso_day(when.get("start")) or parse_iso_day(when.get("value"))
    end = parse_iso_day(when.get("end")) or start
    if start is None:
        return None
    return (start, max(start, end))


def date_precision(event: dict) -> str | None:
    """"day", "week", "month" (specific enough to place on a timeline), "wide" (a
    year, a decade, a century), "vague" ("in the past", no start), or None (undated)."""
    when = event.get("date") or {}
    if not when:
        return None
    dates = event_dates(event)
    if (when.get("value") or "").endswith("_REF") or dates is None:
        return "vague"
    return _precision_of(dates)


def _precision_of(dates: tuple[date, date]) -> str:
    width = (dates[1] - dates[0]).days + 1
    return next((name for name, days in PRECISION_DAYS if width <= days), "wide")


def specific_dates(event: dict) -> tuple[date, date] | None:
    """The event's dates if specific enough to compare (a month or finer)."""
    return event_dates(event) if date_precision(event) in SPECIFIC else None


def dates_agree_finely(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Agreement at the finer granularity: the narrower date must fall inside the
    wider one when that is a month; days and weeks overlap (one day of slack)."""
    fine, coarse = sorted((a, b), key=lambda d: d[1] - d[0])
    if _precision_of(coarse) == "month":
        return coarse[0] - DATE_SLACK <= fine[0] and fine[1] <= coarse[1] + DATE_SLACK
    return dates_overlap(a, b)


def _narrowest_earliest(dates: tuple[date, date]) -> tuple:
    """Sort key for a merged event's date: the narrowest, then the earliest (a
    report the next day of "killed 30" should not move an attack to that day)."""
    return (dates[1] - dates[0], dates[0])


def dates_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """True unless both are dated and the dates are apart (one day of slack)."""
    if a is None or b is None:
        return True
    return a[0] - DATE_SLACK <= b[1] and b[0] - DATE_SLACK <= a[1]


def dates_agree(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Positive evidence: both specifically dated, and the dates agree."""
    return a is not None and b is not None and dates_agree_finely(a, b)


def place_country(event: dict, record: dict) -> str | None:
    place_id = event.get("location")
    for place in record.get("places", []):
        if place["id"] == place_id:
            return place.get("country")
    return None


@dataclass
class Mention:
    article_id: str
    seq: int
    event: dict
    record: dict
    outlet: str | None
    origin: Origin
    family: str
    mclass: str
    source: ActorKey | None
    target: ActorKey | None
    dates: tuple[date, date] | None  # only specific dates (``specific_dates``)
    country: str | None

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.event['id']}"

    def information(self) -> float:
        """How much this mention tells: the most informative one represents the event."""
        return (sum(x is not None and x.country is not None for x in (self.source, self.target))
                + (self.dates is not None) + (self.country is not None)
                + float(self.event.get("confidence") or 0.0))


def make_mention(record: dict, seq: int, event: dict, infos: dict[str, ArticleInfo]) -> Mention:
    return Mention(
        article_id=str(record["id"]), seq=seq, event=event, record=record,
        outlet=record.get("outlet"), origin=mention_origin(event, record, infos),
        family=event_family(event), mclass=modality_class(event),
        source=ActorKey.of(event.get("source")), target=ActorKey.of(event.get("target")),
        dates=specific_dates(event), country=place_country(event, record))


# ----------------------------------------------------------------- merging


@dataclass
class MergedEvent:
    mentions: list[Mention] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # mention key -> why it joined

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def id(self) -> str:
        return "m" + hashlib.sha1(self.first.key.encode("utf-8")).hexdigest()[:12]

    def known(self, attribute: str):
        """The first non-empty value of a mention attribute among the members."""
        for mention in self.mentions:
            value = getattr(mention, attribute)
            if value is not None:
                return value
        return None

    def finest_dates(self) -> tuple[date, date] | None:
        """The narrowest specific date of the members: a wide one never widens it."""
        dated = [m.dates for m in self.mentions if m.dates is not None]
        return min(dated, key=_narrowest_earliest) if dated else None

    def representative(self) -> Mention:
        return max(self.mentions, key=lambda m: (m.information(), -self.mentions.index(m)))

    def origins(self) -> list[Origin]:
        seen: dict[str, Origin] = {}
        for mention in self.mentions:
            seen.setdefault(mention.origin.key, mention.origin)
        return list(seen.values())

    def independent_origins(self) -> list[list[Origin]]:
        """The origins in groups independent of each other (``link.origins``):
        what ``num_sources`` counts and what corroboration needs two of."""
        return independent_groups([m.origin for m in self.mentions])

    def published(self) -> list[str]:
        """Publication times of the reporting articles (those that state one)."""
        return [m.record["published"] for m in self.mentions if m.record.get("published")]

    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(m.article_id for m in self.mentions))


def match_reason(mention: Mention, merged: MergedEvent, *, same_modality: bool = True
                 ) -> str | None:
    """Why ``mention`` reports the same event as ``merged``, in words; None if it does not."""
    first = merged.first
    if mention.family != first.family:
        return None
    if same_modality and mention.mclass != first.mclass:
        return None
    mode = (mention.event.get("plover") or {}).get("mode")
    fit = actors_fit(mention.source, mention.target, merged.known("source"),
                     merged.known("target"), is_symmetric(mention.family, mode))
    dates = merged.finest_dates()
    if fit == "no" or (mention.dates and dates and not dates_agree_finely(mention.dates, dates)):
        return None
    if fit == "partial" and not dates_agree(mention.dates, dates):
        return None
    if (mention.dates is None) != (dates is None) and not _both_actors_match(mention, merged):
        return None  # no date evidence on one side: only a full match of actors will do
    country = merged.known("country")
    if mention.country and country and mention.country != country:
        return None
    return "; ".join(filter(None, [
        f"same kind ({mention.family}, {mention.mclass})",
        f"{'matching' if fit == 'full' else 'partly known'} actors "
        f"({_actor_words(merged.known('source'))} -> {_actor_words(merged.known('target'))})",
        "dates agree" if dates_agree(mention.dates, dates) else None,
        f"same place ({country})" if mention.country and country else None]))


def _both_actors_match(mention: Mention, merged: MergedEvent) -> bool:
    known = (mention.source, mention.target, merged.known("source"), merged.known("target"))
    if None in known:
        return False
    mode = (mention.event.get("plover") or {}).get("mode")
    return actors_fit(*known, is_symmetric(mention.family, mode)) == "full"


def _actor_words(actor: ActorKey | None) -> str:
    if actor is None:
        return "?"
    return actor.country or actor.code or actor.name or "?"


def same_event(mention: Mention, merged: MergedEvent, *, same_modality: bool = True) -> bool:
    return match_reason(mention, merged, same_modality=same_modality) is not None


def merge_mentions(mentions: list[Mention]) -> list[MergedEvent]:
    """Greedy, order-preserving merge: each mention joins the first event it fits."""
    merged: list[MergedEvent] = []
    for mention in mentions:
        for candidate in merged:
            reason = match_reason(mention, candidate)
            if reason is not None:
                candidate.mentions.append(mention)
                candidate.reasons[mention.key] = reason
                break
        else:
            merged.append(MergedEvent([mention], {mention.key: "first report"}))
    return merged


def story_mentions(records: list[tuple[dict, int]], infos: dict[str, ArticleInfo]
                   ) -> list[Mention]:
    """Every article-level event of a story's articles, in ingest order."""
    return [make_mention(record, seq, event, infos)
            for record, seq in records for event in record.get("events", [])]


# ----------------------------------------------------------------- output shape


def sentence_text(record: dict, index: int) -> str | None:
    sentences = record.get("sentences") or []
    if 0 <= index < len(sentences):
        start, end = sentences[index]
        return record["text"][start:end]
    return None


def place_of(record: dict, place_id: str | None) -> dict | None:
    for place in record.get("places", []):
        if place["id"] == place_id:
            return {k: place.get(k) for k in ("name", "country", "feature", "lat", "lon",
                                              "geonames_id")}
    return None


def merged_dates(merged: MergedEvent) -> dict | None:
    """The narrowest specific date of the members, else the representative's date,
    else the first member's date."""
    specific = [m for m in merged.mentions if m.dates is not None]
    if specific:
        return min(specific, key=lambda m: _narrowest_earliest(m.dates)).event["date"]
    rep = merged.representative()
    if rep.event.get("date"):
        return rep.event["date"]
    for mention in merged.mentions:
        if mention.event.get("date"):
            return mention.event["date"]
    return None


def independent_source(group: list[Origin]) -> dict:
    """One independent origin as printed: the first origin of its group, and the
    others it stands for ("Channel 13", also "sources familiar with ... (Channel 13)")."""
    lead = group[0]
    return {"label": lead.label, "kind": lead.kind, "also": [o.label for o in group[1:]]}


def to_output(merged: MergedEvent, story_id: str, status: str) -> dict:
    """The merged event as ``crosswire events --format json`` prints it."""
    rep = merged.representative()
    out = {k: v for k, v in rep.event.items()}
    out.update({
        "id": merged.id, "story": story_id, "date": merged_dates(merged),
        "date_precision": date_precision({"date": merged_dates(merged)}),
        "article": rep.article_id, "event": rep.event["id"],
        "text": sentence_text(rep.record, rep.event.get("sentence", -1)),
        "place": place_of(rep.record, rep.event.get("location")),
        "family": rep.family, "mentions": [
            {"article": m.article_id, "event": m.event["id"], "outlet": m.outlet,
             "origin": m.origin.label, "origin_kind": m.origin.kind,
             "modality": m.event.get("modality"),
             "trigger": (m.event.get("trigger") or {}).get("text"),
             "why": merged.reasons.get(m.key)}
            for m in merged.mentions],
        "first_reported": min(merged.published(), default=None),
        "last_reported": max(merged.published(), default=None),
        "num_mentions": len(merged.mentions), "num_articles": len(merged.article_ids()),
        "num_sources": len(merged.independent_origins()),
        "sources": [{"label": o.label, "kind": o.kind} for o in merged.origins()],
        "independent_sources": [independent_source(group)
                                for group in merged.independent_origins()],
        "status": status,
    })
    # Drawn apart from the timeline's bars: a vague or very wide date is not a span.
    out["date_vague"] = out["date_precision"] in ("vague", "wide")
    out.setdefault("cameo_root", (out.get("cameo") or "")[:2])
    return out
