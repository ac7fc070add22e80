"""Human labels for the codes on the pages: actors, dates, durations, event types.

Analysts read "Pakistan military", "earlier, date not given" and "one day";
the code (PAKMIL, PAST_REF, P1D) stays available in a tooltip. Every word
list is a lexicon (``lexicons/web_labels.yaml``, ``actor_orgs.yaml``,
``cameo_codes.tsv``, country names from :mod:`crosswire.countries`); this
module only puts the pieces together. Every function returns its input
unchanged when it cannot say better, so an unknown code is never hidden.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons
from ..countries import country_name

DATE_PART = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T([A-Z]{2}))?$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
SEASON = re.compile(r"^(\d{4})-([A-Z]{2})$")
DECADE = re.compile(r"^(\d{3})X?$|^(\d{2})XX?$")
DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?|X)(Y|M|W|D|DE|CE))?(?:T(\d+(?:\.\d+)?|X)([HMS]))?$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@lru_cache(maxsize=None)
def _table() -> dict:
    return lexicons.load("web_labels.yaml")


@lru_cache(maxsize=None)
def _org_names() -> dict[str, str]:
    """Actor code -> organisation name, for codes that only one organisation has
    (IGOUNOREF is both UNHCR and UNRWA: that one is composed from its parts)."""
    names: dict[str, set[str]] = {}
    for entry in lexicons.load("actor_orgs.yaml") or []:
        if entry.get("code"):
            names.setdefault(entry["code"], set()).add(entry["name"])
    return {code: next(iter(n)) for code, n in names.items() if len(n) == 1}


@lru_cache(maxsize=4096)
def actor(code: str | None) -> str:
    """'PAKMIL' -> 'Pakistan military', 'IGOUNO' -> 'United Nations', 'RUS' -> 'Russia'."""
    if not code:
        return ""
    code = code.strip().upper()
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    table = _table()
    # An organisation's own name only for international codes: RUSGOV is "Russia
    # government" even if the dictionary's one RUSGOV entry is "Kremlin".
    if parts[0] in table["actor_prefixes"] and code in _org_names():
        return _org_names()[code]
    words = []
    head, rest = parts[0], parts[1:]
    if head in table["actor_prefixes"]:
        if not rest:
            return table["actor_prefixes"][head]
    elif head in table["actor_parts"]:
        rest = parts  # no country: "REB" is rebels, "CVL" civilians
    else:
        name = country_name(head)
        if name == head:
            return code  # not a country we know: show the code as it is
        words.append(name)
    for part in rest:
        word = table["actor_parts"].get(part)
        if word is None:
            return code
        words.append(word)
    after = table["actor_prefix_after"].get(head)
    return " ".join(words + ([after] if after else [])) or code


def event_type(plover_type: str | None, cameo: str | None = None) -> str:
    """'CONSULT' -> 'meeting or talks'; without a PLOVER type, the CAMEO code's name."""
    if plover_type:
        return _table()["plover"].get(plover_type, plover_type.lower())
    return cameo_name(cameo)


@lru_cache(maxsize=None)
def _cameo() -> dict[str, str]:
    return {row["code"]: row["label"] for row in lexicons.load("cameo_codes.tsv")}


def cameo_name(code: str | None) -> str:
    """'042' -> the CAMEO codebook's label ('Make a visit'); the code if unknown."""
    if not code:
        return ""
    label = _cameo().get(code)
    return label[0].lower() + label[1:] if label else f"CAMEO {code}"


def quad_short() -> dict[int, str]:
    """Quad class -> a short name for table headers ('verbal coop.')."""
    return {int(q): name for q, name in _table()["quad_short"].items()}


CODE_TOKEN = re.compile(r"^(?:[A-Z]{3}|[A-Z]{3}(?:[A-Z]{3})+|P[0-9TX][0-9A-Z.]*|PAST_REF|FUTURE_REF"
                        r"|PRESENT_REF|\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-[A-Z]{2})?(?:T[A-Z]{2})?)$")


def topic(text: str | None) -> str:
    """A conflict's topic as the compare stage builds it ("killed personnel PAK
    2025-03-11", "killed terrorist P1D") with its codes in words ("killed personnel
    Pakistan 11 March 2025", "killed terrorist one day"); other words are kept."""
    if not text:
        return ""
    words = []
    for word in text.split():
        if CODE_TOKEN.match(word):
            said = timex(word) if not word.isalpha() or word.endswith("_REF") else actor(word)
            words.append(said or word)
        else:
            words.append(word)
    return " ".join(words)


def conflict_kind(kind: str | None) -> str:
    return _table()["conflict_kinds"].get(kind or "", kind or "conflict")


def date_basis(basis: str | None) -> str:
    return _table()["date_basis"].get(basis or "", basis or "")


def origin_kind(kind: str | None) -> str:
    return _table()["origin_kinds"].get(kind or "", kind or "")


def timex(value: str | None) -> str:
    """A TIMEX3 value for people: 'PAST_REF' -> 'earlier, date not given',
    '2024-11-19TMO' -> '19 November 2024, morning', '2024-12' -> 'December 2024',
    'P1D' -> 'one day'. Anything else is returned as it is."""
    if not value:
        return ""
    table = _table()
    if value in table["timex_refs"]:
        return table["timex_refs"][value]
    if value.startswith("P"):
        return duration(value)
    m = DATE_PART.match(value)
    if m and 1 <= int(m.group(2)) <= 12:
        year, month, day, part = m.groups()
        text = f"{MONTHS[int(month) - 1]} {year}"
        if day:
            text = f"{int(day)} {text}"
        if part:
            text += ", " + table["day_parts"].get(part, part)
        return text
    m = WEEK.match(value)
    if m:
        return f"week {int(m.group(2))} of {m.group(1)}" + (", weekend" if value.endswith("WE")
                                                            else "")
    m = SEASON.match(value)
    if m and m.group(2) in table["seasons"]:
        return f"{table['seasons'][m.group(2)]} {m.group(1)}"
    m = DECADE.match(value)
    if m:
        return f"the {m.group(1)}0s" if m.group(1) else f"the {int(m.group(2)) + 1}th century"
    return value


def duration(value: str) -> str:
    """'P1D' -> 'one day', 'PT3H' -> 'three hours', 'P2W' -> 'two weeks', 'PXY' -> 'years'."""
    m = DURATION.match(value)
    if not m or not (m.group(2) or m.group(4)):
        return value
    pieces = []
    for amount, unit in ((m.group(1), m.group(2)), (m.group(3), m.group(4) and "T" + m.group(4))):
        if unit:
            pieces.append(_amount(amount, _table()["duration_units"][unit]))
    return " ".join(pieces)


def _amount(amount: str, names: list[str]) -> str:
    if amount == "X":
        return names[1]  # "PXY": an unstated number of years
    number = float(amount)
    words = _table()["number_words"]
    spelled = words[int(number)] if number.is_integer() and number < len(words) \
        else (str(int(number)) if number.is_integer() else amount)
    return f"{spelled} {names[0] if number == 1 else names[1]}"
