"""Convert PETRARCH2's CAMEO verb dictionary into crosswire's dependency patterns.

    python scripts/convert_cameo_verbs.py [../shared/data/petrarch2/CAMEO.2.0.txt] \
        [-o src/crosswire/lexicons/event_verbs_petrarch.tsv]

Source: ``CAMEO.2.0.txt`` of PETRARCH2 (Open Event Data Alliance, MIT licence;
format in ``dictionaries-format.rst``). See ``src/crosswire/lexicons/README-petrarch.md``.

What is kept, and how a PETRARCH pattern becomes a crosswire pattern:

* A **verb block** (``--- NAME [CODE] ---``, then verb lines, then ``-`` pattern
  lines) gives one output row per pattern, applying to every single-word verb
  of the block (column ``verbs``). Verbs are matched by spaCy lemma, so the
  irregular forms in ``{...}`` are not needed.
* ``- PRE * POST [CODE]``: POST's first noun (a word, a ``{braced phrase}``
  whose last word is the head, or a ``&SYNSET``) becomes ``obj`` (the direct
  object's word or lemma), the phrase's other words ``obj_mod`` (modifiers of
  the object); a leading particle (UP, DOWN, OUT, ...) becomes ``prt``; the
  first ``(PREP NOUN)`` group becomes ``prep_obj`` (``PREP:NOUN|NOUN``), a bare
  ``(PREP)`` becomes ``prep``; ``(PREP +)`` names where the target is
  (``target``). PRE's nouns become ``subj`` (the subject's word or lemma).
* Codes: ``[a:b]`` keeps ``a`` (or ``b`` when ``a`` is empty); ``[---]`` is kept as
  the null code ``---``: a matching pattern that codes nothing (PETRARCH's way of
  saying "not an event here").
* An **isolated verb** (no pattern applying) takes the verb's own ``[code]`` or
  the block's code. It is written as a row without conditions and flagged
  ``isolated``. A verb listed in several blocks with different isolated codes
  gets none (ambiguous), nor does a verb listed in ``skip_isolated`` of
  ``event_verbs_petrarch_skip.yaml`` (reporting and everyday verbs that PETRARCH
  codes as 010 statements).
* Skipped, with a count printed: multi-word verbs whose verb is not the first
  word ("WIRE_+TAP": the small parser rarely keeps them together), patterns that
  mark the source after the verb (``$``) or the target before it (``+ *``), and
  patterns with auxiliaries in PRE ("WILL NOT *": modality is crosswire's rules'
  job). Transformations (``~``) are not converted: crosswire's governors
  ("said ... will attack") do that job.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_OUT = ROOT / "src" / "crosswire" / "lexicons" / "event_verbs_petrarch.tsv"
SKIP_FILE = ROOT / "src" / "crosswire" / "lexicons" / "event_verbs_petrarch_skip.yaml"
COLUMNS = ["verbs", "code", "isolated", "prt", "prep", "subj", "obj", "obj_mod", "prep_obj", "target", "line"]

_BLOCK = re.compile(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class Pattern:
    line: int
    code: str
    prt: str = ""
    prep: str = ""
    subj: list[str] = field(default_factory=list)
    obj: list[str] = field(default_factory=list)
    obj_mod: list[str] = field(default_factory=list)
    prep_obj: tuple[str, list[str]] | None = None
    target: str = ""


@dataclass
class Block:
    name: str
    code: str
    verbs: list[tuple[str, str | None, str, str]] = field(default_factory=list)  # lemma, own code, prt, prep
    patterns: list[Pattern] = field(default_factory=list)


class Skips(Counter):
    pass


def parse_code(text: str) -> str | None:
    """"042:043" -> "042"; ":173" -> "173"; "---" -> "---"; "" -> None."""
    text = text.strip().rstrip("!")
    if not text:
        return None
    first, _, second = text.partition(":")
    code = first.strip() or second.strip()
    return code or None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` followed by ``+WORD`` lines -> lowercase head words."""
    synsets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = line[1:].rstrip("_").upper()
            synsets[current] = []
        elif line.startswith("+") and current is not None:
            words = line[1:].strip().rstrip("_").lower().split("_")
            if words and words[-1]:
                synsets[current].append(words[-1])
        elif not line:
            continue
        else:
            current = None
    return synsets


def tokenize(text: str) -> list[str]:
    """Groups stay whole: ``(FOR {FINANCIAL AID})``, ``{MOCK ATTACK}``."""
    out, depth, buf = [], 0, ""
    for ch in text:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch.isspace() and depth == 0:
            if buf:
                out.append(buf)
            buf = ""
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def noun_words(item: str, synsets: dict[str, list[str]]) -> tuple[list[str], list[str]] | None:
    """A noun item -> (head words, modifier words). None when unusable."""
    if item.startswith("{") and item.endswith("}"):
        words = item[1:-1].split()
        if not words:
            return None
        heads = noun_words(words[-1], synsets)
        if heads is None:
            return None
        mods = [w.lower() for w in words[:-1] if w.isalpha()]
        return heads[0], mods
    if item.startswith("&"):
        words = synsets.get(item[1:].rstrip("_").upper())
        return (sorted(set(words)), []) if words else None
    if re.fullmatch(r"[A-Z][A-Z'\-]*", item):
        return [item.lower()], []
    return None


class Converter:
    def __init__(self, synsets: dict[str, list[str]], particles: set[str], auxiliaries: set[str]):
        self.synsets = synsets
        self.particles = particles
        self.auxiliaries = auxiliaries
        self.skipped = Skips()

    def pattern(self, line_no: int, line: str) -> Pattern | None:
        body = line[1:].split("#", 1)[0]
        codes = _CODE.findall(body)
        if not codes:
            self.skipped["no code"] += 1
            return None
        code = parse_code(codes[-1])
        if code is None:
            self.skipped["empty code"] += 1
            return None
        body = _CODE.sub(" ", body)
        if "*" not in body:
            self.skipped["no verb marker"] += 1
            return None
        pre_text, post_text = body.split("*", 1)
        pre, post = tokenize(pre_text), tokenize(post_text)
        if "+" in pre or "$" in post or any(t.startswith("(") and "$" in t for t in post):
            self.skipped["source after / target before the verb"] += 1
            return None
        if any(t.upper() in self.auxiliaries for t in pre):
            self.skipped["auxiliary in pattern"] += 1
            return None
        pattern = Pattern(line=line_no, code=code)
        for item in pre:
            if item in ("$", "^", "%") or item.startswith("("):
                continue
            words = noun_words(item, self.synsets)
            if words is None:
                self.skipped["unreadable subject"] += 1
                return None
            pattern.subj = words[0]
        for position, item in enumerate(post):
            if item in ("^", "%"):
                continue
            if item == "+":
                pattern.target = pattern.target or "dobj"
                continue
            if item.startswith("("):
                if pattern.prep or pattern.prep_obj:
                    continue  # the first prepositional group is the condition
                inner = tokenize(item[1:-1])
                if not inner or not inner[0].isalpha():
                    self.skipped["unreadable preposition"] += 1
                    return None
                prep, rest = inner[0].lower(), [t for t in inner[1:] if t not in ("^", "%")]
                if not rest:
                    pattern.prep = prep
                elif rest == ["+"] or rest[0] == "+":
                    pattern.prep, pattern.target = prep, prep
                else:
                    words = noun_words(rest[-1], self.synsets)
                    if words is None:
                        self.skipped["unreadable preposition"] += 1
                        return None
                    pattern.prep_obj = (prep, words[0])
                continue
            if position == 0 and item.upper() in self.particles and not pattern.obj:
                pattern.prt = item.lower()
                continue
            if pattern.obj:
                continue  # later bare words: PETRARCH's looser sequences; the head is enough
            words = noun_words(item, self.synsets)
            if words is None:
                self.skipped["unreadable object"] += 1
                return None
            pattern.obj, pattern.obj_mod = words
        if not (pattern.obj or pattern.prep or pattern.prep_obj or pattern.prt or pattern.subj):
            self.skipped["no condition"] += 1
            return None
        return pattern

    def verb(self, line: str) -> tuple[str, str | None, str, str] | None:
        """``ASK [020]``, ``+ASK_FOR {...} [020]`` -> (lemma, own code, prt, prep)."""
        text = line.split("#", 1)[0]
        own = _CODE.search(text)
        code = parse_code(own.group(1)) if own else None
        text = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", text)).strip()
        if not text:
            return None
        words = text.split()[0].split("_")
        if len(words) == 1:
            return words[0].lstrip("+").lower(), code, "", ""
        if not words[0].startswith("+"):
            self.skipped["multi-word verb not led by the verb"] += 1
            return None
        lemma, rest = words[0][1:].lower(), [w.lower() for w in words[1:]]
        if len(rest) == 1 and rest[0].upper() in self.particles:
            return lemma, code, rest[0], ""
        if len(rest) == 1 and rest[0].isalpha():
            return lemma, code, "", rest[0]
        self.skipped["multi-word verb, long"] += 1
        return None


def read_blocks(lines: list[str], converter: Converter) -> list[Block]:
    blocks: list[Block] = []
    in_verbs = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if "####### VERB PATTERNS" in line:
            in_verbs = True
            continue
        if not in_verbs or not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("#####"):
            break  # transformations follow
        match = _BLOCK.match(line)
        if match:
            blocks.append(Block(name=match.group(1), code=parse_code(match.group(2)) or "---"))
        elif not blocks or line.startswith("~"):
            continue
        elif line.startswith("-"):
            found = converter.pattern(number, line)
            if found is not None:
                blocks[-1].patterns.append(found)
        else:
            verb = converter.verb(line)
            if verb is not None:
                blocks[-1].verbs.append(verb)
    return blocks


def rows(blocks: list[Block], skip_isolated: set[str]) -> list[dict[str, str]]:
    out = []
    isolated: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for block in blocks:
        simple = sorted({lemma for lemma, _, prt, prep in block.verbs if not prt and not prep})
        for pattern in block.patterns:
            if not simple:
                continue
            out.append({
                "verbs": ",".join(simple), "code": pattern.code, "isolated": "", "prt": pattern.prt,
                "prep": pattern.prep, "subj": "|".join(pattern.subj), "obj": "|".join(pattern.obj),
                "obj_mod": "|".join(pattern.obj_mod),
                "prep_obj": f"{pattern.prep_obj[0]}:{'|'.join(pattern.prep_obj[1])}" if pattern.prep_obj else "",
                "target": pattern.target, "line": str(pattern.line)})
        for lemma, own, prt, prep in block.verbs:
            isolated[(lemma, prt, prep)].add(own or block.code)
    for (lemma, prt, prep), codes in sorted(isolated.items()):
        codes.discard("---") if len(codes) > 1 else None
        if len(codes) != 1 or (lemma in skip_isolated and not prt and not prep):
            continue
        code = next(iter(codes))
        if code == "---" or (code.startswith("01") and code in ("010", "01")):
            continue  # a bare statement verb is not an event for crosswire
        out.append({"verbs": lemma, "code": code, "isolated": "1", "prt": prt, "prep": prep, "subj": "",
                    "obj": "", "obj_mod": "", "prep_obj": "", "target": "", "line": ""})
    return out


def convert(source: Path, skip_file: Path = SKIP_FILE) -> tuple[list[dict[str, str]], Skips]:
    settings = yaml.safe_load(skip_file.read_text(encoding="utf-8"))
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    converter = Converter(read_synsets(lines), {p.upper() for p in settings["particles"]},
                          {a.upper() for a in settings["auxiliaries"]})
    blocks = read_blocks(lines, converter)
    return rows(blocks, set(settings["skip_isolated"])), converter.skipped


def write(table: list[dict[str, str]], out: Path, source: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Converted from PETRARCH2 {source.name} (MIT, Open Event Data Alliance) by\n"
                     "# scripts/convert_cameo_verbs.py; do not edit by hand. See README-petrarch.md.\n")
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source}: not found", file=sys.stderr)
        return 1
    table, skipped = convert(args.source)
    write(table, args.out, args.source)
    expanded = sum(len(r["verbs"].split(",")) for r in table)
    print(f"{args.out}: {len(table)} rows, {expanded} verb patterns once expanded over synonym blocks")
    for reason, count in skipped.most_common():
        print(f"  skipped {count:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
