"""The store against SQLite. ``test_postgres.py`` runs these same tests against
PostgreSQL by importing them and overriding the ``db`` fixture."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from crosswire.model import (Actor, ActorRef, Claim, ClaimSource, Entity, Event, EventDate,
                             Place, Plover, Quantity, Record, Span, Timex, check_record)
from crosswire.store import Database, SchemaVersionError, schema

TEXT = ("Foreign Minister Lena Varga visited Oslo on Tuesday, the Harbor Gazette reported. "
        "At least 12 people were killed, officials said. Café owners ‘fled’ 🙂.")


def make_record(article_id: str = "a1", text: str = TEXT, outlet: str = "Harbor Gazette",
                trigger_word: str = "visited") -> Record:
    """A small, fully populated record built by hand (no pipeline needed)."""
    def span(word: str, after: int = 0) -> tuple[str, int, int]:
        start = text.index(word, after)
        return word, start, start + len(word)

    varga = Actor("Lena Varga", "NORGOV", "NOR", "GOV", "Foreign Minister")
    rec = Record(id=article_id, text=text, title="Varga in Oslo", outlet=outlet,
                 published="2024-11-14", sentences=[(0, 82), (83, 130), (131, len(text))])
    rec.entities = [Entity(*span("Lena Varga"), id="e1", label="PERSON", actor=varga)]
    rec.places = [Place(*span("Oslo"), id="p1", name="Oslo", feature="city", country="NOR",
                        geonames_id=3143244, lat=59.91, lon=10.75)]
    rec.timexes = [Timex(*span("Tuesday"), id="t1", type="DATE", value="2024-11-12")]
    rec.claims = [
        Claim("c1", ClaimSource(*span("the Harbor Gazette"), kind="outlet"), Span(*span("reported")),
              Span(*span("Foreign Minister Lena Varga visited Oslo on Tuesday")), "indirect"),
        Claim("c2", ClaimSource(*span("officials"), kind="anonymous"), Span(*span("said")),
              Span(*span("At least 12 people were killed")), "indirect")]
    rec.quantities = [Quantity(*span("At least 12 people were killed"), id="q1", value=12, low=12,
                               approx="at_least", category="killed", claim="c2", unit="people")]
    rec.events = [Event("v1", 0, Span(*span(trigger_word)), "042", Plover("CONSULT", "visit"),
                        source=ActorRef(*span("Lena Varga"), entity="e1", actor=varga),
                        target=ActorRef(*span("Oslo")), quad_class=1, goldstein=1.9,
                        date=EventDate("2024-11-12", timex="t1", basis="timex"), location="p1",
                        claim="c1", confidence=0.8)]
    assert not check_record(rec.to_dict())
    return rec


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'store.db'}")
    yield database
    database.close()


def count(db: Database, table) -> int:
    with db.engine.connect() as conn:
        return len(conn.execute(select(table)).all())


def test_round_trip_keeps_the_record_exactly(db):
    rec = make_record()
    assert db.upsert_record(rec) is True
    assert db.get_record_dict("a1") == rec.to_dict()
    assert db.get_record("a1").to_dict() == rec.to_dict()
    assert [r["id"] for r in db.iter_record_dicts()] == ["a1"]


def test_items_land_in_their_tables_with_filter_columns(db):
    db.upsert_record(make_record())
    with db.engine.connect() as conn:
        ev = conn.execute(select(schema.events)).one()
        q = conn.execute(select(schema.quantities)).one()
        c = conn.execute(select(schema.claims).where(schema.claims.c.id == "c2")).one()
    assert (ev.source_code, ev.cameo, ev.cameo_root, ev.plover_type) == ("NORGOV", "042", "04",
                                                                         "CONSULT")
    assert (ev.date_value, ev.location, ev.claim) == ("2024-11-12", "p1", "c1")
    assert (q.value, q.approx, q.category, q.claim) == (12, "at_least", "killed", "c2")
    assert c.source_kind == "anonymous"
    for table in schema.ITEM_TABLES.values():
        assert count(db, table) >= 1, table.name


def test_upserting_an_identical_record_changes_nothing(db):
    db.upsert_record(make_record("a1"))
    db.upsert_record(make_record("a2", outlet="Northern Ledger"))
    before = db.dump()
    assert db.upsert_record(make_record("a1")) is False
    assert db.dump() == before


def test_a_changed_record_replaces_the_old_one_and_keeps_its_place(db):
    db.upsert_record(make_record("a1"), minhash=[1, 2, 3], origin="x.txt")
    db.upsert_record(make_record("a2"))
    changed = make_record("a1", trigger_word="Oslo")
    assert db.upsert_record(changed) is True
    assert db.get_record_dict("a1")["events"][0]["trigger"]["text"] == "Oslo"
    assert [r["id"] for r in db.iter_record_dicts()] == ["a1", "a2"]  # seq kept
    index = {row["id"]: row for row in db.article_index()}
    assert index["a1"]["minhash"] == [1, 2, 3]  # dedup signature kept across the update
    assert count(db, schema.events) == 2  # old items replaced, not added to


def test_delete_removes_the_article_and_all_its_items(db):
    db.upsert_record(make_record("a1"))
    db.upsert_record(make_record("a2"))
    assert db.delete_article("a1") is True
    assert db.delete_article("a1") is False
    assert db.count_articles() == 1
    for table in schema.ITEM_TABLES.values():
        with db.engine.connect() as conn:
            ids = {r.article_id for r in conn.execute(select(table))}
        assert ids == {"a2"}, table.name


def test_iter_record_dicts_filters_by_ids_and_outlet(db):
    db.upsert_record(make_record("a1", outlet="Harbor Gazette"))
    db.upsert_record(make_record("a2", outlet="Northern Ledger"))
    db.upsert_record(make_record("a3", outlet="Harbor Gazette"))
    assert [r["id"] for r in db.iter_record_dicts(["a3", "a2"])] == ["a2", "a3"]
    assert [r["id"] for r in db.iter_record_dicts(outlet="Harbor Gazette")] == ["a1", "a3"]


def test_duplicate_of_and_minhash_are_stored(db):
    db.upsert_record(make_record("a1"), minhash=[5, 6])
    db.upsert_record(make_record("a2", outlet="Wire"), minhash=[5, 7], duplicate_of="a1")
    index = db.article_index()
    assert [(r["id"], r["duplicate_of"], r["minhash"]) for r in index] == [
        ("a1", None, [5, 6]), ("a2", "a1", [5, 7])]


def test_schema_version_is_recorded_and_checked(db):
    assert db.schema_version() == schema.SCHEMA_VERSION
    db.set_meta("schema_version", str(schema.SCHEMA_VERSION + 1))
    with pytest.raises(SchemaVersionError):
        Database(db.url)


def test_actor_dictionary_entries_are_stored_once(db):
    entries = [
        {"name": "Lena Varga", "aliases": ["Varga", "Minister Varga"], "code": "NORGOV",
         "country": "NOR", "sector": "GOV", "role": "Foreign Minister",
         "valid_from": "2023-01-01", "valid_to": None},
        {"name": "Tomas Brekke", "aliases": "Brekke; T. Brekke", "code": "NORMIL",
         "country": "NOR", "sector": "MIL"},
    ]
    assert db.store_actor_entries(entries) == 2
    db.store_actor_entries(entries[:1])  # again: updated, not added
    stored = db.actor_entries()
    assert [(e["name"], e["aliases"]) for e in stored] == [
        ("Lena Varga", ["Varga", "Minister Varga"]), ("Tomas Brekke", ["Brekke", "T. Brekke"])]


def test_a_failed_transaction_leaves_nothing_behind(db):
    db.upsert_record(make_record("a1"))
    before = db.dump()
    broken = make_record("a2").to_dict()
    broken["events"].append(dict(broken["events"][0]))  # duplicate primary key (a2, v1)
    with pytest.raises(Exception):
        db.upsert_record(broken)
    assert db.dump() == before


def test_hostile_text_is_stored_as_data(db):
    text = "Robert'); DROP TABLE articles;-- said \"hello\" % _ \\ end"
    rec = Record(id="x'; --", text=text, outlet="O'Neil \"Daily\"", sentences=[(0, len(text))])
    db.upsert_record(rec)
    assert db.get_record_dict("x'; --")["text"] == text
    assert db.count_articles() == 1


def test_iter_record_dicts_handles_more_ids_than_one_query_may_bind(db, monkeypatch):
    monkeypatch.setattr("crosswire.store.db.ID_CHUNK", 2)
    for i in range(5):
        db.upsert_record(make_record(f"a{i}"))
    wanted = ["a4", "a0", "a3", "a1", "a0", "missing"]
    assert [r["id"] for r in db.iter_record_dicts(wanted)] == ["a0", "a1", "a3", "a4"]


def test_columns_added_to_the_schema_later_are_added_to_an_old_database(db):
    from sqlalchemy import inspect, text

    db.upsert_record(make_record("a1"), origin="x.txt")
    with db.begin() as conn:  # an older database: made before `origin` existed
        conn.execute(text("ALTER TABLE articles DROP COLUMN origin"))
    reopened = Database(db.url)
    try:
        assert "origin" in {c["name"] for c in inspect(reopened.engine).get_columns("articles")}
        assert reopened.get_record_dict("a1")["id"] == "a1"
        assert reopened.upsert_record(make_record("a2"), origin="y.txt") is True
    finally:
        reopened.close()


def test_opening_races_another_process_creating_the_schema(tmp_path, monkeypatch):
    """The loser of a CREATE TABLE race sees "already exists" and must simply retry."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    real_create_all = schema.metadata.create_all
    calls = []

    def create_all_losing_the_first_race(bind, **kwargs):
        calls.append(1)
        real_create_all(bind, **kwargs)  # the other process's tables now exist...
        if len(calls) == 1:  # ...and our own CREATE of one of them failed
            raise OperationalError("CREATE TABLE entities", {},
                                   sqlite3.OperationalError("table entities already exists"))
    monkeypatch.setattr(schema.metadata, "create_all", create_all_losing_the_first_race)
    database = Database(f"sqlite:///{tmp_path / 'race.db'}")
    assert len(calls) == 2
    assert database.schema_version() == schema.SCHEMA_VERSION
    database.close()
