"""Event conflicts: one event asserted and denied, or dated differently.
See ``compare/conflicts.py`` for the rules common to all conflicts.
"""
from __future__ import annotations

from datetime import timedelta
from itertools import combinations

from ..link.events import MergedEvent, actor_match, actors_fit, is_symmetric, same_event
from .conflicts import make_conflict

DATE_WINDOW_DAYS = 7

# ------------------------------------------------------------------ events


def event_side(merged: MergedEvent) -> dict:
    rep = merged.representative()
    return {"text": (rep.event.get("trigger") or {}).get("text"),
            "modality": rep.event.get("modality"),
            "source": ", ".join(o.label for o in merged.origins()),
            "article": rep.article_id, "outlet": rep.outlet, "event": merged.id,
            "articles": merged.article_ids()}


def _disjoint_origins(a: MergedEvent, b: MergedEvent) -> bool:
    return not ({o.key for o in a.origins()} & {o.key for o in b.origins()})


def _actors_label(merged: MergedEvent) -> str:
    rep = merged.representative()
    names = [(rep.event.get(role) or {}).get("text") for role in ("source", "target")]
    return " / ".join(n for n in names if n) or rep.family


def _actors(merged: MergedEvent) -> list:
    return [merged.known("source"), merged.known("target")]


def _fit(a: MergedEvent, b: MergedEvent) -> str:
    mode = (b.first.event.get("plover") or {}).get("mode")
    return actors_fit(b.known("source"), b.known("target"), a.known("source"), a.known("target"),
                      is_symmetric(b.first.family, mode))


def denial_conflicts(merged: list[MergedEvent], story_id: str) -> list[dict]:
    out = []
    for a, b in combinations(merged, 2):
        if {a.first.mclass, b.first.mclass} not in ({"happened", "denied"}, {"planned", "denied"}):
            continue
        if not _disjoint_origins(a, b) or not same_event(b.first, a, same_modality=False):
            continue
        if _fit(a, b) != "full" or None in _actors(a) + _actors(b):
            continue  # a denial must name both the same actors: "A did not meet B"
        yes, no = (a, b) if b.first.mclass == "denied" else (b, a)
        topic = _actors_label(yes)
        sides = [event_side(yes), event_side(no)]
        explanation = (f"{sides[0]['source']} report {topic} ({yes.first.mclass}); "
                       f"{sides[1]['source']} deny it")
        out.append(make_conflict("denial", story_id, topic, explanation, sides, [a.id, b.id]))
    return out


def _dated_from_text(merged: MergedEvent):
    for mention in merged.mentions:
        if mention.dates is not None and (mention.event.get("date") or {}).get("timex"):
            return mention.dates
    return None


def date_conflicts(merged: list[MergedEvent], story_id: str) -> list[dict]:
    out = []
    for a, b in combinations(merged, 2):
        if a.first.family != b.first.family or "happened" != a.first.mclass or \
                a.first.mclass != b.first.mclass or not _disjoint_origins(a, b):
            continue
        if actor_match(a.known("source"), b.known("source")) != "same" or \
                actor_match(a.known("target"), b.known("target")) != "same":
            continue
        da, db_ = _dated_from_text(a), _dated_from_text(b)
        if da is None or db_ is None:
            continue
        gap = max(da[0], db_[0]) - min(da[1], db_[1])
        if not timedelta(days=1) < gap <= timedelta(days=DATE_WINDOW_DAYS):
            continue
        topic = _actors_label(a)
        sides = [event_side(a), event_side(b)]
        for side, dates in ((sides[0], da), (sides[1], db_)):
            side["date"] = dates[0].isoformat()
        explanation = (f"{topic}: {sides[0]['source']} date it {sides[0]['date']}, "
                       f"{sides[1]['source']} {sides[1]['date']}")
        out.append(make_conflict("date", story_id, topic, explanation, sides, [a.id, b.id]))
    return out

