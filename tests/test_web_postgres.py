"""The API tests of ``test_web_api.py`` and the page tests of ``test_web_pages.py``,
run against PostgreSQL: the web queries must not depend on SQLite.

Needs ``CROSSWIRE_TEST_PG_URL`` (``scripts/test.sh`` starts a throwaway server
and sets it); skips otherwise. Each test starts from empty tables.
"""
from __future__ import annotations

import os

import pytest
from test_web_fixtures import client, fill  # noqa: F401  (pytest fixture)

from crosswire.store.db import Database

PG_URL = os.environ.get("CROSSWIRE_TEST_PG_URL")

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="CROSSWIRE_TEST_PG_URL is not set")]

# The same test functions, collected here so that they use this module's `web_db`.
from test_web_api import *  # noqa: E402,F401,F403
from test_web_pages import *  # noqa: E402,F401,F403


@pytest.fixture
def web_db(pg_database) -> Database:
    return fill(pg_database)


def test_it_really_is_postgresql(web_db):
    assert web_db.engine.dialect.name == "postgresql"
