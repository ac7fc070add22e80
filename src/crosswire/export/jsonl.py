"""JSON Lines export: one file per table, one object per line, UTF-8."""
from __future__ import annotations

import json
from pathlib import Path

from .tables import all_tables


def write_jsonl(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def export_jsonl(db, out_dir: Path) -> list[Path]:
    return [write_jsonl(rows, out_dir / f"{name}.jsonl") for name, rows in all_tables(db).items()]
