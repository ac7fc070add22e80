"""Resolvers of the time grammar: from a matched expression to its TIMEX3 value.

A resolver reads the match and a :class:`Situation` (publication date, tense
direction of the expression, the last day and value mentioned) and returns
``(type, value)``; the value is None when it depends on a reference that is
unknown. A resolver returning None rejects the match (e.g. "Feb. 30").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .. import lexicons
from . import timex_calendar as cal
from .timex_calendar import FUTURE, NONE, PAST
from .timex_lexicon import TimeVocabulary, vocabulary

Resolution = tuple[str, str | None]


@dataclass
class Situation:
    """What a resolver may use besides the match itself."""

    reference: date | None  # publication date
    direction: int = NONE  # tense direction of the expression (timex_tense)
    last_day: date | None = None  # the last day-precise date mentioned before
    last_value: str | None = None  # the last calendar value mentioned before
    text: str = ""  # the whole article, for context-anchored dates


def previous_word(text: str, position: int) -> str:
    """The word just before ``position``, lower case ("" at the start)."""
    words = text[max(0, position - 40):position].split()
    return words[-1].lower() if words else ""


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
    unit = unit.get("duration", unit)
    if unit.get("code") == "WE":
        return None
    if amount != "X":
        amount = amount * unit.get("factor", 1)
    clock = "T" if unit.get("clock") else ""
    return f"P{clock}{_number_text(amount)}{unit['code']}"


# --------------------------------------------------------------------------- resolvers


def resolve_iso(m: re.Match, s: Situation) -> Resolution | None:
    year, month, day = (int(m.group(g)) for g in ("year", "month", "day"))
    return ("DATE", date(year, month, day).isoformat()) if _valid_day(year, month, day) else None


def resolve_numeric(m: re.Match, s: Situation) -> Resolution | None:
    month, day = int(m.group("month")), int(m.group("day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = m.group("year")
    year_number = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return _month_day(month, day, year_number, s)


def resolve_month_day(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    resolved = _month_day(_month(v, m), int(m.group("day")), _year(m), s)
    if resolved is None:
        return None
    return _with_part_of_day(resolved[1], m.groupdict().get("part"), v)


def resolve_month_year(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", cal.month_value(_year(m), _month(vocabulary(), m))


def resolve_month_alone(m: re.Match, s: Situation) -> Resolution | None:
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


def resolve_month_shifted_year(m: re.Match, s: Situation) -> Resolution | None:
    if s.reference is None:
        return "DATE", None
    offset = vocabulary().shifters[m.group("shift").lower()]
    return "DATE", cal.month_value(s.reference.year + offset, _month(vocabulary(), m))


def resolve_year(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", f"{int(m.group('year')):04d}"


def resolve_decade(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", m.group("decade")


def resolve_weekday(m: re.Match, s: Situation) -> Resolution | None:
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


def resolve_weekday_set(m: re.Match, s: Situation) -> Resolution | None:
    weekday = vocabulary().weekday(m.group("weekday"))
    return ("SET", f"XXXX-WXX-{weekday}") if weekday else None


def resolve_deictic(m: re.Match, s: Situation) -> Resolution | None:
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


def resolve_shifted_unit(m: re.Match, s: Situation) -> Resolution | None:
    """"last week" -> 2024-W45; "this year" -> 2024; "earlier this month" -> 2024-11."""
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    offset = v.shifters[m.group("shift").lower()]
    if unit is None or unit.get("clock"):
        return None
    if s.reference is None:
        return "DATE", None
    return "DATE", _shifted_unit_value(s.reference, unit["code"], offset)


def resolve_the_past_unit(m: re.Match, s: Situation) -> Resolution | None:
    """"the past week", "the past three months": a duration reaching the reference."""
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    plural = m.group("unit").lower().endswith("s")
    amount = v.number(m.group("number")) if m.group("number") else ("X" if plural else 1)
    if unit is None or amount is None:
        return None
    value = _duration(amount, unit)
    return ("DURATION", value) if value else None


def resolve_ago(m: re.Match, s: Situation) -> Resolution | None:
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


def resolve_duration(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    amount = v.number(m.group("number"))
    if unit is None or amount is None:
        return None
    if m.group("unit").lower() == "second" and not m.group("number")[0].isdigit():
        return None  # "a second phase" is an ordinal, not one second
    value = _duration(amount, unit)
    return ("DURATION", value) if value else None


def resolve_bare_plural_duration(m: re.Match, s: Situation) -> Resolution | None:
    """"for years", "in decades" -> PXY."""
    unit = vocabulary().unit(m.group("unit"))
    return ("DURATION", _duration("X", unit)) if unit and _duration("X", unit) else None


def resolve_set(m: re.Match, s: Situation) -> Resolution | None:
    v = vocabulary()
    unit = v.unit(m.group("unit"))
    number = m.groupdict().get("number")
    amount = v.number(number) if number else 1
    if unit and unit.get("code") == "WE" and amount == 1:
        return "SET", "XXXX-WXX-WE"  # every weekend
    value = _duration(amount, unit) if unit and amount is not None else None
    return ("SET", value) if value else None


def resolve_reference(m: re.Match, s: Situation) -> Resolution | None:
    kind = vocabulary().references.get(" ".join(m.group(0).lower().split()))
    return ("DATE", kind) if kind else None


def resolve_season(m: re.Match, s: Situation) -> Resolution | None:
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
    return previous_word(text, m.start()) not in ("in", "during", "by", "until", "since", "through",
                                                  "over")


def resolve_quarter(m: re.Match, s: Situation) -> Resolution | None:
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


def resolve_half(m: re.Match, s: Situation) -> Resolution | None:
    half = 1 if m.group("half").lower() == "first" else 2
    return "DATE", f"{int(m.group('year')):04d}-H{half}"


def resolve_anaphoric_day(m: re.Match, s: Situation) -> Resolution | None:
    offset = vocabulary().anaphoric_days[" ".join(m.group(0).lower().split())]
    if s.last_day is None:
        return "DATE", None
    return "DATE", (s.last_day + timedelta(days=offset)).isoformat()


def resolve_clock(m: re.Match, s: Situation) -> Resolution | None:
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or 0)
    meridiem = m.group("meridiem").lower().replace(".", "")
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    day = s.last_day or s.reference
    clock = f"T{hour:02d}:{minute:02d}"
    return "TIME", (day.isoformat() + clock) if day else None


def resolve_period_of_current(m: re.Match, s: Situation) -> Resolution | None:
    """"the end of the month" -> the current month; "the start of the year" -> this year."""
    if s.reference is None:
        return "DATE", None
    code = {"week": "W", "month": "M", "year": "Y"}[m.group("unit").lower()]
    return "DATE", _shifted_unit_value(s.reference, code, 0)


def resolve_anaphoric_unit(m: re.Match, s: Situation) -> Resolution | None:
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


def resolve_vague_relative(m: re.Match, s: Situation) -> Resolution | None:
    """"years ago" is some past time; "days later" a vague duration."""
    if m.group("rel").lower() == "ago":
        return "DATE", "PAST_REF"
    unit = vocabulary().unit(m.group("unit"))
    value = _duration("X", unit) if unit else None
    return ("DURATION", value) if value else None


def resolve_century(m: re.Match, s: Situation) -> Resolution | None:
    ordinal = int(m.group("ordinal"))
    return ("DATE", f"{ordinal - 1:02d}") if 1 <= ordinal <= 21 else None


def resolve_hundreds(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", m.group("century")


def resolve_short_decade(m: re.Match, s: Situation) -> Resolution | None:
    return "DATE", f"19{m.group('tens')}"


def resolve_frequency_word(m: re.Match, s: Situation) -> Resolution | None:
    return "SET", vocabulary().frequency_words[m.group("word").lower()]


def resolve_clock_word(m: re.Match, s: Situation) -> Resolution | None:
    day = s.last_day or s.reference
    clock = vocabulary().clock_words[m.group("word").lower()]
    return "TIME", (f"{day.isoformat()}T{clock}" if day else None)


def _holiday_day(spec: dict, year: int) -> date:
    if "day" in spec:
        return date(year, spec["month"], spec["day"])
    first = date(year, spec["month"], spec["on_or_after"])
    return first + timedelta(days=(spec["weekday"] - first.isoweekday()) % 7)


def resolve_holiday(m: re.Match, s: Situation) -> Resolution | None:
    """"Christmas" -> the nearest Dec. 25 in the direction of the tense."""
    spec = vocabulary().holidays[" ".join(m.group("holiday").lower().split())]
    year = _year(m)
    if year is None:
        if s.reference is None:
            return "DATE", None
        candidates = [_holiday_day(spec, y) for y in (s.reference.year - 1, s.reference.year,
                                                      s.reference.year + 1)]
        year = cal.pick_nearest(candidates, s.reference, s.direction).year
    return "DATE", _holiday_day(spec, year).isoformat()


def resolve_weekend(m: re.Match, s: Situation) -> Resolution | None:
    if s.reference is None:
        return "DATE", None
    offset = -1 if s.direction == PAST else 0
    return "DATE", _shifted_unit_value(s.reference, "WE", offset)
