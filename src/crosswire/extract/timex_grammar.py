"""The time-expression grammar: rules that find an expression and give its value.

Each :class:`Rule` pairs a regular expression (built from the lexicons) with a
resolver. A resolver reads the match and a :class:`Situation` (publication
date, tense direction of the expression, the last day mentioned) and returns
``(type, value)``; the value is None when it depends on a reference that is
unknown. A resolver returning None rejects the match (e.g. "Feb. 30").

:func:`find` runs every rule, keeps the longest non-overlapping matches, and
resolves them left to right so that "the next day" can use the day before it.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from .. import lexicons
from . import timex_calendar as cal
from .timex_calendar import FUTURE, NONE, PAST
from .timex_lexicon import TimeVocabulary, vocabulary

Resolution = tuple[str, str | None]
log = logging.getLogger(__name__)


@dataclass
class Situation:
    """What a resolver may use besides the match itself."""

    reference: date | None  # publication date
    direction: int = NONE  # tense direction of the expression (timex_tense)
    last_day: date | None = None  # the last day-precise date mentioned before
    last_value: str | None = None  # the last calendar value mentioned before
    text: str = ""  # the whole article, for context-anchored dates


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
    before = text[:candidate.start].split()[-1:]
    if direction == PAST and before and before[0].lower() in _limit_words():
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


# --------------------------------------------------------------------------- helpers


def _month(v: TimeVocabulary, m: re.Match) -> int | None:
    return v.month(m.group("month"))


def _year(m: re.Match) -> int | None:
    text = m.groupdict().get("year")
    return int(text) if text else None


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


def _anchored_year(month: int, day: int, text: str) -> int | None:
    """Year of a famous date written without one, when the article's context names it."""
    for entry in lexicons.load("time_anchored_dates.yaml"):
        if entry["month"] == month and entry["day"] == day and any(
                re.search(rf"\b{re.escape(word)}\b", text) for word in entry["context"]):
            return entry["year"]
    return None


def _month_day(month: int, day: int, year: int | None, s: Situation) -> Resolution | None:
    """A day with or without its year; the year comes from tense or a known anchor."""
    if year is None:
        year = _anchored_year(month, day, s.text)
    if year is None and s.reference is not None:
        year = cal.month_day_year(s.reference, month, day, s.direction)
    if year is None:
        return ("DATE", None) if _valid_day(2000, month, day) else None
    if not _valid_day(year, month, day):
        return None
    return "DATE", date(year, month, day).isoformat()


def _with_part_of_day(value: str | None, part: str | None, v: TimeVocabulary) -> Resolution:
    if value and part:
        code = v.part_of_day_codes.get(" ".join(part.lower().split()))
        if code:
            return "TIME", f"{value}T{code}"
    return "DATE", value


def _number_text(value: float | str) -> str:
    if value == "X":
        return "X"
    return str(int(value)) if float(value).is_integer() else str(value)


def _duration(amount: float | str, unit: dict) -> str | None:
    if unit.get("code") == "WE":
        return None
    if amount != "X":
        amount = amount * unit.get("factor", 1)
    clock = "T" if unit.get("clock") else ""
    return f"P{clock}{_number_text(amount)}{unit['code']}"


# --------------------------------------------------------------------------- resolvers


def _resolve_iso(m: re.Match, s: Situation) -> Resolution | None:
    year, month, day = (int(m.group(g)) for g in ("year", "month", "day"))
    return ("DATE", date(year, month, day).isoformat()) if _valid_day(year, month, day) else None


def _resolve_numeric(m: re.Match, s: Situation) -> Resolution | None:
    month, day = int(m.group("month")), int(m.group("day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = m.group("year")
    year_number = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return _month_day(month, day, year_number, s)


def _resolve_month_day(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    resolved = _month_day(_month(v, m), int(m.group("day")), _year(m), s)
    if resolved is None:
        return None
    return _with_part_of_day(resolved[1], m.groupdict().get("part"), v)


def _resolve_month_year(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", cal.month_value(_year(m), _month(vocabulary(), m))


def _resolve_month_alone(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    month = _month(v, m)
    shift = (m.groupdict().get("shift") or "").lower()
    direction = {"last": PAST, "past": PAST, "next": FUTURE, "coming": FUTURE}.get(shift, s.direction)
    if s.reference is None:
        return "DATE", None
    year = cal.month_year(s.reference, month, direction)
    if shift == "last" and month == s.reference.month:
        year -= 1
    if shift == "next" and month == s.reference.month:
        year += 1
    return "DATE", cal.month_value(year, month)


def _resolve_month_shifted_year(m: re.Match, s: Situation) -> Resolution | None:
    if s.reference is None:
        return "DATE", None
    offset = vocabulary().shifters[m.group("shift").lower()]
    return "DATE", cal.month_value(s.reference.year + offset, _month(vocabulary(), m))


def _resolve_year(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", f"{int(m.group('year')):04d}"


def _resolve_decade(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", m.group("decade")


def _resolve_weekday(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    weekday = v.weekday(m.group("weekday"))
    if weekday is None:
        return None
    if s.reference is None:
        return "DATE", None
    shift = (m.groupdict().get("shift") or "").lower()
    direction = {"last": PAST, "past": PAST, "next": FUTURE, "coming": FUTURE, "this": s.direction}
    day = cal.weekday_near(s.reference, weekday, direction.get(shift, s.direction))
    if shift == "last" and day == s.reference:
        day -= timedelta(days=7)
    if shift == "next" and day == s.reference:
        day += timedelta(days=7)
    return _with_part_of_day(day.isoformat(), m.groupdict().get("part"), v)


def _resolve_weekday_set(m: re.Match, s: Situation) -> Resolution | None:
    weekday = vocabulary().weekday(m.group("weekday"))
    return ("SET", f"XXXX-WXX-{weekday}") if weekday else None


def _resolve_deictic(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    word = " ".join(m.group("deictic").lower().split())
    part = m.groupdict().get("part")
    if word == "tonight":
        offset, part = 0, "night"
    elif word == "last night":
        offset, part = -1, "night"
    elif word.startswith("this "):
        offset, part = 0, word.split()[1]
    else:
        offset = v.deictic_days[word]
    if s.reference is None:
        return ("TIME" if part else "DATE"), None
    day = s.reference + timedelta(days=offset)
    return _with_part_of_day(day.isoformat(), part, v)


def _shifted_unit_value(reference: date, unit_code: str, offset: int) -> str | None:
    if unit_code == "D":
        return (reference + timedelta(days=offset)).isoformat()
    if unit_code == "W":
        return cal.week_value(reference + timedelta(weeks=offset))
    if unit_code == "WE":
        # "last weekend" seen from a Sunday is the one that just ended, i.e. this week's.
        week_day = reference + timedelta(weeks=offset)
        if offset < 0 and reference.isoweekday() >= 6:
            week_day = reference
        return cal.week_value(week_day) + "-WE"
    if unit_code == "M":
        year, month = cal.shift_months(reference.year, reference.month, offset)
        return cal.month_value(year, month)
    if unit_code == "Q":
        year, quarter = cal.shift_quarter(reference.year, cal.quarter_of(reference), offset)
        return f"{year:04d}-Q{quarter}"
    if unit_code == "Y":
        return f"{reference.year + offset:04d}"
    if unit_code == "DE":
        return f"{(reference.year // 10 + offset):03d}"
    if unit_code == "CE":
        return f"{(reference.year // 100 + offset):02d}"
    return None


def _resolve_shifted_unit(m: re.Match, s: Situation) -> Resolution | None:
    """"last week" -> 2024-W45; "this year" -> 2024; "earlier this month" -> 2024-11."""
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    offset = v.shifters[m.group("shift").lower()]
    if unit is None or unit.get("clock"):
        return None
    if s.reference is None:
        return "DATE", None
    return "DATE", _shifted_unit_value(s.reference, unit["code"], offset)


def _resolve_the_past_unit(m: re.Match, s: Situation) -> Resolution | None:
    """"the past week", "the past three months": a duration reaching the reference."""
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    plural = m.group("unit").lower().endswith("s")
    amount = v.number(m.group("number")) if m.group("number") else ("X" if plural else 1)
    if unit is None or amount is None:
        return None
    value = _duration(amount, unit)
    return ("DURATION", value) if value else None


def _resolve_ago(m: re.Match, s: Situation) -> Resolution | None:
    """"three days ago" -> that day; "two years ago" -> that year."""
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    amount = v.number(m.group("number"))
    if unit is None or amount is None or unit.get("clock"):
        return None
    if amount == "X" or s.reference is None or not float(amount).is_integer():
        return "DATE", "PAST_REF" if amount == "X" else None
    amount = int(amount) * unit.get("factor", 1)
    return "DATE", _shifted_unit_value(s.reference, unit["code"], -amount)


def _resolve_duration(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    amount = v.number(m.group("number"))
    if unit is None or amount is None:
        return None
    if m.group("unit").lower() == "second" and not m.group("number")[0].isdigit():
        return None  # "a second phase" is an ordinal, not one second
    value = _duration(amount, unit)
    return ("DURATION", value) if value else None


def _resolve_bare_plural_duration(m: re.Match, s: Situation) -> Resolution | None:
    """"for years", "in decades" -> PXY, PXDE."""
    unit = vocabulary().unit(m.group("unit"))
    return ("DURATION", _duration("X", unit)) if unit and _duration("X", unit) else None


def _resolve_set(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    number = m.groupdict().get("number")
    amount = v.number(number) if number else 1
    if unit and unit.get("code") == "WE" and amount == 1:
        return "SET", "XXXX-WXX-WE"  # every weekend
    value = _duration(amount, unit) if unit and amount is not None else None
    return ("SET", value) if value else None


def _resolve_reference(m: re.Match, s: Situation) -> Resolution | None:
    kind = vocabulary().references.get(" ".join(m.group(0).lower().split()))
    return ("DATE", kind) if kind else None


def _resolve_season(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    code = v.season_codes.get(m.group("season").lower())
    year = _year(m)
    shift = (m.groupdict().get("shift") or "").lower()
    if _bare_season_word(m, s.text):
        return None
    if year is None:
        if s.reference is None:
            return "DATE", None
        offset = v.shifters.get(shift, {PAST: -1, FUTURE: 1}.get(s.direction, 0))
        if not shift and s.direction != NONE and cal.current_season(s.reference) == code:
            offset = 0
        year = cal.season_year(s.reference, code, offset)
    return "DATE", f"{year:04d}-{code}"


def _bare_season_word(m: re.Match, text: str) -> bool:
    """"the fall of Assad" or "Arab Spring" are not seasons; "in the spring", "this fall" are."""
    if m.group("shift") or m.group("year") or m.group(0).lower().startswith(vocabulary().period_parts):
        return False
    before = text[:m.start()].split()[-1:] or [""]
    return before[0].lower() not in ("in", "during", "by", "until", "since", "through", "over")


def _resolve_quarter(m: re.Match, s: Situation) -> Resolution | None:
    quarter = vocabulary().ordinal_numbers.get(m.group("ordinal").lower())
    year = _year(m)
    if quarter is None:
        return None
    if year is None:
        if s.reference is None:
            return "DATE", None
        year = s.reference.year
        current = cal.quarter_of(s.reference)
        if s.direction == PAST and quarter > current:
            year -= 1
        if s.direction == FUTURE and quarter < current:
            year += 1
    return "DATE", f"{year:04d}-Q{quarter}"


def _resolve_half(m: re.Match, s: Situation) -> Resolution | None:
    half = 1 if m.group("half").lower() == "first" else 2
    return "DATE", f"{int(m.group('year')):04d}-H{half}"


def _resolve_anaphoric_day(m: re.Match, s: Situation) -> Resolution | None:
    offset = vocabulary().anaphoric_days[" ".join(m.group(0).lower().split())]
    if s.last_day is None:
        return "DATE", None
    return "DATE", (s.last_day + timedelta(days=offset)).isoformat()


def _resolve_clock(m: re.Match, s: Situation) -> Resolution | None:
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or 0)
    meridiem = m.group("meridiem").lower().replace(".", "")
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    day = s.last_day or s.reference
    clock = f"T{hour:02d}:{minute:02d}"
    return "TIME", (day.isoformat() + clock) if day else None


def _resolve_period_of_current(m: re.Match, s: Situation) -> Resolution | None:
    """"the end of the month" -> the current month; "the start of the year" -> this year."""
    if s.reference is None:
        return "DATE", None
    code = {"week": "W", "month": "M", "year": "Y"}[m.group("unit").lower()]
    return "DATE", _shifted_unit_value(s.reference, code, 0)


def _resolve_anaphoric_unit(m: re.Match, s: Situation) -> Resolution | None:
    """"the year before" -> one year before the last year mentioned."""
    unit = (m.group("unit") or m.group("unit2")).lower()
    relation = (m.group("rel") or m.group("rel2")).lower()
    offset = -1 if relation in ("before", "earlier", "previous") else 1
    anchor = s.last_value
    if unit == "year" and anchor and re.match(r"\d{4}", anchor):
        return "DATE", f"{int(anchor[:4]) + offset:04d}"
    if unit == "month" and anchor and re.match(r"\d{4}-\d{2}(?!\d)", anchor) and "W" not in anchor:
        year, month = cal.shift_months(int(anchor[:4]), int(anchor[5:7]), offset)
        return "DATE", cal.month_value(year, month)
    return "DATE", None


def _resolve_vague_relative(m: re.Match, s: Situation) -> Resolution | None:
    """"years ago" is some past time; "days later" a vague duration."""
    if m.group("rel").lower() == "ago":
        return "DATE", "PAST_REF"
    unit = vocabulary().unit(m.group("unit"))
    value = _duration("X", unit) if unit else None
    return ("DURATION", value) if value else None


def _resolve_century(m: re.Match, s: Situation) -> Resolution | None:
    ordinal = int(m.group("ordinal"))
    return ("DATE", f"{ordinal - 1:02d}") if 1 <= ordinal <= 21 else None


def _resolve_hundreds(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", m.group("century")


def _resolve_short_decade(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", f"19{m.group('tens')}"


def _resolve_frequency_word(m: re.Match, s: Situation) -> Resolution | None:
    return "SET", vocabulary().frequency_words[m.group("word").lower()]


def _resolve_clock_word(m: re.Match, s: Situation) -> Resolution | None:
    day = s.last_day or s.reference
    clock = vocabulary().clock_words[m.group("word").lower()]
    return "TIME", (f"{day.isoformat()}T{clock}" if day else None)


def _holiday_day(spec: dict, year: int) -> date:
    if "day" in spec:
        return date(year, spec["month"], spec["day"])
    first = date(year, spec["month"], spec["on_or_after"])
    return first + timedelta(days=(spec["weekday"] - first.isoweekday()) % 7)


def _resolve_holiday(m: re.Match, s: Situation) -> Resolution | None:
    """"Christmas" -> the nearest Dec. 25 in the direction of the tense."""
    spec = vocabulary().holidays[" ".join(m.group("holiday").lower().split())]
    year = _year(m)
    if year is None:
        if s.reference is None:
            return "DATE", None
        candidates = [_holiday_day(spec, y) for y in (s.reference.year - 1, s.reference.year,
                                                      s.reference.year + 1)]
        year = cal._pick(candidates, s.reference, s.direction).year
    return "DATE", _holiday_day(spec, year).isoformat()


def _resolve_weekend(m: re.Match, s: Situation) -> Resolution | None:
    if s.reference is None:
        return "DATE", None
    offset = -1 if s.direction == PAST else 0
    return "DATE", _shifted_unit_value(s.reference, "WE", offset)


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
         _resolve_iso, False),
        # 11/5, 11/5/2024
        ("numeric", r"(?<![\d/.,])(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})"
                    r"(?:/(?P<year>\d{{4}}|\d{{2}}))?(?![\d/])", _resolve_numeric, True),
        # Sunday, Nov. 10, 2024 / Oct. 27 / October 27, 2024 / Oct. 27 night
        ("month_day", r"\b(?:{WEEKDAY},?\s+)?(?:{PERIOD})?(?P<month>{MONTH})\s+{DAY}"
                      r"(?:,?\s+{YEAR})?(?:\s+{PART}(?!\w))?", _resolve_month_day, True),
        # 27 October 2024 / the 27th of October
        ("day_month", r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+(?P<month>{MONTH})(?!\w)"
                      r"(?:,?\s+{YEAR})?", _resolve_month_day, True),
        # October 2023 / early October 2023 / October of 2023
        ("month_year", r"\b(?:{PERIOD})?(?P<month>{MONTH})(?:,|\s+of)?\s+{YEAR}", _resolve_month_year,
         False),
        # in January / last May / mid-October (May and March need a cue: they are also words)
        ("month_alone", r"(?:\b{SHIFT}\s+|\b{PERIOD})?\b(?P<month>{FULLMONTH})(?![\w-])(?!\s+\d)",
         _resolve_month_alone, True),
        # 2024 / early 2024 / the end of 2024 / fiscal 2025
        ("year", r"(?<![\d$€£.,/-])(?:\b{PERIOD}|\bfiscal\s+(?:year\s+)?)?\b{YEAR}(?![\w-]|[.,]\d)",
         _resolve_year, False),
        # the 1990s
        ("decade", r"\b(?:the\s+)?(?:{PERIOD})?(?P<decade>1[89]\d|20\d)0s\b", _resolve_decade, False),
        # Tuesday / last Tuesday / Tuesday night / early Sunday
        ("weekday", r"(?:\b{SHIFT}\s+|\b(?:early|late)\s+)?(?P<weekday>{WEEKDAY})(?!\w)"
                    r"(?!,?\s+(?:{MONTH})\s+\d)(?:\s+{PART}(?!\w))?", _resolve_weekday, True),
        # on Fridays
        ("weekday_set", r"(?<=\bon\s)(?P<weekday>{FULLWEEKDAY})s\b", _resolve_weekday_set, False),
        ("every_weekday", r"\b(?:{EVERY})\s+(?P<weekday>{FULLWEEKDAY})\b", _resolve_weekday_set,
         False),
        # today / yesterday morning / tonight / last night / this morning
        ("deictic", r"\b{DEICTIC}(?:\s+{PART})?\b", _resolve_deictic, False),
        # last week / this year / next month / earlier this month / later this year
        ("shifted_unit", r"\b(?:{WITHIN})?{SHIFT}\s+(?-i:(?P<unit>week|weekend|month|quarter|year"
                         r"|decade|century))\b", _resolve_shifted_unit, False),
        # July last year / March next year
        ("month_shifted_year", r"\b(?:{PERIOD})?(?P<month>{FULLMONTH})\s+{SHIFT}\s+year\b",
         _resolve_month_shifted_year, False),
        # 40 ships a day / $116 million a year: a rate, so a set
        ("rate", r"\b(?:a|per)\s+(?P<unit>day|week|month|year|hour)\b"
                 r"(?=\s*[.,;:!?)\u201d\"]|\s*$|\s+(?:and|or|for|in|on|to|until|at|from)\b)",
         _resolve_set, False),
        # now / recently / the future (before "the_past_unit": "the coming days" is FUTURE_REF)
        ("reference", r"\b(?:{REFS})\b(?![\w-])(?!\s+(?:after|before|afterwards?)\b)",
         _resolve_reference, False),
        # the next day / the day before (before "the_past_unit": not a duration)
        # ... but not "the day after the 40 were deported": relative to an event, not a day
        ("anaphoric_day", r"\b(?:{ANAPHORA})\b(?![ \t]+[\w$])", _resolve_anaphoric_day, False),
        # the past week / the last three months / the next two years
        ("the_past_unit", r"\bthe\s+(?:past|last|next|coming)"
                          r"\s+(?:(?P<number>{NUMBER})\s+)?(?P<unit>{UNIT})\b",
         _resolve_the_past_unit, False),
        # three days ago
        ("ago", r"\b(?:{MOD})?(?P<number>{NUMBER})\s+(?P<unit>{UNIT})\s+ago\b", _resolve_ago, False),
        # six weeks / a 60-day period / more than a year / 48 hours
        ("duration", r"\b(?:{MOD})?(?P<number>{NUMBER})\s+(?:(?:{ADJ})\s+)?(?P<unit>{UNIT})\b"
                     r"(?!-old|\s+old)",
         _resolve_duration, False),
        # a 60-day period / a four-day visit ("-old" ages are not durations of events)
        ("hyphen_duration", r"\b(?:{MOD})?(?P<number>{NUMBER})-(?P<unit>{UNIT})\b(?!-old)(?<!quarters)"
                            r"(?:\s+(?:{HEADS})\b)?", _resolve_duration, False),
        # for years, for decades
        ("bare_plural", r"(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit>days|weeks|months|years|decades)\b"
                        r"|(?<=\bin\s)(?P<unit2>years|decades)\b",
         None, False),
        # every week / each year / twice a week
        ("set", r"\b(?:(?:{EVERY})(?:\s+(?P<number>{NUMBER}))?|(?:{FREQ})\s+(?:a|an|per|every))"
                r"\s+(?P<unit>{UNIT})\b",
         _resolve_set, False),
        # this summer / last winter / summer 2024 / the spring of 2023 / in the spring
        ("season", r"\b(?:{SHIFT}\s+|(?:{PERIOD}))?(?:the\s+)?{SEASON}(?:(?:\s+of)?\s+{YEAR})?\b",
         _resolve_season, True),
        # the third quarter (of 2024) / Q3 2024
        ("quarter", r"\b(?:the\s+)?{ORDINAL}\s+quarter(?:\s+of\s+{YEAR})?\b", _resolve_quarter, True),
        ("half", r"\b(?:the\s+)?(?P<half>first|second)\s+half\s+of\s+{YEAR}", _resolve_half, False),
        # 3 p.m. / 10:30 a.m.
        ("clock", r"\b(?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?\s*(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b)",
         _resolve_clock, False),
        # days later / hours earlier / years ago
        ("vague_relative", r"\b(?:just\s+|only\s+)?(?P<unit>hours|days|weeks|months|years|decades)"
                           r"\s+(?P<rel>later|earlier|ago)\b", _resolve_vague_relative, False),
        # the 19th century / the early 20th century
        ("century", r"\b(?:the\s+)?(?:{PERIOD})?(?P<ordinal>\d{{1,2}})(?:st|nd|rd|th)\s+century\b",
         _resolve_century, False),
        # the 1500s (a century) / '70s (a decade of the 1900s)
        ("hundreds", r"\b(?:the\s+)?(?:{PERIOD})?(?P<century>1[0-9])00s\b", _resolve_hundreds, False),
        ("short_decade", r"(?<!\w)['\u2019](?P<tens>[0-9])0s\b", _resolve_short_decade, False),
        # weekly / annual (lower case: "Daily Mail" is a newspaper)
        ("frequency_word", r"\b(?-i:(?P<word>{FREQWORDS}))\b", _resolve_frequency_word, False),
        # noon / midnight
        ("clock_word", r"\b(?-i:(?P<word>{CLOCKWORDS}))\b", _resolve_clock_word, False),
        # Christmas / Election Day (2024)
        ("holiday", r"\b(?P<holiday>{HOLIDAY})\b(?:,?\s+{YEAR})?", _resolve_holiday, True),
        # the weekend / over the weekend
        ("weekend", r"\bthe\s+weekend\b", _resolve_weekend, True),
        # the end of the year / the start of the month: the current one
        ("period_of_current", r"\b{PERIOD}the\s+(?P<unit>week|month|year)\b", _resolve_period_of_current,
         False),
        # (most) of the year: the current one
        ("of_the_unit", r"(?<=\bof\s)the\s+(?P<unit>year|month|week)\b(?!\s+(?:before|after|earlier|later))",
         _resolve_period_of_current, False),
        # the year before / the previous month: relative to the last one mentioned
        ("anaphoric_unit", r"\bthe\s+(?:(?P<unit>year|month)\s+(?P<rel>before|after|earlier|later)"
                           r"|(?P<rel2>previous|following|next)\s+(?P<unit2>year|month))\b",
         _resolve_anaphoric_unit, False),
    ]
    special = {"bare_plural": _resolve_bare_either}
    guards = {"vague_relative": _not_after_a_number, "rate": _after_an_amount,
              "duration": _not_a_fraction,
              "month_alone": _month_is_cued}
    built = []
    for name, pattern, resolve, needs_direction in table:
        built.append(Rule(name, _compile(pattern, **p), resolve or special[name], needs_direction,
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
    previous = text[:m.start()].split()[-1:]
    return bool(previous) and previous[0].lower() in _MONTH_CUES


_WORD_MONTHS = {"may", "march"}
_MONTH_CUES = {"in", "by", "on", "since", "until", "before", "after", "during", "through", "from",
               "of", "and", "or", "to", "between"}


def _after_an_amount(m: re.Match, text: str) -> bool:
    """"40 ships a day", "$69 a month": the word before is a counted plural or an amount."""
    previous = text[:m.start()].split()[-1:]
    if not previous:
        return False
    word = previous[0].lower().strip(",")
    return (word.endswith("s") and not word.endswith("ss")) or any(c.isdigit() for c in word) \
        or word in ("million", "billion", "trillion", "thousand", "hundred")


def _not_after_a_number(m: re.Match, text: str) -> bool:
    previous = text[:m.start()].split()[-1:]
    return not previous or vocabulary().number(previous[0]) is None


def _resolve_bare_either(m: re.Match, s: Situation) -> Resolution | None:
    return _resolve_bare_plural_duration(_MonthView(m, m.group("unit2"), key="unit"), s) \
        if m.group("unit") is None else _resolve_bare_plural_duration(m, s)


class _MonthView:
    """A match whose ``group(key)`` reads an alternative group (two-branch patterns)."""

    def __init__(self, match: re.Match, replacement: str, key: str = "month"):
        self._match, self._replacement, self._key = match, replacement, key

    def group(self, name):
        return self._replacement if name == self._key else self._match.group(name)

    def groupdict(self):
        return {**self._match.groupdict(), self._key: self._replacement}
