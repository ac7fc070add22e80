"""Event locations: ``event.location`` = id of the place where the event
happened, when its sentence says so ("strikes in Tyre", "met in Doha",
"a visit to Moscow").

Rules, in order:

1. a place tied to the trigger by a locative preposition (directly or
   through up to two words: "strikes on targets in Tyre");
2. the destination of a travel trigger ("visited Israel");
3. else a place after "in"/"at"/"near"/... in the trigger's own clause.

A place that is the event's source or target ("pressure on Israel") is its
location only through a preposition that clearly locates: "in", "at", ...,
"to" after a travel trigger, "on" after an attack.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import Event, Place
from . import place_candidates
from .pipeline import Context, component

# How many words may sit between the preposition's head and the trigger.
MAX_HOPS = 2


def words() -> dict:
    return place_candidates.words()


@component("event_locations")
def make_event_locations(config):
    def event_locations(ctx: Context) -> None:
        for event in ctx.record.events:
            if event.location is None:
                place = locate(ctx, event)
                event.location = place.id if place else None
    return event_locations


def locate(ctx: Context, event: Event) -> Place | None:
    options = places_in_sentence(ctx, event.sentence)
    trigger = _trigger_token(ctx, event)
    if not options or trigger is None:
        return None
    attached = [p for p in options if _attached_and_allowed(ctx, p, trigger, event)]
    if attached:
        return _nearest(attached, event)
    destination = _travel_destination(ctx, options, trigger)
    if destination is not None:
        return destination
    same_clause = [p for p in options if not _is_participant(p, event)
                   and _after_strong_locative(ctx.text, p.start)
                   and _clause_head(_root(ctx, p)) == _clause_head(trigger)]
    return _nearest(same_clause, event) if same_clause else None


def places_in_sentence(ctx: Context, index: int) -> list[Place]:
    if not ctx.record.sentences or index >= len(ctx.record.sentences):
        return []
    start, end = ctx.record.sentences[index]
    return [p for p in ctx.record.places if start <= p.start and p.end <= end]


def _attached_and_allowed(ctx: Context, place: Place, trigger: Token, event: Event) -> bool:
    preposition = _locative_preposition(ctx, place, trigger)
    if preposition is None:
        return False
    if not _is_participant(place, event) or preposition in words()["strong_locatives"]:
        return True
    lemma = trigger.lemma_.lower()
    if preposition in ("to", "into"):
        return lemma in words()["travel_triggers"]
    if preposition in ("on", "upon"):
        return lemma in words()["attack_triggers"]
    return False


def _locative_preposition(ctx: Context, place: Place, trigger: Token) -> str | None:
    """The preposition tying the place to the trigger (within MAX_HOPS), or None."""
    root = _root(ctx, place)
    if root is None:
        return None
    preposition = root.head
    if preposition.lower_ not in words()["locative_prepositions"]:
        return None
    token = preposition.head
    for _ in range(MAX_HOPS + 1):
        if token.i == trigger.i:
            return preposition.lower_
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return None  # another verb's place ("a truce to reach ... in Lebanon")
        token = token.head
    return None


def _travel_destination(ctx: Context, options: list[Place], trigger: Token) -> Place | None:
    """'Russian officials visited Israel': the object of a travel verb."""
    if trigger.lemma_.lower() not in words()["travel_triggers"]:
        return None
    for place in options:
        root = _root(ctx, place)
        if root is not None and root.dep_ == "dobj" and root.head.i == trigger.i:
            return place
    return None


def _is_participant(place: Place, event: Event) -> bool:
    for ref in (event.source, event.target):
        if ref is not None and ref.start < place.end and place.start < ref.end:
            return True
    return False


def _trigger_token(ctx: Context, event: Event) -> Token | None:
    span = ctx.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _root(ctx: Context, place: Place) -> Token | None:
    span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_head(token: Token | None) -> int | None:
    """Index of the first verb at or above ``token``: its clause."""
    steps = 0
    while token is not None and steps < 20:
        if token.pos_ in ("VERB", "AUX"):
            return token.i
        if token.head.i == token.i:
            return token.i
        token, steps = token.head, steps + 1
    return None


def _after_strong_locative(text: str, start: int) -> bool:
    preps = words()["strong_locatives"]
    before = text[max(0, start - 20):start]
    return re.search(rf"(?<![\w])(?:{'|'.join(preps)})\s+(?:the\s+)?$", before) is not None


def _nearest(places: list[Place], event: Event) -> Place:
    middle = (event.trigger.start + event.trigger.end) // 2
    return min(places, key=lambda p: abs((p.start + p.end) // 2 - middle))
