"""Write a copy of a blind event gold file with every VOA reference resolved to its text.

`crosswire eval events` reads gold lines with a `text`; the blind set refers to VOA
sentences by offsets so that no VOA text is stored in the repository. This writes
a scoring copy OUTSIDE the repository (e.g. under /tmp):

    python3 scripts/resolve_events_blind.py gold/events_blind/dev.jsonl /tmp/eb_dev.jsonl
    crosswire eval events /tmp/eb_dev.jsonl

Exits with status 2, naming the path, when the VOA corpus is absent
(--corpus, default ../shared/corpus/voa_stories.jsonl beside the worktree,
else /work/shared/corpus/voa_stories.jsonl).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    beside = ROOT.parent / "shared" / "corpus" / "voa_stories.jsonl"
    return beside if beside.exists() else Path("/work/shared/corpus/voa_stories.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: VOA corpus not found; cannot resolve references", file=sys.stderr)
        return 2
    articles = {}
    for line in args.corpus.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        articles[article["id"]] = article["text"]
    resolved = 0
    with args.out.open("w", encoding="utf-8") as out:
        for number, line in enumerate(args.gold.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            ref = row.pop("ref", None)
            if ref is not None:
                if ref["article"] not in articles:
                    print(f"{args.gold}:{number}: unknown VOA article {ref['article']}", file=sys.stderr)
                    return 1
                row["text"] = articles[ref["article"]][ref["start"]:ref["end"]]
                row["source_ref"] = ref  # kept so a result can be traced back to the article
                resolved += 1
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{args.out}: {number} lines, {resolved} VOA references resolved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
