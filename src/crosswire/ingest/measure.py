"""Measure the readers and the duplicate screen on a real corpus.

    python -m crosswire.ingest.measure PATH... [--part dev|test|all]

Reports how many articles and errors the readers yield, then scores the
duplicate screen without any hand labels, by editing the corpus's own
articles in ways whose answer is known:

- copies: each article republished with a credit line, a tagline and one word
  in N changed (N = 100, 50, 20): should be found as copies of their original;
- shortened copies: the first 80% (60%) of each article (an outlet trimming the
  end of a wire story): also copies, but a known weak spot of Jaccard;
- splices: the first quarter (half) of one article followed by the rest of another
  (two stories sharing a passage): must NOT be taken for copies;
- the real articles against each other: distinct stories, so every verdict
  there is a false alarm unless the corpus really holds a duplicate.

It also counts the wire credits found (``wire_credit``) in the corpus, and
with ``--credits GOLD.jsonl`` scores ``wire_credit`` against hand-written
items ``{"text": ..., "credit": "AP" | null}`` (``gold/ingest/``).

Articles are split into ``dev`` and ``test`` halves by a hash of their id, so
figures can be reported for a part that was not looked at while tuning.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from dataclasses import dataclass

from crosswire.ingest import read_inputs
from crosswire.ingest.dedup import NEAR_THRESHOLD, Deduplicator, wire_credit
from crosswire.model import Article, InputError

EDIT_RATES = (100, 50, 20)  # one word in N changed
SPLICE_SHARES = (0.25, 0.5)
KEPT_SHARES = (0.8, 0.6)
SEED = 7


@dataclass
class Scores:
    found: int = 0
    total: int = 0

    def __str__(self) -> str:
        share = self.found / self.total if self.total else 0.0
        return f"{self.found}/{self.total} ({share:.1%})"


def part_of(article_id: str) -> str:
    return "dev" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "test"


def republished(text: str, one_in: int, rng: random.Random) -> str:
    """``text`` as another outlet might run it: credit line, tagline, a few words changed."""
    words = text.split(" ")
    for i in range(0, len(words), one_in):
        words[min(len(words) - 1, i + rng.randrange(one_in))] = "changed"
    return "(Wire) — " + " ".join(words) + "\n\nFollow our live coverage for updates."


def spliced(head: str, tail: str, share: float) -> str:
    head_words, tail_words = head.split(" "), tail.split(" ")
    cut_head, cut_tail = int(len(head_words) * share), int(len(tail_words) * share)
    return " ".join(head_words[:cut_head] + tail_words[cut_tail:])


def score_copies(originals: list[Article], index: Deduplicator, one_in: int) -> Scores:
    rng = random.Random(SEED + one_in)
    scores = Scores(total=len(originals))
    for article in originals:
        verdict = index.check(republished(article.text, one_in, rng))
        scores.found += verdict.kind is not None and verdict.of == article.stable_id()
    return scores


def score_shortened(originals: list[Article], index: Deduplicator, kept_share: float) -> Scores:
    scores = Scores(total=len(originals))
    for article in originals:
        words = article.text.split(" ")
        verdict = index.check(" ".join(words[:int(len(words) * kept_share)]))
        scores.found += verdict.kind is not None and verdict.of == article.stable_id()
    return scores


def score_splices(originals: list[Article], index: Deduplicator, share: float) -> Scores:
    """``found`` counts false alarms: splices taken for copies."""
    scores = Scores(total=len(originals))
    for article, other in zip(originals, originals[1:] + originals[:1]):
        scores.found += index.check(spliced(article.text, other.text, share)).kind is not None
    return scores


def score_distinct(originals: list[Article], threshold: float) -> tuple[Scores, list[str]]:
    """False alarms among the real articles, checked one by one as an ingest would."""
    index, alarms = Deduplicator(threshold), []
    for article in originals:
        verdict = index.check(article.text)
        if verdict:
            alarms.append(f"{article.stable_id()} {verdict.kind} of {verdict.of} ({verdict.similarity})")
        index.add(article.stable_id(), article.text)
    return Scores(len(alarms), len(originals)), alarms


def score_credits(gold_path: str) -> int:
    """Accuracy of wire_credit, and precision/recall of saying "credited" at all."""
    right = said = credited = agreed = 0
    items = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    for item in items:
        got, want = wire_credit(item["text"]), item["credit"]
        right += got == want
        said += got is not None
        credited += want is not None
        agreed += got is not None and got == want
        if got != want:
            print(f"  wrong: expected {want}, got {got}: {item['text'][:80]!r}")
    print(f"wire credits: {right}/{len(items)} items right; "
          f"precision {agreed}/{said}, recall {agreed}/{credited}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--credits", help="score wire_credit on this gold JSON Lines file")
    parser.add_argument("--part", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--threshold", type=float, default=NEAR_THRESHOLD,
                        help="estimated Jaccard from which a text counts as a near copy")
    options = parser.parse_args(argv)

    if options.credits:
        return score_credits(options.credits)
    started = time.perf_counter()
    items = list(read_inputs(options.paths))
    read_seconds = time.perf_counter() - started
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if isinstance(i, Article)]
    print(f"read: {len(articles)} articles, {len(errors)} errors in {read_seconds:.2f}s")
    for problem in errors:
        print(f"  error {problem}")

    chosen = [a for a in articles if options.part == "all" or part_of(a.stable_id()) == options.part]
    print(f"part {options.part}: {len(chosen)} articles, threshold {options.threshold}")
    started = time.perf_counter()
    index = Deduplicator(options.threshold)
    for article in chosen:
        index.add(article.stable_id(), article.text)
    per_article = (time.perf_counter() - started) / max(1, len(chosen))
    print(f"indexing: {per_article * 1000:.1f} ms per article")
    for one_in in EDIT_RATES:
        print(f"copies found (1 word in {one_in} changed): {score_copies(chosen, index, one_in)}")
    for share in KEPT_SHARES:
        print(f"shortened copies found (first {share:.0%} kept): {score_shortened(chosen, index, share)}")
    for share in SPLICE_SHARES:
        print(f"splices ({share:.0%} from one article) taken for copies (false alarms): "
              f"{score_splices(chosen, index, share)}")
    distinct, alarms = score_distinct(chosen, options.threshold)
    print(f"distinct articles taken for copies (false alarms): {distinct}")
    for alarm in alarms:
        print(f"  {alarm}")
    credits = {a.stable_id(): wire_credit(a.text) for a in chosen}
    credited = {k: v for k, v in credits.items() if v}
    print(f"wire credits found: {len(credited)}/{len(chosen)} {sorted(credited.items())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
