"""Throughput of crosswire extraction against spaCy alone, in one run.

    .venv/bin/python benchmarks/throughput.py [CORPUS.jsonl] [--limit N] [--markdown]

Default corpus: ../shared/corpus/voa_stories.jsonl. Measures, over the same
articles: (1) spaCy alone (``nlp.pipe`` over the texts, the floor any
extraction pays), (2) the full ``extract`` pipeline (spaCy + every component).
Then (3) storing the extracted records in a new SQLite database and linking
them (what ``ingest`` adds). Reports articles/s, words/s, the pipeline's
overhead over spaCy, and the process's peak resident memory after each phase
(getrusage maxrss). The model is loaded and warmed up before timing, so load
time is not counted.
"""
from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from crosswire import link
from crosswire.extract import Failure, Pipeline
from crosswire.ingest import read_inputs
from crosswire.model import Article, Record
from crosswire.nlp import NLP
from crosswire.store import Database

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa_stories.jsonl"


@dataclass
class Phase:
    name: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_articles(path: Path, limit: int | None) -> list[Article]:
    articles = [a for a in read_inputs([path]) if isinstance(a, Article)]
    return articles[:limit] if limit else articles


def time_spacy(nlp: NLP, articles: list[Article], words: int) -> Phase:
    texts = [a.text for a in articles]
    start = time.perf_counter()
    for _doc in nlp.spacy.pipe(texts, batch_size=16):
        pass
    return Phase("spaCy alone (nlp.pipe)", len(texts), words, time.perf_counter() - start,
                 peak_rss_mb())


def time_pipeline(pipeline: Pipeline, articles: list[Article], words: int
                  ) -> tuple[Phase, list[Record], int]:
    start = time.perf_counter()
    results = list(pipeline.run(articles))
    phase = Phase("full extract pipeline", len(articles), words, time.perf_counter() - start,
                  peak_rss_mb())
    records = [r for r in results if isinstance(r, Record)]
    return phase, records, sum(isinstance(r, Failure) for r in results)


def time_store(records: list[Record], words: int) -> Phase:
    """Storing the extracted records (one transaction each) and linking them,
    into a new SQLite file: the cost `ingest` adds on top of extraction."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        start = time.perf_counter()
        for record in records:
            db.upsert_record(record)
        link.after_ingest(db, [r.id for r in records])
        seconds = time.perf_counter() - start
        db.close()
    return Phase("store + link (SQLite), no extraction", len(records), words, seconds,
                 peak_rss_mb())


def table(phases: list[Phase]) -> Table:
    out = Table(title="crosswire throughput")
    for column in ("phase", "articles", "words", "seconds", "articles/s", "words/s",
                   "peak RSS MB"):
        out.add_column(column, justify="left" if column == "phase" else "right")
    for p in phases:
        out.add_row(p.name, str(p.articles), f"{p.words:,}", f"{p.seconds:.2f}",
                    f"{p.articles_per_s:.2f}", f"{p.words_per_s:,.0f}", f"{p.peak_rss_mb:.0f}")
    return out


def markdown(phases: list[Phase]) -> str:
    lines = ["| phase | articles | words | seconds | articles/s | words/s | peak RSS MB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {p.name} | {p.articles} | {p.words:,} | {p.seconds:.2f} | "
              f"{p.articles_per_s:.2f} | {p.words_per_s:,.0f} | {p.peak_rss_mb:.0f} |"
              for p in phases]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = load_articles(args.corpus, args.limit)
    words = sum(len(a.text.split()) for a in articles)
    nlp = NLP.shared()
    pipeline = Pipeline(nlp=nlp)
    pipeline(Article(text="Officials said on Monday that talks would resume.",
                     published="2024-11-14"))  # warm-up: lazy lexicons and caches
    spacy_phase = time_spacy(nlp, articles, words)
    full_phase, records, failed = time_pipeline(pipeline, articles, words)
    stored_words = sum(len(r.text.split()) for r in records)
    phases = [spacy_phase, full_phase, time_store(records, stored_words)]
    console = Console(width=None if sys.stdout.isatty() else 110)
    console.print(table(phases))
    console.print(f"pipeline / spaCy time: {full_phase.seconds / spacy_phase.seconds:.2f}x; "
                  f"failed articles: {failed}; python {platform.python_version()}, "
                  f"{platform.machine()}")
    if args.markdown:
        print(markdown(phases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
