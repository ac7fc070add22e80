"""Read-only views of the cross-article tables, in the shapes the CLI, the web
UI and the exports print (``docs/linking.md`` and the output contract)."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from ..compare.conflicts import NOT_CONFLICT_KINDS
from ..compare.timeline import timeline
from ..store import schema
from .stories import story_number


def _story_rows(conn, story_id: str | None = None):
    s = schema.stories
    query = select(s.c.id, s.c.title, s.c.first_seen, s.c.last_seen, s.c.size)
    if story_id is not None:
        query = query.where(s.c.id == story_id)
    return sorted(conn.execute(query), key=lambda r: story_number(r.id))


def _members(conn) -> dict[str, list[tuple[str, str | None]]]:
    a = schema.articles
    members: dict[str, list] = {}
    query = select(a.c.id, a.c.outlet, a.c.story_id).order_by(a.c.seq)
    for row in conn.execute(query):
        members.setdefault(row.story_id, []).append((row.id, row.outlet))
    return members


def _counts(conn, table, *where) -> dict[str, int]:
    query = select(table.c.story_id, func.count()).where(*where).group_by(table.c.story_id)
    return {story: count for story, count in conn.execute(query)}


def stories(db, story_id: str | None = None) -> list[dict]:
    """``[{"id", "title", "first_seen", "last_seen", "articles", "outlets", "size",
    "num_events", "num_conflicts"}]``."""
    with db.engine.connect() as conn:
        members = _members(conn)
        events = _counts(conn, schema.merged_events)
        conflicts = _counts(conn, schema.conflicts,
                            schema.conflicts.c.kind.not_in(NOT_CONFLICT_KINDS))
        out = []
        for row in _story_rows(conn, story_id):
            articles = members.get(row.id, [])
            out.append({"id": row.id, "title": row.title, "first_seen": row.first_seen,
                        "last_seen": row.last_seen, "articles": [a for a, _ in articles],
                        "outlets": sorted({o for _, o in articles if o}),
                        "size": len(articles), "num_events": events.get(row.id, 0),
                        "num_conflicts": conflicts.get(row.id, 0)})
    return out


def story(db, story_id: str) -> dict | None:
    """One story with its articles' titles and dates, events, conflicts and timeline."""
    found = stories(db, story_id)
    if not found:
        return None
    out = found[0]
    a = schema.articles
    with db.engine.connect() as conn:
        query = (select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.duplicate_of)
                 .where(a.c.story_id == story_id).order_by(a.c.seq))
        out["article_list"] = [dict(r._mapping) for r in conn.execute(query)]
    out["events"] = events(db, story_id)
    out["conflicts"] = conflicts(db, story_id)
    decided = conflicts(db, story_id, decisions=True)
    out["figure_updates"] = [c for c in decided if c["kind"] == "figure_update"]
    out["timeline"] = timeline(out["events"])
    return out


def events(db, story_id: str | None = None, min_articles: int = 1) -> list[dict]:
    """Merged events (each with mentions, num_articles, num_sources, status)."""
    me = schema.merged_events
    query = select(me.c.data, me.c.story_id).where(me.c.num_articles >= min_articles)
    if story_id is not None:
        query = query.where(me.c.story_id == story_id)
    with db.engine.connect() as conn:
        rows = [json.loads(r.data) for r in conn.execute(query)]
    return sorted(rows, key=_event_order)


def _event_order(event: dict) -> tuple:
    first = event["mentions"][0] if event.get("mentions") else {}
    return (story_number(event.get("story") or ""), str(first.get("article")),
            _event_number(first.get("event")))


def _event_number(event_id: str | None) -> int:
    digits = "".join(ch for ch in str(event_id or "") if ch.isdigit())
    return int(digits) if digits else 0


def conflicts(db, story_id: str | None = None, kind: str | None = None,
              decisions: bool = False) -> list[dict]:
    """Conflicts; with ``decisions``, also the rows recording figure updates and
    figures set aside (``compare.conflicts.NOT_CONFLICT_KINDS``)."""
    k = schema.conflicts
    query = select(k.c.data)
    if not decisions:
        query = query.where(k.c.kind.not_in(NOT_CONFLICT_KINDS))
    if story_id is not None:
        query = query.where(k.c.story_id == story_id)
    if kind is not None:
        query = query.where(k.c.kind == kind)
    with db.engine.connect() as conn:
        rows = [json.loads(r.data) for r in conn.execute(query)]
    return sorted(rows, key=lambda c: (story_number(c["story"]), c["kind"], c["id"]))


def story_timeline(db, story_id: str) -> list[dict]:
    return timeline(events(db, story_id))


def mentions(db) -> list[dict]:
    m = schema.mentions
    with db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(m))]
    return sorted(rows, key=lambda r: (r["merged_event_id"], r["article_id"], r["event_id"]))


def claim_statuses(db) -> list[dict]:
    c = schema.claims
    query = select(c.c.article_id, c.c.id, c.c.source_text, c.c.content, c.c.status,
                   c.c.corroborated_by)
    with db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query.order_by(c.c.article_id, c.c.id))]
    for row in rows:  # the independent origins behind the claim, its own first
        row["corroborated_by"] = json.loads(row["corroborated_by"] or "[]")
    return rows
