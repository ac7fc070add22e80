"""Shared fixtures: one spaCy pipeline per test session, and the contract
check applied to every record a test produces through ``extract_text``."""
from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.extract import Pipeline
from crosswire.model import Article, Record, check_record

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def extract_text(pipeline):
    """extract_text(text, published="2024-11-14", **article_fields) -> Record,
    failing the test if the record breaks a contract invariant."""
    def run(text: str, published: str | None = "2024-11-14", **fields) -> Record:
        record = pipeline(Article(text=text, published=published, **fields))
        problems = check_record(record.to_dict())
        assert not problems, "contract violated:\n" + "\n".join(problems)
        return record
    return run


@pytest.fixture
def shared_corpus() -> Path:
    path = SHARED / "corpus"
    if not path.exists():
        pytest.skip("../shared/corpus is absent")
    return path


# --------------------------------------------------------------------------- CLI and corpus


@pytest.fixture(scope="session")
def example_corpus() -> Path:
    """The bundled example corpus (package data)."""
    from crosswire.examples import corpus_path
    return corpus_path()


@pytest.fixture
def cli():
    """cli(*args, input=None) -> click Result, running the ``crosswire`` command in-process
    (stdout and stderr kept apart: ``result.stdout``, ``result.stderr``)."""
    from typer.testing import CliRunner

    from crosswire.cli import _load_commands, app
    _load_commands()
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
    return run


@pytest.fixture
def write_articles(tmp_path):
    """write_articles({"name.txt": text, ...}) -> folder holding those files."""
    def write(files: dict[str, str], folder: str = "inputs") -> Path:
        root = tmp_path / folder
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return root
    return write


# --------------------------------------------------------------------------- PostgreSQL

PG_URL_VARIABLE = "CROSSWIRE_TEST_PG_URL"  # set by scripts/test.sh (throwaway server)


@pytest.fixture
def pg_database():
    """An empty crosswire database on the test PostgreSQL server; skips the test
    when ``CROSSWIRE_TEST_PG_URL`` is not set. Tables are dropped and re-created,
    so every test starts from nothing."""
    import os

    from crosswire.store import Database, schema
    url = os.environ.get(PG_URL_VARIABLE)
    if not url:
        pytest.skip(f"{PG_URL_VARIABLE} is not set")
    stale = Database(url, create=False)
    schema.metadata.drop_all(stale.engine)
    stale.close()
    database = Database(url)
    yield database
    database.close()


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The two shared seed reports ingested and linked as the acceptance
    checks do it: 000 (dated inline), then 004 with ``--published 2024-11-14``.
    Skips when ../shared/corpus is absent."""
    import io

    from crosswire.cli.core import ingest_paths
    from crosswire.store import Database
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/corpus/seeds is absent")
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}")
    ingest_paths(db, [str(seeds / "000_71fbc38e340e2622.txt")], stderr=io.StringIO())
    ingest_paths(db, [str(seeds / "004_cb30198277376439.txt")], published="2024-11-14",
                 stderr=io.StringIO())
    yield db
    db.close()
