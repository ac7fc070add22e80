"""Concurrency soak: several ``crosswire ingest`` processes writing one database at once.

    PYTHONPATH=src .venv/bin/python benchmarks/concurrent_ingest.py [CORPUS.jsonl]
        [--writers 4] [--articles 1000] [--db URL] [--sentences 3]

Builds ``--articles`` short, distinct articles (each a random handful of
sentences from the corpus, default ../shared/corpus/voa_stories.jsonl, read
at run time; seeded, so every run gets the same articles), splits them
between ``--writers`` JSON Lines files, and starts one ``crosswire ingest``
per file at the same moment, all on one database (a new SQLite file by
default; give ``--db postgresql+psycopg2://...`` for PostgreSQL -- it must
be empty). Then checks that every article is stored and linked to a story:
"lost" must be 0, and every writer must exit 0.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosswire.store import Database

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa_stories.jsonl"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentence_pool(path: Path) -> list[str]:
    pool = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                text = json.loads(line)["text"]
                pool += [s.strip() for s in SENTENCE_END.split(text) if 40 < len(s.strip()) < 400]
    return pool


def make_articles(pool: list[str], n: int, sentences: int, seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    return [{"id": f"soak-{i}", "outlet": f"Outlet {i % 7}",
             "published": f"2025-0{1 + i % 9}-{1 + i % 28:02d}",
             "text": " ".join(rng.sample(pool, sentences))} for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: no such corpus")
    work = Path(tempfile.mkdtemp(prefix="crosswire-soak-"))
    url = args.db or f"sqlite:///{work / 'soak.db'}"
    articles = make_articles(sentence_pool(args.corpus), args.articles, args.sentences)
    files = []
    for w in range(args.writers):
        path = work / f"writer-{w}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in articles[w::args.writers]),
                        encoding="utf-8")
        files.append(path)
    Database(url).close()  # the schema exists before the race starts
    crosswire = str(Path(sys.executable).parent / "crosswire")
    start = time.perf_counter()
    procs = [subprocess.Popen([crosswire, "ingest", str(f), "--db", url],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for f in files]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    seconds = time.perf_counter() - start
    db = Database(url, create=False)
    stored = {r["id"] for r in db.article_index()}
    with db.engine.connect() as conn:
        from sqlalchemy import func, select

        from crosswire.store import schema
        a = schema.articles
        unlinked = conn.execute(select(func.count()).select_from(a)
                                .where(a.c.story_id.is_(None))).scalar()
        seqs = [r[0] for r in conn.execute(select(a.c.seq))]
    wanted = {a["id"] for a in articles}
    lost = sorted(wanted - stored)
    print(f"writers {args.writers}, articles {len(articles)}, database {db!r}")
    print(f"wall time {seconds:.1f} s; writer exit codes {[code for code, _ in results]}")
    print(f"stored {len(stored & wanted)}, lost {len(lost)}, unlinked {unlinked}, "
          f"duplicate seq numbers {len(seqs) - len(set(seqs))}")
    for code, err in results:
        tail = [line for line in err.splitlines() if "inputs failed" in line or "Error" in line]
        if code or tail:
            print("  ", " | ".join(tail[-3:]))
    if lost:
        print("lost:", ", ".join(lost[:20]))
    ok = not lost and not unlinked and all(code == 0 for code, _ in results)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
