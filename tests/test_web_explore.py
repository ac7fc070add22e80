"""/explore: the default range is where most events lie, nothing is dropped silently,
and only non-empty buckets are returned (issue #14, item 5)."""
from __future__ import annotations

import re

from sqlalchemy import insert
from test_web_fixtures import _merged, client, web_db  # noqa: F401  (pytest fixtures)

from crosswire.store import schema
from crosswire.web.explore_range import auto_interval, sort_events


def event(start, end=None, quad=1):
    return {"date_start": start, "date_end": end or start, "quad_class": quad}


def march_events(n=30):
    return [event(f"2024-03-{1 + i % 28:02d}") for i in range(n)]


def test_one_far_date_does_not_set_the_range_and_is_counted():
    events = march_events() + [
        event("1913-01-01"),                      # a stray precise date, far away
        event("3024-03-11"),                      # a typo'd year
        event("1900-01-01", "1999-12-31"),        # "the 20th century": vague
        event("2025-02-01", "2025-02-28"),        # "2025-02": vague per day or week
        {"date_start": None, "date_end": "2024-03-05", "quad_class": 1},  # PAST_REF
    ]
    parts = sort_events(events, "day")
    assert parts.default_range
    assert (parts.date_from, parts.date_to) == ("2024-03-01", "2024-03-28")
    assert len(parts.charted) == 30
    assert (parts.before, parts.after, parts.vague, parts.undated) == (1, 1, 2, 1)
    assert len(parts.charted) + parts.before + parts.after + parts.vague + parts.undated \
        == len(events)  # every event is accounted for
    assert (parts.earliest, parts.latest) == ("1913-01-01", "3024-03-11")


def test_nearby_events_stay_inside_the_default_range():
    # Spread over a year with a few stragglers a month out: nothing is cut.
    events = [event(f"2024-{m:02d}-15") for m in range(1, 13)] + [event("2025-01-20")]
    parts = sort_events(events, "week")
    assert parts.before == parts.after == 0 and len(parts.charted) == 13


def test_an_explicit_range_counts_what_falls_outside():
    parts = sort_events(march_events() + [event("2024-05-01")], "day",
                        date_from="2024-03-10", date_to="2024-03-31")
    assert not parts.default_range
    assert parts.after == 1 and parts.before > 0
    assert parts.before + parts.after + len(parts.charted) == 31


def test_a_month_counts_as_precise_per_month():
    parts = sort_events([event("2025-02-01", "2025-02-28")], "month")
    assert len(parts.charted) == 1 and parts.vague == 0


def test_the_interval_suits_the_range():
    assert auto_interval("2024-03-01", "2024-03-28") == "day"
    assert auto_interval("2024-01-01", "2024-12-31") == "week"
    assert auto_interval("2019-01-01", "2025-06-30") == "month"


def add_far_events(db):
    with db.begin() as conn:
        conn.execute(insert(schema.merged_events), [
            _merged(f"x{i}", "s1", "CHLGOV", "PER", day, day, "single_source", 1, [])
            for i, day in enumerate(["2024-03-02", "2024-03-03", "1905-06-01", "3024-03-11"])
        ] + [_merged("x9", "s1", "CHLGOV", "PER", "1900-01-01", "1999-12-31",
                     "single_source", 1, [])])


def test_explore_page_and_api_default_to_where_events_lie(client, web_db):
    add_far_events(web_db)
    body = client.get("/api/explore", params={"source": "CHL"}).json()
    assert body["range"]["date_from"] == "2024-03-01" and body["range"]["date_to"] == "2024-03-03"
    assert body["outside"] == {"before": 1, "after": 1} and body["vague"] == 1
    assert all(row["total"] > 0 for row in body["series"])  # only non-empty buckets
    assert sum(row["total"] for row in body["series"]) == body["charted"] == 3
    page = client.get("/explore", params={"source": "CHL"}).text
    left_out = re.search(r'<p class="left-out".*?</p>', page, re.S).group(0)
    assert "2 outside this range (1 before, 1 after)" in left_out
    assert "1 with a vague date" in left_out
    widen = re.search(r'id="widen-link" href="([^"]+)"', left_out).group(1)
    assert "date_from=1905-06-01" in widen and "date_to=3024-03-11" in widen
    wide = client.get(widen.replace("&amp;", "&")).text
    assert "1905" in wide and "0 outside" not in wide
    # The axis is not set by 1905: the chart shows March 2024 per day.
    assert "2024-03-01" in page and "1905" not in page.split('id="explore-result"')[1].split(
        'class="left-out"')[0]
