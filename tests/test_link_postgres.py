"""Linking on PostgreSQL gives what it gives on SQLite (skips without
``CROSSWIRE_TEST_PG_URL``; ``scripts/test.sh`` starts a throwaway server)."""
from __future__ import annotations

import os

import pytest

from crosswire.link import after_ingest, views
from test_compare_conflicts import role_record
from test_link_support import linked_db, visit_pair

PG_URL = os.environ.get("CROSSWIRE_TEST_PG_URL")

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="CROSSWIRE_TEST_PG_URL is not set")]


@pytest.fixture
def pg_db(pg_database):
    return pg_database


def linked_views(db):
    return (views.stories(db), views.events(db), views.conflicts(db), views.mentions(db),
            views.claim_statuses(db))


def test_linking_on_postgresql_matches_sqlite(pg_db):
    records = [*visit_pair(), role_record()]
    for record in records:
        pg_db.upsert_record(record)
        after_ingest(pg_db, [record["id"]])
    assert pg_db.engine.dialect.name == "postgresql"
    assert linked_views(pg_db) == linked_views(linked_db(records))
    after_ingest(pg_db, [r["id"] for r in records])  # relinking changes nothing
    assert linked_views(pg_db) == linked_views(linked_db(records))
