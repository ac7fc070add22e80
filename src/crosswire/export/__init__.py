"""Exports of everything crosswire knows: JSON Lines, Parquet, GDELT 2.0 tables.

``export(db, fmt, out_dir)`` writes one format into a folder and returns the
files written; see ``docs/linking.md`` for the files and their columns.
"""
from __future__ import annotations

from pathlib import Path

FORMATS = ("jsonl", "parquet", "gdelt")


def export(db, fmt: str, out_dir: Path) -> list[Path]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        from .jsonl import export_jsonl
        return export_jsonl(db, out_dir)
    if fmt == "parquet":
        from .parquet import export_parquet
        return export_parquet(db, out_dir)
    from .gdelt import export_gdelt
    return export_gdelt(db, out_dir)
