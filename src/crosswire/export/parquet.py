"""Parquet export (pyarrow): flat columns; nested parts kept as JSON text in ``data``."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import all_tables, conflict_row, event_row

STRING_LISTS = {"articles", "outlets", "between", "sources"}


def _flatten(name: str, row: dict) -> dict:
    if name == "events":
        return event_row(row)
    if name == "conflicts":
        return conflict_row(row)
    if name == "articles":
        return {"id": row["id"], "story": row.get("story"), "title": row.get("title"),
                "outlet": row.get("outlet"), "published": row.get("published"),
                "duplicate_of": row.get("duplicate_of"), "url": row.get("url"),
                "record": json.dumps(row, ensure_ascii=False)}
    return row


def _column_type(column: str, values: list) -> pa.DataType:
    # Explicit types: a column that happens to be all null in one export must
    # still have the same type as in the next.
    if column in STRING_LISTS:
        return pa.list_(pa.string())
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pa.float64()
    return pa.string()


def _cell(value, kind: pa.DataType):
    if value is None or kind != pa.string():
        return value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def to_table(rows: list[dict]) -> pa.Table:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    arrays, fields = [], []
    for column in columns:
        values = [row.get(column) for row in rows]
        kind = _column_type(column, values)
        arrays.append(pa.array([_cell(v, kind) for v in values], type=kind))
        fields.append(pa.field(column, kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def export_parquet(db, out_dir: Path) -> list[Path]:
    paths = []
    for name, rows in all_tables(db).items():
        path = out_dir / f"{name}.parquet"
        pq.write_table(to_table([_flatten(name, r) for r in rows]), path)
        paths.append(path)
    return paths
