"""Validate the blind event-coding gold set (gold/events_blind/*.jsonl).

Checks every line: valid JSON with the expected keys, ids unique across files,
PLOVER type one of the 16 in src/crosswire/lexicons/plover.yaml, CAMEO code in
cameo_codes.tsv with the matching root, PLOVER type consistent with PLOVER's own
crosswalk (CAMEO2PLOVER-2021.txt; CAMEO 02 appeals, absent from it, are REQUEST),
modality from the contract, actor codes well formed, the trigger present in the
sentence, and, for VOA references, that text[start:end] of the article is exactly
one sentence. Prints counts per PLOVER type.

Uses only the standard library and reads no crosswire code:
    python3 scripts/check_events_blind.py gold/events_blind/dev.jsonl gold/events_blind/test.jsonl
Options: --corpus PATH (default ../shared/corpus/voa_stories.jsonl next to the
worktree, else /work/shared/...), --crosswalk PATH. Reference checks are skipped,
with a note, when the corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "src" / "crosswire" / "lexicons"
MODALITIES = {"asserted", "negated", "planned", "hypothetical", "requested"}
ACTOR_CODE = re.compile(r"^[A-Z]{3}[A-Z]*$")
# Abbreviations after which a full stop does not end a sentence (VOA style).
ABBREVIATIONS = {"U.S", "U.N", "U.K", "E.U", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sen", "Rep",
                 "St", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "No", "Gov", "Jr", "a.m", "p.m"}
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘(]?[A-Z0-9]")


def default_path(relative: str) -> Path:
    beside = ROOT.parent / "shared" / relative
    return beside if beside.exists() else Path("/work/shared") / relative


def plover_types() -> set[str]:
    types, inside = set(), False
    for line in (LEXICONS / "plover.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("types:"):
            inside = True
        elif inside and re.match(r"^  [A-Z]+:\s*$", line):
            types.add(line.strip().rstrip(":"))
    return types


def cameo_codes() -> set[str]:
    codes = set()
    for line in (LEXICONS / "cameo_codes.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("code\t"):
            codes.add(line.split("\t")[0])
    return codes


def crosswalk(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            table.setdefault(match.group(1), match.group(2))
    return table


def crosswalk_type(code: str, table: dict[str, str]) -> str | None:
    """PLOVER type of the most specific code the crosswalk lists (4, then 3, then 2 digits)."""
    if code.startswith("02"):
        return "REQUEST"  # appeals: not in the 2021 crosswalk; PLOVER's REQUEST covers them
    for length in (len(code), 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    return None


def one_sentence_problem(text: str, start: int, end: int) -> str | None:
    span = text[start:end]
    if not span or span != span.strip():
        return "span is empty or has outer whitespace"
    if start > 0:
        before = text[:start].rstrip()
        if start == len(before) or not re.search(r"[.!?][\"”’']?$", before):
            return "does not start at a sentence boundary"
    if end < len(text) and not text[end].isspace():
        return "does not end at a sentence boundary"
    if not re.search(r"[.!?][\"”’']?$", span):
        return "does not end with sentence punctuation"
    for match in SENTENCE_END.finditer(span):
        word = re.search(r"([A-Za-z.]+)$", span[:match.start()])
        token = word.group(1) if word else ""
        if token in ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
            continue
        # A lone capital is a middle initial ("John F. Kennedy") only after a capitalised
        # word; after a lowercase word ("on the platform X. He added") the sentence ends.
        previous = re.search(r"(\S+)\s+[A-Z]$", span[:match.start()])
        if re.fullmatch(r"[A-Z]", token) and previous and previous.group(1)[:1].isupper():
            continue
        return f"holds more than one sentence (boundary at offset {start + match.start()})"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, default=default_path("corpus/voa_stories.jsonl"))
    parser.add_argument("--crosswalk", type=Path, default=default_path("data/plover/CAMEO2PLOVER-2021.txt"))
    args = parser.parse_args()

    types, codes = plover_types(), cameo_codes()
    table = crosswalk(args.crosswalk) if args.crosswalk.exists() else {}
    articles = {}
    if args.corpus.exists():
        for line in args.corpus.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            articles[article["id"]] = article
    else:
        print(f"note: {args.corpus} not found; VOA reference checks skipped")
    if not table:
        print(f"note: {args.crosswalk} not found; crosswalk checks skipped")

    errors, seen_ids = [], set()
    for path in args.files:
        per_type, voa, lines = Counter(), 0, 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path}:{number}"

            def fail(message: str) -> None:
                errors.append(f"{where}: {message}")

            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"invalid JSON ({exc})")
                continue
            lines += 1
            if row.get("id") in seen_ids:
                fail(f"duplicate id {row.get('id')}")
            seen_ids.add(row.get("id"))
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row.get("published"))):
                fail("published must be YYYY-MM-DD")
            if ("text" in row) == ("ref" in row):
                fail("needs exactly one of text / ref")
                continue
            sentence = row.get("text")
            if "ref" in row:
                voa += 1
                ref = row["ref"]
                article = articles.get(ref.get("article"))
                if articles and article is None:
                    fail(f"unknown VOA article {ref.get('article')}")
                if article is not None:
                    sentence = article["text"][ref["start"]:ref["end"]]
                    problem = one_sentence_problem(article["text"], ref["start"], ref["end"])
                    if problem:
                        fail(f"ref {ref}: {problem}")
                    if article["published"][:10] != row["published"]:
                        fail("published differs from the article's date")
            events = row.get("events")
            if not isinstance(events, list) or len(events) > 1:
                fail("events must be a list of at most one main event")
                continue
            per_type[events[0]["plover"] if events else "(none)"] += 1
            for event in events:
                if event.get("plover") not in types:
                    fail(f"unknown PLOVER type {event.get('plover')}")
                cameo = event.get("cameo", "")
                if cameo not in codes:
                    fail(f"unknown CAMEO code {cameo}")
                if event.get("cameo_root") != cameo[:2]:
                    fail(f"cameo_root {event.get('cameo_root')} does not match {cameo}")
                expected = crosswalk_type(cameo, table) if table else None
                if table and expected != event.get("plover"):
                    fail(f"CAMEO {cameo} is {expected} in PLOVER's crosswalk, not {event.get('plover')}")
                if event.get("modality") not in MODALITIES:
                    fail(f"modality {event.get('modality')}")
                for role in ("source", "target"):
                    code = event.get(role)
                    if code is not None and not ACTOR_CODE.match(code):
                        fail(f"{role} code {code!r} is not CAMEO-style")
                if sentence is not None and event.get("trigger") not in sentence:
                    fail(f"trigger {event.get('trigger')!r} not in the sentence")
        print(f"{path}: {lines} sentences ({voa} from VOA, {lines - voa} written), per PLOVER type:")
        for name, count in sorted(per_type.items()):
            print(f"  {name:10s} {count}")
    for error in errors:
        print(error, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
