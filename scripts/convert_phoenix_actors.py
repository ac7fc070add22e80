"""Convert the Phoenix (PETRARCH2) actor and agent dictionaries into crosswire data.

    python scripts/convert_phoenix_actors.py [SOURCE_DIR] [-o OUT_DIR]

SOURCE_DIR (default ``../shared/data/petrarch2``) holds the dictionaries of
openeventdata/petrarch2 (MIT licence, format in ``dictionaries-format.rst``):

* ``Phoenix.Countries.actors.txt``   countries (names, adjectives, cities) and office-holders;
* ``Phoenix.International.actors.txt`` international organisations and people;
* ``Phoenix.MilNonState.actors.txt`` armed non-state groups;
* ``Phoenix.agents.txt``             common nouns -> sector codes ("police" -> ~COP).

OUT_DIR (default ``src/crosswire/lexicons/phoenix``) receives three TSV files,
read by ``crosswire.extract.phoenix``:

* ``countries.tsv``  ``text  iso3  kind`` (kind = name | adjective | place);
* ``actors.tsv``     ``source  names  codes``: ``names`` joined by ``|``,
  ``codes`` space-separated ``CODE@FROM..TO`` (ISO dates, both inclusive,
  either may be empty) or a bare ``CODE`` (the default when no range applies);
* ``agents.tsv``     ``phrase  code  position`` (position = after: the code
  follows the actor's country, ``~COP``; before: it precedes it, ``NGO~``),
  plurals already spelled out.

The output is deterministic (sorted, no timestamps): re-running on the same
input gives the same bytes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch2"
DEFAULT_OUT = ROOT / "src" / "crosswire" / "lexicons" / "phoenix"
ACTOR_FILES = {"countries": "Phoenix.Countries.actors.txt",
               "international": "Phoenix.International.actors.txt",
               "milnonstate": "Phoenix.MilNonState.actors.txt"}
AGENT_FILE = "Phoenix.agents.txt"

# PETRARCH2 (like KEDS and TABARI) reads a two-digit year 00-30 as 20YY, else 19YY.
_PIVOT = 30
_CODE = re.compile(r"\[([^\]\s]*)\s*([^\]]*)\]")
# Endings that turn a country's stem into its adjective or people noun.
_ADJECTIVE_ENDINGS = ("n", "an", "ian", "ese", "ish", "i", "ic", "er", "ans", "ians", "is", "ers")


@dataclass
class ActorBlock:
    names: list[str]
    default: str | None = None
    ranges: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # code, from, to


def phrase(text: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN`` (underscores are blanks)."""
    return " ".join(text.replace("_", " ").split())


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_date(text: str) -> str:
    """``991231`` -> ``1999-12-31``, ``20080507`` -> ``2008-05-07``; ValueError if malformed."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= _PIVOT else 1900 + year}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"bad date {text!r}")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()


def parse_restriction(body: str) -> tuple[str | None, str | None]:
    """``<D`` (until D), ``>D`` (from D), ``D1-D2``, or empty (default)."""
    body = body.strip()
    if not body:
        return None, None
    if body.startswith("<"):
        return None, parse_date(body[1:].strip())
    if body.startswith(">"):
        return parse_date(body[1:].strip()), None
    start, _, end = body.partition("-")
    return parse_date(start.strip()), parse_date(end.strip())


def read_actor_file(path: Path, warnings: list[str]) -> list[ActorBlock]:
    """Records: a primary phrase (optional [code]), ``+synonyms``, tab-indented ``[code range]``."""
    blocks: list[ActorBlock] = []
    current: ActorBlock | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = strip_comment(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if current is None:
                warnings.append(f"{path.name}:{number}: code without a name")
                continue
            match = _CODE.match(stripped)
            try:
                if match is None:
                    raise ValueError(f"bad restriction {stripped!r}")
                code, body = match.group(1), match.group(2)
                start, end = parse_restriction(body)
            except ValueError as exc:
                warnings.append(f"{path.name}:{number}: {exc}")
                continue
            if start is None and end is None:
                current.default = code
            else:
                current.ranges.append((code, start, end))
            continue
        if stripped.startswith("+"):
            if current is None:
                warnings.append(f"{path.name}:{number}: synonym without a name")
                continue
            body, code = _split_code(stripped[1:])
            current.names.append(phrase(body))
            current.default = current.default or code
            continue
        body, code = _split_code(stripped)
        current = ActorBlock(names=[phrase(body)], default=code)
        blocks.append(current)
    return [b for b in blocks if b.names and b.names[0] and (b.default or b.ranges)]


def _split_code(text: str) -> tuple[str, str | None]:
    """``AFGHANISTAN_  [AFG]`` -> (``AFGHANISTAN_``, ``AFG``)."""
    match = _CODE.search(text)
    if match is None:
        return text.strip(), None
    return text[:match.start()].strip(), match.group(1) or None


def format_codes(block: ActorBlock) -> str:
    parts = [f"{code}@{start or ''}..{end or ''}" for code, start, end in block.ranges]
    if block.default:
        parts.append(block.default)
    return " ".join(parts)


def country_rows(block: ActorBlock, demonyms: set[str]) -> list[tuple[str, str, str]]:
    """A country block (one three-letter code, no dates): its names, adjectives and places."""
    iso3 = block.default
    primary = block.names[0]
    stem = re.sub(r"(ISTAN|IA|Y|A|E)$", "", primary.upper())
    rows = [(primary, iso3, "name")]
    for name in block.names[1:]:
        upper = name.upper()
        if upper.lower() in demonyms or (" " not in upper and len(stem) >= 3 and upper.startswith(stem)
                                         and upper[len(stem):].lower() in _ADJECTIVE_ENDINGS):
            kind = "adjective"
        elif upper.startswith(stem[:4]) or primary.upper() in upper or "REPUBLIC" in upper:
            kind = "name"
        else:
            kind = "place"
        rows.append((name, iso3, kind))
    return rows


def is_country_block(block: ActorBlock) -> bool:
    return bool(block.default) and len(block.default) == 3 and not block.ranges and block.default.isalpha() \
        and not block.default.startswith(("IGO", "NGO", "IMG"))


def read_agents(path: Path, warnings: list[str]) -> list[tuple[str, str, str]]:
    """Agent lines ``PHRASE {plurals} [~CODE]`` with ``!MARKER!`` substitution sets."""
    markers: dict[str, list[str]] = {}
    rows: set[tuple[str, str, str]] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = strip_comment(raw).strip()
        if not line or line.startswith("<!--"):
            continue
        marker = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if marker:
            markers[marker.group(1)] = [w.strip() for w in marker.group(2).split(",") if w.strip()]
            continue
        match = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]]+)[\]}]\s*$", line)
        if match is None:
            warnings.append(f"{path.name}:{number}: unreadable agent line {line!r}")
            continue
        body, plurals, code = match.group(1), match.group(2), match.group(3).strip()
        if code.startswith("~"):
            position, code = "after", code[1:]
        elif code.endswith("~"):
            position, code = "before", code[:-1]
        else:
            warnings.append(f"{path.name}:{number}: agent code without ~: {code!r}")
            continue
        forms = _expand_markers(body.strip(), markers)
        for form in forms:
            words = [form]
            if "!" not in body:  # substituted forms come with their plurals already
                if plurals is None:
                    words.append(_plural(form))
                else:
                    words += [phrase(p) for p in plurals.strip("{}").split() if p.strip()]
            for word in words:
                text = phrase(word).lower()
                if text:
                    rows.add((text, code, position))
    return sorted(rows)


def _expand_markers(body: str, markers: dict[str, list[str]]) -> list[str]:
    found = re.search(r"![A-Z]+!", body)
    if not found:
        return [body]
    out = []
    for word in markers.get(found.group(0), []):
        out += _expand_markers(body[:found.start()] + word + body[found.end():], markers)
    return out


def _plural(word: str) -> str:
    """Regular plurals as PETRARCH forms them: +S, Y -> IES, SS -> SSES."""
    upper = word.rstrip("_")
    if upper.upper().endswith("Y") and upper[-2:-1].upper() not in "AEIOU":
        return upper[:-1] + "IES"
    if upper.upper().endswith("SS"):
        return upper + "ES"
    return upper + "S"


def load_demonyms(root: Path) -> set[str]:
    """crosswire's own demonyms help tell an adjective ("FRENCH") from a city."""
    table = root / "src" / "crosswire" / "lexicons" / "countries.tsv"
    out = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2] == "demonym":
            out.add(parts[0].lower())
    return out


def convert(source: Path, out: Path, demonyms: set[str] | None = None) -> list[str]:
    """Write countries.tsv, actors.tsv and agents.tsv; return the warnings."""
    warnings: list[str] = []
    demonyms = demonyms if demonyms is not None else load_demonyms(ROOT)
    countries: set[tuple[str, str, str]] = set()
    actors: set[tuple[str, str, str]] = set()
    for source_name, file_name in ACTOR_FILES.items():
        path = source / file_name
        if not path.exists():
            warnings.append(f"{file_name}: missing, skipped")
            continue
        for block in read_actor_file(path, warnings):
            if source_name == "countries" and is_country_block(block):
                countries.update(country_rows(block, demonyms))
            else:
                names = list(dict.fromkeys(n for n in block.names if n))
                actors.add((source_name, "|".join(names), format_codes(block)))
    agents = read_agents(source / AGENT_FILE, warnings) if (source / AGENT_FILE).exists() else []
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "countries.tsv", ("text", "iso3", "kind"), sorted(countries))
    _write(out / "actors.tsv", ("source", "names", "codes"), sorted(actors))
    _write(out / "agents.tsv", ("phrase", "code", "position"), agents)
    if (source / "LICENSE").exists():
        shutil.copyfile(source / "LICENSE", out / "LICENSE")
    return warnings


def _write(path: Path, header: tuple[str, ...], rows) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    warnings = convert(args.source, args.out)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {args.out} ({len(warnings)} warnings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
