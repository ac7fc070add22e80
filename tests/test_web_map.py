"""The offline map of a story's and an actor's events and places (issue #14, item 5)."""
from __future__ import annotations

import re

from sqlalchemy import update
from test_web_fixtures import client, web_db  # noqa: F401  (pytest fixtures)

from crosswire.store import schema
from crosswire.web import mapdata
from crosswire.web.worldmap import MapPoint, countries, radius, view_box, world_map


def test_the_shipped_outlines_cover_the_world():
    shapes = {c.iso3: c for c in countries()}
    assert len(shapes) > 150
    for iso3 in ("PER", "CHL", "PAK", "RUS", "USA", "LBN"):
        assert re.match(r"^M\d+ \d+l", shapes[iso3].path), iso3


def test_points_are_sized_by_independent_sources_not_articles():
    events = [
        {"lat": -12.05, "lon": -77.04, "origins": ["Radio Andina", "El Diario"],
         "num_sources": 2, "plover_type": "CONSULT", "quad_class": 1,
         "location_country": "PER", "place": {"name": "Lima"}},
        {"lat": -12.05, "lon": -77.04, "origins": ["Radio Andina"], "num_sources": 1,
         "plover_type": "ASSAULT", "quad_class": 4, "location_country": "PER"},
        {"lat": -33.45, "lon": -70.67, "origins": ["Wire A"], "num_sources": 1,
         "num_articles": 9, "plover_type": "AID", "quad_class": 2, "location_country": "CHL"},
        {"lat": None, "lon": None, "origins": ["x"], "num_sources": 5},  # no place: no point
    ]
    points = mapdata.event_points(events)
    assert [(p.label.split(":")[0], p.events, p.sources) for p in points] == [
        ("Lima", 2, 2), ("Chile", 1, 1)]  # nine articles from one origin are one source
    assert "meeting or talks" in points[0].label and "attack" in points[0].label
    lima, santiago = points
    assert radius(lima, 360) > radius(santiago, 360)


def test_named_places_are_drawn_apart_from_events():
    articles = [{"places": [{"name": "Lima", "lat": -12.05, "lon": -77.04},
                            {"name": "Arica", "lat": -18.48, "lon": -70.31},
                            {"name": "Nowhere", "lat": None, "lon": None}]},
                {"places": [{"name": "Arica", "lat": -18.48, "lon": -70.31}]}]
    events = mapdata.event_points([{"lat": -12.05, "lon": -77.04, "origins": ["a"],
                                    "num_sources": 1}])
    places = mapdata.place_points(articles, skip=events)
    assert [p.label for p in places] == ["Arica: named in 2 articles, no event placed here"]
    svg = str(world_map(events + places, "map"))
    assert svg.count('class="place"') == 1 and svg.count('class="event q') == 1


def test_the_view_is_framed_on_the_events():
    x, y, w, h = view_box([MapPoint(lat=-12, lon=-77, label="Lima", sources=1)])
    assert x < (180 - 77) * 10 < x + w and y < (90 + 12) * 10 < y + h
    assert w < 3600 / 4  # zoomed in, not the whole globe
    assert str(world_map([MapPoint(lat=None, lon=None, label="x")], "m")) == ""


def test_story_and_actor_pages_draw_the_map(client, web_db):
    with web_db.begin() as conn:
        conn.execute(update(schema.merged_events).where(schema.merged_events.c.id == "m1")
                     .values(lat=-12.05, lon=-77.04, location_country="PER"))
    story = client.get("/stories/s1").text
    section = story.split('id="map"')[1].split("</section>")[0]
    assert '<svg' in section and 'class="world-map"' in section
    assert 'class="land hit"' in section  # Peru, where the event happened
    assert "2 independent sources" in section  # the visit, from two origins
    actor = client.get("/actors/CHLGOV").text
    assert 'class="world-map"' in actor.split('id="map"')[1].split("</section>")[0]
    # An actor without placed events says so instead of drawing an empty map.
    assert "None of these events has a place" in client.get("/actors/PERCOP").text
