"""The store tests of ``test_store.py``, run against PostgreSQL.

Needs ``CROSSWIRE_TEST_PG_URL`` (``scripts/test.sh`` starts a throwaway server
and sets it); skips otherwise. Each test starts from empty tables.
"""
from __future__ import annotations

import json
import os

import pytest

from crosswire.store import Database

PG_URL = os.environ.get("CROSSWIRE_TEST_PG_URL")

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="CROSSWIRE_TEST_PG_URL is not set")]

# The same test functions, collected here so they use this module's `db`.
from test_store import *  # noqa: E402,F401,F403
from test_store import make_record  # noqa: E402


@pytest.fixture
def db(pg_database) -> Database:
    return pg_database


def test_it_really_is_postgresql(db):
    assert db.engine.dialect.name == "postgresql"


def test_a_second_connection_sees_committed_articles(db):
    db.upsert_record(make_record("a1"))
    other = Database(PG_URL)
    try:
        assert other.get_record_dict("a1")["id"] == "a1"
    finally:
        other.close()


def test_ingest_and_report_work_on_postgresql(db, cli, example_corpus):
    """The whole ingest path (dedup, store, linking) on PostgreSQL, re-run included."""
    folder = example_corpus / "harbor-gazette"
    first = cli("ingest", folder, "--db", PG_URL)
    assert first.exit_code == 0, first.stderr
    assert db.count_articles() == 3
    before = db.dump()
    assert cli("ingest", folder, "--db", PG_URL).exit_code == 0
    assert db.dump() == before
    report = cli("report", "--db", PG_URL, "--format", "json")
    assert report.exit_code == 0
    assert len(json.loads(report.stdout)["articles"]) == 3
