"""CPU seconds of the extract pipeline over a corpus, after warm-up.

    PYTHONPATH=src .venv/bin/python benchmarks/extract_cpu.py [CORPUS.jsonl] [--repeat N]

On a shared machine wall time says more about the neighbours than about the
code; ``time.process_time`` counts only this process's CPU, so two versions
can be compared while others run. Default corpus: ../shared/corpus/voa_stories.jsonl.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from crosswire.extract import Pipeline
from crosswire.model import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa_stories.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    articles = []
    with args.corpus.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            articles.append(Article(text=item["text"], id=item.get("id"), published=item.get("published"),
                                    title=item.get("title")))
    pipeline = Pipeline()
    list(pipeline.run(articles[:3]))  # warm-up: model, lexicons, actor dictionaries
    for _ in range(args.repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        done = list(pipeline.run(articles))
        print(f"cpu {time.process_time() - cpu:.2f} s  wall {time.perf_counter() - wall:.2f} s  "
              f"articles {len(done)}", flush=True)


if __name__ == "__main__":
    main()
