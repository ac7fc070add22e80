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
def seeds_client(tmp_path_factory):
    from pathlib import Path

    from fastapi.testclient import TestClient

    from crosswire.cli.core import ingest_paths
    from crosswire.store.db import Database
    from crosswire.web import create_app
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/corpus/seeds is absent")
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}")
    files = sorted(seeds.glob("*.txt"))
    ingest_paths(db, [str(files[0])])  # dated inline
    ingest_paths(db, [str(files[1])], published="2024-11-14")
    with TestClient(create_app(db)) as client:
        yield client
    db.close()


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
    assert f'<td class="num sources">{visit["num_sources"]}</td>' in row

    # The conflict about Russia, both sides quoted.
    conflict = next(c for c in data["conflicts"] if "Russia" in (c.get("topic") or ""))
    assert len(conflict["sides"]) == 2
    for side in conflict["sides"]:
        assert str(escape(side["text"])) in page
