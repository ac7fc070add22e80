"""Actor search by name, with autocomplete (issue #14, item 5)."""
from __future__ import annotations

from test_web_fixtures import client, web_db  # noqa: F401  (pytest fixtures)


def suggest(client, q):
    response = client.get("/api/actor-suggestions", params={"q": q})
    assert response.status_code == 200
    return [item["code"] for item in response.json()["items"]]


def test_actors_are_found_by_name_label_or_code(client):
    assert suggest(client, "Lena Ort") == ["CHLGOV"]        # a name in the articles
    assert suggest(client, "chile gov") == ["CHLGOV"]       # the readable label
    assert suggest(client, "peru police") == ["PERCOP"]     # an actor seen only in events
    assert suggest(client, "CHLG") == ["CHLGOV"]            # the code
    assert suggest(client, "peru")[0] == "PER"              # a label starting so comes first
    assert suggest(client, "nobody at all") == []


def test_suggestions_carry_labels_and_names(client):
    item = client.get("/api/actor-suggestions", params={"q": "ortiz"}).json()["items"][0]
    assert item["label"] == "Chile government" and "Lena Ortiz" in item["names"]
    assert client.get("/api/actor-suggestions", params={"q": "x" * 101}).status_code == 422


def test_story_filter_takes_a_name(client):
    page = client.get("/", params={"actor": "Lena Ortiz"}).text
    assert "“Lena Ortiz” read as Chile government (CHLGOV)" in page
    assert 'href="/stories/s1"' in page and 'href="/stories/s2"' not in page
    coded = client.get("/", params={"actor": "CHLGOV"}).text
    assert 'id="actor-note"' not in coded and 'href="/stories/s1"' in coded


def test_actor_boxes_offer_names_and_the_actors_page_searches_labels(client):
    page = client.get("/").text
    assert '<option value="CHLGOV" label="Chile government">' in page
    assert 'data-suggest="actors"' in page
    actors = client.get("/actors", params={"q": "chile government"}).text
    assert 'href="/actors/CHLGOV"' in actors


def test_explore_takes_names_too(client):
    page = client.get("/explore", params={"source": "Chile government", "target": "peru"}).text
    assert "“Chile government” read as Chile government (CHLGOV)" in page
    assert "“peru” read as Peru (PER)" in page
    assert "1 event, 1 charted" in page


def test_a_name_that_matches_nobody_says_so(client):
    response = client.get("/", params={"actor": "nobody at all"})
    assert response.status_code == 422
    assert "the name of an actor in these articles" in response.text
    assert client.get("/explore", params={"target": "no such group"}).status_code == 422
