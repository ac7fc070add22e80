"""Actor dictionaries: who is who, and for how long.

Stale dictionaries are the main weakness of event coders: a president keeps
being coded as the government years after leaving office. Every entry here
therefore carries the interval its office was held (``valid_from`` /
``valid_to``, ISO dates, either may be open) and applies only to articles
published inside it.

Three tiers, asked in this order (the first tier knowing a name on the
article's date answers):

1. the user's file given by ``crosswire extract --actors FILE`` (passed to the
   pipeline as ``config["entities"]["actor_dictionary"]``), YAML or CSV with
   the columns ``name, aliases, code, country, sector, role, valid_from,
   valid_to``; ``aliases`` is a list in YAML and ``;``-separated in CSV;
2. crosswire's own data: ``lexicons/actor_orgs.yaml`` (organisations and armed
   groups) and ``lexicons/actor_people.yaml`` (post-2015 office holders, with
   dates);
3. the Phoenix dictionaries of PETRARCH2 (``lexicons/phoenix/``, see
   ``phoenix_actors.py``): thousands of office-holders with date ranges up to
   2014-2015, international organisations, armed non-state groups.

Within a tier the last entry listed wins; a Phoenix *default* code (one given
without a date range) applies only when none of that name's ranges does.

``load_actor_dictionary(path)`` reads a user file; :class:`ActorIndex` answers
"who is this name, as of this date?".
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .. import lexicons
from ..model import Actor

FIELDS = ("name", "aliases", "code", "country", "sector", "role", "valid_from", "valid_to")


@dataclass
class ActorEntry:
    name: str
    aliases: list[str] = field(default_factory=list)
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    valid_from: str | None = None  # ISO date, inclusive
    valid_to: str | None = None  # ISO date, exclusive (the day the office ended)
    source: str = "crosswire"  # "user", "crosswire" or "phoenix"
    fallback: bool = False  # a default code: applies only where no dated entry does
    terms: bool = False  # its record lists dated terms of office (a person, in Phoenix)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def valid_on(self, day: str | None) -> bool:
        """True if the office was held on ``day`` (any date when ``day`` is unknown
        and the entry is open-ended; dated entries need a date to apply)."""
        if day is None:
            return self.valid_to is None
        day = day[:10]
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day >= self.valid_to)

    def actor(self, name: str | None = None) -> Actor:
        return Actor(name=name or self.name, code=self.code, country=self.country,
                     sector=self.sector, role=self.role)


def entry_from_mapping(item: dict[str, Any]) -> ActorEntry:
    """One entry from a YAML mapping or CSV row; blank cells become None."""
    def text(key: str) -> str | None:
        value = item.get(key)
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()[:10]
        return str(value).strip()

    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    if not text("name"):
        raise ValueError(f"actor dictionary entry without a name: {item!r}")
    code = text("code")
    country = text("country") or (code[:3] if code and _looks_like_country(code[:3]) else None)
    sector = text("sector") or (code[3:6] if code and country and len(code) >= 6 else None)
    return ActorEntry(name=text("name"), aliases=[str(a) for a in aliases], code=code,
                      country=country, sector=sector, role=text("role"),
                      valid_from=text("valid_from"), valid_to=text("valid_to"))


def _looks_like_country(code: str) -> bool:
    from ..countries import country_name
    return len(code) == 3 and country_name(code) != code


def load_actor_dictionary(path: str | Path) -> list[ActorEntry]:
    """Read a user actor dictionary (``.yaml``/``.yml`` or ``.csv``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv"):
        raise ValueError(f"actor dictionary must be .yaml, .yml or .csv: {path}")
    try:
        if suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                return [entry_from_mapping(row) for row in csv.DictReader(handle)]
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):  # {"actors": [...]} is accepted too
            data = data.get("actors", [])
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ValueError("expected a list of entries (name, aliases, code, ...)")
        return [entry_from_mapping(item) for item in data]
    except (yaml.YAMLError, csv.Error, UnicodeDecodeError, OSError) as exc:
        # One error type for the CLI to report against --actors.
        raise ValueError(f"cannot read actor dictionary {path}: {exc}") from exc
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc


def builtin_entries() -> list[ActorEntry]:
    """The bundled organisations and office holders."""
    items = (lexicons.load("actor_orgs.yaml") or []) + (lexicons.load("actor_people.yaml") or [])
    return [entry_from_mapping(item) for item in items]


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).lower()


class ActorIndex:
    """Name -> entries; the user's entries shadow built-in ones of the same name."""

    def __init__(self, entries: Iterable[ActorEntry], user: Iterable[ActorEntry] = (),
                 phoenix: dict[str, list[ActorEntry]] | Iterable[ActorEntry] = ()):
        self.user_entries = list(user)
        self._builtin = self._index(entries)
        self._user = self._index(self.user_entries)
        # The Phoenix tier is big (some 30,000 names): pass the shared, prebuilt index.
        self._phoenix = phoenix if isinstance(phoenix, dict) else self._index(phoenix)

    @staticmethod
    def _index(entries: Iterable[ActorEntry]) -> dict[str, list[ActorEntry]]:
        index: dict[str, list[ActorEntry]] = {}
        for entry in entries:
            for name in entry.names():
                index.setdefault(_key(name), []).append(entry)
        return index

    def find(self, name: str, day: str | None, phoenix: bool = True) -> ActorEntry | None:
        """The entry for ``name`` valid on ``day``: user entries, then crosswire's,
        then (unless ``phoenix`` is False) the Phoenix dictionaries."""
        key = _key(name)
        tiers = (self._user, self._builtin, self._phoenix) if phoenix else (self._user, self._builtin)
        for index in tiers:
            valid = [e for e in index.get(key, ()) if e.valid_on(day)]
            if index is self._phoenix and valid:
                from .phoenix_actors import usable_name
                valid = [e for e in valid if usable_name(e, key)]
            dated = [e for e in valid if not e.fallback]
            if dated or valid:
                return (dated or valid)[-1]  # the last one listed wins, so later files override
        return None

    def names(self) -> set[str]:
        return set(self._user) | set(self._builtin)

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "ActorIndex":
        user_path = config.get("actor_dictionary")
        user = load_actor_dictionary(user_path) if user_path else []
        extra = config.get("actor_entries") or []  # entries already loaded (from the database)
        user = list(user) + [e if isinstance(e, ActorEntry) else entry_from_mapping(e) for e in extra]
        for entry in user:
            entry.source = "user"
        phoenix: dict[str, list[ActorEntry]] = {}
        if config.get("phoenix", True):
            from .phoenix_actors import phoenix_index
            phoenix = phoenix_index()
        return cls(builtin_entries(), user, phoenix)
