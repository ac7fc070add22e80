"""Extraction time per character for one long article, from 5k to 400k characters.

    PYTHONPATH=src .venv/bin/python benchmarks/long_articles.py [CORPUS.jsonl]
        [--sizes 5000,25000,100000,200000,400000] [--markdown] [--profile SIZE]

Each long article is made by joining whole articles of the corpus (default
../shared/corpus/voa_stories.jsonl, read at run time, never copied into the
project) with blank lines until it reaches the size. The spaCy model is
loaded and warmed up before timing. Cost per character should stay flat:
a quadratic step (an offset -> sentence lookup scanning every sentence, say)
shows up as microseconds per character growing with the size.

``--profile SIZE`` runs pyinstrument (if installed) on one article of that
size instead and prints where the time goes.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

from crosswire.extract import Pipeline
from crosswire.model import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa_stories.jsonl"
DEFAULT_SIZES = (5_000, 25_000, 100_000, 200_000, 400_000)


def corpus_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def long_text(texts: list[str], size: int) -> str:
    """Whole corpus articles joined by blank lines, cut at the last paragraph within ``size``."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        text = texts[i % len(texts)]
        parts.append(text)
        total += len(text) + 2
        i += 1
    joined = "\n\n".join(parts)[:size]
    cut = joined.rfind("\n\n")
    return joined[:cut] if cut > size // 2 else joined


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(pipeline: Pipeline, text: str) -> dict:
    start = time.perf_counter()
    record = pipeline(Article(text=text, id="long", published="2025-01-15", outlet="Bench"))
    seconds = time.perf_counter() - start
    return {"chars": len(text), "seconds": seconds,
            "us_per_char": seconds / len(text) * 1e6, "sentences": len(record.sentences),
            "events": len(record.events), "claims": len(record.claims),
            "peak_rss_mb": peak_rss_mb()}


def profile(pipeline: Pipeline, text: str) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("pyinstrument is not installed: pip install pyinstrument")
    profiler = Profiler()
    profiler.start()
    pipeline(Article(text=text, id="long", published="2025-01-15", outlet="Bench"))
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--profile", type=int, metavar="SIZE")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: no such corpus")
    texts = corpus_texts(args.corpus)
    pipeline = Pipeline()
    pipeline(Article(text=texts[0], id="warm-up", published="2025-01-15"))
    if args.profile:
        profile(pipeline, long_text(texts, args.profile))
        return 0
    rows = [measure(pipeline, long_text(texts, int(size))) for size in args.sizes.split(",")]
    print(f"# {platform.node()} python {platform.python_version()}, corpus {args.corpus.name}")
    if args.markdown:
        print("| characters | sentences | seconds | µs / character | events | claims | peak RSS MB |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        if args.markdown:
            print(f"| {r['chars']:,} | {r['sentences']:,} | {r['seconds']:.1f} | "
                  f"{r['us_per_char']:.1f} | {r['events']:,} | {r['claims']:,} | "
                  f"{r['peak_rss_mb']:.0f} |")
        else:
            print(f"{r['chars']:>9,} chars  {r['sentences']:>6,} sentences  {r['seconds']:7.1f} s  "
                  f"{r['us_per_char']:6.1f} µs/char  peak RSS {r['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
