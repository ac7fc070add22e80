"""Convert PLOVER's own CAMEO crosswalk into the package table crosswire codes with.

    python scripts/convert_cameo_plover.py [../shared/data/plover/CAMEO2PLOVER-2021.txt] \
        [-o src/crosswire/lexicons/cameo_plover_2021.tsv]

Source: ``CAMEO2PLOVER-2021.txt`` (PLOVER manual draft 0.8, 17 September 2021,
edited by Philip Schrodt), licence CC BY-SA 4.0; the converted table is shared
under the same licence (see ``src/crosswire/lexicons/README-petrarch.md``).

Lines read ``CODE: TYPE, mode, context # description``. Kept: every line with a
CAMEO code and a PLOVER type; two-digit root lines with only a type
(``03: AGREE``) too. Where a code appears twice (the file lists ``08`` under
CONCEDE and again under RETREAT, ``175`` twice) the first line wins. A mode that
is one of the file's context words (``175: ASSAULT, pro_autocracy, military``)
is read as a context, not a mode. The note after ``#`` is kept as the description.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = ROOT / "src" / "crosswire" / "lexicons" / "cameo_plover_2021.tsv"
COLUMNS = ["cameo", "plover_type", "plover_mode", "plover_context", "description"]
_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")


def _clean(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").strip())


def convert(source: Path) -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines:
        match = _LINE.match(line.strip())
        if not match:
            continue
        code, plover_type, mode, context, description = (_clean(g) for g in match.groups())
        if code in rows:
            continue
        rows[code] = {"cameo": code, "plover_type": plover_type, "plover_mode": mode,
                      "plover_context": context.replace("; ", ";"), "description": description}
    contexts = {c for row in rows.values() for c in row["plover_context"].split(";") if c}
    for row in rows.values():
        if row["plover_mode"] in contexts:  # a context written in the mode column
            row["plover_context"] = ";".join(filter(None, [row["plover_mode"], row["plover_context"]]))
            row["plover_mode"] = ""
    return sorted(rows.values(), key=lambda r: r["cameo"])


def write(rows: list[dict[str, str]], out: Path, source: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Converted from PLOVER's {source.name} (CC BY-SA 4.0) by scripts/convert_cameo_plover.py;\n"
                     "# do not edit by hand. crosswire's type for a CAMEO code; see README-petrarch.md.\n")
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source}: not found", file=sys.stderr)
        return 1
    rows = convert(args.source)
    write(rows, args.out, args.source)
    print(f"{args.out}: {len(rows)} CAMEO codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
