"""The acceptance check on the two seed reports (../shared/corpus/seeds):
their story page shows the two reports side by side, the visit to Russia
backed by two independent origins, and the conflict about Russia's role.

Runs the real pipeline and linking; skips when the shared corpus is absent.
"""
from __future__ import annotations

import re

import pytest
from markupsafe import escape

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def seeds_client(seeds_db):
    from fastapi.testclient import TestClient

    from crosswire.web import create_app
    with TestClient(create_app(seeds_db)) as client:
        yield client


def test_seed_story_page(seeds_client):
    stories = seeds_client.get("/api/stories").json()["items"]
    story = next(s for s in stories if s["num_articles"] == 2)
    data = seeds_client.get(f"/api/stories/{story['id']}").json()
    page = seeds_client.get(f"/stories/{story['id']}").text

    # The two reports, each in its own column.
    assert len(re.findall(r'class="column outlet-column"', page)) == 2

    # The visit to Russia: one merged event from both articles, two independent origins.
    visit = next(e for e in data["merged_events"]
                 if e.get("source_country") == "ISR" and e.get("target_country") == "RUS"
                 and e.get("plover_type") == "CONSULT" and e["num_articles"] == 2)
    assert visit["num_sources"] >= 2 and len(visit["origins"]) >= 2
    row = re.search(rf'<tr class="merged-event" id="event-{visit["id"]}">(.*?)</tr>', page,
                    re.S).group(1)
    for origin in visit["origins"]:
        assert str(escape(origin)) in row
    assert re.search(rf'<td class="num sources"[^>]*>{visit["num_sources"]}</td>', row)

    # The conflict about Russia, both sides quoted.
    conflict = next(c for c in data["conflicts"] if "Russia" in (c.get("topic") or ""))
    assert len(conflict["sides"]) == 2
    for side in conflict["sides"]:
        assert str(escape(side["text"])) in page
