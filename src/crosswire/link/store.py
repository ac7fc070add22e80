"""Reading and writing the cross-article tables for linking (SQLAlchemy Core only).

The clusterer's per-story state lives in ``stories.state``; its corpus-wide
counters (document frequencies, next story number) and the list of stories
whose links still need recomputing live in ``crosswire_meta`` under
``link.clusterer`` and ``link.dirty_stories``.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from ..store import schema
from .origins import ArticleInfo
from .stories import GlobalState, StoryState, story_title

CLUSTERER_KEY = "link.clusterer"
DIRTY_KEY = "link.dirty_stories"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# ------------------------------------------------------------------ clusterer state


def load_global(db, conn: Connection) -> GlobalState:
    raw = db.get_meta(CLUSTERER_KEY, conn)
    return GlobalState.from_json(json.loads(raw) if raw else None)


def save_global(db, conn: Connection, glob: GlobalState) -> None:
    db.set_meta(CLUSTERER_KEY, _dumps(glob.to_json()), conn)


def lock_clusterer(db, conn: Connection) -> None:
    """Make this transaction the only linker until it ends: a write to the
    clusterer row takes SQLite's write lock and PostgreSQL's row lock, so the
    state (and the next story number) read after it cannot be stale."""
    table = schema.meta_info
    done = conn.execute(update(table).where(table.c.key == CLUSTERER_KEY)
                        .values(value=table.c.value)).rowcount
    if not done:  # first run: a concurrent first run fails on the key and is retried
        conn.execute(insert(table).values(key=CLUSTERER_KEY, value=_dumps(GlobalState().to_json())))


def dirty_stories(db, conn: Connection) -> list[str]:
    raw = db.get_meta(DIRTY_KEY, conn)
    return json.loads(raw) if raw else []


def mark_dirty(db, conn: Connection, story_ids) -> None:
    current = dirty_stories(db, conn)
    merged = current + [s for s in story_ids if s not in current]
    if merged != current:
        db.set_meta(DIRTY_KEY, _dumps(merged), conn)


def mark_clean(db, conn: Connection, story_ids) -> None:
    done = {story_ids} if isinstance(story_ids, str) else set(story_ids)
    db.set_meta(DIRTY_KEY, _dumps([s for s in dirty_stories(db, conn) if s not in done]), conn)


# ------------------------------------------------------------------ stories


def unassigned_article_ids(conn: Connection, limit: int | None = None) -> list[str]:
    a = schema.articles
    query = select(a.c.id).where(a.c.story_id.is_(None)).order_by(a.c.seq)
    if limit is not None:
        query = query.limit(limit)
    return [row.id for row in conn.execute(query)]


def article_rows(conn: Connection, article_ids: list[str]) -> list[tuple[dict, str | None]]:
    """(record, duplicate_of) of the articles, in the order of ``article_ids``."""
    a = schema.articles
    found = {}
    for chunk in chunks(article_ids):
        query = select(a.c.id, a.c.record, a.c.duplicate_of).where(a.c.id.in_(chunk))
        found.update({row.id: (json.loads(row.record), row.duplicate_of)
                      for row in conn.execute(query)})
    return [found[i] for i in article_ids if i in found]


def story_of_article(conn: Connection, article_id: str) -> str | None:
    a = schema.articles
    return conn.execute(select(a.c.story_id).where(a.c.id == article_id)).scalar()


def load_story(conn: Connection, story_id: str) -> StoryState | None:
    s = schema.stories
    row = conn.execute(select(s.c.id, s.c.state).where(s.c.id == story_id)).first()
    return StoryState.from_json(row.id, json.loads(row.state or "{}")) if row else None


def earliest_unassigned_day(conn: Connection) -> date | None:
    """Publication day of the oldest article without a story; None when one of them
    is undated (an undated article may join any story, so all must be loaded)."""
    a = schema.articles
    unassigned = a.c.story_id.is_(None)
    if conn.execute(select(a.c.id).where(unassigned, a.c.published_date.is_(None))).first():
        return None
    value = conn.execute(select(func.min(a.c.published_date)).where(unassigned)).scalar()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def record_of(conn: Connection, article_id: str) -> dict:
    raw = conn.execute(select(schema.articles.c.record)
                       .where(schema.articles.c.id == article_id)).scalar()
    return json.loads(raw)


def candidate_stories(conn: Connection, day: date | None, max_gap_days: int) -> list[StoryState]:
    """Stories still open around ``day``: last seen no more than ``max_gap_days`` before it."""
    s = schema.stories
    query = select(s.c.id, s.c.state)
    if day is not None:
        since = (day - timedelta(days=max_gap_days)).isoformat()
        query = query.where(or_(s.c.last_seen.is_(None), s.c.last_seen >= since))
    return [StoryState.from_json(row.id, json.loads(row.state or "{}"))
            for row in conn.execute(query)]


def save_story(conn: Connection, story: StoryState, created: bool) -> None:
    values = dict(title=story_title(story), first_seen=story.first, last_seen=story.last,
                  size=story.size, state=_dumps(story.to_json()))
    s = schema.stories
    if created:
        conn.execute(insert(s).values(id=story.id, **values))
    else:
        conn.execute(update(s).where(s.c.id == story.id).values(**values))


def set_article_story(conn: Connection, article_id: str, story_id: str) -> None:
    a = schema.articles
    conn.execute(update(a).where(a.c.id == article_id).values(story_id=story_id))


def set_article_stories(conn: Connection, pairs: dict[str, str]) -> None:
    """Many ``article -> story`` assignments in one statement."""
    if pairs:
        a = schema.articles
        conn.execute(update(a).where(a.c.id == bindparam("a_id")).values(story_id=bindparam("s_id")),
                     [{"a_id": a_id, "s_id": s_id} for a_id, s_id in pairs.items()])


def delete_story(conn: Connection, story_id: str) -> None:
    conn.execute(delete(schema.stories).where(schema.stories.c.id == story_id))


def story_member_ids(conn: Connection, story_id: str) -> list[str]:
    a = schema.articles
    query = select(a.c.id).where(a.c.story_id == story_id).order_by(a.c.seq)
    return [row.id for row in conn.execute(query)]


def assigned_article_ids(conn: Connection) -> list[str]:
    a = schema.articles
    query = select(a.c.id).where(a.c.story_id.is_not(None)).order_by(a.c.seq)
    return [row.id for row in conn.execute(query)]


ID_CHUNK = 500  # ids per IN (...): SQLite limits bound parameters per statement


def chunks(ids: list[str]) -> list[list[str]]:
    return [ids[start:start + ID_CHUNK] for start in range(0, len(ids), ID_CHUNK)]


def stories_of(conn: Connection, article_ids) -> list[str]:
    a = schema.articles
    found = set()
    for chunk in chunks(list(article_ids)):
        query = select(a.c.story_id).where(a.c.id.in_(chunk), a.c.story_id.is_not(None))
        found.update(row.story_id for row in conn.execute(query))
    return sorted(found)


def story_records(conn: Connection, story_id: str) -> list[tuple[dict, int]]:
    a = schema.articles
    query = select(a.c.record, a.c.seq).where(a.c.story_id == story_id).order_by(a.c.seq)
    return [(json.loads(row.record), row.seq) for row in conn.execute(query)]


def article_infos(conn: Connection, article_ids) -> dict[str, ArticleInfo]:
    """Outlet, text and duplicate_of of the articles, following duplicate_of to originals."""
    a = schema.articles
    infos: dict[str, ArticleInfo] = {}
    wanted = set(article_ids)
    while wanted:
        for chunk in chunks(sorted(wanted)):
            query = select(a.c.id, a.c.outlet, a.c.duplicate_of, a.c.text).where(a.c.id.in_(chunk))
            for row in conn.execute(query):
                infos[row.id] = ArticleInfo(row.id, row.outlet, row.duplicate_of, row.text)
        wanted = {i.duplicate_of for i in infos.values()
                  if i.duplicate_of and i.duplicate_of not in infos} - wanted
    return infos


# ------------------------------------------------------------------ links of a story


def clear_story_links(conn: Connection, story_id: str, article_ids: list[str]) -> None:
    me, m, k = schema.merged_events, schema.mentions, schema.conflicts
    old = select(me.c.id).where(me.c.story_id == story_id)
    conn.execute(delete(m).where(m.c.merged_event_id.in_(old)))
    conn.execute(delete(me).where(me.c.story_id == story_id))
    conn.execute(delete(k).where(k.c.story_id == story_id))
    ev, cl = schema.events, schema.claims
    for chunk in chunks(article_ids):
        conn.execute(update(ev).where(ev.c.article_id.in_(chunk)).values(merged_event_id=None))
        conn.execute(update(cl).where(cl.c.article_id.in_(chunk)).values(status=None))


def _iso_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` values only: "2024-W44" or "PAST_REF" are not a day to sort on."""
    try:
        return date.fromisoformat(value[:10]).isoformat() if value and len(value) >= 10 else None
    except ValueError:
        return None


def merged_event_row(event: dict) -> dict:
    source = (event.get("source") or {}).get("actor") or {}
    target = (event.get("target") or {}).get("actor") or {}
    when = event.get("date") or {}
    place = event.get("place") or {}
    plover = event.get("plover") or {}
    return dict(
        id=event["id"], story_id=event["story"], cameo=event.get("cameo"),
        cameo_root=event.get("cameo_root"), plover_type=plover.get("type"),
        quad_class=event.get("quad_class"), goldstein=event.get("goldstein"),
        source_code=source.get("code"), source_country=source.get("country"),
        target_code=target.get("code"), target_country=target.get("country"),
        modality=event.get("modality"), date_start=_iso_day(when.get("start") or when.get("value")),
        date_end=when.get("end"), location_country=place.get("country"), lat=place.get("lat"),
        lon=place.get("lon"), num_articles=event["num_articles"],
        num_sources=event["num_sources"], status=event["status"], data=_dumps(event))


def write_story_links(conn: Connection, merged: list[dict], mention_rows: list[dict],
                      conflicts: list[dict], claim_status: dict[str, str]) -> None:
    if merged:
        conn.execute(insert(schema.merged_events), [merged_event_row(e) for e in merged])
    if mention_rows:
        conn.execute(insert(schema.mentions), mention_rows)
        ev = schema.events
        conn.execute(update(ev).where(and_(ev.c.article_id == bindparam("a_id"),
                                           ev.c.id == bindparam("e_id")))
                     .values(merged_event_id=bindparam("m_id")),
                     [{"a_id": r["article_id"], "e_id": r["event_id"],
                       "m_id": r["merged_event_id"]} for r in mention_rows])
    if conflicts:
        conn.execute(insert(schema.conflicts), [
            dict(id=c["id"], story_id=c["story"], kind=c["kind"], topic=c["topic"],
                 explanation=c["explanation"], data=_dumps(c)) for c in conflicts])
    if claim_status:
        cl = schema.claims
        conn.execute(update(cl).where(and_(cl.c.article_id == bindparam("a_id"),
                                           cl.c.id == bindparam("c_id")))
                     .values(status=bindparam("st")),
                     [{"a_id": key.rsplit(":", 1)[0], "c_id": key.rsplit(":", 1)[1], "st": st}
                      for key, st in sorted(claim_status.items())])


def all_story_ids(conn: Connection) -> list[str]:
    return [row.id for row in conn.execute(select(schema.stories.c.id))]


def write_claim_support(conn: Connection, support: dict[str, list[str]]) -> None:
    """``claims.corroborated_by`` of every claim of a story (``compare.status.claim_support``)."""
    if support:
        cl = schema.claims
        conn.execute(update(cl).where(and_(cl.c.article_id == bindparam("a_id"),
                                           cl.c.id == bindparam("c_id")))
                     .values(corroborated_by=bindparam("by")),
                     [{"a_id": key.rsplit(":", 1)[0], "c_id": key.rsplit(":", 1)[1],
                       "by": _dumps(labels)} for key, labels in sorted(support.items())])
