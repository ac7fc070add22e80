"""Exports: JSON Lines, Parquet and the GDELT 2.0 Events/Mentions tables."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from crosswire.export import export
from crosswire.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, timestamp
from crosswire.link import views
from test_link_support import linked_db, visit_pair


@pytest.fixture
def db():
    return linked_db(visit_pair())


def test_jsonl_export_writes_every_table(db, tmp_path):
    paths = {p.name: p for p in export(db, "jsonl", tmp_path)}
    assert {"articles.jsonl", "stories.jsonl", "events.jsonl", "mentions.jsonl",
            "conflicts.jsonl", "claims.jsonl", "timelines.jsonl"} <= set(paths)
    events = [json.loads(line) for line in paths["events.jsonl"].read_text().splitlines()]
    assert [e["id"] for e in events] == [e["id"] for e in views.events(db)]
    articles = [json.loads(line) for line in paths["articles.jsonl"].read_text().splitlines()]
    assert {a["id"]: a["story"] for a in articles}.keys() == {"a1", "a2"}


def test_parquet_export_reads_back(db, tmp_path):
    paths = {p.stem: p for p in export(db, "parquet", tmp_path)}
    events = pq.read_table(paths["events"]).to_pylist()
    assert len(events) == len(views.events(db))
    visit = next(e for e in events if e["plover_type"] == "CONSULT")
    assert visit["num_sources"] == 2 and visit["source_country"] == "ISR"
    stories = pq.read_table(paths["stories"]).to_pylist()
    assert sorted(stories[0]["articles"]) == ["a1", "a2"]


def read_tsv(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter="\t"))


def test_gdelt_tables_have_the_codebook_columns_and_agree(db, tmp_path):
    events_path, mentions_path = export(db, "gdelt", tmp_path)
    events, mentions = read_tsv(events_path), read_tsv(mentions_path)
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    assert events[0] == EVENT_COLUMNS and mentions[0] == MENTION_COLUMNS
    assert all(len(row) == 61 for row in events[1:])
    assert all(len(row) == 16 for row in mentions[1:])
    by_name = [dict(zip(EVENT_COLUMNS, row)) for row in events[1:]]
    visit = next(r for r in by_name if r["EventCode"] == "042")
    assert visit["Actor1CountryCode"] == "ISR" and visit["Actor2CountryCode"] == "RUS"
    assert visit["NumArticles"] == "2" and visit["NumSources"] == "2"
    assert visit["EventRootCode"] == "04" and visit["SQLDATE"] == "20241110"
    ids = {r["GLOBALEVENTID"] for r in by_name}
    mention_rows = [dict(zip(MENTION_COLUMNS, row)) for row in mentions[1:]]
    assert {m["GLOBALEVENTID"] for m in mention_rows} <= ids
    visit_mentions = [m for m in mention_rows if m["GLOBALEVENTID"] == visit["GLOBALEVENTID"]]
    assert {m["MentionSourceName"] for m in visit_mentions} == {"Herald", "Gazette"}


def test_timestamps_and_unknown_format(db, tmp_path):
    assert timestamp("2025-03-14T20:30:26Z") == "20250314203026"
    assert timestamp("2024-11-10") == "20241110000000"
    assert timestamp(None) == ""
    with pytest.raises(ValueError):
        export(db, "xml", tmp_path)
