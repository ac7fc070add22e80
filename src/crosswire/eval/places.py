"""``crosswire eval places GOLD.jsonl``: P/R/F1 of places by country and by coordinates.

Gold lines: ``{"id", "published", "text", "places": [{"text", "country",
"feature", "lat"?, "lon"?}]}`` (a combined file with ``figures`` works too).
Each article's distinct places are compared as sets:

* by country: (name as written, ISO3) pairs; names compare case-insensitively
  without a leading "the";
* by coordinates: gold places that have coordinates (cities, regions, water,
  buildings) against predicted places that are not whole countries; a match
  is the same name within 50 km.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..model import Article, Record

MAX_KM = 50.0
# Only the components places and figures depend on: faster, and a failure in
# an unrelated component does not hide these scores.
COMPONENTS = ("sentences", "entities", "timexes", "places", "quantities")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        return (f"{label:<22} P={self.precision():.3f} R={self.recall():.3f} F1={self.f1():.3f}"
                f"  (tp={self.tp} fp={self.fp} fn={self.fn})")


def read_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def extract_gold_articles(items: list[dict]) -> Iterator[tuple[dict, Record]]:
    """Run the full pipeline over the gold texts, in order."""
    from ..extract import Pipeline
    from ..extract.pipeline import Failure
    pipeline = Pipeline(COMPONENTS)
    articles = [Article(text=it["text"], published=it.get("published"), id=it["id"]) for it in items]
    for item, result in zip(items, pipeline.run(articles)):
        if isinstance(result, Failure):
            raise RuntimeError(str(result))
        yield item, result


def norm(text: str) -> str:
    text = " ".join(text.lower().split())
    return text[4:] if text.startswith("the ") else text


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def score_by_country(item: dict, record: Record, score: Score) -> None:
    gold = {(norm(p["text"]), p.get("country")) for p in item.get("places", [])}
    found = {(norm(p.text), p.country) for p in record.places}
    score.tp += len(gold & found)
    for name, country in sorted(found - gold, key=str):
        score.fp += 1
        score.errors.append(f"{item['id']} false place: {name!r} -> {country}")
    for name, country in sorted(gold - found, key=str):
        score.fn += 1
        score.errors.append(f"{item['id']} missed place: {name!r} -> {country}")


def score_by_coordinates(item: dict, record: Record, score: Score) -> None:
    gold = {norm(p["text"]): (p["lat"], p["lon"]) for p in item.get("places", [])
            if p.get("lat") is not None}
    # Places the gold lists without coordinates (countries, vague regions such
    # as "eastern Libya") are scored by country only.
    uncoded = {norm(p["text"]) for p in item.get("places", []) if p.get("lat") is None}
    found = {norm(p.text): (p.lat, p.lon) for p in record.places
             if p.lat is not None and p.feature != "country" and norm(p.text) not in uncoded}
    matched = {name for name, point in found.items()
               if name in gold and km(*point, *gold[name]) <= MAX_KM}
    score.tp += len(matched)
    score.fp += len(found) - len(matched)
    score.fn += len(gold) - len(matched)
    for name in sorted(set(found) - matched):
        where = f"{km(*found[name], *gold[name]):.0f} km off" if name in gold else "not in gold"
        score.errors.append(f"{item['id']} coordinates: {name!r} {found[name]} {where}")
    for name in sorted(set(gold) - set(found)):
        score.errors.append(f"{item['id']} coordinates: missed {name!r}")


def main(gold: Path, show_errors: bool = False) -> int:
    items = [it for it in read_gold(Path(gold)) if "places" in it]
    by_country, by_coordinates = Score(), Score()
    for item, record in extract_gold_articles(items):
        score_by_country(item, record, by_country)
        score_by_coordinates(item, record, by_coordinates)
    print(f"places: {len(items)} articles, gold {gold}")
    print(by_country.line("by country"))
    print(by_coordinates.line(f"by coordinates <{MAX_KM:.0f}km"))
    if show_errors:
        for error in by_country.errors + by_coordinates.errors:
            print("  " + error)
    return 0
