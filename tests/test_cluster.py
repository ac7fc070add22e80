"""Extraction on a Dask cluster gives the same records, in the same order,
as the in-process pipeline."""
from __future__ import annotations

import pytest

from crosswire.model import Article, InputError, Record
from crosswire.scale import ClusterPipeline, parse_scheduler

ARTICLES = [
    Article(id=f"a{i}", published="2024-03-0{}".format(i + 1), outlet="Test Wire", text=text)
    for i, text in enumerate([
        "Kenyan police arrested 14 protesters in Nairobi on Tuesday, a spokesman said.",
        "The foreign minister of Chile will visit Peru next week for trade talks.",
        "Rebels attacked an army post near Goma, killing at least six soldiers.",
        "Officials in Oslo denied that Norway had expelled two Russian diplomats.",
        "Flooding displaced about 3,000 people in northern Bangladesh last month.",
    ])
]


def test_scheduler_specs():
    assert parse_scheduler("local") == ("local", 2)
    assert parse_scheduler("local:3") == ("local", 3)
    assert parse_scheduler("tcp://10.0.0.5:8786") == ("address", "tcp://10.0.0.5:8786")
    for bad in ("local:0", "local:x", "somehost:8786"):
        with pytest.raises(ValueError):
            parse_scheduler(bad)


def test_cluster_matches_local_pipeline(pipeline):
    error = InputError("feed.jsonl:3", "invalid JSON")
    items = ARTICLES[:2] + [error] + ARTICLES[2:]
    expected = [r.to_dict() for r in pipeline.run(ARTICLES)]
    with ClusterPipeline("local:1", partition_size=2, max_in_flight=2) as cluster:
        results = list(cluster.run(items))
    assert results[2] is error
    records = [r for r in results if isinstance(r, Record)]
    assert [r.id for r in records] == ["a0", "a1", "a2", "a3", "a4"]
    assert [r.to_dict() for r in records] == expected


def test_ingest_on_cluster_gives_the_same_database(cli, example_corpus, tmp_path):
    from crosswire.store import Database
    local, clustered = tmp_path / "local.db", tmp_path / "cluster.db"
    assert cli("ingest", example_corpus, "--db", local).exit_code == 0
    result = cli("ingest", example_corpus, "--db", clustered, "--scheduler", "local:1")
    assert result.exit_code == 0, result.stderr
    assert Database(str(clustered)).dump() == Database(str(local)).dump()


def test_bad_scheduler_is_a_usage_error(cli, example_corpus, tmp_path):
    result = cli("extract", example_corpus, "-o", tmp_path / "out.jsonl", "--scheduler", "nowhere")
    assert result.exit_code == 2
    assert "--scheduler" in result.stderr
