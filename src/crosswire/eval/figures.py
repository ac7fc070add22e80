"""``crosswire eval figures GOLD.jsonl``: P/R/F1 of figures.

Gold lines: ``{"id", "published", "text", "figures": [{"text", "value",
"category", "approx"}]}`` (a combined file with ``places`` works too). Each
article's figures are compared as multisets:

* strict: value, category and qualifier (``approx``) all agree;
* value+category: the qualifier may differ;
* per category: recall and precision of value+category, category by category.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..model import Record
from .places import Score, extract_gold_articles, read_gold

CATEGORIES = ("killed", "wounded", "displaced", "arrested", "missing", "other")


def gold_keys(item: dict, strict: bool) -> Counter:
    return Counter(_key(f["value"], f["category"], f.get("approx", "exact"), strict)
                   for f in item.get("figures", []))


def found_keys(record: Record, strict: bool) -> Counter:
    return Counter(_key(q.value, q.category, q.approx, strict) for q in record.quantities)


def _key(value, category, approx, strict):
    value = float(value) if value is not None else None
    return (value, category, approx) if strict else (value, category)


def score_item(item: dict, record: Record, score: Score, strict: bool,
               category: str | None = None) -> None:
    gold, found = gold_keys(item, strict), found_keys(record, strict)
    if category:
        gold = Counter({k: n for k, n in gold.items() if k[1] == category})
        found = Counter({k: n for k, n in found.items() if k[1] == category})
    both = gold & found
    score.tp += sum(both.values())
    score.fp += sum((found - both).values())
    score.fn += sum((gold - both).values())
    if category is None and strict:
        texts = {(float(q.value) if q.value is not None else None, q.category, q.approx): q.text
                 for q in record.quantities}
        for key in (found - both):
            score.errors.append(f"{item['id']} false figure: {texts.get(key)!r} {key}")
        for key in (gold - both):
            score.errors.append(f"{item['id']} missed figure: {key}")


def main(gold: Path, show_errors: bool = False) -> int:
    items = [it for it in read_gold(Path(gold)) if "figures" in it]
    strict, lenient = Score(), Score()
    per_category = {c: Score() for c in CATEGORIES}
    for item, record in extract_gold_articles(items):
        score_item(item, record, strict, strict=True)
        score_item(item, record, lenient, strict=False)
        for category, score in per_category.items():
            score_item(item, record, score, strict=False, category=category)
    print(f"figures: {len(items)} articles, gold {gold}")
    print(strict.line("value+category+approx"))
    print(lenient.line("value+category"))
    for category, score in per_category.items():
        print(score.line(f"  {category}"))
    if show_errors:
        for error in strict.errors:
            print("  " + error)
    return 0
