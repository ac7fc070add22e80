"""``crosswire stories | story | events | conflicts | timeline | export | relink``:
the cross-article views, as Rich tables or ``--format json``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ..compare.conflicts import NOT_CONFLICT_KINDS
from . import app

DEFAULT_DB = "sqlite:///crosswire.db"
DbOption = typer.Option(DEFAULT_DB, "--db", help="database URL or SQLite file path")
FormatOption = typer.Option("text", "--format", help="text | json")


CONFLICT_KINDS = ("figure", "denial", "date", "polarity") + NOT_CONFLICT_KINDS


def _db(url: str):
    """An existing database (read commands never create one), or one line and exit 1."""
    from .db_access import open_db
    return open_db(url, create=False)


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def _check_story(db, story_id: str | None) -> None:
    """Exit 1 with a message when ``story_id`` is given but not stored (rather than
    printing an empty table, which reads as "this story has nothing")."""
    from sqlalchemy import select

    from ..store import schema
    if story_id is None:
        return
    with db.engine.connect() as conn:
        found = conn.execute(select(schema.stories.c.id)
                             .where(schema.stories.c.id == story_id)).first()
    if found is None:
        _fail(f"no story {story_id!r} in this database (list them with: crosswire stories)")


def _print_json(value) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=1))


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"--format must be text or json, not {fmt!r}")


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    _console().print(table)


def _console() -> Console:
    # Piped output is read in files and pagers: do not squeeze it into 80 columns.
    return Console() if sys.stdout.isatty() else Console(width=200)


def _sources(event: dict) -> str:
    return "; ".join(s["label"] for s in event.get("sources", []))


@app.command("stories")
def stories_command(db_url: str = DbOption, fmt: str = FormatOption) -> None:
    """List stories: every article is in exactly one."""
    from ..link import views
    _check_format(fmt)
    found = views.stories(_db(db_url))
    if fmt == "json":
        return _print_json(found)
    found = sorted(found, key=lambda s: -s["size"])
    _table(f"{len(found)} stories (largest first)",
           ["id", "articles", "first", "last", "events", "conflicts", "outlets", "title"],
           [[s["id"], s["size"], s["first_seen"], s["last_seen"], s["num_events"],
             s["num_conflicts"], ", ".join(s["outlets"]), s["title"]] for s in found])


@app.command("story")
def story_command(story_id: str = typer.Argument(..., help="story id, e.g. s3"),
                  db_url: str = DbOption, fmt: str = FormatOption,
                  explain: bool = typer.Option(False, "--explain",
                                               help="what tied each article to the story")) -> None:
    """One story: its articles, merged events and conflicts."""
    from ..link import views
    _check_format(fmt)
    if explain:
        return _explain(story_id, db_url, fmt)
    found = views.story(_db(db_url), story_id)
    if found is None:
        typer.echo(f"no story {story_id}", err=True)
        raise typer.Exit(1)
    if fmt == "json":
        return _print_json(found)
    _console().print(f"[bold]{found['id']}[/bold] {found['title']} "
                    f"({found['first_seen']} – {found['last_seen']})")
    _table("articles", ["id", "published", "outlet", "copy of", "title"],
           [[a["id"], a["published"], a["outlet"], a["duplicate_of"], a["title"]]
            for a in found["article_list"]])
    _print_timeline(found["timeline"])
    _print_conflicts(found["conflicts"] + found.get("figure_updates", []))


def _explain(story_id: str, db_url: str, fmt: str) -> None:
    from ..link.explain import explain_story
    found = explain_story(_db(db_url), story_id)
    if found is None:
        typer.echo(f"no story {story_id}", err=True)
        raise typer.Exit(1)
    if fmt == "json":
        return _print_json([m.to_json() for m in found])
    def time(m) -> str:
        gap = "other time" if m.gap_days is None else f"{m.gap_days} d away"
        return f"{m.day or 'undated'} ({m.day_source or 'no date'}); {gap}"
    _table(f"{story_id}: why each article is in it (scored against the rest of the story)",
           ["article", "score", "time", "shared terms", "places", "actors", "kinds", "channels"],
           [[m.article + (f" (copy of {m.duplicate_of})" if m.duplicate_of else "")
             + (" [below threshold]" if m.below_threshold else "")
             + (" [other main country]" if m.other_place else ""),
             f"{m.score:.2f}", time(m), ", ".join(m.words), ", ".join(m.places),
             ", ".join(m.actors), ", ".join(m.kinds),
             " ".join(f"{c} {v:.2f}" for c, v in m.channels.items())] for m in found])


@app.command("events")
def events_command(db_url: str = DbOption, fmt: str = FormatOption,
                   story: Optional[str] = typer.Option(None, "--story", help="only this story"),
                   min_articles: int = typer.Option(1, "--min-articles",
                                                    help="only events reported by this many articles")
                   ) -> None:
    """Events merged across articles, with mentions and independent sources."""
    from ..link import views
    _check_format(fmt)
    db = _db(db_url)
    _check_story(db, story)
    found = views.events(db, story, min_articles)
    if fmt == "json":
        return _print_json(found)
    _table(f"{len(found)} merged events", ["id", "story", "type", "source", "target", "date",
                                           "articles", "sources", "status", "origins"],
           [[e["id"], e.get("story"), (e.get("plover") or {}).get("type") or e.get("cameo"),
             (e.get("source") or {}).get("text"), (e.get("target") or {}).get("text"),
             (e.get("date") or {}).get("value"), e["num_articles"], e["num_sources"],
             e.get("status"), _sources(e)] for e in found])


def _print_conflicts(found: list[dict]) -> None:
    conflicts = [c for c in found if c.get("conflict", True)]
    _table(f"{len(conflicts)} conflicts", ["id", "story", "kind", "topic", "side A", "side B",
                                           "articles", "reason"],
           [[c["id"], c["story"], c["kind"], c["topic"], _side(c["sides"][0]),
             _side(c["sides"][1]), ", ".join(c["articles"]), c.get("reason") or ""]
            for c in conflicts])
    decisions = [c for c in found if not c.get("conflict", True)]
    if decisions:
        _table(f"{len(decisions)} figure updates and figures set aside (not conflicts)",
               ["id", "story", "kind", "decision", "reason"],
               [[c["id"], c["story"], c["kind"], c["explanation"], c.get("reason") or ""]
                for c in decisions])


def _side(side: dict) -> str:
    return f"{side.get('source')}: “{side.get('text')}”"


@app.command("conflicts")
def conflicts_command(db_url: str = DbOption, fmt: str = FormatOption,
                      story: Optional[str] = typer.Option(None, "--story", help="only this story"),
                      kind: Optional[str] = typer.Option(
                          None, "--kind", help="figure | denial | date | polarity | "
                                              "figure_update | figure_set_aside"),
                      decisions: bool = typer.Option(
                          False, "--decisions",
                          help="also list figure updates (histories) and figures set aside, "
                               "each with its reason")) -> None:
    """Where reports disagree: both sides' text, sources, articles and the reason."""
    from ..link import views
    _check_format(fmt)
    if kind is not None and kind not in CONFLICT_KINDS:
        _fail(f"unknown conflict kind {kind!r}; kinds: {', '.join(CONFLICT_KINDS)}")
    db = _db(db_url)
    _check_story(db, story)
    found = views.conflicts(db, story, kind, decisions=decisions or kind is not None)
    if fmt == "json":
        return _print_json(found)
    _print_conflicts(found)


def _print_timeline(rows: list[dict]) -> None:
    _table("timeline", ["when", "what", "modality", "status", "articles", "sources"],
           [[_when(r), r["what"], r["modality"], r["status"], r["num_articles"],
             "; ".join(r["sources"])] for r in rows])


def _when(row: dict) -> str | None:
    """The date, marked when it is too vague or wide to draw as a span."""
    return f"{row['when']} ({row['date_precision']})" if row.get("date_vague") else row["when"]


@app.command("timeline")
def timeline_command(story_id: str = typer.Argument(..., help="story id, e.g. s3"),
                     db_url: str = DbOption, fmt: str = FormatOption) -> None:
    """A story's events in date order, with status and sources."""
    from ..link import views
    _check_format(fmt)
    db = _db(db_url)
    _check_story(db, story_id)
    rows = views.story_timeline(db, story_id)
    if fmt == "json":
        return _print_json(rows)
    _print_timeline(rows)


@app.command("export")
def export_command(db_url: str = DbOption,
                   fmt: str = typer.Option("jsonl", "--format", help="jsonl | parquet | gdelt"),
                   out: Path = typer.Option(..., "-o", "--output", file_okay=False,
                                            help="folder to write into")) -> None:
    """Export stories, merged events, mentions, conflicts (JSONL, Parquet or GDELT 2.0 TSV)."""
    from ..export import FORMATS, export
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    for path in export(_db(db_url), fmt, out):
        typer.echo(str(path))


@app.command("relink")
def relink_command(db_url: str = DbOption) -> None:
    """Recompute merged events, conflicts and statuses of every story (stories stay)."""
    from ..link.update import relink_all
    stories = relink_all(_db(db_url))
    typer.echo(f"relinked {len(stories)} stories", err=True)
