"""Merged events and independent origins."""
from __future__ import annotations

from crosswire.link import views
from crosswire.link.origins import ArticleInfo, publisher_origin, wire_credit
from test_link_support import linked_db, make_claim, make_event, make_record, visit_pair


def visit_events(db):
    return [e for e in views.events(db) if (e.get("plover") or {}).get("type") == "CONSULT"]


def test_one_visit_reported_by_two_outlets_is_one_event_with_two_sources():
    db = linked_db(visit_pair())
    [event] = visit_events(db)
    assert event["num_articles"] == 2 and event["num_sources"] == 2
    assert {m["article"] for m in event["mentions"]} == {"a1", "a2"}
    assert event["source"]["actor"]["country"] == "ISR"
    assert event["target"]["actor"]["country"] == "RUS"
    assert event["status"] == "corroborated"
    assert {s["kind"] for s in event["sources"]} == {"cited_outlet", "anonymous"}


def test_a_near_duplicate_copy_is_not_a_second_source():
    first, second = visit_pair(second_claim=False)
    first["claims"], first["events"][0]["claim"] = [], None
    db = linked_db([first, second], duplicates={"a2": "a1"})
    [event] = visit_events(db)
    assert event["num_articles"] == 2 and event["num_sources"] == 1
    assert event["status"] == "single_source"


def test_two_outlets_copying_one_wire_agency_are_one_source():
    first, second = visit_pair(second_claim=False)
    first["claims"], first["events"][0]["claim"] = [], None
    for record in (first, second):
        record["text"] = record["text"] + " (AP)"
    db = linked_db([first, second])
    [event] = visit_events(db)
    assert event["num_sources"] == 1 and event["sources"][0]["label"] == "AP"


def test_two_outlets_citing_the_same_radio_are_one_source():
    first, second = visit_pair()
    second["claims"][0]["source"]["kind"] = "outlet"
    second["claims"][0]["source"]["resolved"] = "Radio Ost"
    db = linked_db([first, second])
    [event] = visit_events(db)
    assert event["num_sources"] == 1


def test_planned_and_denied_are_kept_apart_from_what_happened():
    first, second = visit_pair()
    second["events"][0]["modality"] = "planned"
    db = linked_db([first, second])
    assert sorted(e["modality"] for e in visit_events(db)) == ["asserted", "planned"]
    assert all(e["num_articles"] == 1 for e in visit_events(db))


def test_a_different_target_or_far_apart_dates_are_different_events():
    first, second = visit_pair()
    second["events"][0]["target"]["actor"]["country"] = "UKR"
    assert len(visit_events(linked_db([first, second]))) == 2
    first, second = visit_pair()
    first["events"][0]["date"] = {"value": "2024-11-02", "start": "2024-11-02", "end": "2024-11-02"}
    second["events"][0]["date"] = {"value": "2024-11-12", "start": "2024-11-12", "end": "2024-11-12"}
    assert len(visit_events(linked_db([first, second]))) == 2


def test_a_mention_missing_an_actor_joins_only_when_dates_agree():
    first, second = visit_pair()
    second["events"][0]["target"] = None
    assert len(visit_events(linked_db([first, second]))) == 2
    for record in (first, second):
        record["events"][0]["date"] = {"value": "2024-W45", "start": "2024-11-04",
                                       "end": "2024-11-10"}
    assert len(visit_events(linked_db([first, second]))) == 1


def test_mentions_table_and_event_rows_point_at_the_merged_event():
    db = linked_db(visit_pair())
    [event] = visit_events(db)
    rows = [m for m in views.mentions(db) if m["merged_event_id"] == event["id"]]
    assert {(r["article_id"], r["event_id"]) for r in rows} == {("a1", "v1"), ("a2", "v1")}
    assert {r["origin_kind"] for r in rows} == {"cited_outlet", "anonymous"}


def test_wire_credit_and_publisher_origin():
    assert wire_credit("LONDON (Reuters) - Talks began.") == "Reuters"
    assert wire_credit("Talks began, the Apprentice said.") is None
    # Quoting an agency is not copying it.
    assert wire_credit("The rights groups told Reuters that talks began.") is None
    assert wire_credit("LONDON (Reuters) - Talks began.", outlet="Reuters") is None
    infos = {"a": ArticleInfo("a", "Herald", None, "text"),
             "b": ArticleInfo("b", "Gazette", "a", "text")}
    assert publisher_origin("b", infos).key == publisher_origin("a", infos).key
    assert publisher_origin("b", infos).kind == "copy"


def test_events_of_unrelated_stories_are_never_merged():
    first, _ = visit_pair()
    text = "Farmers in Ostvale protested against new water rules on Monday, police said."
    other = make_record("z9", text, "2024-11-10", "Courier", "Ostvale farmers protest water rules",
                        events=[make_event(text, "v1", "protested", plover="PROTEST", cameo="141",
                                           source=("Farmers", "ISR"))],
                        claims=[make_claim(text, "c1", "police", "said",
                                           "Farmers in Ostvale protested against new water rules on Monday")])
    db = linked_db([first, other])
    stories = {e["story"] for e in views.events(db)}
    assert len(stories) == 2


def test_each_mention_says_why_it_was_merged():
    [event] = visit_events(linked_db(visit_pair()))
    why = {m["article"]: m["why"] for m in event["mentions"]}
    assert why["a1"] == "first report"
    assert "matching actors (ISR -> RUS)" in why["a2"] and "consult" in why["a2"]


def test_anonymous_sources_cited_by_an_outlet_belong_to_that_outlet():
    from crosswire.link.origins import claim_origin
    text = "Radio Ost reported, citing two officials, that Hollis visited Moravia."
    outer = make_claim(text, "c1", "Radio Ost", "reported",
                       "that Hollis visited Moravia", kind="outlet")
    inner = make_claim(text, "c2", "two officials", "citing", "that Hollis visited Moravia",
                       kind="anonymous", cited_by="c1")
    record = make_record("r1", text, claims=[outer, inner])
    infos = {"r1": ArticleInfo("r1", "Herald", None, text)}
    origin = claim_origin(inner, record, infos)
    assert origin.kind == "anonymous" and origin.label == "two officials (Radio Ost)"
    assert "cited_outlet:radio ost" in origin.key


def test_merged_event_knows_when_it_was_first_and_last_reported():
    [event] = visit_events(linked_db(visit_pair()))
    assert event["first_reported"] == "2024-11-10" and event["last_reported"] == "2024-11-14"
