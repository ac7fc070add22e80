"""``crosswire eval time GOLD.jsonl``: time expressions scored as in TempEval-3.

Gold file: one JSON object per line::

    {"id": "d01", "published": "2024-03-12" | null, "text": "...",
     "timexes": [{"text": "last week", "occurrence": 0, "type": "DATE", "value": "2024-W10"}]}

A gold timex is located by its text (``occurrence`` = which occurrence, from
0, when the string appears more than once), never by hand-counted offsets.

Measures (TempEval-3, Task A):

- strict span P/R/F1: the system span has exactly the gold offsets;
- relaxed span P/R/F1: the spans overlap (each matched at most once);
- value accuracy: share of relaxed matches whose value is right;
- value P/R/F1: relaxed matches with the right value, over the system's
  timexes (precision) and the gold's (recall), TempEval-3's attribute F1;
- type accuracy over relaxed matches.

Only the ``sentences`` and ``timexes`` components run: the score is the time
extractor's alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, Timex


@dataclass
class GoldTimex:
    text: str
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def read_gold(path: Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                item = json.loads(line)
                item["gold"] = [locate(item["text"], t, f"{path}:{number}") for t in item["timexes"]]
                items.append(item)
    return items


def locate(text: str, timex: dict, where: str) -> GoldTimex:
    """Offsets of the ``occurrence``-th occurrence of the gold timex's text."""
    start = -1
    for _ in range(timex.get("occurrence", 0) + 1):
        start = text.find(timex["text"], start + 1)
        if start < 0:
            raise ValueError(f"{where}: {timex['text']!r} not found "
                             f"(occurrence {timex.get('occurrence', 0)})")
    return GoldTimex(timex["text"], start, start + len(timex["text"]), timex.get("type", "DATE"),
                     timex.get("value"))


def score_item(gold: list[GoldTimex], system: list[Timex], label: str) -> Tally:
    """Compare one text's gold and system timexes."""
    tally = Tally(gold=len(gold), system=len(system))
    unmatched = list(system)
    for g in gold:
        partner = _best_overlap(g, unmatched)
        if partner is None:
            tally.errors.append(f"{label}: MISS {g.text!r} ({g.value})")
            continue
        unmatched.remove(partner)
        tally.relaxed += 1
        tally.strict += (partner.start, partner.end) == (g.start, g.end)
        tally.type += partner.type == g.type
        if partner.value == g.value:
            tally.value += 1
        else:
            tally.errors.append(f"{label}: VALUE {g.text!r}: gold {g.value}, got "
                                f"{partner.value} (span {partner.text!r})")
        if (partner.start, partner.end) != (g.start, g.end) and partner.value == g.value:
            tally.errors.append(f"{label}: SPAN gold {g.text!r}, got {partner.text!r}")
    for s in unmatched:
        tally.errors.append(f"{label}: FALSE ALARM {s.text!r} ({s.value})")
    return tally


def _best_overlap(g: GoldTimex, candidates: list[Timex]) -> Timex | None:
    overlapping = [s for s in candidates if s.start < g.end and g.start < s.end]
    if not overlapping:
        return None
    return max(overlapping, key=lambda s: min(s.end, g.end) - max(s.start, g.start))


def _prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = hits / system if system else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(items: list[dict]) -> Tally:
    from ..extract import Pipeline
    pipeline = Pipeline(components=("sentences", "timexes"))
    total = Tally()
    for item in items:
        record = pipeline(Article(text=item["text"], published=item.get("published"),
                                  id=item.get("id")))
        total.add(score_item(item["gold"], record.timexes, item.get("id", "?")))
    return total


def report(tally: Tally) -> str:
    rows = [("strict span", tally.strict), ("relaxed span", tally.relaxed), ("value", tally.value)]
    lines = [f"gold timexes: {tally.gold}   system timexes: {tally.system}",
             f"{'measure':<14}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, hits in rows:
        p, r, f = _prf(hits, tally.system, tally.gold)
        lines.append(f"{name:<14}{p:8.3f}{r:8.3f}{f:8.3f}")
    matched = tally.relaxed or 1
    lines.append(f"value accuracy (of relaxed matches): {tally.value / matched:.3f}")
    lines.append(f"type accuracy (of relaxed matches):  {tally.type / matched:.3f}")
    return "\n".join(lines)


def main(gold: Path, show_errors: bool = False) -> int:
    tally = evaluate(read_gold(Path(gold)))
    if show_errors:
        for error in tally.errors:
            print(error)
        print()
    print(report(tally))
    return 0
