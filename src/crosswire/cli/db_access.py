"""Opening the ``--db`` of a command: one line naming the problem, never a traceback.

Write commands (``ingest``, ``demo``) create the database if needed; read
commands never do: a mistyped path must not leave an empty database behind
and then report "nothing found".
"""
from __future__ import annotations

from pathlib import Path

import typer


class DatabaseProblem(Exception):
    """Why a ``--db`` cannot be used, in one line."""


def open_db(url: str, *, create: bool, status: int = 1):
    """The database at ``url``, or exit with ``status`` after one line on stderr."""
    try:
        return connect(url, create=create)
    except DatabaseProblem as problem:
        typer.echo(f"crosswire: {problem}", err=True)
        raise typer.Exit(status) from None


def connect(url: str, *, create: bool):
    """The database at ``url``; :class:`DatabaseProblem` when it cannot be used."""
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from ..store.db import Database, SchemaVersionError, normalise_url
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise DatabaseProblem(f"{url!r} is not a database URL or file path "
                              "(e.g. crosswire.db, sqlite:///PATH, "
                              "postgresql+psycopg2://USER@HOST/NAME)") from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_path(parsed.database, url, create)
    try:
        db = Database(url, create=create)
        if not create:
            _check_crosswire_tables(db, inspect(db.engine))
        return db
    except NoSuchModuleError:
        raise DatabaseProblem(f"cannot open {shown}: unknown database scheme "
                              f"{parsed.drivername!r} (use sqlite:/// or postgresql+psycopg2://)"
                              ) from None
    except ModuleNotFoundError as missing:
        raise DatabaseProblem(f"cannot open {shown}: its driver is not installed "
                              f"({missing.name})") from None
    except SchemaVersionError as problem:
        raise DatabaseProblem(str(problem)) from None
    except SQLAlchemyError as problem:
        reason = str(getattr(problem, "orig", None) or problem).strip().splitlines()[0]
        raise DatabaseProblem(f"cannot open {shown}: {reason}") from None


def _check_sqlite_path(database: str | None, url: str, create: bool) -> None:
    if database in (None, "", ":memory:"):
        return
    path = Path(database)
    if path.is_dir():
        raise DatabaseProblem(f"cannot open {database}: it is a folder, not a database file")
    if not create and not path.exists():
        raise DatabaseProblem(f"no database at {database}; create one with: "
                              f"crosswire ingest PATH --db {url}")
    if create and not path.parent.exists():
        raise DatabaseProblem(f"cannot open {database}: folder {path.parent} does not exist")


def _check_crosswire_tables(db, inspector) -> None:
    from ..store import schema
    if not inspector.has_table(schema.articles.name):
        raise DatabaseProblem(f"{db!r} is not a crosswire database (it has no articles table); "
                              "fill one with: crosswire ingest PATH --db ...")
    stored = db.schema_version()
    if stored is not None and stored != schema.SCHEMA_VERSION:
        raise DatabaseProblem(f"{db!r} has schema version {stored}; this crosswire uses "
                              f"{schema.SCHEMA_VERSION}. Ingest into a new database.")
