"""Train the learned attribution model (:mod:`crosswire.extract.claims_model`)
on PolNeAR-shaped data: ``crosswire train claims --data train.jsonl``.

Deterministic: articles are read in file order, features are sorted, the
solvers (scikit-learn's liblinear) are seeded, and the gzipped JSON is
written without a timestamp, so two runs give byte-identical files.
scikit-learn is needed here only; extraction reads the weight tables.

Parsing dominates the cost; ``cache_dir`` keeps the spaCy parses (DocBin) of
each input file between runs.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from spacy.tokens import Doc, DocBin

from ..eval.claims_polnear import PolnearArticle, read_polnear
from .claims_model import (CUE_LABELS, ClaimsModel, DocInfo, LinearModel, chars, content_candidates,
                           content_features, doc_info, source_candidates, source_features,
                           strip_chars, token_features)

log = logging.getLogger(__name__)
SEED = 13
MIN_LEMMA_COUNT = 5


@dataclass
class TrainSettings:
    c_cue: float = 0.5
    c_content: float = 0.5
    c_source: float = 0.5
    min_weight: float = 1e-3


# --------------------------------------------------------------------------- parsing


def parse_articles(articles: Sequence[PolnearArticle], cache_dir: Path | None = None) -> list[Doc]:
    """spaCy parses as the pipeline makes them (datelines blanked), cached."""
    from ..model import Article
    from ..nlp import NLP

    nlp = NLP.shared()
    key = hashlib.sha1("\n".join(a.id + str(len(a.text)) for a in articles).encode()).hexdigest()[:12]
    cached = Path(cache_dir) / f"polnear-{key}.spacy" if cache_dir else None
    if cached and cached.exists():
        return list(DocBin().from_disk(cached).get_docs(nlp.spacy.vocab))
    inputs = [Article(text=a.text, id=a.id, published=a.published or "2016-01-01") for a in articles]
    docs = [doc for doc, _ in nlp.parse_many(inputs)]
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(docs=docs)
        bin_.to_disk(cached)
    return docs


# --------------------------------------------------------------------------- examples


def token_range(doc: Doc, span: tuple[int, int], text: str) -> tuple[int, int] | None:
    """First and last token overlapping the (stripped) character span."""
    start, end = strip_chars(text, span)
    if end <= start:  # a cue of punctuation alone: a colon, a dash
        start, end = span
    found = doc.char_span(start, end, alignment_mode="expand")
    if found is None or not len(found):
        return None
    return found.start, found.end - 1


def cue_rates(pairs: Iterable[tuple[Doc, list[str]]]) -> dict[str, float]:
    """Share of each lemma's tokens that sit in a gold cue (smoothed)."""
    total, inside = Counter(), Counter()
    for doc, labels in pairs:
        for token, label in zip(doc, labels):
            lemma = token.lemma_.lower()
            total[lemma] += 1
            inside[lemma] += label != "O"
    return {lemma: round(inside[lemma] / (total[lemma] + 2), 3)
            for lemma in sorted(total) if total[lemma] >= MIN_LEMMA_COUNT and inside[lemma]}


def cue_labels(doc: Doc, gold: list[dict]) -> list[str]:
    labels = ["O"] * len(doc)
    text = doc.text
    for attribution in gold:
        found = token_range(doc, attribution["cue"], text)
        if found is None:
            continue
        first, last = found
        if labels[first] == "O":
            labels[first] = "B"
        for i in range(first + 1, last + 1):
            labels[i] = "I" if labels[i] == "O" else labels[i]
    return labels


def ranker_examples(info: DocInfo, gold: list[dict], content_x: list, content_y: list,
                    source_x: list, source_y: list, oracle: Counter) -> None:
    text = info.text
    by_cue: dict[tuple[int, int], list[dict]] = {}
    for attribution in gold:
        found = token_range(info.doc, attribution["cue"], text)
        if found is not None:
            by_cue.setdefault(found, []).append(attribution)
    for cue, attributions in by_cue.items():
        contents = {strip_chars(text, a["content"]) for a in attributions}
        candidates = content_candidates(info, cue)
        hit = False
        for c in candidates:
            label = c.span in contents
            hit |= label
            content_x.append(content_features(info, cue, c))
            content_y.append(int(label))
        oracle["content_gold"] += 1
        oracle["content_hit"] += hit
        sources = {strip_chars(text, a["source"]) if a["source"] else None for a in attributions}
        content = strip_chars(text, attributions[0]["content"])
        hit = False
        for c in source_candidates(info, cue):
            label = c.span in sources
            hit |= label
            source_x.append(source_features(info, cue, c, content))
            source_y.append(int(label))
        oracle["source_gold"] += 1
        oracle["source_hit"] += hit


# --------------------------------------------------------------------------- fitting


def fit(features: list[list[str]], labels: list, c: float, classes: Sequence, min_weight: float
        ) -> LinearModel:
    """A liblinear logistic regression, exported as a feature -> weights table
    (one weight per class in ``classes`` order; a binary model keeps one)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform({name: 1 for name in row} for row in features)
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=200)
    if len(set(labels)) > 2:  # one-vs-rest, as liblinear does it
        model = OneVsRestClassifier(model)
    model.fit(matrix, labels)
    if hasattr(model, "estimators_"):
        model.coef_ = [e.coef_[0] for e in model.estimators_]
        model.intercept_ = [e.intercept_[0] for e in model.estimators_]
    names = vectorizer.get_feature_names_out()
    if len(classes) == 1:
        rows = [model.coef_[0]]
        bias = [round(float(model.intercept_[0]), 4)]
        if [int(k) for k in model.classes_] != [0, 1]:
            raise ValueError("a ranker needs positive and negative examples")
    else:
        present = [str(k) for k in model.classes_]
        width = len(names)
        if len(present) == 2:  # one decision row: the second class against the first
            model.coef_ = [[0.0] * width, model.coef_[0]]
            model.intercept_ = [0.0, model.intercept_[0]]
        # a class missing from (tiny) data: zero weights, a bias that never wins
        rows = [model.coef_[present.index(k)] if k in present else [0.0] * width for k in classes]
        bias = [round(float(model.intercept_[present.index(k)]), 4) if k in present else -100.0
                for k in classes]
    weights = {}
    for j, name in enumerate(names):
        column = [round(float(r[j]), 4) for r in rows]
        if max(abs(v) for v in column) >= min_weight:
            weights[str(name)] = column
    return LinearModel(weights=weights, bias=bias)


def train(articles: Sequence[PolnearArticle], docs: Sequence[Doc],
          settings: TrainSettings = TrainSettings()) -> tuple[ClaimsModel, dict]:
    started = time.perf_counter()
    labelled = [(doc, cue_labels(doc, a.gold)) for a, doc in zip(articles, docs)]
    rates = cue_rates(labelled)
    cue_x, cue_y = [], []
    content_x, content_y, source_x, source_y = [], [], [], []
    oracle: Counter = Counter()
    for (doc, labels), article in zip(labelled, articles):
        info = doc_info(doc)
        for i, token in enumerate(doc):
            if not token.is_space:
                cue_x.append(token_features(info, i, rates))
                cue_y.append(labels[i])
        ranker_examples(info, article.gold, content_x, content_y, source_x, source_y, oracle)
    log.info("examples: %d tokens, %d content and %d source candidates", len(cue_x), len(content_x),
             len(source_x))
    model = ClaimsModel(
        cue=fit(cue_x, cue_y, settings.c_cue, CUE_LABELS, settings.min_weight),
        content=fit(content_x, content_y, settings.c_content, [1], settings.min_weight),
        source=fit(source_x, source_y, settings.c_source, [1], settings.min_weight),
        cue_rate=rates,
        meta={"articles": len(articles), "attributions": sum(len(a.gold) for a in articles),
              "seed": SEED, "trained_on": "PolNeAR-shaped JSON Lines (see docs/quality/claims.md)"})
    stats = {"seconds": round(time.perf_counter() - started, 1),
             "content_oracle": oracle["content_hit"] / max(1, oracle["content_gold"]),
             "source_oracle": oracle["source_hit"] / max(1, oracle["source_gold"])}
    return model, stats


def main(data: Path, out: Path, cache_dir: Path | None = None, limit: int | None = None) -> int:
    articles = read_polnear(Path(data), limit)
    started = time.perf_counter()
    docs = parse_articles(articles, cache_dir)
    parsed = time.perf_counter() - started
    model, stats = train(articles, docs)
    model.save(out)
    print(f"trained on {len(articles)} articles: parse {parsed:.0f} s, fit {stats['seconds']:.0f} s; "
          f"candidate recall (oracle): content {stats['content_oracle']:.3f}, "
          f"source {stats['source_oracle']:.3f}; wrote {out} ({Path(out).stat().st_size // 1024} KB)")
    return 0
