"""Online story clustering: grouping, near misses, time, determinism, stored state."""
from __future__ import annotations

import json

from sqlalchemy import select

from crosswire.link import after_ingest, views
from crosswire.link.features import article_features, content_words, cosine
from crosswire.link.stories import (ClusterConfig, GlobalState, StoryState, assign, day_gap,
                                    time_factor)
from crosswire.link.update import link_new_articles
from crosswire.store import Database, schema
from test_link_support import linked_db, make_record

FLOOD = [
    ("f1", "2025-04-07", "River bursts banks in Lowmarsh, drowning six",
     "The Tessel river burst its banks in Lowmarsh overnight after record rain, drowning six "
     "people and sweeping away market stalls, the Lowmarsh fire brigade said. Rescue boats "
     "pulled families from flooded rooftops along the river."),
    ("f2", "2025-04-08", "Lowmarsh flood toll climbs as Tessel keeps rising",
     "Nine people have now died in the Lowmarsh floods, the fire brigade said, as the Tessel "
     "river kept rising. Families who lost their homes to the flooded river slept in schools, "
     "and rescue boats searched rooftops for stranded residents."),
    ("f3", "2025-04-10", "Lowmarsh evacuates riverside homes as floods spread",
     "Officials in Lowmarsh ordered families living beside the Tessel river to leave after "
     "floods killed nine people this week. Rescue boats and the fire brigade moved residents "
     "from flooded streets to schools."),
]
STRIKE = [
    ("n1", "2025-04-08", "Lowmarsh nurses strike over unpaid overtime",
     "Nurses at Lowmarsh general hospital walked out on Tuesday, saying the health board owed "
     "them months of overtime pay. The nurses union said wards would keep only emergency "
     "staff until the board paid the arrears."),
    ("n2", "2025-04-09", "Health board offers deal to striking Lowmarsh nurses",
     "The Lowmarsh health board offered to pay half of the overtime arrears owed to striking "
     "nurses, but the nurses union rejected the deal and said the hospital strike would go on "
     "until every nurse was paid."),
]


def records(rows, outlet="Daily Planet"):
    return [make_record(rid, text, day, outlet, title) for rid, day, title, text in rows]


def interleaved():
    flood, strike = records(FLOOD), records(STRIKE, outlet="Evening Star")
    return [flood[0], strike[0], flood[1], strike[1], flood[2]]


def story_of(db) -> dict[str, str]:
    return {a: s["id"] for s in views.stories(db) for a in s["articles"]}


def test_articles_of_one_story_are_grouped_and_a_near_miss_kept_apart():
    # Same town, same week, different events: two stories, not one.
    assigned = story_of(linked_db(interleaved()))
    assert assigned["f1"] == assigned["f2"] == assigned["f3"]
    assert assigned["n1"] == assigned["n2"]
    assert assigned["f1"] != assigned["n1"]


def test_every_article_is_in_exactly_one_story_with_title_and_dates():
    db = linked_db(interleaved())
    found = views.stories(db)
    members = [a for s in found for a in s["articles"]]
    assert sorted(members) == sorted(["f1", "f2", "f3", "n1", "n2"])
    flood = next(s for s in found if "f1" in s["articles"])
    assert flood["first_seen"] == "2025-04-07" and flood["last_seen"] == "2025-04-10"
    assert "Lowmarsh" in flood["title"] and flood["outlets"] == ["Daily Planet"]


def test_a_story_closed_for_longer_than_the_gap_is_not_reopened():
    first, _, later = records(FLOOD)
    later["published"] = "2025-07-30"  # the same words, months later: a new story
    assigned = story_of(linked_db([first, later]))
    assert assigned["f1"] != assigned["f3"]


def test_similarity_is_damped_by_days_away_from_the_story():
    story = StoryState("s1", first="2025-04-01", last="2025-04-03")
    near = article_features({"id": "x", "text": "", "published": "2025-04-04"})
    far = article_features({"id": "y", "text": "", "published": "2025-04-20"})
    assert day_gap(near.day, story) == 1 and day_gap(far.day, story) == 17
    config = ClusterConfig()
    assert time_factor(1, config) == 1.0
    assert 0 < time_factor(17, config) < time_factor(10, config) < 1.0


def test_clustering_is_deterministic_and_online():
    one, two = linked_db(interleaved()), linked_db(interleaved())
    assert one.dump() == two.dump()
    # Linking a later article never moves the earlier ones.
    partial = linked_db(interleaved()[:3])
    before = story_of(partial)
    after = story_of(linked_db(interleaved()))
    assert all(after[a] == s for a, s in before.items())


def test_an_interrupted_run_ends_with_the_same_database():
    whole = linked_db(interleaved())
    # Stored but never linked (the run stopped), then a re-run links what is pending.
    db = Database("sqlite://")
    for record in interleaved()[:2]:
        db.upsert_record(record)
        after_ingest(db, [record["id"]])
    for record in interleaved()[2:]:
        db.upsert_record(record)
    link_new_articles(db)  # clusters but "crashes" before relinking the stories
    after_ingest(db, [])
    assert db.dump() == whole.dump()


def test_story_state_is_stored_and_used_by_the_next_ingest():
    db = linked_db(interleaved()[:2])
    with db.engine.connect() as conn:
        states = {r.id: json.loads(r.state) for r in conn.execute(select(schema.stories))}
    assert all(state["size"] == 1 and state["centroid"] for state in states.values())
    flood_story = story_of(db)["f1"]
    db.upsert_record(interleaved()[2])
    after_ingest(db, ["f2"])
    assert story_of(db)["f2"] == flood_story
    with db.engine.connect() as conn:
        size = conn.execute(select(schema.stories.c.size)
                            .where(schema.stories.c.id == flood_story)).scalar()
    assert size == 2


def test_assign_creates_a_story_below_the_threshold():
    glob = GlobalState()
    first = article_features(records(FLOOD)[0])
    story, created = assign(first, [], glob, ClusterConfig())
    assert created and story.id == "s1" and glob.next_story == 2
    nurse = article_features(records(STRIKE)[0])
    other, created = assign(nurse, [story], glob, ClusterConfig())
    assert created and other.id == "s2"


def test_content_words_drop_stop_words_and_stem():
    assert content_words("The floods were flooding the towns") == ["flood", "flood", "town"]
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0


def test_an_untitled_story_is_named_after_its_lead_sentence():
    record = records(FLOOD)[:1][0]
    record["title"] = None
    [story] = views.stories(linked_db([record]))
    assert story["title"].startswith("The Tessel river burst its banks")


def test_linking_many_articles_at_once_handles_long_id_lists():
    db = Database("sqlite://")
    for record in interleaved():
        db.upsert_record(record)
    updated = after_ingest(db, [r["id"] for r in interleaved()] + [f"x{i}" for i in range(1200)])
    assert len(updated) == len(views.stories(db)) == 2


def test_sparse_records_without_date_outlet_title_or_items_are_linked():
    bare = [{"id": f"b{i}", "text": text, "published": None, "outlet": None, "title": None,
             "sentences": [], "entities": [], "events": [], "claims": [], "timexes": [],
             "places": [], "quantities": []}
            for i, text in enumerate(["Quiet day at the harbour of Tessel.", "", "Rain."])]
    db = linked_db(bare)
    found = views.stories(db)
    assert sorted(a for s in found for a in s["articles"]) == ["b0", "b1", "b2"]
    assert all(s["first_seen"] is None for s in found)
    assert views.events(db) == [] and views.conflicts(db) == []
