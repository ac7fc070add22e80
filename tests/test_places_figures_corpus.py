"""Places and figures on real news (the shared VOA corpus; skipped when absent):
invariants that must hold on any text, checked on a sample of stories."""
from __future__ import annotations

import itertools
import json
import re

import pytest

from crosswire.model import Article, check_record

SAMPLE = 12  # stories: enough variety, cheap on a shared machine


_CACHE: dict[str, list] = {}


@pytest.fixture
def voa_records(shared_corpus, pipeline):
    # shared_corpus is function-scoped (it skips when absent); extract once.
    if "records" in _CACHE:
        return _CACHE["records"]
    with open(shared_corpus / "voa_stories.jsonl", encoding="utf-8") as handle:
        stories = [json.loads(line) for line in itertools.islice(handle, SAMPLE)]
    articles = [Article(text=s["text"], id=s["id"], published=s["published"][:10]) for s in stories]
    _CACHE["records"] = list(pipeline.run(articles))
    return _CACHE["records"]


def test_records_are_contract_clean(voa_records):
    for record in voa_records:
        assert not check_record(record.to_dict())


def test_places_are_coded_and_located_sensibly(voa_records):
    for record in voa_records:
        for place in record.places:
            assert place.country is None or re.fullmatch(r"[A-Z]{3}", place.country)
            assert place.feature in ("country", "admin1", "city", "region", "water", "other")
            if place.lat is not None:
                assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
            assert "Post" not in place.text and "Times" not in place.text


def test_figures_are_never_years_money_percentages_or_ages(voa_records):
    not_counts = re.compile(r"%|\$|percent|year-old|years old|\b(19|20)\d\d\b(?![,\d])")
    seen = 0
    for record in voa_records:
        for q in record.quantities:
            seen += 1
            assert not not_counts.search(q.text), q.text
            assert q.value is not None and q.value > 0
    assert seen > 0, "the sample holds figures; none were found"
