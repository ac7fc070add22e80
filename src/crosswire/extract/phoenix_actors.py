"""The Phoenix (PETRARCH2) actor dictionaries, as converted into ``lexicons/phoenix/``.

``scripts/convert_phoenix_actors.py`` rebuilds the data from the MIT-licensed
dictionaries of openeventdata/petrarch2 (see ``lexicons/phoenix/README.md``).
This module reads it, once per process:

* :func:`phoenix_entries` - named actors (office-holders with date ranges,
  international organisations, armed non-state groups) as :class:`ActorEntry`
  objects, the lowest tier of :class:`~.actor_dictionary.ActorIndex`;
* :func:`phoenix_country` - country names, adjectives and places (cities,
  provinces) -> ISO3, consulted after crosswire's own ``countries.tsv``;
* :func:`agent_sector` - common nouns -> sector ("peasants" -> AGR), consulted
  after crosswire's own ``actor_roles.yaml``.

The dictionaries were last updated in 2015 (their latest date is 2015-02-17).
A person's office there (an open-ended term "[SYRGOV >000717]" or a default
code) is therefore only trusted up to :data:`HORIZON`: in articles published
later the person keeps the country but not the office (sector ELI, CAMEO's
"elite", as for former office-holders), so a leader who left office after
2015 is not coded as the government (:func:`person_as_of`, applied to people
only: organisations keep their codes). crosswire's own ``actor_people.yaml``
and ``--actors`` give current office-holders.

A single word is looked up in Phoenix as a person only as the surname of a
fuller name of the same entry ("Gbagbo" of "Laurent Gbagbo"), never as a first
name standing alone ("Albert"); groups' short names ("RDF") stand alone.

Phoenix ranges are inclusive at both ends; crosswire's ``valid_to`` is
exclusive, so a range ending on D becomes ``valid_to`` = D + 1 day. A code
given without a range is the entry's *default*: it applies only on dates no
range covers (``ActorEntry.fallback``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from .. import lexicons
from .actor_dictionary import ActorEntry

# Phoenix codes that start with a non-country: international and transnational
# actors. IMG (international militarised group) acts like an armed group, NGM
# (non-governmental movement) like an NGO, MNC (multinational) like a business.
_NON_COUNTRY_SECTORS = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "NGM": "NGO", "MNC": "BUS", "UIS": "REB",
                        "ELI": "ELI", "GOV": "GOV", "REB": "REB", "MIL": "MIL", "OPP": "OPP", "CVL": "CVL",
                        "BUS": "BUS", "MED": "MED", "REF": "REF", "COP": "COP", "JUD": "JUD", "LEG": "LEG",
                        "SPY": "SPY", "HRI": "NGO", "EDU": "EDU", "HLH": "HLH", "LAB": "LAB", "AGR": "AGR"}


HORIZON = "2016-01-01"


def person_as_of(entry: ActorEntry, day: str | None) -> ActorEntry:
    """A person's Phoenix code in an article after the dictionaries' horizon:
    the country without the office (``SYRGOV`` -> ``SYRELI``)."""
    if entry.source != "phoenix" or day is None or day[:10] < HORIZON or not entry.country:
        return entry
    return replace(entry, code=f"{entry.country}ELI", sector="ELI")


def usable_name(entry: ActorEntry, key: str) -> bool:
    """A one-word key of a person (a record with terms of office) must be the
    surname of one of its longer names; a group's short name ("RDF") stands alone."""
    if " " in key or not entry.terms:
        return True
    return any(name.lower().endswith(" " + key) for name in entry.names())


def split_code(code: str) -> tuple[str | None, str | None]:
    """``RUSGOV`` -> (RUS, GOV); ``IGOUNO`` -> (None, IGO); ``IMGMUSALQ`` -> (None, REB)."""
    from ..countries import country_name
    head = code[:3]
    if head in _NON_COUNTRY_SECTORS and len(code) >= 3 and not _is_country(head, country_name):
        return None, _NON_COUNTRY_SECTORS[head]
    if _is_country(head, country_name):
        # Only sectors crosswire knows ("BIHSRP", Republika Srpska, has none).
        return head, code[3:6] if code[3:6] in _NON_COUNTRY_SECTORS else None
    return None, _NON_COUNTRY_SECTORS.get(code[3:6]) if len(code) >= 6 else None


def _is_country(code: str, country_name) -> bool:
    return len(code) == 3 and code.isalpha() and country_name(code) != code


def _day_after(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def parse_codes(names: list[str], codes: str) -> list[ActorEntry]:
    """One entry per dated code, plus the default (``fallback``) if given."""
    out = []
    terms = "@" in codes
    for part in codes.split():
        code, _, span = part.partition("@")
        if not code.isalpha():  # "---": PETRARCH's null code, not an actor
            continue
        country, sector = split_code(code)
        entry = ActorEntry(name=names[0], aliases=names[1:], code=code, country=country, sector=sector,
                           source="phoenix", terms=terms)
        if span:
            start, _, end = span.partition("..")
            entry.valid_from = start or None
            entry.valid_to = _day_after(end) if end else None
        else:
            entry.fallback = True
        out.append(entry)
    return out


@lru_cache(maxsize=None)
def phoenix_entries() -> tuple[ActorEntry, ...]:
    rows = lexicons.load("phoenix/actors.tsv")
    out: list[ActorEntry] = []
    for row in rows:
        names = [n for n in row["names"].split("|") if n]
        if names and row["codes"]:
            out += parse_codes(names, row["codes"])
    return tuple(out)


@lru_cache(maxsize=None)
def phoenix_index() -> dict[str, list[ActorEntry]]:
    """Name key -> entries, built once per process and shared by every ActorIndex."""
    from .actor_dictionary import ActorIndex
    return ActorIndex._index(phoenix_entries())


_FIRST_WORD = re.compile(r"[^\W_]+")
# Small words that may stay lower-case inside a capitalised name.
_CONNECTORS = {"of", "the", "and", "for", "in", "on", "al", "el", "de", "du", "la", "le", "des", "del", "wal",
               "bin", "ibn", "to", "&"}


class NameTrie:
    """Multi-word names found in running text, keyed on their first word (a
    dict lookup per token, then a string comparison per candidate name)."""

    def __init__(self, names):
        self._by_first: dict[str, list[str]] = {}
        for name in names:
            first = _FIRST_WORD.match(name)
            if first:
                self._by_first.setdefault(first.group(0), []).append(name)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)  # the longest name wins

    def find(self, doc) -> list[tuple[int, int]]:
        """(start, end) character spans of capitalised dictionary names in ``doc``."""
        text, lower = doc.text, doc.text.lower()
        out, taken_until = [], -1
        for token in doc:
            if token.idx < taken_until or not token.text[:1].isupper():
                continue
            for name in self._by_first.get(token.lower_, ()):
                end = token.idx + len(name)
                if lower.startswith(name, token.idx) and (end == len(text) or not text[end].isalnum()) \
                        and _capitalised(text[token.idx:end]):
                    out.append((token.idx, end))
                    taken_until = end
                    break
        return out


def _capitalised(text: str) -> bool:
    return all(w[:1].isupper() or w.lower() in _CONNECTORS or not w[:1].isalpha()
               for w in re.split(r"[\s\-]+", text) if w)


@lru_cache(maxsize=None)
def group_name_trie() -> NameTrie:
    """Organisations and armed groups of Phoenix (records without terms of
    office), names of two words or more, to find those the model missed."""
    names = set()
    for entry in phoenix_entries():
        if entry.terms or entry.sector not in ("IGO", "NGO", "REB", "MIL", "GOV", "PTY", "OPP", "MED"):
            continue
        for name in entry.names():
            if " " in name and len(name) >= 8 and "(" not in name and not name.lower().startswith("the "):
                names.add(name.lower())
    return NameTrie(sorted(names))


@lru_cache(maxsize=None)
def _country_tables() -> dict[str, dict[str, str]]:
    """kind (name | adjective | place) -> lower-cased text -> ISO3."""
    out: dict[str, dict[str, str]] = {}
    for row in lexicons.load("phoenix/countries.tsv"):
        out.setdefault(row["kind"], {}).setdefault(row["text"].lower(), row["iso3"])
    return out


def phoenix_country(text: str | None, kinds: tuple[str, ...] = ("name", "adjective")) -> str | None:
    """ISO3 of a country name or adjective (or, if asked, a city or province) in Phoenix.

    Only capitalised words of four letters or more are looked up, so common
    words and short ambiguous forms never become countries."""
    if not text or len(text) < 4 or not text[:1].isupper():
        return None
    key = " ".join(text.replace("’", "'").split()).lower()
    tables = _country_tables()
    for kind in kinds:
        found = tables.get(kind, {}).get(key)
        if found:
            return found
    return None


@lru_cache(maxsize=None)
def _agents() -> dict[str, str]:
    return {row["phrase"]: row["code"][:3] for row in lexicons.load("phoenix/agents.tsv")}


def agent_sector(phrase: str) -> str | None:
    """Sector of a common noun phrase in the Phoenix agents ("peasants" -> AGR)."""
    return _agents().get(" ".join(phrase.lower().split()))
