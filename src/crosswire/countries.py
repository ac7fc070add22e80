"""Countries: names, short forms, demonyms and capitals -> ISO 3166-1 alpha-3.

The table is ``lexicons/countries.tsv`` (columns ``text``, ``iso3``, ``kind``
with kind = ``name`` | ``demonym`` | ``capital`` | ``display``,
the last giving the readable name ``country_name`` prefers). Other areas may append rows.

API::

    lookup_country("U.S.") -> "USA"        # a country's name or short form
    demonym_country("Lebanese") -> "LBN"   # adjective or people noun
    capital_country("Moscow") -> "RUS"     # capitals and seats of government (metonymy)
    country_name("PSE") -> "Palestine"
    any_country("Kremlin") -> "RUS"        # name, then demonym, then capital

Matching is exact first; failing that, case-insensitive, but only for forms of
four letters or more, so the pronoun "us" never becomes the United States.
A leading "the" and a trailing possessive ("Israel's") are ignored.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from . import lexicons

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_MIN_CASELESS = 4


def _normalise(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = _POSSESSIVE.sub("", text)
    return text


@lru_cache(maxsize=None)
def _tables() -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """kind -> (exact table, lower-cased table)."""
    out: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for row in lexicons.load("countries.tsv"):
        exact, caseless = out.setdefault(row["kind"], ({}, {}))
        text = _normalise(row["text"])
        exact.setdefault(text, row["iso3"])
        if len(text) >= _MIN_CASELESS:
            caseless.setdefault(text.lower(), row["iso3"])
    return out


def _lookup(kind: str, text: str | None) -> str | None:
    if not text:
        return None
    exact, caseless = _tables().get(kind, ({}, {}))
    text = _normalise(text)
    for candidate in (text, re.sub(r"^(?:the|The) ", "", text)):
        if candidate in exact:
            return exact[candidate]
        if len(candidate) >= _MIN_CASELESS and candidate.lower() in caseless:
            return caseless[candidate.lower()]
    return None


def lookup_country(text: str | None) -> str | None:
    """ISO3 of a country named by ``text`` ("Russia", "U.S.", "Gaza"), else None."""
    return _lookup("name", text)


def demonym_country(word: str | None) -> str | None:
    """ISO3 of a demonym or adjective ("Israeli", "Lebanese"), else None."""
    return _lookup("demonym", word)


def capital_country(name: str | None) -> str | None:
    """ISO3 of the country whose capital or seat is ``name`` ("Moscow", "Kremlin")."""
    return _lookup("capital", name)


def any_country(text: str | None) -> str | None:
    """Name, then demonym, then capital."""
    return lookup_country(text) or demonym_country(text) or capital_country(text)


@lru_cache(maxsize=None)
def country_name(iso3: str) -> str:
    """A readable name for an ISO3 code ("RUS" -> "Russia"); the code if unknown."""
    display, _ = _tables().get("display", ({}, {}))
    for text, code in display.items():
        if code == iso3:
            return text
    entry = pycountry.countries.get(alpha_3=iso3)
    if entry is not None:
        name = getattr(entry, "common_name", None) or entry.name
        return name.split(",")[0]
    exact, _ = _tables().get("name", ({}, {}))
    for text, code in exact.items():
        if code == iso3:
            return text
    return iso3
