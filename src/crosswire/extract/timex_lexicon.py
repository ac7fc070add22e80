"""The time words of the lexicons, as lookups and as regular-expression pieces.

Everything word-like comes from ``lexicons/time_*.yaml``; this module only
turns those lists into alternations (longest first, so "Sept." wins over
"Sep") and into lookups from a matched word back to its number or code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons


def _alternation(words, capitalised: bool = False) -> str:
    """Regex alternation of ``words``, longest first, spaces matching any whitespace."""
    forms = sorted(set(words), key=len, reverse=True)
    if capitalised:
        forms = [w[:1].upper() + w[1:] for w in forms]
    return "|".join(re.escape(w).replace("\\ ", " ").replace(" ", r"\s+") for w in forms)


def _key(word: str) -> str:
    """Lookup key of a matched word: lower case, no final period, single spaces."""
    return " ".join(word.lower().rstrip(".").split())


@dataclass(frozen=True)
class TimeVocabulary:
    month_numbers: dict[str, int]
    month_full_names: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    weekday_full_names: tuple[str, ...]
    weekday_abbreviations: tuple[str, ...]
    weekday_numbers: dict[str, int]
    season_codes: dict[str, str]
    part_of_day_codes: dict[str, str]
    ordinal_numbers: dict[str, int]
    deictic_days: dict[str, int]
    shifters: dict[str, int]
    units: dict[str, dict]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    modifiers: tuple[str, ...]
    period_parts: tuple[str, ...]
    within_shifters: tuple[str, ...]
    references: dict[str, str]  # phrase -> PRESENT_REF / PAST_REF / FUTURE_REF
    set_words: tuple[str, ...]
    frequencies: tuple[str, ...]
    anaphoric_days: dict[str, int]
    duration_heads: tuple[str, ...]
    duration_adjectives: tuple[str, ...]  # "three consecutive months"
    frequency_words: dict[str, str]  # "weekly" -> P1W
    clock_words: dict[str, str]  # "noon" -> "12:00"
    holidays: dict[str, dict]  # "christmas" -> {month, day} or {month, weekday, on_or_after}  # "a 60-day period": the noun a hyphenated duration heads

    # ---------------------------------------------------------------- lookups

    def month(self, word: str) -> int | None:
        return self.month_numbers.get(_key(word))

    def weekday(self, word: str) -> int | None:
        """ISO number of "Tuesday", "Tues.", "Tuesdays", "Tuesday's"."""
        key = _key(word).removesuffix("'s")
        return self.weekday_numbers.get(key) or self.weekday_numbers.get(key.rstrip("s"))

    def unit(self, word: str) -> dict | None:
        key = _key(word)
        return self.units.get(key) or self.units.get(_singular(key))

    def number(self, word: str) -> float | str | None:
        """Numeric value of "six", "60", "a", "half a"; "X" for "several"; None if not a number."""
        key = _key(word)
        if key in self.vague_numbers:
            return "X"
        if key in self.numbers:
            return self.numbers[key]
        try:
            return float(key.replace(",", ""))
        except ValueError:
            return None

    # ---------------------------------------------------------------- regex pieces

    # In the lexicon the first word of each month or weekday is its full name,
    # the others are abbreviations. Names are matched capitalised only, since
    # "may", "march" and "sun" are also ordinary words.

    def month_regex(self) -> str:
        """Full month names, or abbreviations with an optional period ("Oct." / "Oct")."""
        return ("(?-i:(?:" + _alternation(self.month_abbreviations, capitalised=True) + r")\.?|"
                + _alternation(self.month_full_names, capitalised=True) + ")")

    def full_month_regex(self) -> str:
        return "(?-i:" + _alternation(self.month_full_names, capitalised=True) + ")"

    def weekday_regex(self) -> str:
        """Full weekday names, or abbreviations with their period ("Tues.")."""
        return ("(?-i:" + _alternation(self.weekday_full_names, capitalised=True)
                + "|(?:" + _alternation(self.weekday_abbreviations, capitalised=True) + r")\.)")

    def full_weekday_regex(self) -> str:
        return "(?-i:" + _alternation(self.weekday_full_names, capitalised=True) + ")"

    def words_regex(self, words) -> str:
        return _alternation(words)

    def number_regex(self) -> str:
        words = list(self.numbers) + list(self.vague_numbers)
        return rf"(?:\d+(?:[.,]\d+)?|{_alternation(words)})"

    def unit_regex(self) -> str:
        return _alternation(list(self.units) + [_plural(u) for u in self.units])


def _singular(word: str) -> str:
    if word.endswith("centuries"):
        return "century"
    return word[:-1] if word.endswith("s") else word


def _plural(word: str) -> str:
    return "centuries" if word == "century" else word + "s"


def _invert(table: dict) -> dict:
    """{number: [words]} -> {word: number}."""
    return {_key(word): int(number) if str(number).isdigit() else number
            for number, words in table.items() for word in words}


@lru_cache(maxsize=1)
def vocabulary() -> TimeVocabulary:
    calendar = lexicons.load("time_calendar.yaml")
    relative = lexicons.load("time_relative.yaml")
    holidays = lexicons.load("time_holidays.yaml")
    references = {_key(phrase): kind for kind, phrases in relative["references"].items()
                  for phrase in phrases}
    return TimeVocabulary(
        month_numbers=_invert(calendar["months"]),
        month_full_names=tuple(names[0] for names in calendar["months"].values()),
        month_abbreviations=tuple(a for names in calendar["months"].values() for a in names[1:]),
        weekday_full_names=tuple(names[0] for names in calendar["weekdays"].values()),
        weekday_abbreviations=tuple(a for names in calendar["weekdays"].values()
                                    for a in names[1:]),
        weekday_numbers=_invert(calendar["weekdays"]),
        season_codes=_invert(calendar["seasons"]),
        part_of_day_codes=_invert(calendar["parts_of_day"]),
        ordinal_numbers=_invert(calendar["ordinals"]),
        deictic_days={_key(k): v for k, v in relative["deictic_days"].items()},
        shifters={_key(k): v for k, v in relative["shifters"].items()},
        units={_key(k): v for k, v in relative["units"].items()},
        numbers={_key(k): v for k, v in relative["numbers"].items()},
        vague_numbers=tuple(_key(w) for w in relative["vague_numbers"]),
        modifiers=tuple(relative["modifiers"]),
        period_parts=tuple(relative["period_parts"]),
        within_shifters=tuple(relative["within_shifters"]),
        references=references,
        set_words=tuple(relative["set_words"]),
        frequencies=tuple(relative["frequencies"]),
        anaphoric_days={_key(k): v for k, v in relative["anaphoric_days"].items()},
        duration_heads=tuple(relative["duration_heads"]),
        duration_adjectives=tuple(relative["duration_adjectives"]),
        frequency_words=dict(relative["frequency_words"]),
        clock_words=dict(relative["clock_words"]),
        holidays={_key(name): spec for table in ("fixed", "moving")
                  for name, spec in holidays[table].items()},
    )
