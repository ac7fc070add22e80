"""``crosswire eval claims GOLD.jsonl``: exact and overlap P/R/F1 for the cue,
source and content spans of attributions, plus source-kind and quote-type
accuracy on matched claims.

Gold format (one paragraph per line)::

    {"id": "dev-01", "style": "wire", "text": "...",
     "claims": [{"source": "the ministry", "cue": "said", "content": "...",
                 "kind": "organization", "quote": "indirect",
                 "at": {"cue": 1}}]}

Spans are written as strings, never offsets. The scorer finds the content
first (its first occurrence unless ``at.content`` gives the occurrence index),
then the occurrence of the cue nearest to the content, then the occurrence of
the source nearest to the cue; ``at`` overrides any of these choices.

Exact: predicted and gold spans have the same offsets. Overlap: they share at
least one character (each span is matched at most once).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

PARTS = ("cue", "source", "content")


@dataclass
class GoldClaim:
    cue: tuple[int, int]
    source: tuple[int, int]
    content: tuple[int, int]
    kind: str | None = None
    quote: str | None = None


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def add(self, gold: int, predicted: int, matched: int) -> None:
        self.gold += gold
        self.predicted += predicted
        self.matched += matched

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PARTS})
    overlap: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PARTS})
    kind_right: int = 0
    kind_total: int = 0
    quote_right: int = 0
    quote_total: int = 0


# --------------------------------------------------------------------------- reading gold


def occurrences(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)]


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def locate(text: str, needle: str, near: tuple[int, int] | None, index: int | None
           ) -> tuple[int, int]:
    found = occurrences(text, needle)
    if not found:
        raise ValueError(f"gold span not in text: {needle!r}")
    if index is not None:
        start = found[index]
    elif near is None:
        start = found[0]
    else:
        start = min(found, key=lambda s: gap((s, s + len(needle)), near))
    return start, start + len(needle)


def read_gold_claim(text: str, item: dict) -> GoldClaim:
    at = item.get("at", {})
    content = locate(text, item["content"], None, at.get("content"))
    cue = locate(text, item["cue"], content, at.get("cue"))
    source = locate(text, item["source"], cue, at.get("source"))
    return GoldClaim(cue=cue, source=source, content=content, kind=item.get("kind"),
                     quote=item.get("quote"))


def read_gold(path: Path) -> list[dict]:
    paragraphs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        try:
            item["gold"] = [read_gold_claim(item["text"], c) for c in item.get("claims", [])]
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: {exc}") from None
        paragraphs.append(item)
    return paragraphs


# --------------------------------------------------------------------------- matching


def match_exact(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) with identical spans, one-to-one."""
    free = list(range(len(predicted)))
    pairs = []
    for g, span in enumerate(gold):
        for p in free:
            if predicted[p] == span:
                pairs.append((g, p))
                free.remove(p)
                break
    return pairs


def match_overlap(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]
                  ) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping spans, largest overlaps first."""
    candidates = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            shared = min(ge, pe) - max(gs, ps)
            if shared > 0:
                candidates.append((-shared, g, p))
    used_g, used_p, pairs = set(), set(), []
    for _, g, p in sorted(candidates):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def predicted_claims(record) -> list[dict]:
    return [{"cue": (c.cue.start, c.cue.end),
             "source": (c.source.start, c.source.end) if c.source else (c.cue.start, c.cue.start),
             "content": (c.content.start, c.content.end), "kind": c.source.kind if c.source else None,
             "quote": c.quote} for c in record.claims]


def score_paragraph(gold: list[GoldClaim], predicted: list[dict], scores: Scores) -> dict:
    """Add one paragraph's counts; return its misses and false alarms per part."""
    errors = {}
    for part in PARTS:
        g_spans = [getattr(c, part) for c in gold]
        p_spans = [c[part] for c in predicted]
        exact = match_exact(g_spans, p_spans)
        overlap = match_overlap(g_spans, p_spans)
        scores.exact[part].add(len(g_spans), len(p_spans), len(exact))
        scores.overlap[part].add(len(g_spans), len(p_spans), len(overlap))
        hit_g, hit_p = {g for g, _ in exact}, {p for _, p in exact}
        errors[part] = ([s for i, s in enumerate(g_spans) if i not in hit_g],
                        [s for i, s in enumerate(p_spans) if i not in hit_p])
        if part == "source":  # kinds and quote types of claims paired by their source
            for g, p in overlap:
                if gold[g].kind:
                    scores.kind_total += 1
                    scores.kind_right += gold[g].kind == predicted[p]["kind"]
                if gold[g].quote:
                    scores.quote_total += 1
                    scores.quote_right += gold[g].quote == predicted[p]["quote"]
    return errors


# --------------------------------------------------------------------------- running


def extract_all(paragraphs: list[dict]) -> Iterable:
    """Records for the gold paragraphs, from the components claims depend on."""
    from ..extract import Pipeline
    from ..model import Article

    pipeline = Pipeline(["sentences", "entities", "claims"])
    articles = [Article(text=p["text"], id=p["id"], published=p.get("published", "2024-11-14"))
                for p in paragraphs]
    return list(pipeline.run(articles))


def evaluate(paragraphs: list[dict], show_errors: bool = False) -> Scores:
    scores = Scores()
    for paragraph, record in zip(paragraphs, extract_all(paragraphs)):
        predicted = predicted_claims(record) if hasattr(record, "claims") else []
        errors = score_paragraph(paragraph["gold"], predicted, scores)
        if show_errors:
            print_errors(paragraph, errors)
    return scores


def print_errors(paragraph: dict, errors: dict) -> None:
    text = paragraph["text"]
    lines = []
    for part, (missed, false) in errors.items():
        lines += [f"  missed {part}: {text[s:e]!r}" for s, e in missed]
        lines += [f"  false  {part}: {text[s:e]!r}" for s, e in false]
    if lines:
        print(f"[{paragraph['id']}]")
        print("\n".join(lines))


def report(scores: Scores, paragraphs: int) -> str:
    rows = [f"paragraphs: {paragraphs}",
            f"{'part':8} {'match':8} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for mode, table in (("exact", scores.exact), ("overlap", scores.overlap)):
        for part in PARTS:
            c = table[part]
            p, r, f = c.prf()
            rows.append(f"{part:8} {mode:8} {c.gold:5d} {c.predicted:5d} {p:6.3f} {r:6.3f} {f:6.3f}")
    if scores.kind_total:
        rows.append(f"source kind accuracy (claims paired by source overlap): "
                    f"{scores.kind_right}/{scores.kind_total} = {scores.kind_right / scores.kind_total:.3f}")
    if scores.quote_total:
        rows.append(f"quote type accuracy (claims paired by source overlap): "
                    f"{scores.quote_right}/{scores.quote_total} = {scores.quote_right / scores.quote_total:.3f}")
    return "\n".join(rows)


def main(gold: Path, show_errors: bool = False) -> int:
    try:
        paragraphs = read_gold(Path(gold))
    except ValueError as exc:
        print(f"error: {exc}")
        return 2
    scores = evaluate(paragraphs, show_errors)
    print(report(scores, len(paragraphs)))
    return 0
