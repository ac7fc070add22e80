"""The HTML pages, through FastAPI's test client, on hand-built data."""
from __future__ import annotations

import re

import pytest
from test_web_fixtures import client, web_db  # noqa: F401  (pytest fixtures)

from crosswire.web.highlight import Mark, annotate, segments


def test_stories_page_lists_and_filters(client):
    page = client.get("/").text
    assert "Chilean minister visits Peru" in page
    filtered = client.get("/", params={"outlet": "Northern Wire"}).text
    assert "Chilean minister visits Peru" in filtered and 'href="/stories/s2"' not in filtered
    assert "1 story" in filtered


def test_bad_filter_is_an_html_422(client):
    response = client.get("/", params={"date_from": "03/04/2024"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "YYYY-MM-DD" in response.text


@pytest.mark.parametrize("path", ["/stories/none", "/articles/none", "/actors/ZZZGOV"])
def test_missing_things_are_an_html_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "not found" in response.text and "in this database" in response.text


def test_story_page_shows_outlets_side_by_side_statuses_and_conflict(client):
    page = client.get("/stories/s1").text
    columns = re.findall(r'<h3 class="outlet-name[^"]*">([^<]+)</h3>', page)
    assert columns == ["Harbor Ledger", "Northern Wire"]
    assert "badge-corroborated" in page and "badge-disputed" in page
    assert "Radio Andina" in page and "El Diario" in page  # the visit's two origins
    assert "12 fishermen were detained near the border" in page
    assert "20 fishermen had been held" in page
    assert "<svg" in page and "<circle" in page  # the timeline


def test_article_page_highlights_and_explains(client):
    page = client.get("/articles/ledger-1").text
    assert 'data-ann="c1"' in page or 'data-ann="c1 ' in page
    assert re.search(r'<mark class="[^"]*hl-claim-source[^"]*" data-ann="c1"', page)
    assert 'id="note-c1"' in page and "Radio Andina" in page
    assert 'href="https://ledger.example/peru"' in page
    assert "2024-W09" in page  # the date explained


def test_hostile_article_is_shown_as_text(client):
    for path in ("/articles/hostile-1", "/stories/s2", "/"):
        page = client.get(path).text
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<i>Quay</i>" not in page
        assert "javascript:alert" not in page.split("</header>")[1].replace(
            "source: javascript:alert(3)", "")
    page = client.get("/articles/hostile-1").text
    assert "&lt;script&gt;alert" in page
    assert 'href="javascript:' not in page


def test_actor_page(client):
    page = client.get("/actors/CHLGOV").text
    assert "Lena Ortiz" in page and "Foreign Minister" in page
    assert 'href="/actors/PER"' in page
    assert "<svg" in page


def test_explore_page_and_csv(client):
    page = client.get("/explore", params={"source": "CHL", "target": "PER"}).text
    assert "1 event" in page and "<rect" in page
    assert 'class="pair" href="/explore?source=CHL&amp;target=PER' in page  # a starting point
    link = re.search(r'id="csv-link" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    csv = client.get(link)
    assert csv.status_code == 200 and "2024-03-01,1,0,0,0,1" in csv.text


def test_static_assets_are_served(client):
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200


# ---------------------------------------------------------------- highlighting


def test_segments_cut_at_every_boundary():
    pieces = segments("abcdef", [Mark(0, 4, "c1", "hl-claim"), Mark(2, 3, "e1", "hl-entity")])
    assert [(p.text, p.notes) for p in pieces] == [
        ("ab", ["c1"]), ("c", ["c1", "e1"]), ("d", ["c1"]), ("ef", [])]


def test_annotate_drops_spans_outside_the_text():
    rec = {"text": "short", "timexes": [{"id": "t1", "text": "x", "start": 3, "end": 99}]}
    pieces, notes = annotate(rec)
    assert "".join(p.text for p in pieces) == "short"
    assert all(not p.notes for p in pieces) and notes[0].id == "t1"


NASTY = ["%00", "x%00y", "'; DROP TABLE stories; --", "%25%5F", "\u202e%00", "9" * 40,
         "<svg onload=alert(1)>", "../../etc/passwd", "é" * 300]


@pytest.mark.parametrize("value", NASTY)
def test_no_input_makes_a_500(client, value):
    paths = [f"/stories/{value}", f"/articles/{value}", f"/actors/{value}",
             f"/api/stories/{value}", f"/api/articles/{value}", f"/api/actors/{value}"]
    for name in ("q", "date_from", "outlet", "actor", "country", "sort", "offset", "limit"):
        paths += [f"/?{name}={value}", f"/api/stories?{name}={value}"]
    for name in ("source", "target", "quad_class", "interval", "format"):
        paths += [f"/explore?{name}={value}", f"/api/explore?{name}={value}"]
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404, 422), (path, response.status_code)
        if response.headers["content-type"].startswith("text/html"):
            assert "<svg onload" not in response.text, path


def test_huge_offset_is_a_422(client):
    response = client.get("/api/stories", params={"offset": str(10**30)})
    assert response.status_code == 422


# ---------------------------------------------------------------- charts


def test_timeline_escapes_labels_and_skips_undated():
    from crosswire.web.charts import timeline
    svg = str(timeline([
        {"label": "<script>x</script> → B", "date_start": "2024-05-01", "date_end": None,
         "quad_class": 4, "num_sources": 2, "status": "disputed"},
        {"label": "undated", "date_start": "PAST_REF", "date_end": "2024-05-02",
         "quad_class": 1}]))
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<circle") == 1 and "undated" not in svg
    assert 'class="q4 status-disputed"' in svg


def test_stacked_bars_draw_one_rect_per_non_empty_cell():
    from crosswire.web.charts import stacked_bars
    series = [{"bucket": "2024-05-01", 1: 2, 2: 0, 3: 1, 4: 0, "total": 3},
              {"bucket": "2024-05-02", 1: 0, 2: 0, 3: 0, 4: 0, "total": 0}]
    svg = str(stacked_bars(series, "test"))
    assert svg.count("<rect") == 2
    assert "2024-05-01: 2 verbal cooperation" in svg
    assert str(stacked_bars([], "nothing")) == ""


def test_ids_with_slashes_and_question_marks_link_correctly(web_db, client):
    from test_web_fixtures import wire_record
    odd = {**wire_record(), "id": "feed/2024?item=7#top", "outlet": "Odd Feed"}
    web_db.upsert_record(odd)
    from sqlalchemy import update

    from crosswire.store import schema
    with web_db.begin() as conn:
        conn.execute(update(schema.articles).where(schema.articles.c.id == odd["id"])
                     .values(story_id="s1"))
    page = client.get("/stories/s1").text
    link = re.search(r'href="(/articles/feed[^"]+)"', page).group(1)
    assert link == "/articles/feed/2024%3Fitem%3D7%23top"
    assert "Ortiz trip to Lima" in client.get(link).text
    assert client.get("/api" + link).json()["id"] == odd["id"]


def test_pages_label_codes_in_words_with_the_code_in_a_tooltip(client):
    story = client.get("/stories/s1").text
    assert '<a class="actor" href="/actors/CHLGOV" title="CHLGOV">Chile government</a>' in story
    assert '<span class="coded" title="CONSULT · CAMEO 042">meeting or talks</span>' in story
    assert ">CHLGOV<" not in story and ">CONSULT<" not in story
    assert "week 9 of 2024" in story and 'title="2024-W09' in story  # the event's date
    actor = client.get("/actors/CHLGOV").text
    assert "<h1>Chile government" in actor
    # The counterpart tables are headed by words, not only coloured squares.
    assert "verbal coop.</span></th>" in actor and "material conflict</span></th>" in actor
    article = client.get("/articles/ledger-1").text
    assert "Chile government (CHLGOV)" in article


def test_conflict_reasons_and_figure_histories_are_shown_when_present(client, web_db,
                                                                     monkeypatch):
    """The compare stage stores a reason for each conflict and figure updates as
    histories ("16 → 30 killed"); the story page shows both when they are there."""
    import json

    from sqlalchemy import insert, update

    from crosswire.store import schema
    from crosswire.web import queries
    with web_db.begin() as conn:
        row = conn.execute(schema.conflicts.select()).first()
        data = json.loads(row.data)
        data["reason"] = "two independent origins give counts that cannot both hold"
        conn.execute(update(schema.conflicts).values(data=json.dumps(data)))
        conn.execute(insert(schema.conflicts).values(
            id="k2", story_id="s1", kind="figure_update", topic="fishermen detained",
            explanation="12 → 20 fishermen detained, 4–5 March 2024", data=json.dumps({
                "kind": "figure_update", "conflict": False, "decision": "update",
                "reason": "a later report of the same count",
                "explanation": "12 → 20 fishermen detained, 4–5 March 2024",
                "history": [{"value": 12, "text": "12 fishermen", "published": "2024-03-04",
                             "source": "Officials in Lima", "article": "ledger-1"},
                            {"value": 20, "text": "20 fishermen", "published": "2024-03-05",
                             "source": "A coast guard officer", "article": "wire-1"}]})))
    original = queries.get_story

    def with_updates(db, story_id):  # what the compare stage's get_story adds, if absent
        story = original(db, story_id)
        story.setdefault("figure_updates", [c for c in story["conflicts"]
                                            if c.get("kind") == "figure_update"])
        return story
    monkeypatch.setattr(queries, "get_story", with_updates)
    page = client.get("/stories/s1").text
    assert "Why a conflict</span> two independent origins give counts" in page
    assert 'title="figure">figures differ</span>' in page
    section = page.split('id="figure-updates"')[1]
    assert "12 → 20 fishermen detained" in section
    history = section.split('<ol class="history">')[1].split("</ol>")[0]
    assert history.index("12 fishermen") < history.index("20 fishermen")
    assert "Why an update</span> a later report" in section


def test_actor_events_name_their_story(client):
    page = client.get("/actors/CHLGOV").text
    assert '<a href="/stories/s1" title="s1">Chilean minister visits Peru</a>' in page


def test_pages_are_compressed_and_keep_their_security_headers(client):
    response = client.get("/stories/s1", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"
    assert "script-src 'self'" in response.headers["content-security-policy"]
