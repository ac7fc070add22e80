"""The JSON API, through FastAPI's test client, on hand-built data."""
from __future__ import annotations

import pytest
from test_web_fixtures import client, web_db  # noqa: F401  (pytest fixtures)

from crosswire.web.queries import StoryFilters, bucket_of, conflict_sides, count_series


def test_stories_lists_every_story_with_outlets(client):
    body = client.get("/api/stories").json()
    assert body["total"] == 2
    s1 = next(s for s in body["items"] if s["id"] == "s1")
    assert s1["outlets"] == ["Harbor Ledger", "Northern Wire"]
    assert s1["num_articles"] == 2
    assert s1["event_status"] == {"corroborated": 1, "single_source": 1}
    assert s1["num_conflicts"] == 1


@pytest.mark.parametrize("query, expected", [
    ({"q": "fishermen"}, ["s1"]),
    ({"q": "FISHERMEN border"}, ["s1"]),
    ({"q": "notice"}, ["s2"]),
    ({"q": "100%_match"}, []),
    ({"outlet": "northern wire"}, ["s1"]),
    ({"actor": "CHLGOV"}, ["s1"]),
    ({"actor": "CHL"}, ["s1"]),
    ({"country": "PER"}, ["s1"]),
    ({"date_from": "2024-02-01"}, ["s1"]),
    ({"date_to": "2024-02-01"}, ["s2"]),
    ({"date_from": "2024-03-05", "date_to": "2024-03-05"}, ["s1"]),
])
def test_story_filters(client, query, expected):
    body = client.get("/api/stories", params=query).json()
    assert sorted(s["id"] for s in body["items"]) == expected


def test_stories_sorted_by_size_or_recency(client):
    by_size = client.get("/api/stories", params={"sort": "size"}).json()["items"]
    assert [s["id"] for s in by_size] == ["s1", "s2"]
    recent = client.get("/api/stories", params={"sort": "recent"}).json()["items"]
    assert recent[0]["last_seen"] >= recent[-1]["last_seen"]


def test_paging(client):
    first = client.get("/api/stories", params={"limit": 1}).json()
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]


@pytest.mark.parametrize("query, fragment", [
    ({"date_from": "2024-13-01"}, "date_from"),
    ({"date_from": "yesterday"}, "YYYY-MM-DD"),
    ({"country": "Peru"}, "alpha-3"),
    ({"actor": "gov'; drop"}, "actor code"),
    ({"sort": "random"}, "recent, size"),
    ({"limit": "0"}, "limit"),
    ({"limit": "many"}, "limit"),
    ({"date_from": "2024-03-05", "date_to": "2024-03-01"}, "after"),
])
def test_bad_filters_are_422_with_a_reason(client, query, fragment):
    response = client.get("/api/stories", params=query)
    assert response.status_code == 422
    assert fragment in str(response.json()["detail"])


def test_blank_filters_mean_no_filter(client):
    body = client.get("/api/stories", params={"q": "", "outlet": " ", "date_from": ""}).json()
    assert body["total"] == 2


def test_story_has_articles_merged_events_and_conflicts(client):
    story = client.get("/api/stories/s1").json()
    assert [a["id"] for a in story["articles"]] == ["ledger-1", "wire-1"]
    visit = next(e for e in story["merged_events"] if e["id"] == "m1")
    assert visit["num_sources"] == 2 and visit["status"] == "corroborated"
    assert visit["origins"] == ["El Diario", "Radio Andina"]
    (conflict,) = story["conflicts"]
    assert [s["source"] for s in conflict["sides"]] == ["Officials in Lima",
                                                        "A Peruvian coast guard officer"]
    assert story["sourcing"] == {"events": {"corroborated": 1, "single_source": 1},
                                 "claims": {"corroborated": 2, "disputed": 2}, "origins": 2}
    claim = story["articles"][0]["claims"][1]
    assert claim["status"] == "disputed"
    assert story["articles"][1]["events"][0]["status"] == "corroborated"


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/articles/nope", "/api/actors/XYZGOV"])
def test_unknown_ids_are_404_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"] or "XYZGOV" in response.json()["detail"]


def test_article_record_with_statuses(client):
    rec = client.get("/api/articles/ledger-1").json()
    assert rec["text"].startswith("Foreign Minister")
    assert rec["story_id"] == "s1"
    assert {c["id"]: c["status"] for c in rec["claims"]} == {"c1": "corroborated",
                                                             "c2": "disputed"}
    assert rec["events"][0]["origins"] == ["El Diario", "Radio Andina"]


def test_articles_list_filters_and_story(client):
    assert client.get("/api/articles").json()["total"] == 3
    in_story = client.get("/api/articles", params={"story": "s1"}).json()["items"]
    assert {a["id"] for a in in_story} == {"ledger-1", "wire-1"}
    by_outlet = client.get("/api/articles", params={"outlet": "Harbor Ledger"}).json()["items"]
    assert [a["id"] for a in by_outlet] == ["ledger-1"]
    assert "text" not in by_outlet[0]


def test_events_filters(client):
    def ids(**query):
        return [e["id"] for e in client.get("/api/events", params=query).json()["items"]]
    assert ids() == ["m1", "m2"]
    assert ids(source="CHL") == ["m1"]
    assert ids(source="PER", target="CHL") == ["m2"]
    assert ids(quad_class="4") == ["m2"]
    assert ids(status="corroborated") == ["m1"]
    assert ids(date_from="2024-03-02") == ["m2"]
    assert client.get("/api/events", params={"quad_class": "5"}).status_code == 422
    assert client.get("/api/events", params={"status": "true"}).status_code == 422


def test_claims_and_conflicts(client):
    disputed = client.get("/api/claims", params={"status": "disputed"}).json()
    assert disputed["total"] == 2
    assert {c["content"] for c in disputed["items"]} == {
        "12 fishermen were detained near the border", "20 fishermen had been held"}
    assert client.get("/api/claims", params={"source_kind": "outlet"}).json()["total"] == 2
    conflicts = client.get("/api/conflicts", params={"story": "s1"}).json()
    assert conflicts["total"] == 1 and conflicts["items"][0]["kind"] == "figure"
    assert client.get("/api/conflicts", params={"story": "s2"}).json()["total"] == 0


def test_actors_list_and_profile(client):
    codes = [a["code"] for a in client.get("/api/actors").json()["items"]]
    assert "CHLGOV" in codes and "PER" in codes
    profile = client.get("/api/actors/CHLGOV").json()
    assert profile["acts_on"] == [{"actor": "PER", "total": 1,
                                   "by_quad": {"1": 1, "2": 0, "3": 0, "4": 0}}]
    assert profile["acted_on_by"] == []
    assert {r["actor_role"] for r in profile["names"]} == {"Foreign Minister", None}
    # A country code covers every actor of that country.
    assert client.get("/api/actors/CHL").json()["acted_on_by"][0]["actor"] == "PERCOP"
    assert client.get("/api/actors/chl%3Cx%3E").status_code == 422


def test_explore_counts_and_csv(client):
    body = client.get("/api/explore", params={"source": "PER", "target": "CHL",
                                              "interval": "day"}).json()
    assert body["total"] == 1
    assert [(r["bucket"], r["total"]) for r in body["series"]] == [("2024-03-04", 1)]
    assert body["series"][0]["4"] == 1
    wide = client.get("/api/explore", params={"interval": "day"}).json()
    # Only the buckets that have events (a chart fills the quiet days itself).
    assert [(r["bucket"], r["total"]) for r in wide["series"]] == [("2024-03-01", 1),
                                                                   ("2024-03-04", 1)]
    assert wide["range"] == {"date_from": "2024-03-01", "date_to": "2024-03-04",
                             "default": True, "earliest": "2024-03-01", "latest": "2024-03-04"}
    csv = client.get("/api/explore", params={"source": "CHL", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("bucket,") and lines[1] == "2024-03-01,1,0,0,0,1"
    assert client.get("/api/explore", params={"interval": "hour"}).status_code == 422


def test_post_article_is_refused_without_a_token(client):
    response = client.post("/api/articles", json={"text": "Something happened."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_post_article_needs_the_right_token(web_db, monkeypatch):
    from fastapi.testclient import TestClient

    from crosswire.web import create_app, ingest
    from crosswire.model import Record

    class BarePipeline:  # no spaCy: the record holds only the article's fields
        def run(self, articles):
            for article in articles:
                yield Record(id=article.stable_id(), text=article.text, title=article.title,
                             outlet=article.outlet, published=article.published)
    monkeypatch.setattr(ingest, "pipeline", BarePipeline)
    linked = []
    monkeypatch.setattr("crosswire.link.after_ingest", lambda db, ids: linked.extend(ids))
    with TestClient(create_app(web_db, token="s3cret")) as c:
        article = {"id": "new-1", "text": "A ferry docked late.", "outlet": "Bay Post",
                   "published": "2024-05-01", "section": "local"}
        assert c.post("/api/articles", json=article).status_code == 401
        assert c.post("/api/articles", json=article,
                      headers={"Authorization": "Bearer wrong"}).status_code == 401
        bad = c.post("/api/articles", json={"title": "no text"},
                     headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 422 and "text" in bad.json()["detail"]
        ok = c.post("/api/articles", json=article, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201 and ok.json()["stored"] is True
        assert linked == ["new-1"]
        again = c.post("/api/articles", json=article, headers={"Authorization": "Bearer s3cret"})
        assert again.status_code == 200 and again.json()["stored"] is False
        assert again.json()["reason"] == "already stored unchanged"
        assert linked == ["new-1"]  # nothing new to link
        copy = dict(article, id="new-2")  # the same text under another id: an exact duplicate
        dup = c.post("/api/articles", json=copy, headers={"Authorization": "Bearer s3cret"})
        assert dup.status_code == 200 and "exact duplicate of new-1" in dup.json()["reason"]
        stored = c.get("/api/articles/new-1").json()
        assert stored["outlet"] == "Bay Post" and stored["published"] == "2024-05-01"


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/events",
                 "/api/claims", "/api/conflicts", "/api/actors"):
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/stories" in docs.text and "cdn" not in docs.text.lower()


def test_security_headers_on_every_response(client):
    for path in ("/", "/api/stories", "/stories/missing"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


# ---------------------------------------------------------------- helpers


def test_week_buckets_start_on_monday():
    assert bucket_of("2024-03-03", "week") == "2024-02-26"  # a Sunday
    assert bucket_of("2024-03-04", "week") == "2024-03-04"
    assert bucket_of("2024-03-04", "month") == "2024-03"


def test_count_series_fills_gaps_and_skips_undated():
    events = [{"date_start": "2024-01-01", "quad_class": 4},
              {"date_start": "2024-01-29", "quad_class": 1}, {"date_start": None}]
    series = count_series(events, "week")
    assert [r["total"] for r in series] == [1, 0, 0, 0, 1]


def test_conflict_sides_accepts_a_b_form():
    sides = conflict_sides({"a": {"text": "x", "source": {"text": "an aide"}},
                            "b": {"content": "y", "sources": ["a spokesman"],
                                  "articles": ["art-9"]}})
    assert [(s["text"], s["source"], s["article"]) for s in sides] == [
        ("x", "an aide", None), ("y", "a spokesman", "art-9")]


def test_story_filters_default_to_recency():
    assert StoryFilters().sort == "recent"
