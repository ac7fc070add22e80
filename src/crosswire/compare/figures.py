"""Figure conflicts: two figures for one count that cannot both hold.
See ``compare/conflicts.py`` for the rules common to all conflicts.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..link.features import content_words, parse_day
from ..link.origins import ArticleInfo, Origin, claim_origin, publisher_origin
from .conflicts import make_conflict, short
from .polarity import generic_units

FIGURE_RATIO = 3.0

# ------------------------------------------------------------------ figures


@dataclass
class FigureItem:
    article_id: str
    outlet: str | None
    quantity: dict
    origin: Origin
    claimed: bool
    day: object
    place: str | None
    period: str | None

    def interval(self) -> tuple[float, float]:
        q = self.quantity
        value = q.get("value")
        low = q.get("low") if q.get("low") is not None else value
        high = q.get("high") if q.get("high") is not None else value
        approx = q.get("approx") or "exact"
        if approx == "about" and value is not None:
            return (0.9 * value, 1.1 * value)
        if approx in ("more_than", "at_least"):
            return (low if low is not None else value, float("inf"))
        if approx in ("less_than", "up_to"):
            return (0.0, high if high is not None else value)
        return (low, high)


def figure_item(quantity: dict, record: dict, infos: dict[str, ArticleInfo]) -> FigureItem:
    claim = next((c for c in record.get("claims", []) if c["id"] == quantity.get("claim")), None)
    origin = (claim_origin(claim, record, infos) if claim
              else publisher_origin(str(record["id"]), infos))
    places = {p["id"]: p.get("country") for p in record.get("places", [])}
    timexes = {t["id"]: t.get("value") for t in record.get("timexes", [])}
    return FigureItem(str(record["id"]), record.get("outlet"), quantity, origin, claim is not None,
                      parse_day(record.get("published")), places.get(quantity.get("place")),
                      timexes.get(quantity.get("period")))


def _unit(item: FigureItem) -> str | None:
    """The thing counted, or None for people in general."""
    words = content_words(item.quantity.get("unit"))
    return words[-1] if words and words[-1] not in generic_units() else None


def same_count(a: FigureItem, b: FigureItem) -> bool:
    """Could these two figures be counting the same thing?"""
    qa, qb = a.quantity, b.quantity
    if qa.get("category") != qb.get("category") or qa.get("category") in (None, "other"):
        return False
    for x, y in ((a.place, b.place), (a.period, b.period)):
        if x and y and x != y:
            return False
    if _unit(a) != _unit(b):
        return False  # "12 soldiers" and "30 people" count different things
    if a.article_id == b.article_id and not (a.claimed and b.claimed):
        return False  # one writer's own figures are different counts
    if not (a.period and b.period) and a.day != b.day:
        return False  # a later, different figure is an update
    va, vb = qa.get("value"), qb.get("value")
    if not va or not vb:
        return False
    return max(va, vb) / min(va, vb) <= FIGURE_RATIO


def figure_side(item: FigureItem) -> dict:
    return {"text": item.quantity["text"], "value": item.quantity.get("value"),
            "approx": item.quantity.get("approx"), "source": item.origin.label,
            "source_kind": item.origin.kind, "article": item.article_id, "outlet": item.outlet,
            "quantity": item.quantity["id"]}


def figure_conflicts(items: list[FigureItem], story_id: str) -> list[dict]:
    out, seen = [], set()
    for a, b in combinations(items, 2):
        if a.origin.key == b.origin.key or not same_count(a, b):
            continue
        claim_pair = frozenset([(a.origin.key, a.quantity.get("value")),
                                (b.origin.key, b.quantity.get("value"))])
        if claim_pair in seen:
            continue  # the same two figures from the same two origins, told again
        seen.add(claim_pair)
        (lo_a, hi_a), (lo_b, hi_b) = a.interval(), b.interval()
        if lo_a is None or lo_b is None or (lo_a <= hi_b and lo_b <= hi_a):
            continue
        category = a.quantity["category"]
        topic = " ".join(filter(None, [category, _unit(a) or _unit(b), a.place or b.place,
                                       a.period or b.period]))
        sides = [figure_side(a), figure_side(b)]
        explanation = (f"different figures for {topic}: \"{short(a.quantity['text'])}\" "
                       f"({a.origin.label}) vs \"{short(b.quantity['text'])}\" ({b.origin.label})")
        out.append(make_conflict("figure", story_id, topic, explanation, sides,
                                 [f"{a.article_id}:{a.quantity['id']}",
                                  f"{b.article_id}:{b.quantity['id']}"]))
    return out


