"""The story clustering scorer and the gold sets it reads."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.eval.stories import bcubed, cluster_records, error_report, load_gold, pairwise
from test_link_stories import interleaved

GOLD = Path(__file__).resolve().parents[1] / "gold" / "stories"


def test_bcubed_and_pairwise_on_a_worked_example():
    gold = {"a": "x", "b": "y", "c": "y"}
    predicted = {"a": "1", "b": "1", "c": "2"}
    p, r, f = bcubed(predicted, gold)
    # a: 1/2 precise, fully recalled; b: 1/2 and 1/2; c: precise, 1/2 recalled.
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)
    assert pairwise(predicted, gold) == (0.0, 0.0, 0.0)
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    assert pairwise({"a": "1", "b": "1", "c": "1"}, gold)[:2] == (pytest.approx(1 / 3), 1.0)


def test_error_report_names_splits_and_mixes():
    gold = {"a": "x", "b": "x", "c": "y"}
    predicted = {"a": "s1", "b": "s2", "c": "s2"}
    lines = error_report(predicted, gold, {"a": "A", "b": "B", "c": "C"})
    assert any(line.startswith("SPLIT x") for line in lines)
    assert any(line.startswith("MIXED s2") for line in lines)


def test_cluster_records_runs_the_online_linker():
    predicted = cluster_records(interleaved())
    assert predicted["f1"] == predicted["f2"] and predicted["f1"] != predicted["n1"]


@pytest.mark.parametrize("name, articles, stories", [("dev", 60, 12), ("test", 40, 8)])
def test_gold_sets_are_large_enough_and_well_formed(name, articles, stories):
    rows = load_gold(GOLD / f"{name}.jsonl")
    assert len(rows) >= articles and len({r["story"] for r in rows}) >= stories
    for row in rows:
        assert 60 <= len(row["text"].split()) <= 150, row["id"]
        assert row["published"] and row["outlet"] and row["title"]
    assert rows == sorted(rows, key=lambda r: r["published"])  # fed in publication order


def test_kept_aside_set_shares_no_article_or_story_with_dev():
    dev, test = load_gold(GOLD / "dev.jsonl"), load_gold(GOLD / "test.jsonl")
    assert not {r["id"] for r in dev} & {r["id"] for r in test}
    assert not {r["story"] for r in dev} & {r["story"] for r in test}
    assert not {r["text"] for r in dev} & {r["text"] for r in test}


def test_load_gold_rejects_rows_without_a_label(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "x"}) + "\n")
    with pytest.raises(ValueError):
        load_gold(path)


def test_in_memory_clustering_decides_like_the_database_path():
    from crosswire.eval.stories import cluster_in_memory
    from crosswire.link.stories import ClusterConfig
    by_db = cluster_records(interleaved())
    in_memory = cluster_in_memory(interleaved(), ClusterConfig())
    assert by_db == in_memory
