"""Duplicate detection: exact copies, near copies, and wire-agency credits.

Exact duplicates share the hash of their whitespace- and case-normalised
text. Near duplicates are found with MinHash over word 5-shingles and an LSH
index: a text is a near copy when its estimated Jaccard similarity to a known
article reaches about 0.8, or when one of the two almost wholly contains the
other (an outlet running a wire story with its end trimmed). The MinHash seed
and hashing scheme are fixed, so a signature computed today equals one
computed next week and can be stored (``articles.minhash``) to re-seed a
:class:`Deduplicator` on the next run.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal

from datasketch import MinHash, MinHashLSH

from crosswire import lexicons

NUM_PERM = 128
SEED = 20241110  # fixed forever: stored signatures depend on it
SCHEME = "affine32"  # stated explicitly so a datasketch default change cannot alter signatures
SHINGLE_WORDS = 5
NEAR_THRESHOLD = 0.8
# Candidates come from an LSH index with a lower threshold than the verdict, so
# copies just above the threshold are not lost to LSH banding, and so that
# trimmed copies (lower Jaccard, high containment) are seen at all.
CANDIDATE_THRESHOLD = 0.6
# Share of the smaller text's shingles found in the larger one from which a
# candidate counts as a (trimmed) copy even below NEAR_THRESHOLD.
CONTAINMENT_THRESHOLD = 0.9

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Verdict:
    kind: Literal["exact", "near"] | None
    of: str | None = None
    similarity: float = 0.0  # estimated Jaccard similarity to ``of`` (1.0 for exact)
    containment: float = 0.0  # estimated share of the smaller text found in the larger

    def __bool__(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class _Sketch:
    minhash: MinHash
    size: int | None  # number of distinct shingles; None for signatures stored without it


def normalised_text(text: str) -> str:
    """Lower case, single spaces: what counts as "the same text" for exact duplicates."""
    return " ".join(text.lower().split())


def exact_key(text: str) -> str:
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of the lower-cased words (punctuation ignored)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=8)
def _sketch(text: str) -> _Sketch:
    """Cached because a caller typically checks a text and then asks for its
    signature to store it; the cached objects are never mutated."""
    pieces = shingles(text)
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    sketch.update_batch(sorted(pieces))
    return _Sketch(sketch, len(pieces))


def minhash(text: str) -> MinHash:
    """The MinHash of ``text`` (do not mutate it: it may be cached)."""
    return _sketch(text).minhash


def signature(text: str) -> list[int]:
    """What to store for ``text``: its MinHash values, then its shingle count (plain ints, JSON-storable).

    Stable across runs and machines (fixed seed and hash scheme); give it back
    to :meth:`Deduplicator.add_signature` to re-seed an index.
    """
    sketch = _sketch(text)
    return [int(v) for v in sketch.minhash.hashvalues] + [sketch.size]


def _from_signature(values: Iterable[int]) -> _Sketch:
    """Rebuild a sketch; a bare list of NUM_PERM values (no shingle count) is accepted too."""
    values = list(values)
    if len(values) == NUM_PERM + 1:
        *hashvalues, size = values
    elif len(values) == NUM_PERM:
        hashvalues, size = values, None
    else:
        raise ValueError(f"a signature holds {NUM_PERM} or {NUM_PERM + 1} values, not {len(values)}")
    return _Sketch(MinHash(seed=SEED, hashvalues=hashvalues, scheme=SCHEME), size)


def estimated_containment(jaccard: float, size_a: int | None, size_b: int | None) -> float:
    """|A & B| / min(|A|, |B|) from the Jaccard estimate and the two set sizes (0.0 if unknown)."""
    if not size_a or not size_b:
        return 0.0
    overlap = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, overlap / min(size_a, size_b))


class Deduplicator:
    """Remembers articles and says whether a new text copies one of them.

    >>> d = Deduplicator(); d.add("a1", text); d.check(other_text)
    Verdict(kind='near', of='a1', similarity=0.86, containment=0.93)
    """

    def __init__(self, threshold: float = NEAR_THRESHOLD,
                 containment_threshold: float = CONTAINMENT_THRESHOLD) -> None:
        self.threshold = threshold
        self.containment_threshold = containment_threshold
        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=NUM_PERM)
        self._sketches: dict[str, _Sketch] = {}
        self._exact: dict[str, str] = {}  # exact_key -> first article id with that text

    def __len__(self) -> int:
        return len(self._sketches)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sketches

    def add(self, article_id: str, text: str) -> None:
        """Remember an article (adding the same id again is a no-op)."""
        self.add_signature(article_id, signature(text), exact_key(text))

    def add_signature(self, article_id: str, values: Iterable[int], key: str | None = None) -> None:
        """Remember an article from a stored :func:`signature` (and its :func:`exact_key`, if known)."""
        if article_id in self._sketches:
            return
        sketch = _from_signature(values)
        self._sketches[article_id] = sketch
        if not sketch.minhash.is_empty():
            self._lsh.insert(article_id, sketch.minhash)
        if key is not None:
            self._exact.setdefault(key, article_id)

    def check(self, text: str) -> Verdict:
        """Is ``text`` an exact or near copy of a remembered article? (Does not remember it.)"""
        same = self._exact.get(exact_key(text))
        if same is not None:
            return Verdict("exact", same, 1.0, 1.0)
        return self._nearest(_sketch(text))

    def _nearest(self, sketch: _Sketch) -> Verdict:
        if sketch.minhash.is_empty():
            return Verdict(None)
        best = Verdict(None)
        for candidate in sorted(self._lsh.query(sketch.minhash)):  # sorted: ties resolve the same way every run
            verdict = self._compare(sketch, candidate)
            if (verdict.kind is not None, verdict.similarity) > (best.kind is not None, best.similarity):
                best = verdict
        return best

    def _compare(self, sketch: _Sketch, candidate: str) -> Verdict:
        known = self._sketches[candidate]
        jaccard = sketch.minhash.jaccard(known.minhash)
        containment = estimated_containment(jaccard, sketch.size, known.size)
        is_copy = jaccard >= self.threshold or containment >= self.containment_threshold
        return Verdict("near" if is_copy else None, candidate if is_copy else None,
                       round(jaccard, 4), round(containment, 4))


# --------------------------------------------------------------------------- wire credits


@dataclass(frozen=True)
class _CreditPatterns:
    lead: re.Pattern
    tail: re.Pattern
    canonical: dict[str, str]
    lead_window: int
    tail_window: int


@lru_cache(maxsize=1)
def _credit_patterns() -> _CreditPatterns:
    data = lexicons.load("ingest_wire_credits.yaml")
    canonical = {alias: name for name, aliases in data["agencies"].items() for alias in aliases}
    # Longest alias first, so "The Associated Press" wins over "AP"-like prefixes. The
    # names are matched case-sensitively ("AP", not "ap"); the phrases around them are not.
    alias_group = "(?P<agency>(?-i:" + "|".join(
        re.escape(a) for a in sorted(canonical, key=len, reverse=True)) + r"))(?![\w-])"

    def combined(patterns: list[str]) -> re.Pattern:
        parts = [p.replace("{agency}", alias_group.replace("?P<agency>", f"?P<a{i}>"))
                 for i, p in enumerate(patterns)]
        return re.compile("|".join(f"(?:{p})" for p in parts), re.MULTILINE | re.IGNORECASE)

    return _CreditPatterns(combined(data["lead_patterns"]), combined(data["tail_patterns"]),
                           canonical, int(data["lead_window"]), int(data["tail_window"]))


def wire_credit(text: str) -> str | None:
    """The wire agency an article credits ("AP", "Reuters", "AFP", ...), or None.

    Looks for a dateline credit near the start ("(AP)", "— AFP") and then for a
    closing credit ("This story was reported by The Associated Press").
    """
    patterns = _credit_patterns()
    match = patterns.lead.search(text[:patterns.lead_window])
    if match is None:
        match = patterns.tail.search(text[-patterns.tail_window:])
    if match is None:
        return None
    alias = next(v for k, v in match.groupdict().items() if v is not None)
    return patterns.canonical[alias]
