"""Stories that are one real-world event: event time as a gate, structure
channels, near copies, repair (split and merge) with its history, candidate
index and concurrency-safe story ids. Articles are invented."""
from __future__ import annotations

import json
import threading

from sqlalchemy import select, update

from crosswire.link import after_ingest, views
from crosswire.link.features import article_features, channel, event_time
from crosswire.link.repair import history, repair_stories
from crosswire.link.stories import ClusterConfig, Clusterer, GlobalState
from crosswire.link.update import link_new_articles
from crosswire.store import Database, schema
from test_link_support import linked_db, make_record

QUAKE = ("A strong earthquake shook the hill town of Varneck, toppling the clock tower and "
         "cracking the walls of the old market. Rescue crews searched collapsed houses in "
         "Varneck for survivors and the regional governor asked for tents and blankets.")
QUAKE_AGAIN = ("An earthquake struck the hill town of Varneck, bringing down houses near the "
               "old market. Rescue crews in Varneck pulled survivors from collapsed houses and "
               "the regional governor appealed for tents and blankets for the homeless.")


def timex(text, phrase, value, tid="t1"):
    start = text.index(phrase)
    return {"id": tid, "text": phrase, "start": start, "end": start + len(phrase),
            "type": "DATE", "value": value}


def dated_in_text(rid, year, body=QUAKE):
    """An undated article whose dateline gives the full date."""
    text = f"VARNECK, March 3, {year} - " + body
    return make_record(rid, text, published=None, outlet=None, title=None,
                       timexes=[timex(text, f"March 3, {year}", f"{year}-03-03")])


def letters(i: int) -> str:
    """A number spelt in letters: words with digits are not words to the linker."""
    return "".join("abcdefghij"[int(d)] for d in f"{i:03d}")


def story_of(db) -> dict[str, str]:
    return {a: s["id"] for s in views.stories(db) for a in s["articles"]}


def test_event_time_falls_back_on_the_text_then_on_years():
    record = dated_in_text("q1", 2013)
    assert event_time(record)[0].isoformat() == "2013-03-03"
    assert event_time(record)[2] == "text"
    text = "In 2013 an earthquake shook Varneck."
    only_year = make_record("q2", text, published=None, timexes=[timex(text, "2013", "2013")])
    day, years, _ = event_time(only_year)
    assert day is None and years == {2013}
    published = make_record("q3", text, published="2020-05-01")
    assert event_time(published)[0].isoformat() == "2020-05-01"


def test_same_words_years_apart_without_publication_dates_are_two_stories():
    # The old linker let an undated article join anything: both quakes were one story.
    found = story_of(linked_db([dated_in_text("q1", 2013), dated_in_text("q2", 2013, QUAKE_AGAIN),
                                dated_in_text("q3", 2019, QUAKE_AGAIN)]))
    assert found["q1"] == found["q2"] != found["q3"]


def test_an_article_with_only_a_year_does_not_join_another_years_story():
    text = "In 2019 " + QUAKE_AGAIN
    other_year = make_record("y1", text, published=None, outlet=None,
                             timexes=[timex(text, "2019", "2019")])
    found = story_of(linked_db([dated_in_text("q1", 2013), other_year]))
    assert found["q1"] != found["y1"]


def test_an_undated_article_is_placed_at_the_clock_not_in_a_closed_story():
    early = make_record("e1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck")
    late = make_record("e2", "Parliament in Ostburg passed the annual budget after a long "
                       "debate about farm subsidies and rail fares.", "2024-06-01", "Evening Star",
                       "Ostburg passes budget")
    undated = make_record("e3", QUAKE_AGAIN, None, None, None)
    found = story_of(linked_db([early, late, undated]))
    assert found["e3"] != found["e1"]  # months after the quake story closed
    # Without the later article the clock is still in January: it joins.
    assert len(set(story_of(linked_db([early, undated])).values())) == 1


def test_structure_channels_are_separate_from_words():
    assert [channel(t) for t in ("flood", "ent:varneck", "act:varneck", "cty:KEN", "pl:varneck",
                                 "kind:assault")] == ["words", "who", "who", "where", "where",
                                                      "what"]


def test_a_near_copy_joins_its_originals_story_whatever_its_words():
    original = make_record("o1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck")
    other = make_record("o2", "Parliament in Ostburg passed the annual budget after a long "
                        "debate about farm subsidies.", "2024-01-10", "Evening Star", "Budget")
    copy = make_record("o3", "Farm subsidies and rail fares: Ostburg parliament debate ends.",
                       "2024-01-11", None, None)
    found = story_of(linked_db([original, other, copy], duplicates={"o3": "o1"}))
    assert found["o3"] == found["o1"] != found["o2"]


def test_an_unknown_outlet_is_never_the_same_outlet(tmp_path):
    from crosswire.model import Article
    from crosswire.store.intake import DuplicateScreen
    db = Database(f"sqlite:///{tmp_path}/d.db")
    screen = DuplicateScreen(db)
    body = QUAKE + " " + QUAKE_AGAIN
    assert screen.screen(Article(text=body, id="u1")) is None
    near = body.replace("toppling the clock tower", "toppling its clock tower")
    assert screen.screen(Article(text=near, id="u2")) is None  # stored, not dropped
    assert screen.admitted["u2"].duplicate_of == "u1"
    outcome = screen.screen(Article(text=body, id="u3"))
    assert outcome is not None and outcome.kind == "duplicates skipped"  # exact: reported


def force_one_story(db, story_id="s1"):
    """Put every article into ``story_id`` (as an older linker could) and mark it touched."""
    from crosswire.link import store
    from crosswire.link.repair import rebuilt, members
    with db.begin() as conn:
        conn.execute(update(schema.articles).values(story_id=story_id))
        for other in store.all_story_ids(conn):
            if other != story_id:
                store.delete_story(conn, other)
        glob = store.load_global(db, conn)
        store.save_story(conn, rebuilt(story_id, members(conn, story_id), glob, ClusterConfig()),
                         created=False)


def test_repair_splits_a_story_whose_articles_are_months_apart_and_records_it():
    rows = [make_record("m1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck"),
            make_record("m2", QUAKE_AGAIN, "2024-01-11", "Evening Star", "Varneck quake"),
            make_record("m3", QUAKE_AGAIN, "2024-09-02", "Evening Star", "New Varneck quake")]
    db = linked_db(rows)
    force_one_story(db)
    changed = repair_stories(db, ["s1"])
    found = story_of(db)
    assert found["m1"] == found["m2"] == "s1" and found["m3"] != "s1"  # the older keeps its id
    assert found["m3"] in changed
    with db.engine.connect() as conn:
        [row] = history(conn, "s1")
    assert row["action"] == "split" and row["articles"] == ["m3"] and row["other"] == found["m3"]
    assert repair_stories(db, sorted(set(found.values()))) and story_of(db) == found  # stable


def test_repair_merges_two_stories_that_are_one_event():
    rows = [make_record("k1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck"),
            make_record("k2", QUAKE_AGAIN, "2024-01-11", "Evening Star", "Varneck quake")]
    db = Database("sqlite://")
    for record in rows:
        db.upsert_record(record)
    link_new_articles(db, ClusterConfig(threshold=1.01))  # too strict: two stories
    assert set(story_of(db).values()) == {"s1", "s2"}
    repair_stories(db, ["s1", "s2"])
    assert set(story_of(db).values()) == {"s1"}
    with db.engine.connect() as conn:
        [row] = history(conn, "s1")
    assert row["action"] == "merge" and row["other"] == "s2" and row["articles"] == ["k2"]


def test_candidates_come_from_the_index_and_open_stories_are_bounded():
    config = ClusterConfig()
    clusterer = Clusterer(GlobalState(), (), config)
    for i in range(40):  # forty unrelated one-article stories, one a day
        w = letters(i)
        text = f"Alpha{w}word beta{w}term gamma{w}thing delta{w}item"
        clusterer.assign(article_features(make_record(f"u{i}", text, f"2024-01-{1 + i % 28:02d}")))
    w = letters(7)
    probe = article_features(make_record("p", f"Alpha{w}word beta{w}term", "2024-01-08"))
    from crosswire.link.stories import article_vector
    found = clusterer.candidates(article_vector(probe, clusterer.glob))
    assert [s.id for s in found][:1] == ["s8"] and len(found) <= config.max_candidates
    from datetime import date
    clusterer.forget_closed(date(2024, 6, 1))
    assert clusterer.stories == {}


def test_shared_state_is_written_once_per_chunk_and_rebuilt_on_a_fresh_load():
    rows = [make_record(f"w{i}", QUAKE if i % 2 else QUAKE_AGAIN, "2024-01-10") for i in range(6)]
    db = Database("sqlite://")
    for record in rows:
        db.upsert_record(record)
    after_ingest(db, [r["id"] for r in rows])
    with db.engine.connect() as conn:
        state = json.loads(conn.execute(select(schema.meta_info.c.value).where(
            schema.meta_info.c.key == "link.clusterer")).scalar())
    assert state["n_docs"] == 6 and state["next_story"] == 2


def test_two_concurrent_linkers_never_collide_on_story_ids(tmp_path, monkeypatch):
    from crosswire.link import update as link_update
    monkeypatch.setattr(link_update, "CHUNK", 3)  # many small transactions, so the two interleave
    url = f"sqlite:///{tmp_path}/c.db"
    db = Database(url)
    texts = [f"Topic{letters(i)}a, topic{letters(i)}b and topic{letters(i)}c." for i in range(40)]
    for i, text in enumerate(texts):
        db.upsert_record(make_record(f"c{i}", text, "2024-02-01"))
    errors = []

    def run():
        try:
            link_new_articles(Database(url, create=False))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    found = story_of(db)
    assert len(found) == 40 and len(set(found.values())) == 40


def test_story_page_shows_its_split_history(tmp_path):
    from fastapi.testclient import TestClient
    from crosswire.web import create_app
    db = Database(f"sqlite:///{tmp_path}/h.db")
    for record in [make_record("m1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck"),
                   make_record("m3", QUAKE_AGAIN, "2024-09-02", "Evening Star", "New <b>quake</b>")]:
        db.upsert_record(record)
    after_ingest(db, [])
    force_one_story(db)
    new_id = [s for s in repair_stories(db, ["s1"]) if s != "s1"][0]
    after_ingest(db, [])
    with TestClient(create_app(db)) as client:
        page = client.get("/stories/s1").text
        assert "Story history" in page and f"{new_id}</a> split off from" in page
        assert "m3" in page and "Never split or merged" not in page
        assert "<b>quake</b>" not in client.get(f"/stories/{new_id}").text  # escaped


def test_story_explain_shows_what_tied_each_article(cli, tmp_path):
    from crosswire.link.explain import explain_story
    db_path = tmp_path / "x.db"
    db = Database(f"sqlite:///{db_path}")
    rows = [make_record("x1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck"),
            make_record("x2", QUAKE_AGAIN, "2024-01-11", "Evening Star", "Varneck quake")]
    for record in rows:
        db.upsert_record(record)
    after_ingest(db, [])
    why = {m.article: m for m in explain_story(db, "s1")}
    assert set(why) == {"x1", "x2"}
    assert "varneck" in why["x2"].words and why["x2"].gap_days == 1
    assert why["x2"].score >= ClusterConfig().threshold and not why["x2"].below_threshold
    result = cli("story", "s1", "--explain", "--db", str(db_path), "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert [m["article"] for m in shown] == ["x1", "x2"] and shown[1]["day_source"] == "published"
    assert cli("story", "s9", "--explain", "--db", str(db_path)).exit_code == 1


def test_shared_state_can_be_rebuilt_from_the_stored_articles():
    from crosswire.link import store
    from crosswire.link.update import rebuild_state
    rows = [make_record("r1", QUAKE, "2024-01-10", "Daily Planet", "Quake hits Varneck"),
            make_record("r2", QUAKE_AGAIN, "2024-01-11", "Evening Star", "Varneck quake"),
            make_record("r3", "Parliament in Ostburg passed the annual budget.", "2024-01-12")]
    db = linked_db(rows)
    with db.engine.connect() as conn:
        before = store.load_global(db, conn)
    with db.begin() as conn:  # the shared state is lost
        conn.execute(schema.meta_info.delete().where(schema.meta_info.c.key == "link.clusterer"))
    rebuilt = rebuild_state(db)
    assert (rebuilt.n_docs, rebuilt.df, rebuilt.clock) == (before.n_docs, before.df, before.clock)
    assert rebuilt.next_story == before.next_story == 3
    db.upsert_record(make_record("r4", QUAKE_AGAIN, "2024-01-12", "Northern Wire", "Quake"))
    after_ingest(db, ["r4"])
    assert story_of(db)["r4"] == story_of(db)["r1"]
