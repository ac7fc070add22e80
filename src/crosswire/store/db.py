"""Database access: SQLite by default, PostgreSQL by URL, one API for both.

All SQL goes through SQLAlchemy Core expressions with bound parameters;
nothing is built by string concatenation.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import create_engine, delete, event, func, insert, select
from sqlalchemy.engine import Connection, Engine

from ..model import Record, record_from_dict, text_hash
from . import schema

DEFAULT_URL = "sqlite:///crosswire.db"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Database:
    def __init__(self, url: str = DEFAULT_URL, create: bool = True):
        self.url = normalise_url(url)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if create:
            schema.metadata.create_all(self.engine)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: committed on success, rolled back on any error."""
        with self.engine.begin() as conn:
            yield conn

    # ------------------------------------------------------------ articles

    def has_article(self, article_id: str, conn: Connection | None = None) -> bool:
        query = select(schema.articles.c.id).where(schema.articles.c.id == article_id)
        if conn is not None:
            return conn.execute(query).first() is not None
        with self.engine.connect() as c:
            return c.execute(query).first() is not None

    def upsert_record(self, record: Record | dict, conn: Connection | None = None) -> bool:
        """Store one article and its items in one transaction.

        Returns False (and changes nothing) when an identical article is
        already stored, so re-running an ingest ends with the same database.
        """
        rec = record.to_dict() if isinstance(record, Record) else record
        if conn is None:
            with self.begin() as c:
                return self.upsert_record(rec, c)
        digest = text_hash(rec["text"])
        row = conn.execute(select(schema.articles.c.text_hash, schema.articles.c.seq,
                                  schema.articles.c.story_id)
                           .where(schema.articles.c.id == rec["id"])).first()
        if row is not None and row.text_hash == digest and self._same_record(conn, rec):
            return False
        if row is not None:
            seq, story = row.seq, row.story_id
            conn.execute(delete(schema.articles).where(schema.articles.c.id == rec["id"]))
            for table in schema.ITEM_TABLES.values():
                conn.execute(delete(table).where(table.c.article_id == rec["id"]))
        else:
            seq = (conn.execute(select(func.max(schema.articles.c.seq))).scalar() or 0) + 1
            story = None
        published = rec.get("published")
        conn.execute(insert(schema.articles).values(
            id=rec["id"], seq=seq, title=rec.get("title"), outlet=rec.get("outlet"),
            url=rec.get("url"), author=rec.get("author"), published=published,
            published_date=published[:10] if published else None,
            language=rec.get("language"), text=rec["text"], text_hash=digest,
            story_id=story, record=_dumps(rec)))
        for kind, rows in item_rows(rec).items():
            if rows:
                conn.execute(insert(schema.ITEM_TABLES[kind]), rows)
        return True

    def _same_record(self, conn: Connection, rec: dict) -> bool:
        stored = conn.execute(select(schema.articles.c.record)
                              .where(schema.articles.c.id == rec["id"])).scalar()
        return stored == _dumps(rec)

    def get_record(self, article_id: str) -> Record | None:
        data = self.get_record_dict(article_id)
        return record_from_dict(data) if data else None

    def get_record_dict(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            raw = conn.execute(select(schema.articles.c.record)
                               .where(schema.articles.c.id == article_id)).scalar()
        return json.loads(raw) if raw else None

    def iter_record_dicts(self, ids: Iterable[str] | None = None) -> Iterator[dict]:
        """Stored records in ingest order (optionally only ``ids``)."""
        query = select(schema.articles.c.record).order_by(schema.articles.c.seq)
        if ids is not None:
            query = query.where(schema.articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            for (raw,) in conn.execute(query):
                yield json.loads(raw)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.articles)).scalar() or 0


def item_rows(rec: dict) -> dict[str, list[dict]]:
    """The per-article table rows of a record (JSON form)."""
    aid = rec["id"]

    def actor(a: dict | None) -> dict:
        a = a or {}
        return a

    rows: dict[str, list[dict]] = {k: [] for k in schema.ITEM_TABLES}
    for e in rec.get("entities", []):
        a = actor(e.get("actor"))
        rows["entities"].append(dict(
            article_id=aid, id=e["id"], text=e["text"], label=e.get("label"),
            actor_name=a.get("name"), actor_code=a.get("code"), actor_country=a.get("country"),
            actor_sector=a.get("sector"), actor_role=a.get("role"), data=_dumps(e)))
    for v in rec.get("events", []):
        src, tgt = v.get("source") or {}, v.get("target") or {}
        sa, ta = actor(src.get("actor")), actor(tgt.get("actor"))
        date = v.get("date") or {}
        plover = v.get("plover") or {}
        rows["events"].append(dict(
            article_id=aid, id=v["id"], sentence=v.get("sentence"), trigger=v["trigger"]["text"],
            source_text=src.get("text"), source_code=sa.get("code"), source_country=sa.get("country"),
            target_text=tgt.get("text"), target_code=ta.get("code"), target_country=ta.get("country"),
            cameo=v.get("cameo"), cameo_root=v.get("cameo_root"), plover_type=plover.get("type"),
            plover_mode=plover.get("mode"), quad_class=v.get("quad_class"),
            goldstein=v.get("goldstein"), modality=v.get("modality"),
            date_value=date.get("value"), date_start=date.get("start"), date_end=date.get("end"),
            location=v.get("location"), claim=v.get("claim"), confidence=v.get("confidence"),
            data=_dumps(v)))
    for c in rec.get("claims", []):
        src = c.get("source") or {}
        rows["claims"].append(dict(
            article_id=aid, id=c["id"], source_text=src.get("text"), source_kind=src.get("kind"),
            source_resolved=src.get("resolved"), cue=c["cue"]["text"], content=c["content"]["text"],
            quote=c.get("quote"), cited_by=c.get("cited_by"), data=_dumps(c)))
    for t in rec.get("timexes", []):
        rows["timexes"].append(dict(article_id=aid, id=t["id"], text=t["text"], type=t.get("type"),
                                    value=t.get("value"), data=_dumps(t)))
    for p in rec.get("places", []):
        rows["places"].append(dict(
            article_id=aid, id=p["id"], text=p["text"], name=p.get("name"), feature=p.get("feature"),
            country=p.get("country"), geonames_id=p.get("geonames_id"), lat=p.get("lat"),
            lon=p.get("lon"), data=_dumps(p)))
    for q in rec.get("quantities", []):
        rows["quantities"].append(dict(
            article_id=aid, id=q["id"], text=q["text"], value=q.get("value"), low=q.get("low"),
            high=q.get("high"), approx=q.get("approx"), category=q.get("category"),
            claim=q.get("claim"), data=_dumps(q)))
    return rows


def normalise_url(url: str) -> str:
    """Accept a bare file path as a SQLite database."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url)}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()
