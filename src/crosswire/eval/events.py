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
* Lines may give ``ref`` instead of ``text``:
  ``{"corpus": "voa_stories.jsonl", "article": ID, "start": S, "end": E}``
  points into a corpus of ``../shared/corpus/`` (looked for beside the gold
  file's ancestors), whose text is read at scoring time and never copied. When
  the corpus is absent such lines are skipped and counted.
* Gold events may carry ``plover`` without ``cameo_root`` (or both). A gold
  event whose trigger overlaps no prediction is aligned, failing that, with the
  sentence's free prediction agreeing most (counted as "aligned by sentence"),
  since a blind annotator's trigger word need not be crosswire's.
* **PLOVER type accuracy**: aligned with the same PLOVER type, over gold events;
  **all right**: PLOVER type, source and target all right. Per-type figures
  (by the gold PLOVER type) give both, and how many gold events of the type
  were found at all.
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
    items, _ = read_gold_resolved(path)
    return items


def read_gold_resolved(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Gold items with ``ref`` lines resolved; and how many were skipped
    because their corpus is absent."""
    lines = path.read_text(encoding="utf-8").splitlines()
    items, skipped, corpora = [], 0, {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
        if "text" not in item and "ref" in item:
            ref = item["ref"]
            corpus = corpora.get(ref["corpus"])
            if corpus is None:
                corpus = corpora[ref["corpus"]] = load_corpus(find_corpus(path, ref["corpus"]))
            article = corpus.get(str(ref["article"]))
            if article is None:
                skipped += 1
                continue
            item = {**item, "text": article[ref["start"]:ref["end"]]}
        elif "text" not in item:
            raise ValueError(f"{path}:{number}: neither text nor ref")
        items.append(item)
    return items, skipped


def find_corpus(gold: Path, name: str) -> Path | None:
    """``shared/corpus/NAME`` beside one of the gold file's ancestors."""
    for folder in gold.resolve().parents:
        candidate = folder / "shared" / "corpus" / name
        if candidate.exists():
            return candidate
    return None


def load_corpus(path: Path | None) -> dict[str, str]:
    """Article id -> text of a JSON Lines corpus (empty when absent)."""
    if path is None:
        return {}
    texts = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                article = json.loads(line)
                texts[str(article["id"])] = article["text"]
    return texts


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
    root = gold.get("cameo_root") or (gold.get("cameo") or "")[:2] or None
    return {
        "type": (root is None or root == pred["cameo"][:2])
        and (gold.get("plover") is None or gold["plover"] == pred["plover"]["type"]),
        "source": actor_matches(gold.get("source"), pred.get("source")),
        "target": actor_matches(gold.get("target"), pred.get("target")),
        "modality": gold.get("modality", "asserted") == pred.get("modality"),
    }


def align(gold_events: list[dict], predicted: list[dict], by_sentence: bool = False) -> list[tuple[dict, dict | None]]:
    """One-to-one: each gold event takes the free prediction agreeing most among
    those whose trigger overlaps; with ``by_sentence``, failing that, among all
    the sentence's free predictions."""
    free = list(range(len(predicted)))
    pairs = []
    for gold in gold_events:
        best = _best(gold, predicted, [i for i in free if triggers_overlap(gold.get("trigger"),
                                                                            predicted[i]["trigger"]["text"])])
        if best is None and by_sentence:
            best = _best(gold, predicted, free)
        if best is not None:
            free.remove(best)
        pairs.append((gold, predicted[best] if best is not None else None))
    return pairs


def _best(gold: dict, predicted: list[dict], indices: list[int]) -> int | None:
    best, best_score = None, -1
    for i in indices:
        ok = field_matches(gold, predicted[i])
        score = sum(ok.values())
        if score > best_score:
            best, best_score = i, score
    return best


def plover_matches(gold: dict, pred: dict) -> dict[str, bool]:
    """The blind set's measures: PLOVER type alone, and with source and target."""
    ok = field_matches(gold, pred)
    plover = gold.get("plover") == pred["plover"]["type"]
    return {"plover": plover, "all_right": plover and ok["source"] and ok["target"]}


@dataclass
class TypeScores:
    gold: int = 0
    found: int = 0
    plover: int = 0
    all_right: int = 0
    predicted: int = 0


@dataclass
class Scores:
    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    by_sentence: bool = False  # align a gold event with any prediction of its sentence
    skipped: int = 0  # gold lines whose corpus text was absent
    aligned_by_sentence: int = 0
    empty_sentences: int = 0
    predicted_in_empty: int = 0
    hits: dict[str, int] = field(default_factory=lambda: {f: 0 for f in (*FIELDS, "full", "plover", "all_right")})
    per_type: dict[str, TypeScores] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, item: dict, predicted: list[dict]) -> None:
        self.sentences += 1
        self.gold += len(item["events"])
        self.predicted += len(predicted)
        if not item["events"]:
            self.empty_sentences += 1
            self.predicted_in_empty += len(predicted)
        for pred in predicted:
            self.per_type.setdefault(pred["plover"]["type"], TypeScores()).predicted += 1
        matched_preds = set()
        for gold, pred in align(item["events"], predicted, self.by_sentence):
            kind = self.per_type.setdefault(gold.get("plover") or "?", TypeScores())
            kind.gold += 1
            if pred is None:
                self.errors.append(f"{item['id']} MISSED {json.dumps(gold)}  | {item['text']}")
                continue
            kind.found += 1
            if not triggers_overlap(gold.get("trigger"), pred["trigger"]["text"]):
                self.aligned_by_sentence += 1
            plover = plover_matches(gold, pred)
            kind.plover += plover["plover"]
            kind.all_right += plover["all_right"]
            self.hits["plover"] += plover["plover"]
            self.hits["all_right"] += plover["all_right"]
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

    def blind_figures(self) -> dict[str, float]:
        """The blind development set's measures (issue 11)."""
        gold = max(1, self.gold)
        found = sum(k.found for k in self.per_type.values())
        return {
            "PLOVER type accuracy": self.hits["plover"] / gold,
            "type+source+target (all right)": self.hits["all_right"] / gold,
            "gold events with no prediction": 1 - found / gold,
            "events per sentence (predicted)": self.predicted / max(1, self.sentences),
            "events per no-event sentence (predicted)": self.predicted_in_empty / max(1, self.empty_sentences),
            "aligned by sentence, not trigger": self.aligned_by_sentence / gold,
        }

    def type_table(self) -> list[str]:
        lines = [f"  {'PLOVER type':12s} {'gold':>5s} {'found':>6s} {'type':>6s} {'all':>6s} {'pred':>5s}"]
        for name in sorted(self.per_type):
            k = self.per_type[name]
            if not k.gold:
                lines.append(f"  {name:12s} {0:5d} {'-':>6s} {'-':>6s} {'-':>6s} {k.predicted:5d}")
                continue
            lines.append(f"  {name:12s} {k.gold:5d} {k.found / k.gold:6.2f} {k.plover / k.gold:6.2f} "
                         f"{k.all_right / k.gold:6.2f} {k.predicted:5d}")
        return lines


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
    items, skipped = read_gold_resolved(path)
    # A set with references or PLOVER-only gold is a blind set: one main event
    # per sentence, annotated with its own trigger words.
    blind = any("ref" in item or any("cameo" in e for e in item["events"]) for item in items)
    scores = Scores(by_sentence=blind, skipped=skipped)
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
    if scores.skipped:
        print(f"  skipped {scores.skipped} lines: their corpus text (../shared/corpus) is absent")
    for name, value in scores.figures().items():
        print(f"  {name:40s} {value:.3f}")
    if scores.by_sentence:
        print("  blind-set measures (gold events aligned by trigger, else within the sentence):")
        for name, value in scores.blind_figures().items():
            print(f"  {name:40s} {value:.3f}")
        print("\n".join(scores.type_table()))
    return 0
