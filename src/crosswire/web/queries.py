"""Read-only queries behind the web pages and the JSON API.

Every function takes a :class:`~crosswire.store.db.Database` and returns plain
dicts and lists, so the HTML pages and the JSON API show the same data. SQL
goes through SQLAlchemy Core with bound parameters only; anything that would
need dialect-specific SQL (week buckets, JSON fields) is done in Python on
the rows a filtered query returns.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from sqlalchemy import and_, desc, func, or_, select
from sqlalchemy.engine import Connection

from ..compare.conflicts import NOT_CONFLICT_KINDS
from ..store import schema
from ..store.db import Database
from . import labels

A, S, E, C = schema.articles, schema.stories, schema.events, schema.claims
ME, MN, CF, EN = schema.merged_events, schema.mentions, schema.conflicts, schema.entities
PL = schema.places

STATUSES = ("corroborated", "single_source", "disputed")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}


def loads(text: str | None, default: Any = None) -> Any:
    """A JSON column, tolerating NULL and (from older tools) broken JSON."""
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


# ------------------------------------------------------------------ filters


@dataclass(frozen=True)
class StoryFilters:
    """What the stories list is narrowed by (all optional, already validated)."""

    q: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    actor: str | None = None
    country: str | None = None
    sort: str = "recent"  # recent | size


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


def _article_ids_matching(f: StoryFilters):
    """A sub-select of article ids that pass the article-level filters, or None."""
    conditions = []
    if f.q:
        # Full-text search, portable: every word must appear in title or text.
        for word in f.q.split():
            conditions.append(or_(contains(A.c.title, word), contains(A.c.text, word)))
    if f.date_from:
        conditions.append(A.c.published_date >= f.date_from)
    if f.date_to:
        conditions.append(A.c.published_date <= f.date_to)
    if f.outlet:
        conditions.append(func.lower(A.c.outlet) == f.outlet.lower())
    if f.actor:
        conditions.append(A.c.id.in_(_articles_with_actor(f.actor)))
    if f.country:
        conditions.append(or_(A.c.id.in_(select(EN.c.article_id)
                                         .where(EN.c.actor_country == f.country)),
                              A.c.id.in_(select(PL.c.article_id).where(PL.c.country == f.country))))
    if not conditions:
        return None
    return select(A.c.story_id).where(and_(*conditions))


def _articles_with_actor(code: str):
    """Articles naming an actor: an entity coded with it, or an event it takes part in."""
    return select(EN.c.article_id).where(actor_code_matches(EN.c.actor_code, code)).union(
        select(E.c.article_id).where(or_(actor_code_matches(E.c.source_code, code),
                                         actor_code_matches(E.c.target_code, code))))


def actor_code_matches(column, code: str):
    """A code matches itself and its refinements: ISR matches ISRGOV, ISRGOV matches ISRGOVMIL."""
    return or_(column == code, column.startswith(code, autoescape=True))


def contains(column, text: str):
    """Case-insensitive substring match; % and _ in the text are matched literally."""
    return func.lower(column).contains(text.lower(), autoescape=True)


# ------------------------------------------------------------------ stories


def list_stories(db: Database, f: StoryFilters, page: Page) -> dict:
    """Stories passing the filters, newest (or largest) first, with their outlets."""
    query = select(S.c.id, S.c.title, S.c.first_seen, S.c.last_seen, S.c.size)
    matching = _article_ids_matching(f)
    if matching is not None:
        query = query.where(S.c.id.in_(matching))
    order = ((desc(S.c.size), desc(S.c.last_seen)) if f.sort == "size"
             else (desc(S.c.last_seen), desc(S.c.size)))
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0
        rows = conn.execute(query.order_by(*order, S.c.id).limit(page.limit)
                            .offset(page.offset)).all()
        items = [dict(r._mapping) for r in rows]
        _add_story_outlets(conn, items)
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def _add_story_outlets(conn: Connection, stories: list[dict]) -> None:
    ids = [s["id"] for s in stories]
    if not ids:
        return
    outlets: dict[str, list[str]] = defaultdict(list)
    counts: Counter = Counter()
    rows = conn.execute(select(A.c.story_id, A.c.outlet).where(A.c.story_id.in_(ids))
                        .order_by(A.c.seq))
    for story_id, outlet in rows:
        counts[story_id] += 1
        if outlet and outlet not in outlets[story_id]:
            outlets[story_id].append(outlet)
    statuses = _status_counts(conn, ids)
    conflicts = dict(conn.execute(select(CF.c.story_id, func.count()).where(CF.c.story_id.in_(ids))
                                  .where(REAL_CONFLICT).group_by(CF.c.story_id)).all())
    for s in stories:
        s["outlets"] = outlets.get(s["id"], [])
        s["num_articles"] = counts.get(s["id"], 0)
        s["event_status"] = statuses.get(s["id"], {})
        s["num_conflicts"] = conflicts.get(s["id"], 0)


def _status_counts(conn: Connection, story_ids: list[str]) -> dict[str, dict[str, int]]:
    """How many of each story's merged events are corroborated, single-source, disputed."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = conn.execute(select(ME.c.story_id, ME.c.status, func.count())
                        .where(ME.c.story_id.in_(story_ids))
                        .group_by(ME.c.story_id, ME.c.status))
    for story_id, status, n in rows:
        out[story_id][status or "unlinked"] = n
    return out


def get_story(db: Database, story_id: str) -> dict | None:
    """One story with its articles (claims and events with status), merged events,
    conflicts, and its articles grouped by outlet for side-by-side reading."""
    with db.engine.connect() as conn:
        row = conn.execute(select(S.c.id, S.c.title, S.c.first_seen, S.c.last_seen, S.c.size)
                           .where(S.c.id == story_id)).first()
        if row is None:
            return None
        story = dict(row._mapping)
        articles = _story_articles(conn, story_id)
        merged = _merged_events(conn, ME.c.story_id == story_id)
        conflicts = _conflicts(conn, and_(CF.c.story_id == story_id, REAL_CONFLICT))
        updates = _conflicts(conn, and_(CF.c.story_id == story_id, CF.c.kind == "figure_update"))
        from ..link.repair import history
        story["history"] = history(conn, story_id)  # splits and merges by link.repair
    _attach_statuses(articles, merged)
    story["sourcing"] = sourcing_summary(articles, merged)
    story["articles"] = articles
    story["outlets"] = group_by_outlet(articles)
    story["merged_events"] = merged
    story["conflicts"] = conflicts
    story["figure_updates"] = updates  # figure histories ("16 → 30 killed"), not conflicts
    return story


COVERAGE_DAYS = 3  # "that week": three days either side of the story's articles


def with_coverage(db: Database, story: dict) -> dict:
    """Add ``story["coverage"]`` (see :func:`coverage`) to a story from :func:`get_story`."""
    with db.engine.connect() as conn:
        silent = _outlets_active_around(conn, story["id"], story["articles"])
    story["coverage"] = coverage(story["articles"], story["merged_events"], silent)
    return story


def coverage(articles: list[dict], merged: list[dict], silent: list[dict]) -> dict:
    """Who covered the story (like Ground News's coverage view): each outlet's first
    report, articles, and the independent origins its articles brought to the story's
    events (an origin another outlet also brought is counted for both, and marked
    shared); and the outlets active around it that did not cover it."""
    by_outlet: dict[str, dict] = {}
    for rec in articles:
        name = rec.get("outlet") or "outlet not given"
        row = by_outlet.setdefault(name, {"outlet": name, "articles": 0, "copies": 0,
                                          "first": None, "origins": set()})
        row["articles"] += 1
        row["copies"] += 1 if rec.get("duplicate_of") else 0
        published = rec.get("published")
        if published and (row["first"] is None or published < row["first"]):
            row["first"] = published
    brought: dict[str, Counter] = defaultdict(Counter)
    for e in merged:
        for m in e.get("mentions", []):
            if m.get("origin"):
                name = m.get("outlet") or "outlet not given"
                brought[m["origin"]][name] += 1
                if name in by_outlet:
                    by_outlet[name]["origins"].add(m["origin"])
    rows = sorted(by_outlet.values(), key=lambda r: (r["first"] or "9999", r["outlet"]))
    earliest = rows[0]["first"] if rows else None
    for row in rows:
        origins = sorted(row.pop("origins"))
        row["origins"] = [{"origin": o, "shared": len(brought[o]) > 1} for o in origins]
        row["independent_origins"] = len(origins)
        row["only_here"] = sum(1 for o in origins if len(brought[o]) == 1)
        row["first_to_report"] = _maybe_first(row["first"], earliest)
    return {"outlets": rows, "silent": silent, "window_days": COVERAGE_DAYS}


def _maybe_first(published: str | None, earliest: str | None) -> bool:
    """First to report, as far as the dates tell: a date without a time ties with
    any time that day."""
    if not published or not earliest:
        return False
    return published == earliest or (published[:10] == earliest[:10]
                                     and 10 in (len(published), len(earliest)))


def _outlets_active_around(conn: Connection, story_id: str, articles: list[dict]) -> list[dict]:
    """Outlets that published other articles within COVERAGE_DAYS of the story's
    articles but none on the story: who could have covered it and did not."""
    days = sorted(r["published"][:10] for r in articles if is_day(r.get("published")))
    covered = {r.get("outlet") for r in articles if r.get("outlet")}
    if not days:
        return []
    start = (date.fromisoformat(days[0]) - timedelta(days=COVERAGE_DAYS)).isoformat()
    end = (date.fromisoformat(days[-1]) + timedelta(days=COVERAGE_DAYS)).isoformat()
    rows = conn.execute(
        select(A.c.outlet, func.count().label("articles"))
        .where(A.c.outlet.isnot(None), A.c.published_date >= start, A.c.published_date <= end,
               or_(A.c.story_id.is_(None), A.c.story_id != story_id))
        .group_by(A.c.outlet).order_by(desc("articles"), A.c.outlet))
    return [{"outlet": outlet, "articles": n, "from": start, "to": end}
            for outlet, n in rows if outlet not in covered]


def sourcing_summary(articles: list[dict], merged: list[dict]) -> dict:
    """The story's sourcing at a glance: statuses of its events and claims, its origins."""
    claims = Counter(c.get("status") or "unlinked" for a in articles for c in a.get("claims", []))
    events = Counter(e.get("status") or "unlinked" for e in merged)
    origins = {o for e in merged for o in e["origins"]}
    return {"events": dict(events), "claims": dict(claims), "origins": len(origins)}


def _story_articles(conn: Connection, story_id: str) -> list[dict]:
    rows = conn.execute(select(A.c.id, A.c.record, A.c.duplicate_of)
                        .where(A.c.story_id == story_id)
                        .order_by(A.c.published, A.c.seq)).all()
    claim_status = _item_column(conn, C, "status", [r.id for r in rows])
    claim_support = _item_column(conn, C, "corroborated_by", [r.id for r in rows])
    event_merge = _item_column(conn, E, "merged_event_id", [r.id for r in rows])
    out = []
    for r in rows:
        rec = loads(r.record, {})
        for c in rec.get("claims", []):
            c["status"] = claim_status.get((r.id, c["id"]))
            # the independent origins behind the claim, its own first
            c["corroborated_by"] = loads(claim_support.get((r.id, c["id"])), [])
        for v in rec.get("events", []):
            v["merged_event_id"] = event_merge.get((r.id, v["id"]))
        rec["duplicate_of"] = r.duplicate_of
        out.append(rec)
    return out


def _item_column(conn: Connection, table, column: str, article_ids: list[str]) -> dict:
    """``{(article_id, item_id): value}`` of one column of a per-article item table
    (what linking wrote back: a claim's status, an event's merged event)."""
    if not article_ids:
        return {}
    rows = conn.execute(select(table.c.article_id, table.c.id, table.c[column])
                        .where(table.c.article_id.in_(article_ids)))
    return {(a, i): value for a, i, value in rows}


def _attach_statuses(articles: list[dict], merged: list[dict]) -> None:
    """Give each article-level event its merged event's status, sources and origins."""
    by_id = {m["id"]: m for m in merged}
    for rec in articles:
        for v in rec.get("events", []):
            m = by_id.get(v.get("merged_event_id"))
            v["status"] = m["status"] if m else None
            v["num_sources"] = m["num_sources"] if m else None
            v["origins"] = m["origins"] if m else []


def group_by_outlet(articles: list[dict]) -> list[dict]:
    """Articles grouped by outlet, in order of each outlet's first article.

    An article without an outlet gets a column of its own: two such articles
    may well come from different outlets, and must not look like one voice."""
    groups: dict[str, dict] = {}
    for rec in articles:
        outlet = rec.get("outlet")
        key = outlet or f"\0{rec['id']}"
        group = groups.setdefault(key, {"outlet": outlet or "outlet not given",
                                        "known": bool(outlet), "articles": []})
        group["articles"].append(rec)
    return list(groups.values())


# ------------------------------------------------------------------ merged events


def _merged_events(conn: Connection, where, limit: int | None = None,
                   offset: int = 0) -> list[dict]:
    query = (select(ME).where(where)
             .order_by(ME.c.date_start.is_(None), ME.c.date_start, ME.c.id).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query).all()
    mentions = _mentions(conn, [r.id for r in rows])
    return [_merged_event(r, mentions.get(r.id, [])) for r in rows]


def _mentions(conn: Connection, merged_ids: list[str]) -> dict[str, list[dict]]:
    if not merged_ids:
        return {}
    out: dict[str, list[dict]] = defaultdict(list)
    rows = conn.execute(select(MN, A.c.title, A.c.published)
                        .join(A, A.c.id == MN.c.article_id, isouter=True)
                        .where(MN.c.merged_event_id.in_(merged_ids))
                        .order_by(MN.c.article_id, MN.c.event_id))
    for r in rows:
        out[r.merged_event_id].append({
            "article": r.article_id, "event": r.event_id, "outlet": r.outlet,
            "origin": r.origin, "origin_kind": r.origin_kind, "title": r.title,
            "published": r.published})
    return out


def _merged_event(row, mentions: list[dict]) -> dict:
    data = loads(row.data, {})
    columns = {k: v for k, v in row._mapping.items() if k != "data"}
    event = {**data, **columns}  # columns are the authority for what queries filter on
    event["mentions"] = mentions or data.get("mentions", [])
    event["origins"] = sorted({m["origin"] for m in event["mentions"] if m.get("origin")})
    event["label"] = event_label(event)
    event["codes"] = event_codes(event)
    return event


def event_label(event: dict) -> str:
    """'Israel government → Russia government · meeting or talks (visit)': who did what
    to whom, in one line, in words (:func:`event_codes` gives the codes behind it)."""
    def who(role: str) -> str:
        ref = event.get(role) or {}
        actor = ref.get("actor") or {}
        code = event.get(f"{role}_code") or actor.get("code")
        return (labels.actor(code) if code else None) or ref.get("text") \
            or (labels.actor(event.get(f"{role}_country")) or None) or "?"
    plover = event.get("plover") or {}
    kind = labels.event_type(plover.get("type") or event.get("plover_type"), event.get("cameo"))
    trigger = (event.get("trigger") or {}).get("text") if isinstance(event.get("trigger"), dict) \
        else event.get("trigger")
    pair = f"{who('source')} → {who('target')}" if who("target") != "?" else who("source")
    return f"{pair} · {kind}" + (f" ({trigger})" if trigger else "")


def event_codes(event: dict) -> str:
    """'ISRGOV → RUSGOV · CONSULT · CAMEO 042': the codes behind :func:`event_label`."""
    plover = event.get("plover") or {}
    pair = " → ".join(c for c in (event.get("source_code"), event.get("target_code")) if c)
    kind = plover.get("type") or event.get("plover_type")
    return " · ".join(x for x in (pair, kind, f"CAMEO {event['cameo']}" if event.get("cameo")
                                  else None) if x)


def list_merged_events(db: Database, page: Page, story: str | None = None,
                       source: str | None = None, target: str | None = None,
                       quad_class: int | None = None, status: str | None = None,
                       date_from: str | None = None, date_to: str | None = None) -> dict:
    conditions = [ME.c.id.isnot(None)]
    if story:
        conditions.append(ME.c.story_id == story)
    if source:
        conditions.append(_actor_or_country(ME.c.source_code, ME.c.source_country, source))
    if target:
        conditions.append(_actor_or_country(ME.c.target_code, ME.c.target_country, target))
    if quad_class:
        conditions.append(ME.c.quad_class == quad_class)
    if status:
        conditions.append(ME.c.status == status)
    conditions += _date_range(date_from, date_to)
    where = and_(*conditions)
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(ME).where(where)).scalar() or 0
        items = _merged_events(conn, where, page.limit, page.offset)
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def _actor_or_country(code_column, country_column, value: str):
    """A three-letter value is a country; a longer one an actor code (and its refinements)."""
    if len(value) == 3:
        return or_(country_column == value, code_column.startswith(value, autoescape=True))
    return actor_code_matches(code_column, value)


# ------------------------------------------------------------------ conflicts


# Rows of the conflicts table that are conflicts (not figure updates or set-asides).
REAL_CONFLICT = CF.c.kind.not_in(NOT_CONFLICT_KINDS)


def _conflicts(conn: Connection, where, limit: int | None = None, offset: int = 0) -> list[dict]:
    query = select(CF).where(where).order_by(CF.c.story_id, CF.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [conflict_view(r) for r in conn.execute(query)]


def conflict_view(row) -> dict:
    data = loads(row.data, {})
    columns = {k: v for k, v in row._mapping.items() if k != "data"}
    return {**data, **columns, "sides": conflict_sides(data)}


def conflict_sides(data: dict) -> list[dict]:
    """The two (or more) sides of a conflict, each as {text, source, outlet, article}.

    The linking code stores them as a ``sides`` list; older or hand-written
    rows may use ``a``/``b`` or ``left``/``right``: all are accepted."""
    raw = data.get("sides")
    if not isinstance(raw, list):
        raw = [data.get(k) for k in ("a", "b", "left", "right") if isinstance(data.get(k), dict)]
    return [_side(s) for s in raw if isinstance(s, dict)]


def _side(side: dict) -> dict:
    source = side.get("source")
    if isinstance(source, dict):
        source = source.get("resolved") or source.get("text")
    sources = side.get("sources")
    if not source and isinstance(sources, list) and sources:
        source = ", ".join(str(s.get("text") if isinstance(s, dict) else s) for s in sources)
    article = side.get("article") or side.get("article_id")
    if not article and isinstance(side.get("articles"), list) and side["articles"]:
        article = side["articles"][0]
    return {"text": side.get("text") or side.get("content") or side.get("quote") or "",
            "source": source, "outlet": side.get("outlet"), "article": article,
            "claim": side.get("claim"), "value": side.get("value")}


def list_conflicts(db: Database, page: Page, story: str | None = None,
                   decisions: bool = False) -> dict:
    """Conflicts; with ``decisions``, also figure updates and figures set aside."""
    where = CF.c.story_id == story if story else CF.c.id.isnot(None)
    if not decisions:
        where = and_(where, REAL_CONFLICT)
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(CF).where(where)).scalar() or 0
        items = _conflicts(conn, where, page.limit, page.offset)
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


# ------------------------------------------------------------------ articles and claims


def get_article(db: Database, article_id: str) -> dict | None:
    with db.engine.connect() as conn:
        row = conn.execute(select(A.c.record, A.c.story_id, A.c.duplicate_of)
                           .where(A.c.id == article_id)).first()
        if row is None:
            return None
        rec = loads(row.record, {})
        statuses = _item_column(conn, C, "status", [article_id])
        merges = _item_column(conn, E, "merged_event_id", [article_id])
        merged_ids = sorted({m for m in merges.values() if m})
        merged = _merged_events(conn, ME.c.id.in_(merged_ids)) if merged_ids else []
        story_title = conn.execute(select(S.c.title).where(S.c.id == row.story_id)).scalar() \
            if row.story_id else None
    for c in rec.get("claims", []):
        c["status"] = statuses.get((article_id, c["id"]))
    for v in rec.get("events", []):
        v["merged_event_id"] = merges.get((article_id, v["id"]))
    _attach_statuses([rec], merged)
    rec.update(story_id=row.story_id, story_title=story_title, duplicate_of=row.duplicate_of)
    return rec


def list_articles(db: Database, page: Page, f: StoryFilters, story: str | None = None) -> dict:
    query = select(A.c.id, A.c.title, A.c.outlet, A.c.url, A.c.author, A.c.published,
                   A.c.story_id, A.c.duplicate_of)
    matching = _article_filter(f)
    if matching is not None:
        query = query.where(matching)
    if story:
        query = query.where(A.c.story_id == story)
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0
        rows = conn.execute(query.order_by(desc(A.c.published), A.c.seq)
                            .limit(page.limit).offset(page.offset))
        items = [dict(r._mapping) for r in rows]
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def _article_filter(f: StoryFilters):
    sub = _article_ids_matching(f)
    if sub is None:
        return None
    # Same conditions as for stories, but selecting article ids.
    return A.c.id.in_(sub.with_only_columns(A.c.id))


def list_claims(db: Database, page: Page, article: str | None = None,
                status: str | None = None, source_kind: str | None = None,
                q: str | None = None, story: str | None = None) -> dict:
    conditions = [C.c.id.isnot(None)]
    if article:
        conditions.append(C.c.article_id == article)
    if story:
        conditions.append(A.c.story_id == story)
    if status:
        conditions.append(C.c.status == status)
    if source_kind:
        conditions.append(C.c.source_kind == source_kind)
    if q:
        conditions.append(contains(C.c.content, q))
    where = and_(*conditions)
    query = (select(C.c.article_id, C.c.id, C.c.source_text, C.c.source_kind,
                    C.c.source_resolved, C.c.cue, C.c.content, C.c.quote, C.c.status,
                    A.c.outlet, A.c.published, A.c.story_id)
             .join(A, A.c.id == C.c.article_id).where(where))
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(
            C.join(A, A.c.id == C.c.article_id)).where(where)).scalar() or 0
        rows = conn.execute(query.order_by(desc(A.c.published), C.c.article_id, C.c.id)
                            .limit(page.limit).offset(page.offset))
        items = [dict(r._mapping) for r in rows]
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


# ------------------------------------------------------------------ actors


def list_actors(db: Database, page: Page, q: str | None = None,
                country: str | None = None) -> dict:
    """Coded actors with how often they are named and take part in events."""
    conditions = [EN.c.actor_code.isnot(None)]
    if q:  # by a name in the articles, a readable label ("Pakistan military") or a code
        matches = [s["code"] for s in suggest_actors(db, q, 500)]
        conditions.append(or_(EN.c.actor_code.in_(matches), contains(EN.c.actor_code, q)))
    if country:
        conditions.append(EN.c.actor_country == country)
    query = (select(EN.c.actor_code.label("code"), func.count().label("mentions"),
                    func.count(func.distinct(EN.c.article_id)).label("articles"),
                    func.min(EN.c.actor_country).label("country"))
             .where(and_(*conditions)).group_by(EN.c.actor_code))
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0
        rows = conn.execute(query.order_by(desc("mentions"), EN.c.actor_code)
                            .limit(page.limit).offset(page.offset)).all()
        items = [dict(r._mapping) for r in rows]
        names = _actor_names(conn, [i["code"] for i in items])
    for item in items:
        item["names"] = names.get(item["code"], [])
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def suggest_actors(db: Database, q: str, limit: int = 10) -> list[dict]:
    """Actors for a search box: by a name used in the articles ("Sharif"), by a
    readable label ("Pakistan military", "United Nations") or by code ("PAKM").
    Best first: a name or label that starts with the text, then most mentioned."""
    text = " ".join(q.split()).lower()
    if not text:
        return []
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(EN.c.actor_code, func.count().label("n"))
            .where(EN.c.actor_code.isnot(None))
            .group_by(EN.c.actor_code)).all()
        counts = {code: n for code, n in rows}
        for column in (ME.c.source_code, ME.c.target_code):  # actors seen only in events
            for (code,) in conn.execute(select(column).where(column.isnot(None)).distinct()):
                counts.setdefault(code, 0)
        by_name = dict(conn.execute(
            select(EN.c.actor_code, func.min(EN.c.actor_name))
            .where(EN.c.actor_code.isnot(None), contains(EN.c.actor_name, text))
            .group_by(EN.c.actor_code)).all())
    found = []
    for code, n in counts.items():
        label = labels.actor(code)
        name = by_name.get(code)
        if name is None and text not in label.lower() and not code.lower().startswith(text):
            continue
        starts = label.lower().startswith(text) or (name or "").lower().startswith(text) \
            or code.lower().startswith(text)
        found.append({"code": code, "label": label, "name": name, "mentions": n,
                      "rank": (not starts, -n, code)})
    found.sort(key=lambda f: f.pop("rank"))
    items = found[:limit]
    names = _actor_names_for(db, [f["code"] for f in items])
    for item in items:
        item["names"] = names.get(item["code"], [])
        item.pop("name")
    return items


def _actor_names_for(db: Database, codes: list[str]) -> dict[str, list[str]]:
    with db.engine.connect() as conn:
        return _actor_names(conn, codes)


def _actor_names(conn: Connection, codes: list[str]) -> dict[str, list[str]]:
    if not codes:
        return {}
    rows = conn.execute(select(EN.c.actor_code, EN.c.actor_name, func.count().label("n"))
                        .where(EN.c.actor_code.in_(codes))
                        .group_by(EN.c.actor_code, EN.c.actor_name)
                        .order_by(desc("n"), EN.c.actor_name))
    out: dict[str, list[str]] = defaultdict(list)
    for code, name, _n in rows:
        if name and len(out[code]) < 5:
            out[code].append(name)
    return out


def get_actor(db: Database, code: str) -> dict | None:
    """An actor's profile: names, roles, whom they act on and who acts on them, and
    their (merged) events per week by quad class. None if the code is never seen."""
    with db.engine.connect() as conn:
        names = _actor_roles(conn, code)
        as_source = _merged_events(conn, actor_code_matches(ME.c.source_code, code))
        as_target = _merged_events(conn, actor_code_matches(ME.c.target_code, code))
        articles = conn.execute(select(func.count(func.distinct(EN.c.article_id)))
                                .where(actor_code_matches(EN.c.actor_code, code))).scalar() or 0
    if not names and not as_source and not as_target:
        return None
    events = _unique_by_id(as_source + as_target)
    return {
        "code": code, "names": names, "articles": articles,
        "story_titles": story_titles(db, {e["story_id"] for e in events if e.get("story_id")}),
        "acts_on": counterpart_counts(as_source, "target"),
        "acted_on_by": counterpart_counts(as_target, "source"),
        "weeks": weekly_quad_counts(events),
        "events": events,
    }


def story_titles(db: Database, ids: set[str]) -> dict[str, str]:
    """Story id -> title, to name the stories an actor's events belong to."""
    if not ids:
        return {}
    with db.engine.connect() as conn:
        return {i: t for i, t in conn.execute(select(S.c.id, S.c.title)
                                              .where(S.c.id.in_(sorted(ids)))) if t}


def _actor_roles(conn: Connection, code: str) -> list[dict]:
    rows = conn.execute(select(EN.c.actor_name, EN.c.actor_code, EN.c.actor_role,
                               func.count().label("n"))
                        .where(actor_code_matches(EN.c.actor_code, code))
                        .group_by(EN.c.actor_name, EN.c.actor_code, EN.c.actor_role)
                        .order_by(desc("n"), EN.c.actor_name))
    return [dict(r._mapping) for r in rows]


def _unique_by_id(events: list[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for e in events:
        seen.setdefault(e["id"], e)
    return sorted(seen.values(), key=lambda e: (e.get("date_start") or "9999", e["id"]))


def counterpart_counts(events: list[dict], role: str) -> list[dict]:
    """Counterparts of an actor's events (the target when it acts, the source when acted
    on), with counts per quad class, most frequent first."""
    table: dict[str, Counter] = defaultdict(Counter)
    for e in events:
        who = e.get(f"{role}_code") or e.get(f"{role}_country") or "unknown"
        table[who][e.get("quad_class") or 0] += 1
    rows = [{"actor": who, "total": sum(c.values()),
             "by_quad": {q: c.get(q, 0) for q in (1, 2, 3, 4)}} for who, c in table.items()]
    return sorted(rows, key=lambda r: (-r["total"], r["actor"]))


# ------------------------------------------------------------------ counts over time


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_day(value: str | None) -> bool:
    """A calendar date, as opposed to a TIMEX3 value such as PAST_REF or 2024-W45."""
    return bool(value and ISO_DAY.match(value))


def bucket_of(day: str, interval: str) -> str:
    """The bucket a YYYY-MM-DD date falls in: the day, the week's Monday, or the month."""
    if interval == "month":
        return day[:7]
    if interval == "week":
        d = date.fromisoformat(day[:10])
        return (d - timedelta(days=d.weekday())).isoformat()
    return day[:10]


def all_buckets(first: str, last: str, interval: str) -> list[str]:
    """Every bucket from first to last, so quiet days show as zero, not as gaps."""
    out, d = [], date.fromisoformat(bucket_of(first, interval) + ("-01" if interval == "month"
                                                                  else ""))
    end = date.fromisoformat(last[:10])
    while d <= end and len(out) < 5000:
        out.append(bucket_of(d.isoformat(), interval))
        if interval == "month":
            d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            d += timedelta(days=7 if interval == "week" else 1)
    return out


def weekly_quad_counts(events: Iterable[dict]) -> list[dict]:
    return count_series(events, "week")


def count_series(events: Iterable[dict], interval: str, fill: bool = True) -> list[dict]:
    """[{bucket, 1: n, 2: n, 3: n, 4: n, total}] over every bucket of the dated events
    (``fill=False``: only the buckets that have events)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for e in events:
        day = e.get("date_start")
        if not is_day(day):
            continue
        counts[bucket_of(day, interval)][e.get("quad_class") or 0] += 1
    if not counts:
        return []
    days = sorted(counts)
    buckets = all_buckets(days[0], _bucket_end(days[-1], interval), interval) if fill else days
    return [{"bucket": b, **{q: counts[b].get(q, 0) for q in (1, 2, 3, 4)},
             "total": sum(counts[b].values())} for b in buckets]


def fill_gaps(series: list[dict], interval: str, limit: int = 1500) -> list[dict]:
    """The non-empty buckets of ``series`` with zeros between them, for a chart whose
    axis is time (unless that would be more than ``limit`` bars)."""
    if not series:
        return []
    buckets = all_buckets(series[0]["bucket"] + ("-01" if interval == "month" else ""),
                          _bucket_end(series[-1]["bucket"], interval), interval)
    if len(buckets) > limit:
        return series
    have = {row["bucket"]: row for row in series}
    return [have.get(b) or {"bucket": b, 1: 0, 2: 0, 3: 0, 4: 0, "total": 0} for b in buckets]


def _bucket_end(bucket: str, interval: str) -> str:
    return bucket + "-01" if interval == "month" else bucket


def explore(db: Database, source: str | None, target: str | None, quad_class: int | None,
            interval: str | None, date_from: str | None = None, date_to: str | None = None) -> dict:
    """Merged-event counts over time between two countries or actors: only the
    non-empty buckets, and a count of every event not charted and why.

    Without dates, the range is where most events lie (see :mod:`explore_range`);
    ``range.earliest``/``latest`` give the full span, to widen to. ``interval=None``
    picks day, week or month to suit the range."""
    from .explore_range import auto_interval, sort_events  # they import is_day from here
    conditions = [_pair(source, target)]
    if quad_class:
        conditions.append(ME.c.quad_class == quad_class)
    query = select(ME.c.id, ME.c.date_start, ME.c.date_end, ME.c.quad_class) \
        .where(and_(*conditions))
    with db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    if interval is None:
        first = sort_events(rows, "month", date_from, date_to)
        interval = auto_interval(first.date_from, first.date_to)
    parts = sort_events(rows, interval, date_from, date_to)
    return {"interval": interval, "series": count_series(parts.charted, interval, fill=False), "total": len(rows),
            "charted": len(parts.charted), "undated": parts.undated, "vague": parts.vague,
            "outside": {"before": parts.before, "after": parts.after},
            "range": {"date_from": parts.date_from, "date_to": parts.date_to,
                      "default": parts.default_range, "earliest": parts.earliest,
                      "latest": parts.latest}}


def _date_range(date_from: str | None, date_to: str | None) -> list:
    """Merged events starting within the range; TIMEX values like PAST_REF never match."""
    if not date_from and not date_to:
        return []
    conditions = [ME.c.date_start.like("____-__-__%")]
    if date_from:
        conditions.append(ME.c.date_start >= date_from)
    if date_to:
        conditions.append(ME.c.date_start <= date_to + "T99")  # a date-time on date_to counts
    return conditions


def _pair(source: str | None, target: str | None):
    conditions = [ME.c.id.isnot(None)]
    if source:
        conditions.append(_actor_or_country(ME.c.source_code, ME.c.source_country, source))
    if target:
        conditions.append(_actor_or_country(ME.c.target_code, ME.c.target_country, target))
    return and_(*conditions)


def busiest_pairs(db: Database, limit: int = 8) -> list[dict]:
    """The country pairs with most merged events: starting points for exploring."""
    count = func.count().label("events")
    query = (select(ME.c.source_country.label("source"), ME.c.target_country.label("target"),
                    count)
             .where(ME.c.source_country.isnot(None), ME.c.target_country.isnot(None),
                    ME.c.source_country != ME.c.target_country)
             .group_by(ME.c.source_country, ME.c.target_country)
             .order_by(desc(count), ME.c.source_country, ME.c.target_country).limit(limit))
    with db.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def outlets(db: Database) -> list[str]:
    """Every outlet in the database, for the filter menu."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(A.c.outlet).where(A.c.outlet.isnot(None))
                            .group_by(A.c.outlet).order_by(A.c.outlet))
        return [r[0] for r in rows]


def countries(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(EN.c.actor_country).where(EN.c.actor_country.isnot(None))
                            .union(select(PL.c.country).where(PL.c.country.isnot(None))))
        return sorted({r[0] for r in rows})


def overview(db: Database) -> dict:
    """Counts for the header line: how big this database is."""
    counted = (("articles", A, None), ("stories", S, None), ("merged_events", ME, None),
               ("conflicts", CF, REAL_CONFLICT))
    with db.engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table)
                                   .where(*([] if where is None else [where]))).scalar() or 0
                for name, table, where in counted}
