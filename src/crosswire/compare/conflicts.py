"""Conflicts between reports of one story, each explained in words.

This module holds what all kinds share (the conflict's shape and id); each
kind has its module: ``polarity``, ``figures``, ``event_conflicts``.

Four kinds, all between items with different origins (``link.origins``):

* ``figure``   -- two figures for the same count (category, place, period, unit)
  whose ranges cannot both hold ("31 killed" vs "at least 40 killed"). Figures
  from different days without a stated period are updates, not conflicts;
  figures more than ``FIGURE_RATIO`` apart are taken to count different things.
* ``denial``   -- the same event asserted (or planned) by one origin, denied by another.
* ``date``     -- the same actors doing the same kind of thing, both dated from
  the text, on days that cannot both be right (within ``DATE_WINDOW_DAYS``).
* ``polarity`` -- two claims about the same actor or place where one says it
  does and the other that it does not ("Moscow to prevent Hezbollah from
  rearming" vs "Russia would not be involved"): an actor mentioned in both
  contents as the subject of what follows, denied in one ("would not") and not
  in the other; unresolved pronoun sources are skipped. Claims
  in one article are compared freely (the writer put them side by side);
  across articles they must also share content words.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from .. import lexicons

# Rows of the conflicts table that record a decision that two figures do NOT
# conflict (``compare.figures``): kept so every decision has its reason, but never
# counted, listed or marked disputed as conflicts.
NOT_CONFLICT_KINDS = ("figure_update", "figure_set_aside")

# Why a conflict of each kind is one (figures give their own, pair by pair).
KIND_REASONS = {
    "denial": "one origin reports the event, an independent one denies it, naming the same actors",
    "date": "the same actors doing the same kind of thing, dated from the text on days that "
            "cannot both be right",
    "polarity": "one source says the actor does, another (a different origin) that it does not",
}


def is_conflict(record: dict) -> bool:
    return record.get("kind") not in NOT_CONFLICT_KINDS


def conflict_id(kind: str, keys: list[str]) -> str:
    return "k" + hashlib.sha1("|".join([kind, *sorted(keys)]).encode("utf-8")).hexdigest()[:12]


def make_conflict(kind: str, story_id: str, topic: str, explanation: str,
                  sides: list[dict], keys: list[str]) -> dict:
    """A conflict as stored (``conflicts.data``) and printed by ``crosswire conflicts``;
    ``reason`` says why it was judged one (figures replace it with their own)."""
    return {"id": conflict_id(kind, keys), "story": story_id, "kind": kind, "topic": topic,
            "explanation": explanation,
            "between": [side_name(s) for s in sides],
            "articles": list(dict.fromkeys(s["article"] for s in sides)), "sides": sides,
            "conflict": kind not in NOT_CONFLICT_KINDS, "reason": KIND_REASONS.get(kind)}


def side_name(side: dict) -> str | None:
    """Who holds a side: the source as written, or the name a pronoun stands
    for ("he" -> "Charles Hecker"). Resolved descriptions ("the official" ->
    an earlier "a senior official") are not swapped in: the text is surer."""
    source = side.get("source")
    if side.get("resolved") and (source or "").lower() in pronouns():
        return side["resolved"]
    return source


@lru_cache(maxsize=1)
def pronouns() -> frozenset[str]:
    """Source words that only stand for someone ("he", "they": link_sources.yaml)."""
    return frozenset(str(w).lower() for w in lexicons.load("link_sources.yaml")["pronouns"])


def short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


