"""``crosswire eval claims --polnear dev.jsonl``: attribution scores against
PolNeAR (PARC conventions), the three scorings of issue #10.

PolNeAR lines: ``{"id", "text", "published", "attributions": [{"source":
[s, e] | null, "cue": [s, e], "content": [s, e], ...}]}`` with Python string
offsets; discontinuous spans are given first-to-last.

- **exact**: same start and end once surrounding whitespace and punctuation
  are stripped from both spans, each gold span used once;
- **overlap**: any shared character, one to one (largest overlaps first);
- **attribution**: a gold attribution is found when one predicted claim
  overlaps both its cue and its content (one to one).

A gold attribution is *direct* when its content, stripped of whitespace,
begins or ends with a double quotation mark (" “ ”): a quotation, whole or
partial ("mixed"); every other one is *indirect*. Recall is given for each.

Sources: a gold ``null`` source is not a gold span, a predicted ``null``
source is not a predicted span; both are skipped in the source scores.
"""
from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .claims import PARTS, Counts, match_overlap

Pair = tuple[int, int]
QUOTE_MARKS = "\"“”"
STRIP = set(string.whitespace + string.punctuation + "“”‘’–—…")


@dataclass
class PolnearArticle:
    id: str
    text: str
    published: str | None
    gold: list[dict]  # {"cue": Pair, "source": Pair | None, "content": Pair}


@dataclass
class PolnearScores:
    exact: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PARTS})
    overlap: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PARTS})
    attribution: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)  # recall only: gold and matched
    indirect: Counts = field(default_factory=Counts)


def read_polnear(path: Path, limit: int | None = None) -> list[PolnearArticle]:
    """PolNeAR articles; a bad line is an error naming the file and line."""
    articles = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                gold = [{"cue": tuple(a["cue"]), "content": tuple(a["content"]),
                         "source": tuple(a["source"]) if a.get("source") else None}
                        for a in item.get("attributions", [])]
                articles.append(PolnearArticle(item["id"], item["text"], item.get("published"), gold))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a PolNeAR article ({exc})") from None
            if limit and len(articles) >= limit:
                break
    return articles


def strip_span(text: str, span: Pair) -> Pair:
    """The span without surrounding whitespace and punctuation (kept whole if
    nothing else is left)."""
    start, end = span
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return (start, end) if start < end else span


def is_direct(text: str, content: Pair) -> bool:
    body = text[content[0]:content[1]].strip()
    return bool(body) and (body[0] in QUOTE_MARKS or body[-1] in QUOTE_MARKS)


def match_stripped(text: str, gold: list[Pair], predicted: list[Pair]) -> int:
    """Exact matches after stripping, each gold and predicted span used once."""
    free: dict[Pair, int] = {}
    for span in predicted:
        key = strip_span(text, span)
        free[key] = free.get(key, 0) + 1
    matched = 0
    for span in gold:
        key = strip_span(text, span)
        if free.get(key):
            free[key] -= 1
            matched += 1
    return matched


def overlap(a: Pair, b: Pair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_attributions(gold: list[dict], predicted: list[dict]) -> set[int]:
    """Indices of gold attributions found: one predicted claim overlapping both
    the gold cue and the gold content, one to one, best overlap first."""
    candidates = []
    for g, ga in enumerate(gold):
        for p, pa in enumerate(predicted):
            cue, content = overlap(ga["cue"], pa["cue"]), overlap(ga["content"], pa["content"])
            if cue and content:
                candidates.append((-(cue + content), g, p))
    used_g, used_p = set(), set()
    for _, g, p in sorted(candidates):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    return used_g


def score_article(text: str, gold: list[dict], predicted: list[dict], scores: PolnearScores) -> None:
    for part in PARTS:
        g_spans = [a[part] for a in gold if a[part] is not None]
        p_spans = [a[part] for a in predicted if a[part] is not None]
        scores.exact[part].add(len(g_spans), len(p_spans), match_stripped(text, g_spans, p_spans))
        scores.overlap[part].add(len(g_spans), len(p_spans), len(match_overlap(g_spans, p_spans)))
    found = match_attributions(gold, predicted)
    scores.attribution.add(len(gold), len(predicted), len(found))
    for g, attribution in enumerate(gold):
        bucket = scores.direct if is_direct(text, attribution["content"]) else scores.indirect
        bucket.add(1, 0, g in found)


def claims_of_record(record) -> list[dict]:
    """Predicted spans of a pipeline record (a null source stays None)."""
    out = []
    for c in record.claims:
        source = c.source
        out.append({"cue": (c.cue.start, c.cue.end), "content": (c.content.start, c.content.end),
                    "source": (source.start, source.end) if source is not None else None})
    return out


def pipeline_predictions(articles: Sequence[PolnearArticle]) -> Iterable[list[dict]]:
    from ..extract import Pipeline
    from ..model import Article

    pipeline = Pipeline(["sentences", "entities", "claims"])
    inputs = [Article(text=a.text, id=a.id, published=a.published or "2016-01-01") for a in articles]
    for record in pipeline.run(inputs):
        yield claims_of_record(record) if hasattr(record, "claims") else []


def evaluate(articles: Sequence[PolnearArticle],
             predict: Callable[[Sequence[PolnearArticle]], Iterable[list[dict]]] = pipeline_predictions
             ) -> PolnearScores:
    scores = PolnearScores()
    for article, predicted in zip(articles, predict(articles)):
        score_article(article.text, article.gold, predicted, scores)
    return scores


def report(scores: PolnearScores, articles: int) -> str:
    rows = [f"articles: {articles}",
            f"{'part':12} {'match':8} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for mode, table in (("exact", scores.exact), ("overlap", scores.overlap)):
        for part in PARTS:
            rows.append(row(part, mode, table[part]))
    rows.append(row("attribution", "cue+cont", scores.attribution))
    for name, counts in (("direct", scores.direct), ("indirect", scores.indirect)):
        recall = counts.matched / counts.gold if counts.gold else 0.0
        rows.append(f"recall {name:9} {counts.matched}/{counts.gold} = {recall:.3f}")
    return "\n".join(rows)


def row(part: str, mode: str, c: Counts) -> str:
    p, r, f = c.prf()
    return f"{part:12} {mode:8} {c.gold:6d} {c.predicted:6d} {p:6.3f} {r:6.3f} {f:6.3f}"


def main(path: Path, limit: int | None = None) -> int:
    try:
        articles = read_polnear(Path(path), limit)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}")
        return 2
    print(report(evaluate(articles), len(articles)))
    return 0
