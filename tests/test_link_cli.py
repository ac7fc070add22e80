"""The linking commands: stories, story, events, conflicts, timeline, export."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from crosswire.cli import _load_commands, app
from test_link_support import visit_pair

_load_commands()
runner = CliRunner()


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'linked.db'}"
    from crosswire.link import after_ingest
    from crosswire.store import Database
    db = Database(url)
    for record in visit_pair():
        db.upsert_record(record)
    after_ingest(db, ["a1", "a2"])
    return url


def run_json(*args):
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_stories_json_follows_the_contract(db_url):
    [story] = run_json("stories", "--db", db_url)
    assert set(story) >= {"id", "title", "first_seen", "last_seen", "articles", "outlets"}
    assert sorted(story["articles"]) == ["a1", "a2"]
    assert story["outlets"] == ["Gazette", "Herald"]
    assert story["num_events"] == 1 and story["num_conflicts"] == 0


def test_events_json_carries_mentions_and_source_counts(db_url):
    events = run_json("events", "--db", db_url, "--min-articles", "2")
    [visit] = events
    assert visit["num_articles"] == 2 and visit["num_sources"] == 2
    assert {m["outlet"] for m in visit["mentions"]} == {"Herald", "Gazette"}


def test_story_timeline_conflicts_and_text_tables(db_url, tmp_path):
    [story] = run_json("stories", "--db", db_url)
    detail = run_json("story", story["id"], "--db", db_url)
    assert detail["timeline"] and detail["events"]
    assert run_json("conflicts", "--db", db_url) == []
    rows = run_json("timeline", story["id"], "--db", db_url)
    assert rows[0]["status"] in {"corroborated", "single_source", "disputed"}
    for command in (["stories"], ["events"], ["conflicts"], ["timeline", story["id"]],
                    ["story", story["id"]]):
        result = runner.invoke(app, [*command, "--db", db_url])
        assert result.exit_code == 0, result.output
    assert "Hollis" in runner.invoke(app, ["events", "--db", db_url]).output


def test_unknown_story_and_export(db_url, tmp_path):
    result = runner.invoke(app, ["story", "s99", "--db", db_url])
    assert result.exit_code == 1
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "gdelt", "-o",
                                 str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "gdelt_events.tsv").exists()
