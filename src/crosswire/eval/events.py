"""``crosswire eval events GOLD.jsonl``: score event coding against a gold set.

Gold lines (written by us, in our own words)::

    {"id": "dev-001", "text": "Israel's foreign minister visited Moscow on Monday.",
     "published": "2024-11-14",            # optional, default 2024-11-14
     "events": [{"cameo_root": "04", "plover": "CONSULT", "source": "ISRGOV",
                 "target": "RUS", "modality": "asserted", "trigger": "visited"}]}

Matching:

* Each sentence is extracted as its own article; its predicted events are
  aligned with its gold events one to one. A predicted event can align with a
  gold event when their triggers overlap as text (one contains the other,
  case-insensitive); among those, the one agreeing on most fields wins.
* ``source`` / ``target`` in gold are actor codes or country codes, or null.
  A predicted actor matches when its code starts with the gold code
  ("ISR" matches "ISRGOV"; "ISRGOV" needs GOV), or its country equals a
  three-letter gold code. Gold null matches only a missing actor.
* **type accuracy**: aligned with the same CAMEO root and PLOVER type, over gold
  events. **source / target accuracy**: aligned with matching source / target,
  over gold events. **modality accuracy** likewise. **full match**: type,
  source, target and modality all right, over gold events. **precision**:
  fully matched predictions over all predictions. **events per sentence** and
  **over-coding** (predicted events per gold event) show how much is coded.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

DEFAULT_PUBLISHED = "2024-11-14"
FIELDS = ("type", "source", "target", "modality")


def read_gold(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


def actor_matches(gold: str | None, predicted: dict | None) -> bool:
    actor = (predicted or {}).get("actor") or {}
    if gold is None:
        return not actor.get("code") and not actor.get("country")
    code = actor.get("code") or ""
    return code.startswith(gold) or (len(gold) == 3 and actor.get("country") == gold)


def triggers_overlap(gold: str | None, predicted: str) -> bool:
    if not gold:
        return True
    gold, predicted = gold.lower(), predicted.lower()
    return gold in predicted or predicted in gold


def field_matches(gold: dict, pred: dict) -> dict[str, bool]:
    return {
        "type": gold.get("cameo_root") == pred["cameo"][:2]
        and (gold.get("plover") is None or gold["plover"] == pred["plover"]["type"]),
        "source": actor_matches(gold.get("source"), pred.get("source")),
        "target": actor_matches(gold.get("target"), pred.get("target")),
        "modality": gold.get("modality", "asserted") == pred.get("modality"),
    }


def align(gold_events: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """One-to-one: each gold event takes the free prediction agreeing most."""
    free = list(range(len(predicted)))
    pairs = []
    for gold in gold_events:
        best, best_score = None, -1
        for i in free:
            pred = predicted[i]
            if not triggers_overlap(gold.get("trigger"), pred["trigger"]["text"]):
                continue
            score = sum(field_matches(gold, pred).values())
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            free.remove(best)
        pairs.append((gold, predicted[best] if best is not None else None))
    return pairs


@dataclass
class Scores:
    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    hits: dict[str, int] = field(default_factory=lambda: {f: 0 for f in (*FIELDS, "full")})
    errors: list[str] = field(default_factory=list)

    def add(self, item: dict, predicted: list[dict]) -> None:
        self.sentences += 1
        self.gold += len(item["events"])
        self.predicted += len(predicted)
        matched_preds = set()
        for gold, pred in align(item["events"], predicted):
            if pred is None:
                self.errors.append(f"{item['id']} MISSED {json.dumps(gold)}  | {item['text']}")
                continue
            matched_preds.add(id(pred))
            ok = field_matches(gold, pred)
            for name, good in ok.items():
                self.hits[name] += good
            self.hits["full"] += all(ok.values())
            if not all(ok.values()):
                wrong = ", ".join(k for k, v in ok.items() if not v)
                self.errors.append(f"{item['id']} WRONG {wrong}: gold {json.dumps(gold)} got "
                                   f"{describe(pred)}  | {item['text']}")
        for pred in predicted:
            if id(pred) not in matched_preds:
                self.errors.append(f"{item['id']} EXTRA {describe(pred)}  | {item['text']}")

    def figures(self) -> dict[str, float]:
        gold = max(1, self.gold)
        out = {f"{name} accuracy": self.hits[name] / gold for name in FIELDS}
        out["full-match accuracy"] = self.hits["full"] / gold
        out["precision (full)"] = self.hits["full"] / max(1, self.predicted)
        out["events per sentence (gold)"] = self.gold / max(1, self.sentences)
        out["events per sentence (predicted)"] = self.predicted / max(1, self.sentences)
        out["over-coding (predicted per gold event)"] = self.predicted / gold
        return out


def describe(pred: dict) -> str:
    def code(ref):
        return ((ref or {}).get("actor") or {}).get("code") if ref else None
    return (f"{pred['cameo']} {pred['plover']['type']} {code(pred.get('source'))}->"
            f"{code(pred.get('target'))} {pred['modality']} '{pred['trigger']['text']}'")


def predict(items: Iterable[dict]) -> list[list[dict]]:
    """Extract every gold sentence as its own article; events as JSON dicts."""
    from ..extract import Pipeline
    from ..model import Article
    items = list(items)
    pipeline = Pipeline()
    articles = [Article(text=i["text"], id=i["id"], published=i.get("published", DEFAULT_PUBLISHED))
                for i in items]
    out = []
    for result in pipeline.run(articles):
        out.append(result.to_dict()["events"] if hasattr(result, "to_dict") else [])
    return out


def score(path: Path) -> Scores:
    items = read_gold(path)
    scores = Scores()
    for item, predicted in zip(items, predict(items)):
        scores.add(item, predicted)
    return scores


def main(gold: Path, show_errors: bool = False) -> int:
    scores = score(Path(gold))
    if show_errors:
        for line in scores.errors:
            print(line)
        print()
    print(f"{gold}: {scores.sentences} sentences, {scores.gold} gold events, "
          f"{scores.predicted} predicted")
    for name, value in scores.figures().items():
        print(f"  {name:40s} {value:.3f}")
    return 0
