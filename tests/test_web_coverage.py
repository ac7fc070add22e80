"""The story's coverage panel: who covered it, when, with how many independent
origins, and who was publishing then but did not cover it (issue #14, item 5)."""
from __future__ import annotations

import re

from sqlalchemy import update
from test_web_fixtures import client, web_db  # noqa: F401  (pytest fixtures)

from crosswire.store import schema
from crosswire.web import queries


def plain_record(aid: str, outlet: str, published: str) -> dict:
    text = "The harbour council met on Tuesday to discuss the new ferry timetable."
    return {"schema": "crosswire.article/1", "id": aid, "title": f"Ferry timetable ({aid})",
            "outlet": outlet, "url": None, "author": None, "published": published,
            "language": "en", "text": text, "sentences": [[0, len(text)]], "entities": [],
            "events": [], "claims": [], "timexes": [], "places": [], "quantities": [],
            "meta": {}}


def add_other_outlets(db):
    db.upsert_record(plain_record("quiet-1", "Quiet Post", "2024-03-06"))  # two days after
    db.upsert_record(plain_record("quiet-2", "Quiet Post", "2024-03-02"))
    db.upsert_record(plain_record("far-1", "Far Times", "2024-04-20"))  # weeks later
    with db.begin() as conn:
        conn.execute(update(schema.articles).where(schema.articles.c.id.in_(
            ["quiet-1", "quiet-2", "far-1"])).values(story_id="s9"))


def test_coverage_counts_outlets_origins_and_the_silent(web_db):
    add_other_outlets(web_db)
    cov = queries.with_coverage(web_db, queries.get_story(web_db, "s1"))["coverage"]
    rows = {r["outlet"]: r for r in cov["outlets"]}
    assert set(rows) == {"Harbor Ledger", "Northern Wire"}
    # Each outlet brought one origin to the visit, and a different one: both count.
    assert rows["Harbor Ledger"]["independent_origins"] == 1
    assert rows["Harbor Ledger"]["origins"] == [{"origin": "Radio Andina", "shared": False}]
    assert rows["Northern Wire"]["origins"] == [{"origin": "El Diario", "shared": False}]
    assert [r["outlet"] for r in cov["outlets"] if r["first_to_report"]] == ["Harbor Ledger"]
    # Publishing within three days, on another story: silent on this one.
    assert cov["silent"] == [{"outlet": "Quiet Post", "articles": 2, "from": "2024-03-01",
                              "to": "2024-03-08"}]


def test_an_origin_two_outlets_brought_is_marked_shared():
    merged = [{"mentions": [{"outlet": "A", "origin": "Wire X"}, {"outlet": "B", "origin": "Wire X"},
                            {"outlet": "B", "origin": "Witness"}]}]
    articles = [{"outlet": "A", "published": "2024-03-01T08:00"},
                {"outlet": "B", "published": "2024-03-01"}]
    cov = queries.coverage(articles, merged, [])
    rows = {r["outlet"]: r for r in cov["outlets"]}
    assert rows["A"]["origins"] == [{"origin": "Wire X", "shared": True}]
    assert rows["B"]["independent_origins"] == 2 and rows["B"]["only_here"] == 1
    # A date without a time ties with a time that day: both may have been first.
    assert rows["A"]["first_to_report"] and rows["B"]["first_to_report"]


def test_story_page_shows_the_coverage_panel(client, web_db):
    add_other_outlets(web_db)
    page = client.get("/stories/s1").text
    panel = page.split('id="coverage"')[1].split("</section>")[0]
    assert re.findall(r"<tr><td><b>([^<]+)</b>", panel) == ["Harbor Ledger", "Northern Wire"]
    assert "Radio Andina" in panel and "El Diario" in panel
    silent = panel.split('id="coverage-silent"')[1]
    assert "Quiet Post" in silent and "Far Times" not in silent


def test_the_api_story_has_its_coverage(client):
    body = client.get("/api/stories/s1").json()
    assert [o["outlet"] for o in body["coverage"]["outlets"]] == ["Harbor Ledger", "Northern Wire"]
