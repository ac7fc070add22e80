"""The time-expression grammar: rules that find an expression and give its value.

Each :class:`Rule` pairs a regular expression (built from the lexicons) with a
resolver from ``timex_resolvers``, and optionally a guard that vetoes a match
from its context before overlaps are settled.

:func:`find` runs every rule, keeps the longest non-overlapping matches, and
resolves them left to right so that "the next day" can use the day before it.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Callable

from .. import lexicons
from .timex_calendar import NONE, PAST
from .timex_lexicon import vocabulary
from . import timex_resolvers as res
from .timex_resolvers import Resolution, Situation, previous_word

log = logging.getLogger(__name__)


@dataclass
class Found:
    """A matched expression with its resolved type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    rule: str = ""


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Situation], Resolution | None]
    needs_direction: bool = False
    # Checked before overlaps are settled, so a rejected long match leaves room
    # for a shorter one ("two years later" is "two years", not "years later").
    guard: Callable[[re.Match, str], bool] | None = None


@dataclass
class _Candidate:
    rule: Rule
    match: re.Match
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self):
        self.start, self.end = self.match.span()


# --------------------------------------------------------------------------- finding


def find(text: str, reference: date | None,
         direction_of: Callable[[int, int], int] = lambda s, e: NONE) -> list[Found]:
    """Every time expression in ``text``, resolved against ``reference``."""
    found: list[Found] = []
    last_day: date | None = None
    last_value: str | None = None
    for candidate in _select(_candidates(text)):
        direction = _direction(candidate, text, direction_of)
        situation = Situation(reference, direction, last_day, last_value, text)
        try:
            resolved = candidate.rule.resolve(candidate.match, situation)
        except (ValueError, KeyError, IndexError, OverflowError):
            # One odd expression (a date out of range, a word missing from a
            # lexicon) must not cost the article its other timexes.
            log.debug("cannot resolve %r (%s)", candidate.match.group(0), candidate.rule.name,
                      exc_info=True)
            continue
        if resolved is None:
            continue
        kind, value = resolved
        found.append(Found(candidate.start, candidate.end, text[candidate.start:candidate.end],
                           kind, value, candidate.rule.name))
        last_day = _day_of(value) or last_day
        if kind in ("DATE", "TIME") and value and value[:1].isdigit():
            last_value = value
    _anchor_clock_times(found, text)
    return found


def _direction(candidate: _Candidate, text: str, direction_of) -> int:
    """Tense direction, except that a limit ("until April 2") after a past verb
    may lie on either side of the reference: take the nearest then."""
    if not candidate.rule.needs_direction:
        return NONE
    direction = direction_of(candidate.start, candidate.end)
    if direction == PAST and previous_word(text, candidate.start) in _limit_words():
        return NONE
    return direction


@lru_cache(maxsize=1)
def _limit_words() -> frozenset[str]:
    return frozenset(lexicons.load("time_tense.yaml")["limit_prepositions"])


def _anchor_clock_times(found: list[Found], text: str) -> None:
    """"4:30 a.m. Sunday", "8 a.m. on Sunday, June 2": a clock time takes the day right after it."""
    for clock, following in zip(found, found[1:]):
        if clock.rule not in ("clock", "clock_word") or not clock.value:
            continue
        day = _day_of(following.value)
        gap = text[clock.end:following.start]
        if day and re.fullmatch(r"[\s,]*(?:on\s+)?", gap):
            clock.value = day.isoformat() + clock.value[10:]


def _candidates(text: str) -> list[_Candidate]:
    return [_Candidate(rule, m) for rule in rules() for m in rule.pattern.finditer(text)
            if m.end() > m.start() and (rule.guard is None or rule.guard(m, text))]


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest matches first; a match overlapping a kept one is dropped."""
    kept: list[_Candidate] = []
    order = {rule.name: i for i, rule in enumerate(rules())}
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, order[c.rule.name], c.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _day_of(value: str | None) -> date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return date.fromisoformat(value[:10])
    return None


# --------------------------------------------------------------------------- rules


def _compile(pattern: str, **pieces: str) -> re.Pattern:
    return re.compile(pattern.format(**pieces), re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """All rules, in order of preference among matches of equal length."""
    v = vocabulary()
    p = dict(
        MONTH=v.month_regex(), FULLMONTH=v.full_month_regex(),
        WEEKDAY=v.weekday_regex(), FULLWEEKDAY=v.full_weekday_regex(),
        DAY=r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])",
        YEAR=r"(?P<year>1[89]\d\d|20\d\d)(?![\d,]\d)",
        # Lower case only: "Sunday Morning Futures" is a programme, not a time.
        PART=rf"(?-i:(?P<part>{v.words_regex(v.part_of_day_codes)}))",
        NUMBER=v.number_regex(), UNIT=v.unit_regex(),
        MOD=rf"(?:(?:{v.words_regex(v.modifiers)})\s+)",
        PERIOD=rf"(?:(?:{v.words_regex(v.period_parts)})[\s-]+)",
        SHIFT=rf"(?P<shift>{v.words_regex(v.shifters)})",
        WITHIN=rf"(?:(?:{v.words_regex(v.within_shifters)})\s+)",
        SEASON=rf"(?P<season>{v.words_regex(v.season_codes)})",
        ORDINAL=rf"(?P<ordinal>{v.words_regex(v.ordinal_numbers)})",
        DEICTIC=rf"(?P<deictic>{v.words_regex(list(v.deictic_days) + ['tonight', 'last night', 'this morning', 'this afternoon', 'this evening'])})",
        REFS=v.words_regex(v.references), ANAPHORA=v.words_regex(v.anaphoric_days),
        FREQWORDS=v.words_regex(v.frequency_words), CLOCKWORDS=v.words_regex(v.clock_words),
        HOLIDAY=v.words_regex(v.holidays),
        HEADS=v.words_regex(v.duration_heads), ADJ=v.words_regex(v.duration_adjectives), EVERY=v.words_regex(v.set_words), FREQ=v.words_regex(v.frequencies),
    )
    table = [
        # 2024-11-05
        ("iso", r"(?<![\d-])(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?![\d-])",
         res.resolve_iso, False),
        # 11/5, 11/5/2024
        ("numeric", r"(?<![\d/.,])(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})"
                    r"(?:/(?P<year>\d{{4}}|\d{{2}}))?(?![\d/])", res.resolve_numeric, True),
        # Sunday, Nov. 10, 2024 / Oct. 27 / October 27, 2024 / Oct. 27 night
        ("month_day", r"\b(?:{WEEKDAY},?\s+)?(?:{PERIOD})?(?P<month>{MONTH})\s+{DAY}"
                      r"(?:\s?,?\s+{YEAR})?(?:\s+{PART}(?!\w))?", res.resolve_month_day, True),
        # 27 October 2024 / the 27th of October
        ("day_month", r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+(?P<month>{MONTH})(?!\w)"
                      r"(?:\s?,?\s+{YEAR})?", res.resolve_month_day, True),
        # October 2023 / early October 2023 / October of 2023
        ("month_year", r"\b(?:{PERIOD})?(?P<month>{MONTH})(?:,|\s+of)?\s+{YEAR}", res.resolve_month_year,
         False),
        # in January / last May / mid-October (May and March need a cue: they are also words)
        ("month_alone", r"(?:\b{SHIFT}\s+|\b{PERIOD})?\b(?P<month>{FULLMONTH})(?![\w-])(?!\s+\d)",
         res.resolve_month_alone, True),
        # 2024 / early 2024 / the end of 2024 / fiscal 2025
        ("year", r"(?<![\d$€£.,/-])(?:\b{PERIOD}|\bfiscal\s+(?:year\s+)?)?\b{YEAR}(?![\w-]|[.,]\d)",
         res.resolve_year, False),
        # the 1990s
        ("decade", r"\b(?:the\s+)?(?:{PERIOD})?(?P<decade>1[89]\d|20\d)0s\b", res.resolve_decade, False),
        # Tuesday / last Tuesday / Tuesday night / early Sunday
        ("weekday", r"(?:\b{SHIFT}\s+|\b(?:early|late)\s+)?(?P<weekday>{WEEKDAY})(?!\w)"
                    r"(?!,?\s+(?:{MONTH})\s+\d)(?:\s+{PART}(?!\w))?", res.resolve_weekday, True),
        # on Fridays
        ("weekday_set", r"(?<=\bon\s)(?P<weekday>{FULLWEEKDAY})s\b", res.resolve_weekday_set, False),
        ("every_weekday", r"\b(?:{EVERY})\s+(?P<weekday>{FULLWEEKDAY})\b", res.resolve_weekday_set,
         False),
        # today / yesterday morning / tonight / last night / this morning
        ("deictic", r"\b{DEICTIC}(?:\s+{PART})?\b", res.resolve_deictic, False),
        # last week / this year / next month / earlier this month / later this year
        ("shifted_unit", r"\b(?:{WITHIN})?{SHIFT}\s+(?-i:(?P<unit>week|weekend|month|quarter|year"
                         r"|decade|century))\b", res.resolve_shifted_unit, False),
        # July last year / March next year
        ("month_shifted_year", r"\b(?:{PERIOD})?(?P<month>{FULLMONTH})\s+{SHIFT}\s+year\b",
         res.resolve_month_shifted_year, False),
        # 40 ships a day / $116 million a year: a rate, so a set
        ("rate", r"\b(?:a|per)\s+(?P<unit>day|week|month|year|hour)\b"
                 r"(?=\s*[.,;:!?)\u201d\"]|\s*$|\s+(?:and|or|for|in|on|to|until|at|from)\b)",
         res.resolve_set, False),
        # now / recently / the future (before "the_past_unit": "the coming days" is FUTURE_REF)
        ("reference", r"\b(?:{REFS})\b(?![\w-])(?!\s+(?:after|before|afterwards?)\b)",
         res.resolve_reference, False),
        # the next day / the day before (before "the_past_unit": not a duration)
        # ... but not "the day after the 40 were deported": relative to an event, not a day
        ("anaphoric_day", r"\b(?:{ANAPHORA})\b(?![ \t]+[\w$])", res.resolve_anaphoric_day, False),
        # the past week / the last three months / the next two years
        ("the_past_unit", r"\bthe\s+(?:past|last|next|coming)"
                          r"\s+(?:(?P<number>{NUMBER})\s+)?(?P<unit>{UNIT})\b",
         res.resolve_the_past_unit, False),
        # three days ago
        ("ago", r"\b(?:{MOD})?(?P<number>{NUMBER})\s+(?P<unit>{UNIT})\s+ago\b", res.resolve_ago, False),
        # six weeks / a 60-day period / more than a year / 48 hours
        ("duration", r"\b(?:{MOD})?(?P<number>{NUMBER})\s+(?:(?:{ADJ})\s+)?(?P<unit>{UNIT})\b"
                     r"(?!-old|\s+old)",
         res.resolve_duration, False),
        # a 60-day period / a four-day visit ("-old" ages are not durations of events)
        ("hyphen_duration", r"\b(?:{MOD})?(?P<number>{NUMBER})-(?P<unit>{UNIT})\b(?!-old)(?<!quarters)"
                            r"(?:\s+(?:{HEADS})\b)?", res.resolve_duration, False),
        # for years, for decades
        ("bare_plural", r"(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit>minutes|hours|days|weeks|months"
                        r"|years|decades)\b", res.resolve_bare_plural_duration, False),
        ("bare_plural_in", r"(?<=\bin\s)(?P<unit>years|decades)\b", res.resolve_bare_plural_duration, False),
        # every week / each year / twice a week
        ("set", r"\b(?:(?:{EVERY})(?:\s+(?P<number>{NUMBER}))?|(?:{FREQ})\s+(?:a|an|per|every))"
                r"\s+(?P<unit>{UNIT})\b",
         res.resolve_set, False),
        # this summer / last winter / summer 2024 / the spring of 2023 / in the spring
        ("season", r"\b(?:{SHIFT}\s+|(?:{PERIOD}))?(?:the\s+)?{SEASON}(?:(?:\s+of)?\s+{YEAR})?\b",
         res.resolve_season, True),
        # the third quarter (of 2024) / Q3 2024
        ("quarter", r"\b(?:the\s+)?{ORDINAL}\s+quarter(?:\s+of\s+{YEAR})?\b", res.resolve_quarter, True),
        ("half", r"\b(?:the\s+)?(?P<half>first|second)\s+half\s+of\s+{YEAR}", res.resolve_half, False),
        # 3 p.m. / 10:30 a.m.
        ("clock", r"\b(?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?\s*(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b)",
         res.resolve_clock, False),
        # days later / hours earlier / years ago
        ("vague_relative", r"\b(?:just\s+|only\s+)?(?P<unit>hours|days|weeks|months|years|decades)"
                           r"\s+(?P<rel>later|earlier|ago)\b", res.resolve_vague_relative, False),
        # the 19th century / the early 20th century
        ("century", r"\b(?:the\s+)?(?:{PERIOD})?(?P<ordinal>\d{{1,2}})(?:st|nd|rd|th)\s+century\b",
         res.resolve_century, False),
        # the 1500s (a century) / '70s (a decade of the 1900s)
        ("hundreds", r"\b(?:the\s+)?(?:{PERIOD})?(?P<century>1[0-9])00s\b", res.resolve_hundreds, False),
        ("short_decade", r"(?<!\w)['\u2019](?P<tens>[0-9])0s\b", res.resolve_short_decade, False),
        # weekly / annual (lower case: "Daily Mail" is a newspaper)
        ("frequency_word", r"\b(?-i:(?P<word>{FREQWORDS}))\b", res.resolve_frequency_word, False),
        # noon / midnight
        ("clock_word", r"\b(?-i:(?P<word>{CLOCKWORDS}))\b", res.resolve_clock_word, False),
        # Christmas / Election Day (2024)
        ("holiday", r"\b(?P<holiday>{HOLIDAY})\b(?:,?\s+{YEAR})?", res.resolve_holiday, True),
        # the weekend / over the weekend
        ("weekend", r"\bthe\s+weekend\b", res.resolve_weekend, True),
        # the end of the year / the start of the month: the current one
        ("period_of_current", r"\b{PERIOD}the\s+(?P<unit>week|month|year)\b", res.resolve_period_of_current,
         False),
        # (most) of the year: the current one
        ("of_the_unit", r"(?<=\bof\s)the\s+(?P<unit>year|month|week)\b(?!\s+(?:before|after|earlier|later))",
         res.resolve_period_of_current, False),
        # the year before / the previous month: relative to the last one mentioned
        ("anaphoric_unit", r"\bthe\s+(?:(?P<unit>year|month)\s+(?P<rel>before|after|earlier|later)"
                           r"|(?P<rel2>previous|following|next)\s+(?P<unit2>year|month))\b",
         res.resolve_anaphoric_unit, False),
    ]
    guards = {"vague_relative": _not_after_a_number, "rate": _after_an_amount,
              "duration": _not_a_fraction,
              "month_alone": _month_is_cued}
    built = []
    for name, pattern, resolve, needs_direction in table:
        built.append(Rule(name, _compile(pattern, **p), resolve, needs_direction,
                          guards.get(name)))
    return tuple(built)


def _not_a_fraction(m: re.Match, text: str) -> bool:
    """"roughly a quarter (of them)" is a share, not three months."""
    return not (m.group("unit").lower() == "quarter"
                and m.group("number").lower() in ("a", "an", "one"))


def _month_is_cued(m: re.Match, text: str) -> bool:
    """"May" and "March" are also a verb and a noun: alone, they need a cue
    before them ("in May", "since March", "last May", "early March")."""
    if m.start() != m.start("month") or m.group("month").lower() not in _WORD_MONTHS:
        return True
    return previous_word(text, m.start()) in _MONTH_CUES


_WORD_MONTHS = {"may", "march"}
_MONTH_CUES = {"in", "by", "on", "since", "until", "before", "after", "during", "through", "from",
               "of", "and", "or", "to", "between"}


def _after_an_amount(m: re.Match, text: str) -> bool:
    """"40 ships a day", "$69 a month": the word before is a counted plural or an amount."""
    word = previous_word(text, m.start()).strip(",")
    if not word:
        return False
    return (word.endswith("s") and not word.endswith("ss")) or any(c.isdigit() for c in word) \
        or word in ("million", "billion", "trillion", "thousand", "hundred")


def _not_after_a_number(m: re.Match, text: str) -> bool:
    previous = previous_word(text, m.start())
    return not previous or vocabulary().number(previous) is None
