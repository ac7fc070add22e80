"""Which way an expression looks: past, future or no cue, from the parse.

"said Tuesday" is the last Tuesday, "will depart on Sunday" the next one: the
direction comes from the verb that governs the expression in the dependency
parse (its tag and its auxiliaries), the way HeidelTime uses tense.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicons
from .timex_calendar import FUTURE, NONE, PAST, REPORTED_FUTURE

# Enough steps to climb from a date inside a noun phrase or a prepositional
# phrase ("on the night of Oct. 27") up to its verb.
_MAX_CLIMB = 6
_PERFECT_AUX = {"have", "has", "had", "'ve", "'d"}
_PAST_AUX = {"did", "was", "were", "had"}


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    data = lexicons.load("time_tense.yaml")
    return {key: frozenset(words) for key, words in data.items()}


def direction_at(doc: Doc | None, start: int, end: int) -> int:
    """PAST, FUTURE or NONE for the characters ``start:end`` of ``doc``."""
    if doc is None:
        return NONE
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NONE
    verb = governing_verb(span.root)
    if verb is None:
        return NONE
    direction = verb_direction(verb)
    if direction == NONE and _is_scheduled_present(verb):
        return FUTURE
    return direction


def _is_scheduled_present(verb: Token) -> bool:
    """"The summit opens on Tuesday": a dated present is a timetable, so it looks ahead.

    Only for resolving the expression itself: the event's own tense stays present.
    Reporting verbs are excluded ("the ministry says Tuesday" reports the past).
    """
    if verb.lemma_.lower() in _cues()["reporting_verbs"]:
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` (a verb token yields the verb above it, or
    itself when it is the root), or the noun of "the upcoming vote"; None if
    no verb is close."""
    current = token
    for _ in range(_MAX_CLIMB):
        if is_verb(current) and current.i != token.i:
            return current
        if _has_forward_modifier(current):
            return current  # "the upcoming vote on Friday": handled by verb_direction
        if current.head.i == current.i:
            return current if is_verb(current) else None
        current = current.head
    return current if is_verb(current) else None


def verb_direction(verb: Token, depth: int = 0) -> int:
    """Tense direction of a verb: its auxiliaries first, then its own tag."""
    cues = _cues()
    if _has_forward_modifier(verb):
        return FUTURE
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxiliaries}
    if aux_words & cues["future_auxiliaries"]:
        return FUTURE
    if aux_words & cues["forward_modals"]:
        # "would have done" looks back, "would do" looks ahead (from a past
        # moment when a past verb reports it: "said it would leave").
        if aux_words & _PERFECT_AUX:
            return PAST
        return REPORTED_FUTURE if _under_past_verb(verb) else FUTURE
    if aux_words & (_PERFECT_AUX | _PAST_AUX):
        return PAST
    if "to" in aux_words and depth < 3:
        return _infinitive_direction(verb, depth)
    if verb.tag_ == "VBG" and aux_words & {"is", "are", "am", "'s", "'re"}:
        return FUTURE if verb.lemma_ == "go" else NONE
    if verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and _is_forward_verb(verb):
        return FUTURE  # "the final (is) scheduled for Aug. 14", "a vote planned for Monday"
    if verb.tag_ == "VBN" and not aux_words:
        return PAST  # reduced relative: "troops deployed on Sunday"
    if verb.tag_ in ("VBN", "VBG", "VB") and depth < 3:
        # A participle or gerund has no tense of its own: "by sending troops" takes
        # the tense of the verb above it, through any preposition in between.
        upper = governing_verb(verb)
        return verb_direction(upper, depth + 1) if upper is not None else NONE
    return NONE


def _under_past_verb(verb: Token) -> bool:
    return any(a.tag_ == "VBD" for a in list(verb.ancestors)[:3])


def _infinitive_direction(verb: Token, depth: int) -> int:
    """"plans to visit on Friday" looks ahead; "went there to meet him Friday" follows "went"."""
    head = verb.head
    if head.i == verb.i:
        return NONE
    if _is_forward_verb(head) or head.lower_ == "going":
        return FUTURE
    if not is_verb(head):
        head = governing_verb(head)  # "willing to withdraw": the verb above "willing"
    return verb_direction(head, depth + 1) if head is not None else NONE


def _is_forward_verb(token: Token) -> bool:
    """By lemma or by inflected form: the lemmatizer reads "hopes" as "hop"."""
    return token.lemma_.lower() in _cues()["forward_verbs"] or token.lower_ in _forward_forms()


@lru_cache(maxsize=1)
def _forward_forms() -> frozenset[str]:
    forms = set()
    for verb in _cues()["forward_verbs"]:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb, verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "d"})
    return frozenset(forms)


def _has_forward_modifier(token: Token) -> bool:
    forward = _cues()["forward_words"]
    if token.pos_ in ("VERB", "AUX"):
        return False
    return any(c.dep_ == "amod" and c.lower_ in forward for c in token.children)


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"
