"""Figure conflicts that are real: part and whole, updates with a history, other
places and periods are not conflicts, and every decision keeps its reason (#14, item 2)."""
from __future__ import annotations

from crosswire.compare.figures import day_range
from crosswire.link import views
from test_link_support import linked_db, make_claim, make_quantity, make_record, span

BREAKDOWN = ("The army said 23 soldiers died in the raid on the depot. "
             "A general said 18 soldiers, three drivers and five guards were among those killed.")


def breakdown_record():
    claims = [make_claim(BREAKDOWN, "c1", "The army", "said",
                         "23 soldiers died in the raid on the depot", kind="organization"),
              make_claim(BREAKDOWN, "c2", "A general", "said",
                         "18 soldiers, three drivers and five guards were among those killed",
                         kind="anonymous")]
    quantities = [make_quantity(BREAKDOWN, "q1", "23 soldiers", 23, claim="c1", unit="soldiers"),
                  make_quantity(BREAKDOWN, "q2", "18 soldiers", 18, claim="c2", unit="soldiers"),
                  make_quantity(BREAKDOWN, "q3", "three drivers", 3, claim="c2", unit="drivers"),
                  make_quantity(BREAKDOWN, "q4", "five guards", 5, claim="c2", unit="guards")]
    record = make_record("d1", BREAKDOWN, "2025-03-14", "Herald", "Raid on the depot",
                         claims=claims, quantities=quantities)
    record["sentences"] = [[0, BREAKDOWN.index(" A general")],
                           [BREAKDOWN.index("A general"), len(BREAKDOWN)]]
    return record


def test_one_item_of_a_breakdown_is_not_a_conflict_with_the_total():
    db = linked_db([breakdown_record()])
    assert views.conflicts(db) == []
    [aside] = views.conflicts(db, decisions=True)
    assert aside["kind"] == "figure_set_aside" and aside["conflict"] is False
    assert aside["decision"] == "part_of_whole" and "breakdown" in aside["reason"]
    assert {s["value"] for s in aside["sides"]} == {18, 23}


def test_two_tolls_for_one_group_in_one_article_still_conflict_with_their_reason():
    # A second source giving 18 for the same soldiers, no breakdown: a real conflict.
    text = ("The army said 23 soldiers died in the raid on the depot. "
            "A general said 18 soldiers died in the raid.")
    claims = [make_claim(text, "c1", "The army", "said",
                         "23 soldiers died in the raid on the depot", kind="organization"),
              make_claim(text, "c2", "A general", "said", "18 soldiers died in the raid",
                         kind="anonymous")]
    quantities = [make_quantity(text, "q1", "23 soldiers", 23, claim="c1", unit="soldiers"),
                  make_quantity(text, "q2", "18 soldiers", 18, claim="c2", unit="soldiers")]
    db = linked_db([make_record("d2", text, "2025-03-14", "Herald", "Raid on the depot",
                                claims=claims, quantities=quantities)])
    [conflict] = views.conflicts(db)
    assert conflict["kind"] == "figure" and conflict["conflict"] is True
    assert "same time" in conflict["reason"]


def test_a_total_including_a_part_is_not_a_conflict():
    text = ("Officials said 31 people died, including 23 guards, and a medic said "
            "23 guards and 31 people died.")
    claims = [make_claim(text, "c1", "Officials", "said", "31 people died, including 23 guards",
                         kind="anonymous"),
              make_claim(text, "c2", "a medic", "said", "23 guards and 31 people died",
                         kind="anonymous")]
    quantities = [make_quantity(text, "q1", "31 people", 31, claim="c1", unit="people"),
                  make_quantity(text, "q2", "23 guards", 23, claim="c2", unit="guards")]
    db = linked_db([make_record("p1", text, "2025-03-14", "Herald", "Guards killed",
                                claims=claims, quantities=quantities)])
    assert views.conflicts(db) == []
    [aside] = views.conflicts(db, decisions=True)
    assert aside["decision"] == "part_of_whole"


def toll(rid, published, value, approx="exact", verb="killed"):
    text = f"The flood in Norwick {verb} {value} people, the coast guard said."
    phrase = f"{value} people"
    claims = [make_claim(text, "c1", "the coast guard", "said",
                         f"The flood in Norwick {verb} {value} people", kind="organization")]
    return make_record(rid, text, published, "Herald" if rid < "m" else "Gazette",
                       "Flood in Norwick", claims=claims,
                       quantities=[make_quantity(text, "q1", phrase, value, approx=approx,
                                                 claim="c1")])


def test_a_rising_toll_is_an_update_shown_as_a_history_not_a_conflict():
    db = linked_db([toll("a", "2025-03-12T02:00:00Z", 16), toll("b", "2025-03-12T13:00:00Z", 30),
                    toll("c", "2025-03-14T09:00:00Z", 33)])
    assert views.conflicts(db) == []
    [history] = [c for c in views.conflicts(db, decisions=True) if c["kind"] == "figure_update"]
    assert [h["value"] for h in history["history"]] == [16, 30, 33]
    assert history["explanation"].startswith("16 → 30 → 33 killed")
    assert history["explanation"].endswith("12–14 March 2025")
    assert "higher" in history["reason"]
    [story] = views.stories(db)
    assert story["num_conflicts"] == 0
    assert views.story(db, story["id"])["figure_updates"] == [history]


def test_a_later_lower_figure_saying_it_revises_is_an_update():
    db = linked_db([toll("n", "2025-03-12T02:00:00Z", 40),
                    toll("o", "2025-03-12T13:00:00Z", 30, verb="was revised to have killed")])
    assert views.conflicts(db) == []
    [history] = views.conflicts(db, decisions=True)
    assert history["decision"] == "update" and "revised" in history["reason"]


def test_a_lower_figure_the_same_day_from_another_origin_is_a_conflict():
    first, second = toll("a", "2025-03-12T02:00:00Z", 30), toll("n", "2025-03-12T13:00:00Z", 16)
    second["claims"][0]["source"]["kind"] = "anonymous"
    [conflict] = views.conflicts(linked_db([first, second]))
    assert conflict["kind"] == "figure" and "lower" in conflict["reason"]


def test_figures_for_another_place_or_period_are_set_aside_with_the_reason():
    first, second = toll("a", "2025-03-12", 12), toll("n", "2025-03-12", 30)
    first["quantities"][0]["period"] = "t1"
    first["timexes"] = [{"id": "t1", "text": "Norwick", "start": 13, "end": 20,
                         "type": "DATE", "value": "2024"}]
    second["claims"][0]["source"]["kind"] = "anonymous"  # another origin
    second["quantities"][0]["period"] = "t1"
    second["timexes"] = [{"id": "t1", "text": "Norwick", "start": 13, "end": 20,
                          "type": "DATE", "value": "2025-03"}]
    db = linked_db([first, second])
    assert views.conflicts(db) == []
    [aside] = views.conflicts(db, decisions=True)
    assert aside["decision"] == "different_period" and "2024" in aside["reason"]


def test_figures_for_another_place_are_set_aside_with_the_reason():
    first, second = toll("a", "2025-03-12", 12), toll("n", "2025-03-12", 30)
    second["claims"][0]["source"]["kind"] = "anonymous"  # another origin
    for record, country in ((first, "GBR"), (second, "IRL")):
        start = record["text"].index("Norwick")
        record["places"] = [{"id": "p1", "text": "Norwick", "start": start, "end": start + 7,
                             "name": "Norwick", "feature": "city", "country": country,
                             "geonames_id": None, "lat": None, "lon": None}]
        record["quantities"][0]["place"] = "p1"
    db = linked_db([first, second])
    assert views.conflicts(db) == []
    [aside] = views.conflicts(db, decisions=True)
    assert aside["decision"] == "different_place" and "GBR" in aside["reason"]


def test_day_ranges_read_as_dates():
    from datetime import date
    assert day_range(date(2025, 3, 12), date(2025, 3, 14)) == "12–14 March 2025"
    assert day_range(date(2025, 3, 12), date(2025, 3, 12)) == "12 March 2025"
    assert day_range(date(2025, 2, 28), date(2025, 3, 2)) == "28 February – 2 March 2025"


def test_a_date_in_the_figures_sentence_is_its_period():
    earlier = ("Rebels attacked a train in Norwick on Tuesday. Last month, rebels ambushed a bus "
               "and killed 18 people, the police said.")
    first = make_record("a", earlier, "2025-03-12", "Herald", "Train attack in Norwick",
                        claims=[make_claim(earlier, "c1", "the police", "said",
                                           "Last month, rebels ambushed a bus and killed 18 people",
                                           kind="organization")],
                        quantities=[make_quantity(earlier, "q1", "18 people", 18, claim="c1")],
                        timexes=[{"id": "t1", "text": "Last month", "start": earlier.index("Last"),
                                  "end": earlier.index("Last") + 10, "type": "DATE",
                                  "value": "2025-02"}])
    text = "Rebels killed 31 people in the train attack in Norwick on Tuesday, officials said."
    later = make_record("n", text, "2025-03-14", "Gazette", "Train attack in Norwick",
                        claims=[make_claim(text, "c1", "officials", "said",
                                           text[:text.index(", officials")], kind="anonymous")],
                        quantities=[make_quantity(text, "q1", "31 people", 31, claim="c1")],
                        timexes=[{**span(text, "Tuesday"), "id": "t1", "type": "DATE",
                                  "value": "2025-03-11"}])
    db = linked_db([first, later])
    decisions = views.conflicts(db, decisions=True)
    assert [d["decision"] for d in decisions] == ["different_period"]
    assert "2025-02" in decisions[0]["reason"]


def test_periods_differ_only_when_incompatible():
    from crosswire.compare.figures import periods_differ
    assert periods_differ("2025-02", "2025-03-11")
    assert not periods_differ("2025-03", "2025-03-11")
    assert not periods_differ("2025-03-12", "P1D")
    assert periods_differ("P15M", "P1D")
    assert not periods_differ(None, "2025-02")


def test_the_api_lists_figure_histories_only_on_request(tmp_path):
    from fastapi.testclient import TestClient

    from crosswire.link import after_ingest
    from crosswire.store import Database
    from crosswire.web import create_app
    db = Database(f"sqlite:///{tmp_path / 'tolls.db'}")
    for record in (toll("a", "2025-03-12T02:00:00Z", 16), toll("b", "2025-03-13T13:00:00Z", 30)):
        db.upsert_record(record)
        after_ingest(db, [record["id"]])
    with TestClient(create_app(db)) as client:
        assert client.get("/api/conflicts").json()["total"] == 0
        [history] = client.get("/api/conflicts", params={"decisions": "true"}).json()["items"]
        assert history["kind"] == "figure_update" and history["reason"]
        story = client.get("/api/stories").json()["items"][0]
        assert story["num_conflicts"] == 0
        body = client.get(f"/api/stories/{story['id']}").json()
        assert body["conflicts"] == []
        assert [h["value"] for h in body["figure_updates"][0]["history"]] == [16, 30]
    db.close()
