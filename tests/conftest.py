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
