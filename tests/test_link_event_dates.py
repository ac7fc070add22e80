"""Merging by date at the finer granularity; vague or wide dates never widen a
specific one and are flagged for the timeline (issue #14, item 3)."""
from __future__ import annotations

from crosswire.compare.timeline import timeline
from crosswire.link import views
from crosswire.link.events import date_precision
from test_link_support import linked_db, make_event, make_record

ATTACK = ("Rebels attacked a train near Sibi on Tuesday and held the passengers. "
          "Last month, rebels ambushed a convoy near Kalat.")


def day(value):
    return {"value": value, "start": value, "end": value, "timex": None}


FEBRUARY = {"value": "2025-02", "start": "2025-02-01", "end": "2025-02-28", "timex": None}
PAST = {"value": "PAST_REF", "start": None, "end": "2025-03-12", "timex": None}
CENTURY = {"value": "19", "start": "1900-01-01", "end": "1999-12-31", "timex": None}


def attack_record(first_date, second_date, second_target=("passengers", "PAK")):
    events = [make_event(ATTACK, "v1", "attacked", plover="ASSAULT", cameo="180",
                         source=("Rebels", "PAK"), target=("passengers", "PAK"), date=first_date),
              make_event(ATTACK, "v2", "ambushed", plover="ASSAULT", cameo="180",
                         source=("rebels", "PAK"), target=second_target, date=second_date)]
    return make_record("t1", ATTACK, "2025-03-12", "Herald", "Train attack", events=events)


def test_a_day_and_another_month_are_different_events():
    events = views.events(linked_db([attack_record(day("2025-03-11"), FEBRUARY)]))
    assert sorted(e["date"]["value"] for e in events) == ["2025-02", "2025-03-11"]


def test_a_day_inside_a_month_merges_and_keeps_the_day():
    march = {"value": "2025-03", "start": "2025-03-01", "end": "2025-03-31", "timex": None}
    [event] = views.events(linked_db([attack_record(march, day("2025-03-11"))]))
    assert event["num_mentions"] == 2
    assert event["date"]["value"] == "2025-03-11" and event["date_precision"] == "day"
    assert not event["date_vague"]


def test_a_vague_date_joins_a_dated_event_only_with_both_actors_matching():
    # The target is unknown on the vague mention: no evidence it is the same ambush.
    events = views.events(linked_db([attack_record(FEBRUARY, PAST, second_target=None)]))
    assert len(events) == 2
    by_value = {e["date"]["value"]: e for e in events}
    assert by_value["2025-02"]["num_mentions"] == 1
    assert by_value["PAST_REF"]["date_vague"] is True
    # Both actors known and matching: the same event, and its date stays February.
    [event] = views.events(linked_db([attack_record(FEBRUARY, PAST)]))
    assert event["num_mentions"] == 2 and event["date"]["value"] == "2025-02"


def test_a_century_is_a_wide_date_flagged_for_the_timeline():
    assert date_precision({"date": CENTURY}) == "wide"
    assert date_precision({"date": PAST}) == "vague"
    assert date_precision({"date": FEBRUARY}) == "month"
    assert date_precision({"date": None}) is None
    # Same actors: one event, and the century never widens the day.
    [event] = views.events(linked_db([attack_record(day("2025-03-11"), CENTURY)]))
    assert event["date"]["value"] == "2025-03-11" and event["date_precision"] == "day"
    events = views.events(linked_db([attack_record(day("2025-03-11"), CENTURY,
                                                   second_target=None)]))
    rows = {r["when"]: r for r in timeline(events)}
    assert rows["19"]["date_vague"] is True and rows["19"]["date_precision"] == "wide"
    assert rows["2025-03-11"]["date_vague"] is False
