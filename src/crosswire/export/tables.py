"""Everything linked, as flat rows: the common ground of the JSONL and Parquet exports."""
from __future__ import annotations

import json

from sqlalchemy import select

from ..link import views
from ..store import schema


def article_rows(db) -> list[dict]:
    a = schema.articles
    query = select(a.c.id, a.c.story_id, a.c.duplicate_of, a.c.record).order_by(a.c.seq)
    with db.engine.connect() as conn:
        return [{**json.loads(r.record), "story": r.story_id, "duplicate_of": r.duplicate_of}
                for r in conn.execute(query)]


def event_row(event: dict) -> dict:
    """A merged event with its nested parts flattened to columns (full JSON in ``data``)."""
    date = event.get("date") or {}
    place = event.get("place") or {}
    row = {"id": event["id"], "story": event.get("story"), "cameo": event.get("cameo"),
           "cameo_root": event.get("cameo_root"),
           "plover_type": (event.get("plover") or {}).get("type"),
           "plover_mode": (event.get("plover") or {}).get("mode"),
           "quad_class": event.get("quad_class"), "goldstein": event.get("goldstein"),
           "modality": event.get("modality"), "date_value": date.get("value"),
           "date_start": date.get("start"), "date_end": date.get("end"),
           "place_name": place.get("name"), "place_country": place.get("country"),
           "lat": place.get("lat"), "lon": place.get("lon"),
           "num_mentions": event.get("num_mentions"), "num_articles": event.get("num_articles"),
           "num_sources": event.get("num_sources"), "status": event.get("status"),
           "text": event.get("text"), "data": json.dumps(event, ensure_ascii=False)}
    for role in ("source", "target"):
        ref = event.get(role) or {}
        actor = ref.get("actor") or {}
        row[f"{role}_text"] = ref.get("text")
        row[f"{role}_code"] = actor.get("code")
        row[f"{role}_country"] = actor.get("country")
    return row


def conflict_row(conflict: dict) -> dict:
    return {"id": conflict["id"], "story": conflict["story"], "kind": conflict["kind"],
            "topic": conflict["topic"], "explanation": conflict["explanation"],
            "between": conflict.get("between", []), "articles": conflict.get("articles", []),
            "data": json.dumps(conflict, ensure_ascii=False)}


def timeline_rows(db) -> list[dict]:
    rows = []
    for story in views.stories(db):
        for position, row in enumerate(views.story_timeline(db, story["id"])):
            rows.append({"story": story["id"], "position": position, **row})
    return rows


def all_tables(db) -> dict[str, list[dict]]:
    """name -> rows, for every export."""
    return {
        "articles": article_rows(db),
        "stories": views.stories(db),
        "events": views.events(db),
        "mentions": views.mentions(db),
        "conflicts": views.conflicts(db),
        "claims": views.claim_statuses(db),
        "timelines": timeline_rows(db),
    }
