"""The date of each event: the time expression that governs it, else its tense.

1. **timex** — a dated time expression attached in the parse to the event's
   clause: the expression's path up the dependency tree reaches the trigger,
   or reaches the same verb as the trigger ("made a secret *visit* to Russia
   *last week*": both hang on "made"). A reporting verb's date is not the
   event's date ("X happened, Army Radio *reported on Sunday*"). The value is
   the expression's; ``start``/``end`` are the first and last day it covers
   (an ISO week gives its Monday and Sunday). "since Oct. 1" gives only a
   start (value null, end = publication date): the event runs over a period.
2. **tense** — no expression governs the event: the tense of its clause
   places it relative to the publication date, never at a made-up day.
   Past: value ``PAST_REF``, start null (how long before is unknown), end =
   publication date. Future or planned: ``FUTURE_REF``, start = publication
   date, end null. Present: ``PRESENT_REF``, start = end = publication date.
3. **publication** — no clause verb to read: the event was reported in the
   article, so it happened no later than the publication date (value null,
   end = publication date).
Without a publication date, the tense and publication bases give no bounds.
"""
from __future__ import annotations

from bisect import bisect_left
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicons
from ..model import Claim, Event, EventDate, Timex
from .pipeline import Context, component
from .timex_calendar import FUTURE, PAST, REPORTED_FUTURE, parse_reference, value_bounds
from .timex_tense import governing_verb, is_verb, verb_direction

_REFERENCE_VALUES = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
# Climbing further than this from a time expression leaves its clause.
_MAX_CLIMB = 8


@component("event_dates")
def make_event_dates(config):
    def event_dates(ctx: Context) -> None:
        reference = parse_reference(ctx.record.published)
        datable = sorted((t for t in ctx.record.timexes if _is_datable(t)), key=lambda t: t.start)
        cue_tokens = _cue_token_ids(ctx.doc, ctx.record.claims)
        for event in ctx.record.events:
            event.date = date_event(event, ctx.doc, datable, cue_tokens, reference)
    return event_dates


def date_event(event: Event, doc: Doc, timexes: list[Timex], cue_tokens: set[int],
               reference: date | None) -> EventDate:
    """The :class:`EventDate` of one event (see the module docstring for the bases).

    ``timexes`` are the datable ones; ``cue_tokens`` the token indices of claim
    cues ("reported", "according to"), whose dates are not the events'.
    """
    trigger = _trigger_token(doc, event)
    if trigger is None:
        return _publication_date(reference)
    timex = governing_timex(doc, trigger, timexes, cue_tokens)
    if timex is not None:
        return _timex_date(doc, timex, reference)
    clause_verb = trigger if is_verb(trigger) else governing_verb(trigger)
    if clause_verb is None:
        return _publication_date(reference)
    direction = FUTURE if event.modality == "planned" else verb_direction(clause_verb)
    return _tense_date(direction, reference)


def governing_timex(doc: Doc, trigger: Token, timexes: list[Timex],
                    cue_tokens: set[int]) -> Timex | None:
    """The dated expression attached to the trigger's clause, nearest first; None if none.
    ``timexes`` must be sorted by start."""
    trigger_verb = trigger if is_verb(trigger) else governing_verb(trigger)
    attached = []
    sentence = trigger.sent
    # ``timexes`` are in text order: look only at the trigger's sentence (by
    # bisection, so that long articles cost no more per event than short ones).
    first = bisect_left(timexes, sentence.start_char, key=lambda t: t.start)
    last = bisect_left(timexes, sentence.end_char, key=lambda t: t.start)
    for timex in timexes[first:last]:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or span.sent.start != sentence.start:
            continue
        if _attaches(span.root, trigger, trigger_verb, cue_tokens):
            attached.append((abs(span.root.i - trigger.i), timex))
    return min(attached, key=lambda pair: pair[0])[1] if attached else None


def _attaches(timex_root: Token, trigger: Token, trigger_verb: Token | None,
              cue_tokens: set[int]) -> bool:
    """Does the expression hang on the trigger, or on the trigger's own verb?"""
    current = timex_root
    for _ in range(_MAX_CLIMB):
        if current.i == trigger.i or (trigger_verb is not None and current.i == trigger_verb.i):
            return True
        if is_verb(current) and current.i != timex_root.i:
            # The first verb above the expression is its clause: another verb means
            # another clause, unless the trigger sits below it (its clause verb is
            # this one's complement) and it is not a reporting verb.
            return (current.i not in cue_tokens and not _is_reporting(current)
                    and trigger_verb is not None and _direct_clause(current, trigger_verb))
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _direct_clause(upper: Token, lower: Token) -> bool:
    """``lower`` is an open complement of ``upper`` ("went to meet", "began shelling")."""
    return lower.head.i == upper.i and lower.dep_ in ("xcomp", "conj")


def _is_reporting(token: Token) -> bool:
    return token.lemma_.lower() in _reporting_verbs()


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(lexicons.load("time_tense.yaml").get("reporting_verbs", []))


def _cue_token_ids(doc: Doc, claims: list[Claim]) -> set[int]:
    ids: set[int] = set()
    for claim in claims:
        span = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
        if span is not None:
            ids.update(t.i for t in span)
    return ids


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    start, end = event.trigger.start, max(event.trigger.end, event.trigger.start + 1)
    # not len(doc.text): spaCy rebuilds the text on each access (quadratic in long articles)
    doc_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    span = doc.char_span(start, min(end, doc_end), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _is_datable(timex: Timex) -> bool:
    """A calendar value an event can take (not a duration, a set or a vague reference)."""
    return timex.type in ("DATE", "TIME") and bool(timex.value) \
        and timex.value not in _REFERENCE_VALUES and value_bounds(timex.value) is not None


def _timex_date(doc: Doc, timex: Timex, reference: date | None) -> EventDate:
    first, last = value_bounds(timex.value)
    if _preceded_by(doc, timex, "since"):
        return EventDate(value=None, start=first.isoformat(),
                         end=reference.isoformat() if reference else None,
                         timex=timex.id, basis="timex")
    return EventDate(value=timex.value, start=first.isoformat(), end=last.isoformat(),
                     timex=timex.id, basis="timex")


def _preceded_by(doc: Doc, timex: Timex, word: str) -> bool:
    span = doc.char_span(timex.start, max(timex.end, timex.start + 1), alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ == word


def _tense_date(direction: int, reference: date | None) -> EventDate:
    day = reference.isoformat() if reference else None
    if direction == PAST:
        return EventDate(value="PAST_REF", start=None, end=day, basis="tense")
    if direction in (FUTURE, REPORTED_FUTURE):
        return EventDate(value="FUTURE_REF", start=day, end=None, basis="tense")
    return EventDate(value="PRESENT_REF", start=day, end=day, basis="tense")


def _publication_date(reference: date | None) -> EventDate:
    return EventDate(value=None, start=None, end=reference.isoformat() if reference else None,
                     basis="publication")

