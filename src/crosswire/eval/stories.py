"""Story clustering scorer: B-cubed and pairwise precision/recall/F1.

The gold file is JSON Lines, one short article per line with ``id``, ``text``,
``published``, ``outlet``, ``title`` and ``story`` (the gold cluster label).
The scorer runs the real thing: every article goes through the extraction
pipeline and into a fresh in-memory database in file order, and
``crosswire.link.after_ingest`` clusters them online. Predicted stories are
then compared with the gold labels.

``crosswire eval stories gold/stories/dev.jsonl [--errors]``

Rows with a ``pair`` label (``gold/stories/pairs_*.jsonl``: two different
real-world events of the same kind per pair) are also scored at the event
level: pairwise precision over the article pairs within each pair (how often
two articles put together really report one event), and how many pairs had
both events put in one story.

Threshold sweep and weight tuning (on dev files only), extracting once and
clustering in memory with the same clusterer:
``python -m crosswire.eval.stories gold/stories/dev.jsonl --sweep 0.15,0.2,0.25``
``python -m crosswire.eval.stories gold/stories/dev.jsonl gold/stories/pairs_dev.jsonl --tune``
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from ..model import Article


def load_gold(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if "story" not in row or "text" not in row or "id" not in row:
                raise ValueError(f"{path}:{number}: gold rows need id, text and story")
            rows.append(row)
    return rows


def prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Per-item precision/recall of the item's predicted cluster vs its gold cluster, averaged."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        pred_cluster, gold_cluster = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(pred_cluster & gold_cluster)
        precision += both / len(pred_cluster)
        recall += both / len(gold_cluster)
    n = len(gold) or 1
    return prf(precision / n, recall / n)


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision/recall over the pairs of items put together."""
    items = sorted(gold)
    pred_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] == predicted[b]}
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    both = len(pred_pairs & gold_pairs)
    precision = both / len(pred_pairs) if pred_pairs else 1.0
    recall = both / len(gold_pairs) if gold_pairs else 1.0
    return prf(precision, recall)


def pair_precision(predicted: dict[str, str], gold: dict[str, str],
                   pairs: dict[str, str]) -> tuple[float, int, int]:
    """(event-level pairwise precision within same-kind pairs, pairs whose two
    events share a predicted story, number of pairs)."""
    by_pair = defaultdict(list)
    for item, pair in pairs.items():
        by_pair[pair].append(item)
    together = correct = mixed = 0
    for items in by_pair.values():
        for a, b in combinations(sorted(items), 2):
            if predicted[a] == predicted[b]:
                together += 1
                correct += gold[a] == gold[b]
        stories_of = defaultdict(set)
        for item in items:
            stories_of[predicted[item]].add(gold[item])
        mixed += any(len(events) > 1 for events in stories_of.values())
    return (correct / together if together else 1.0), mixed, len(by_pair)


def extract_records(rows: list[dict]) -> list[dict]:
    """Run the real extraction pipeline over the gold articles, in file order."""
    from ..extract import Pipeline
    pipeline = Pipeline()
    articles = [Article(text=r["text"], id=str(r["id"]), title=r.get("title"),
                        outlet=r.get("outlet"), published=r.get("published")) for r in rows]
    records = []
    for result in pipeline.run(articles):
        if hasattr(result, "to_dict"):
            records.append(result.to_dict())
        else:
            raise RuntimeError(f"extraction failed on a gold article: {result}")
    return records


def cluster_records(records: list[dict], db_url: str = "sqlite://") -> dict[str, str]:
    """Store the records one by one, linking after each (as an ingest would)."""
    from ..link import after_ingest, views
    from ..store import Database
    db = Database(db_url)
    for record in records:
        db.upsert_record(record)
        after_ingest(db, [record["id"]])
    return {aid: story["id"] for story in views.stories(db) for aid in story["articles"]}


def error_report(predicted: dict[str, str], gold: dict[str, str], titles: dict[str, str]) -> list[str]:
    """Gold stories split over several predicted ones, and predicted stories mixing gold ones."""
    lines = []
    by_gold, by_pred = defaultdict(list), defaultdict(list)
    for item in gold:
        by_gold[gold[item]].append(item)
        by_pred[predicted[item]].append(item)
    for label, items in sorted(by_gold.items()):
        parts = Counter(predicted[i] for i in items)
        if len(parts) > 1:
            lines.append(f"SPLIT {label}: " + ", ".join(
                f"{s}=[{', '.join(titles[i] for i in items if predicted[i] == s)}]" for s in parts))
    for story, items in sorted(by_pred.items()):
        labels = Counter(gold[i] for i in items)
        if len(labels) > 1:
            lines.append(f"MIXED {story}: " + "; ".join(
                f"{label}: {', '.join(titles[i] for i in items if gold[i] == label)}"
                for label in labels))
    return lines


def score(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    return {"bcubed": bcubed(predicted, gold), "pairwise": pairwise(predicted, gold)}


def cluster_in_memory(records: list[dict], config) -> dict[str, str]:
    """The online clusterer without a database (same decisions as ``after_ingest``)."""
    from ..link.features import article_features
    from ..link.stories import Clusterer, GlobalState
    clusterer, predicted = Clusterer(GlobalState(), (), config), {}
    for record in records:
        predicted[str(record["id"])] = clusterer.assign(article_features(record)).story.id
    return predicted


def sweep(gold: Path, thresholds: list[float]) -> int:
    from ..link.stories import ClusterConfig
    rows = load_gold(Path(gold))
    records = extract_records(rows)
    labels = {str(r["id"]): r["story"] for r in rows}
    for threshold in thresholds:
        predicted = cluster_in_memory(records, ClusterConfig(threshold=threshold))
        (p, r, f), (pp, pr, pf) = bcubed(predicted, labels), pairwise(predicted, labels)
        print(f"threshold {threshold:.2f}: {len(set(predicted.values()))} stories, "
              f"B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}, pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}")
    return 0


def main(gold: Path, show_errors: bool = False) -> int:
    rows = load_gold(Path(gold))
    records = extract_records(rows)
    predicted = cluster_records(records)
    labels = {str(r["id"]): r["story"] for r in rows}
    figures = score(predicted, labels)
    print(f"{gold}: {len(rows)} articles, {len(set(labels.values()))} gold stories, "
          f"{len(set(predicted.values()))} predicted stories")
    for name, (p, r, f) in figures.items():
        print(f"{name:9s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    pairs = {str(r["id"]): r["pair"] for r in rows if r.get("pair")}
    if pairs:
        precision, mixed, total = pair_precision(predicted, labels, pairs)
        print(f"same-kind pairs: event precision {precision:.3f}; "
              f"{mixed} of {total} pairs have both events in one story")
    if show_errors:
        titles = {str(r["id"]): r.get("title") or str(r["id"]) for r in rows}
        for line in error_report(predicted, labels, titles):
            print(line)
    return 0


def cached_records(gold: Path, cache_dir: Path | None) -> tuple[list[dict], list[dict]]:
    """(gold rows, extracted records), the records kept in ``cache_dir`` if given."""
    rows = load_gold(Path(gold))
    cache = cache_dir / (Path(gold).stem + ".records.jsonl") if cache_dir else None
    if cache and cache.exists():
        return rows, [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    records = extract_records(rows)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return rows, records


TUNE_GRID = {
    "threshold": [0.15, 0.18, 0.21, 0.24, 0.27, 0.3, 0.35],
    "who": [0.0, 0.1, 0.25, 0.5],
    "where": [0.0, 0.1, 0.25, 0.5],
    "what": [0.0, 0.1, 0.25],
    "place_penalty": [1.0, 0.75, 0.5],
}


def tune(golds: list[Path], cache_dir: Path | None = None, top: int = 1000) -> int:
    """Grid over threshold and channel weights (words fixed at 1); each gold file
    is its own stream. Ranked by the worst of each file's B-cubed F1 and, for
    files with pairs, pair precision. Use dev files only."""
    from itertools import product
    from ..link.stories import ClusterConfig
    data = []
    for gold in golds:
        rows, records = cached_records(gold, cache_dir)
        data.append(({str(r["id"]): r["story"] for r in rows},
                     {str(r["id"]): r["pair"] for r in rows if r.get("pair")}, records))
    results = []
    for threshold, who, where, what, penalty in product(*TUNE_GRID.values()):
        config = ClusterConfig(threshold=threshold, place_penalty=penalty,
                               weights={"words": 1.0, "who": who, "where": where, "what": what})
        figures = []
        for labels, pairs, records in data:
            predicted = cluster_in_memory(records, config)
            figures.append(bcubed(predicted, labels)[2])
            if pairs:
                figures.append(pair_precision(predicted, labels, pairs)[0])
        results.append((min(figures), sum(figures) / len(figures), threshold, who, where, what,
                        penalty, figures))
    results.sort(key=lambda r: (-r[0], -r[1], abs(r[2] - 0.21), r[3] + r[4] + r[5], -r[6]))
    for worst, mean, threshold, who, where, what, penalty, figures in results[:top]:
        print(f"threshold {threshold:.2f} who {who:.2f} where {where:.2f} what {what:.2f} "
              f"place penalty {penalty:.2f}: "
              f"worst {worst:.3f} mean {mean:.3f} [{', '.join(f'{f:.3f}' for f in figures)}]")
    return 0


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="story clustering scorer / threshold sweep")
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--sweep", help="comma-separated thresholds to try")
    parser.add_argument("--tune", action="store_true", help="grid over threshold and weights")
    parser.add_argument("--cache", type=Path, help="folder keeping extracted records between runs")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    if args.tune:
        raise SystemExit(tune(args.gold, args.cache))
    if args.sweep:
        raise SystemExit(sweep(args.gold[0], [float(t) for t in args.sweep.split(",")]))
    raise SystemExit(main(args.gold[0], args.errors))
