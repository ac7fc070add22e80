"""Database access: SQLite by default, PostgreSQL by URL, one API for both.

All SQL goes through SQLAlchemy Core expressions with bound parameters;
nothing is built by string concatenation from data. (The one piece of DDL
text, adding a column to an older database, is made from the schema's own
identifiers, quoted by the dialect.)

Writers: ``upsert_record`` stores one article and its items in one
transaction; ``store.intake`` screens duplicates, extracts, stores and links,
and is what ``crosswire ingest`` and the web UI's POST use.
"""
from __future__ import annotations

import json
import random
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from sqlalchemy import create_engine, delete, event, func, insert, inspect, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.schema import CreateColumn

from ..model import Record, record_from_dict, text_hash
from . import schema

DEFAULT_URL = "sqlite:///crosswire.db"
ID_CHUNK = 500  # ids per IN (...) query
# How long a writer waits in all for others (an ingest linking a large batch
# holds the write lock for a while) before giving up with the database's error.
WRITE_WAIT_SECONDS = 600.0
SQLITE_BUSY_MS = 30_000
UNIQUE_RETRIES = 3
# Key of the PostgreSQL advisory lock that serialises crosswire writers
# (any fixed 64-bit number; this one spells "crosswir").
PG_WRITE_LOCK = 0x63726F7373776972
T = TypeVar("T")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SchemaVersionError(RuntimeError):
    """The database was written by a crosswire with a different schema."""


class Database:
    """One crosswire database: articles, their items and the cross-article tables."""

    def __init__(self, url: str = DEFAULT_URL, create: bool = True):
        self.url = normalise_url(url)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # The writer transaction this thread is inside, if any (see ``write``).
        self._local = threading.local()
        if create:
            self._prepare_schema()

    def __repr__(self) -> str:
        return f"Database({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: committed on success, rolled back on any error.

        Inside ``write`` (same thread) this is the writer's transaction, so
        code that opens its own transactions (linking) joins it and is
        committed, or retried, as one unit."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        with self.engine.begin() as conn:
            yield conn

    def write(self, work: Callable[[Connection], T], *, wait: float = WRITE_WAIT_SECONDS) -> T:
        """Run ``work(conn)`` as one writer transaction, serialised with every
        other crosswire writer (other threads, other processes) and retried.

        The write lock is taken first (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
        a transaction-scoped advisory lock), so anything ``work`` reads --
        the next ``seq``, the next story number -- cannot change before it
        commits. Should two writers still collide (a uniqueness conflict, SQLite
        busy beyond its timeout, a PostgreSQL deadlock), the whole transaction is
        rolled back and run again, until ``wait`` seconds have passed.
        """
        if getattr(self._local, "conn", None) is not None:  # already inside one
            return work(self._local.conn)
        deadline = time.monotonic() + wait
        attempt = 0
        while True:
            attempt += 1
            try:
                with self.engine.begin() as conn:
                    self._take_write_lock(conn)
                    self._local.conn = conn
                    try:
                        return work(conn)
                    finally:
                        self._local.conn = None
            except (IntegrityError, OperationalError) as problem:
                # A uniqueness conflict is retried only a few times: under the
                # write lock it comes from a writer that does not take the lock
                # (another tool), or from the data itself, which no retry mends.
                conflict = isinstance(problem, IntegrityError)
                if (time.monotonic() >= deadline or not _retryable(problem)
                        or (conflict and attempt >= UNIQUE_RETRIES)):
                    raise
                time.sleep(min(2.0, 0.02 * attempt) * (0.5 + random.random()))

    def _take_write_lock(self, conn: Connection) -> None:
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            # pysqlite has not begun a transaction yet (it does so lazily before
            # the first write); begin it ourselves, taking the write lock now.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif dialect == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(PG_WRITE_LOCK)))

    @contextmanager
    def _conn(self, conn: Connection | None) -> Iterator[Connection]:
        """Use the caller's connection (inside its transaction), else a new one."""
        if conn is not None:
            yield conn
        else:
            with self.engine.begin() as own:
                yield own

    # ------------------------------------------------------------ meta

    def get_meta(self, key: str, conn: Connection | None = None) -> str | None:
        with self._conn(conn) as c:
            return c.execute(select(schema.meta_info.c.value)
                             .where(schema.meta_info.c.key == key)).scalar()

    def set_meta(self, key: str, value: str, conn: Connection | None = None) -> None:
        with self._conn(conn) as c:
            table = schema.meta_info
            if c.execute(select(table.c.key).where(table.c.key == key)).first() is None:
                c.execute(insert(table).values(key=key, value=value))
            else:
                c.execute(update(table).where(table.c.key == key).values(value=value))

    def schema_version(self) -> int | None:
        value = self.get_meta("schema_version")
        return int(value) if value is not None else None

    def _prepare_schema(self, attempts: int = 5) -> None:
        """Create missing tables and columns and record the schema version.

        Two processes opening a new database at once (an ingest and the web
        UI, say) race: both see a table missing, one creates it, the other's
        CREATE fails. Trying again is correct, because every step skips what
        already exists.
        """
        for attempt in range(attempts):
            try:
                schema.metadata.create_all(self.engine)
                self._add_missing_columns()
                self._check_schema_version()
                return
            except DBAPIError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _add_missing_columns(self) -> None:
        """Add columns that were added to ``schema`` after this database was made.

        Only additions are handled (the schema rule is: add, never rename), and
        only nullable ones, so existing rows stay valid. The DDL is built from
        our own schema's identifiers, quoted by the dialect, never from input.
        """
        existing = inspect(self.engine)
        preparer = self.engine.dialect.identifier_preparer
        with self.engine.begin() as conn:
            for table in schema.metadata.sorted_tables:
                have = {c["name"] for c in existing.get_columns(table.name)}
                for column in table.columns:
                    if column.name in have or not column.nullable:
                        continue
                    definition = CreateColumn(column).compile(dialect=self.engine.dialect)
                    conn.execute(text(f"ALTER TABLE {preparer.format_table(table)} "
                                      f"ADD COLUMN {definition}"))

    def _check_schema_version(self) -> None:
        # A new database gets today's version; an existing one must match it,
        # rather than being silently misread.
        stored = self.schema_version()
        if stored is None:
            self.set_meta("schema_version", str(schema.SCHEMA_VERSION))
        elif stored != schema.SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self!r} has schema version {stored}; this crosswire uses "
                f"{schema.SCHEMA_VERSION}. Ingest into a new database.")

    # ------------------------------------------------------------ articles

    def has_article(self, article_id: str, conn: Connection | None = None) -> bool:
        query = select(schema.articles.c.id).where(schema.articles.c.id == article_id)
        with self._conn(conn) as c:
            return c.execute(query).first() is not None

    def upsert_record(self, record: Record | dict, conn: Connection | None = None, *,
                      minhash: list[int] | None = None, duplicate_of: str | None = None,
                      origin: str | None = None) -> bool:
        """Store one article and its items in one transaction.

        Returns False (and changes nothing) when an identical article is
        already stored, so re-running an ingest ends with the same database.
        A changed article replaces the old one but keeps its ingest order
        (``seq``), story, and -- unless given anew -- its dedup columns.
        """
        rec = record.to_dict() if isinstance(record, Record) else record
        if conn is None:
            return self.write(lambda c: self.upsert_record(
                rec, c, minhash=minhash, duplicate_of=duplicate_of, origin=origin))
        row_json = _dumps(rec)
        articles = schema.articles
        old = conn.execute(select(articles.c.seq, articles.c.story_id, articles.c.record,
                                  articles.c.minhash, articles.c.duplicate_of, articles.c.origin)
                           .where(articles.c.id == rec["id"])).first()
        minhash_json = _dumps(minhash) if minhash is not None else None
        if old is not None:
            if old.record == row_json and (minhash_json is None or minhash_json == old.minhash):
                return False
            seq, story = old.seq, old.story_id
            minhash_json = minhash_json or old.minhash
            duplicate_of = duplicate_of or old.duplicate_of
            origin = origin or old.origin
            self._delete_article(conn, rec["id"])
        else:
            # Read inside the caller's transaction; ``write`` holds the write lock,
            # so no other writer can take the same number before this commits.
            seq = (conn.execute(select(func.max(articles.c.seq))).scalar() or 0) + 1
            story = None
        conn.execute(insert(articles).values(
            **article_row(rec), seq=seq, story_id=story, record=row_json,
            minhash=minhash_json, duplicate_of=duplicate_of, origin=origin))
        for kind, rows in item_rows(rec).items():
            if rows:
                conn.execute(insert(schema.ITEM_TABLES[kind]), rows)
        return True

    def delete_article(self, article_id: str, conn: Connection | None = None) -> bool:
        """Remove an article and every item extracted from it. True if it existed."""
        with self._conn(conn) as c:
            return self._delete_article(c, article_id)

    @staticmethod
    def _delete_article(conn: Connection, article_id: str) -> bool:
        # Item rows are removed explicitly as well as by ON DELETE CASCADE:
        # SQLite only cascades when its foreign_keys pragma is on, and a
        # connection opened by another tool may not have set it.
        for table in schema.ITEM_TABLES.values():
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(schema.mentions).where(schema.mentions.c.article_id == article_id))
        result = conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))
        return result.rowcount > 0

    def get_record(self, article_id: str) -> Record | None:
        data = self.get_record_dict(article_id)
        return record_from_dict(data) if data else None

    def get_record_dict(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            raw = conn.execute(select(schema.articles.c.record)
                               .where(schema.articles.c.id == article_id)).scalar()
        return json.loads(raw) if raw else None

    def iter_record_dicts(self, ids: Iterable[str] | None = None, *,
                          outlet: str | None = None) -> Iterator[dict]:
        """Stored records in ingest order (optionally only ``ids`` / one outlet)."""
        a = schema.articles
        query = select(a.c.seq, a.c.record).order_by(a.c.seq)
        if outlet is not None:
            query = query.where(a.c.outlet == outlet)
        with self.engine.connect() as conn:
            if ids is None:
                rows: Iterable = conn.execute(query)
            else:
                # In chunks: SQLite limits the number of bound parameters per query.
                wanted = list(dict.fromkeys(ids))
                rows = sorted(row for i in range(0, len(wanted), ID_CHUNK)
                              for row in conn.execute(
                                  query.where(a.c.id.in_(wanted[i:i + ID_CHUNK]))))
            for _seq, raw in rows:
                yield json.loads(raw)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.articles)).scalar() or 0

    def article_index(self, with_text: bool = False) -> list[dict]:
        """id, outlet, text hash, minhash and duplicate_of (and the text, if asked)
        of every article in ingest order: what a new ingest run needs to re-seed
        duplicate detection."""
        a = schema.articles
        columns = [a.c.id, a.c.outlet, a.c.text_hash, a.c.minhash, a.c.duplicate_of]
        query = select(*columns, *([a.c.text] if with_text else [])).order_by(a.c.seq)
        with self.engine.connect() as conn:
            return [dict(r._asdict(), minhash=json.loads(r.minhash) if r.minhash else None)
                    for r in conn.execute(query)]

    # ------------------------------------------------------------ actor dictionary

    def store_actor_entries(self, entries: Iterable[dict], conn: Connection | None = None
                            ) -> int:
        """Add the user's actor dictionary entries; an entry already stored (same
        name, code and valid_from) is updated. Returns how many were written."""
        table = schema.actor_dictionary
        written = 0
        with self._conn(conn) as c:
            for entry in entries:
                row = actor_entry_row(entry)
                key = ((table.c.name == row["name"]) & _equal_or_null(table.c.code, row["code"])
                       & _equal_or_null(table.c.valid_from, row["valid_from"]))
                if c.execute(select(table.c.id).where(key)).first() is None:
                    c.execute(insert(table).values(**row))
                else:
                    c.execute(update(table).where(key).values(**row))
                written += 1
        return written

    def actor_entries(self) -> list[dict]:
        table = schema.actor_dictionary
        with self.engine.connect() as conn:
            rows = conn.execute(select(table).order_by(table.c.name, table.c.valid_from))
            return [{**r._asdict(), "aliases": json.loads(r.aliases or "[]")} for r in rows]

    # ------------------------------------------------------------ whole-database views

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table, sorted: two databases with equal dumps hold
        the same data (used to check that re-running an ingest changes nothing)."""
        out: dict[str, list[tuple]] = {}
        with self.engine.connect() as conn:
            for name, table in sorted(schema.metadata.tables.items()):
                rows = conn.execute(select(table)).all()
                out[name] = sorted((tuple(r) for r in rows), key=repr)
        return out


def _equal_or_null(column, value):
    return column.is_(None) if value is None else column == value


def actor_entry_row(entry: dict) -> dict:
    """A dictionary entry (YAML/CSV fields) as an ``actor_dictionary`` row."""
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):  # CSV: "alias one; alias two"
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    return dict(name=str(entry["name"]), aliases=_dumps(list(aliases)), code=entry.get("code"),
                country=entry.get("country"), sector=entry.get("sector"), role=entry.get("role"),
                valid_from=_as_text(entry.get("valid_from")), valid_to=_as_text(entry.get("valid_to")))


def _as_text(value: Any) -> str | None:
    # YAML reads 2024-01-01 as a date; the table keeps ISO strings.
    return None if value in (None, "") else str(value)


def article_row(rec: dict) -> dict:
    """The ``articles`` columns that come from the record itself."""
    published = rec.get("published")
    return dict(id=rec["id"], title=rec.get("title"), outlet=rec.get("outlet"),
                url=rec.get("url"), author=rec.get("author"), published=published,
                published_date=published[:10] if published else None,
                language=rec.get("language"), text=rec["text"], text_hash=text_hash(rec["text"]))


def item_rows(rec: dict) -> dict[str, list[dict]]:
    """The per-article table rows of a record (JSON form)."""
    aid = rec["id"]
    rows: dict[str, list[dict]] = {k: [] for k in schema.ITEM_TABLES}
    for e in rec.get("entities", []):
        a = e.get("actor") or {}
        rows["entities"].append(dict(
            article_id=aid, id=e["id"], text=e["text"], label=e.get("label"),
            actor_name=a.get("name"), actor_code=a.get("code"), actor_country=a.get("country"),
            actor_sector=a.get("sector"), actor_role=a.get("role"), data=_dumps(e)))
    for v in rec.get("events", []):
        src, tgt = v.get("source") or {}, v.get("target") or {}
        sa, ta = src.get("actor") or {}, tgt.get("actor") or {}
        date = v.get("date") or {}
        plover = v.get("plover") or {}
        rows["events"].append(dict(
            article_id=aid, id=v["id"], sentence=v.get("sentence"), trigger=v["trigger"]["text"],
            source_text=src.get("text"), source_code=sa.get("code"), source_country=sa.get("country"),
            target_text=tgt.get("text"), target_code=ta.get("code"), target_country=ta.get("country"),
            cameo=v.get("cameo"), cameo_root=v.get("cameo_root") or (v.get("cameo") or "")[:2],
            plover_type=plover.get("type"), plover_mode=plover.get("mode"),
            quad_class=v.get("quad_class"), goldstein=v.get("goldstein"), modality=v.get("modality"),
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


def _retryable(problem: DBAPIError) -> bool:
    """A collision with another writer, which running the transaction again resolves."""
    if isinstance(problem, IntegrityError):
        return "unique" in str(problem.orig).lower() or "duplicate key" in str(problem.orig).lower()
    message = str(problem.orig).lower()
    return any(sign in message for sign in (
        "database is locked", "database is busy", "deadlock detected",
        "could not serialize", "lock timeout"))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # Wait for another writer rather than failing at once (set first: switching
    # to WAL itself needs a lock another process may hold).
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()
