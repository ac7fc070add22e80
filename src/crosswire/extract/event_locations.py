"""Event locations: ``event.location`` = id of the place where the event
happened, when its sentence says so ("strikes in Tyre", "met in Doha",
"a visit to Moscow").

A place qualifies when a locative preposition ties it to the trigger
(directly or through one or two words: "strikes on targets in Tyre"). Failing
that, a place after "in"/"at"/"near" elsewhere in the same sentence is taken,
the one nearest the trigger. A place that is the event's source or target
("pressure on Israel") is never its location.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import Event, Place
from . import place_candidates
from .pipeline import Context, component

# How many words may sit between the preposition's head and the trigger.
MAX_HOPS = 2
# Prepositions that locate on their own in running text (fallback rule).
FALLBACK_PREPOSITIONS = ("in", "at", "near", "outside", "inside")


@component("event_locations")
def make_event_locations(config):
    def event_locations(ctx: Context) -> None:
        for event in ctx.record.events:
            if event.location is None:
                place = locate(ctx, event)
                event.location = place.id if place else None
    return event_locations


def locate(ctx: Context, event: Event) -> Place | None:
    options = [p for p in places_in_sentence(ctx, event.sentence) if not _is_participant(p, event)]
    if not options:
        return None
    trigger = _trigger_token(ctx, event)
    if trigger is not None:
        attached = [p for p in options if _attached_to(ctx, p, trigger)]
        if attached:
            return _nearest(attached, event)
    after_preposition = [p for p in options if _after_preposition(ctx.text, p.start)]
    return _nearest(after_preposition, event) if after_preposition else None


def places_in_sentence(ctx: Context, index: int) -> list[Place]:
    if not ctx.record.sentences or index >= len(ctx.record.sentences):
        return []
    start, end = ctx.record.sentences[index]
    return [p for p in ctx.record.places if start <= p.start and p.end <= end]


def _is_participant(place: Place, event: Event) -> bool:
    for ref in (event.source, event.target):
        if ref is not None and ref.start < place.end and place.start < ref.end:
            return True
    return False


def _trigger_token(ctx: Context, event: Event) -> Token | None:
    span = ctx.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attached_to(ctx: Context, place: Place, trigger: Token) -> bool:
    """Place -> locative preposition -> (up to MAX_HOPS words) -> trigger."""
    span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    preposition = span.root.head
    if preposition.lower_ not in place_candidates.words()["locative_prepositions"]:
        return False
    token = preposition.head
    for _ in range(MAX_HOPS + 1):
        if token.i == trigger.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 20):start]
    return re.search(rf"(?<![\w])(?:{'|'.join(FALLBACK_PREPOSITIONS)})\s+(?:the\s+)?$",
                     before) is not None


def _nearest(places: list[Place], event: Event) -> Place:
    middle = (event.trigger.start + event.trigger.end) // 2
    return min(places, key=lambda p: abs((p.start + p.end) // 2 - middle))
