"""Core commands: ``extract`` (files -> JSON Lines), ``ingest`` (files -> database),
``report`` (database -> readable summary) and ``demo`` (the bundled example
corpus, end to end).

Every bad input or failed article is one line on standard error,
``path:line: message``; the run goes on, and the exit status is the number
that failed (capped at 100), so a script can tell a clean run from a partial one.
"""
from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TextIO

import typer

from ..ingest import DEFAULT_MAX_CHARS
from ..model import Article, InputError
from ..store.db import DEFAULT_URL

from . import app
from .db_access import open_db

MAX_EXIT = 100
DEMO_URL = "sqlite:///crosswire-demo.db"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------- shared options


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is not None and not _DATE.match(value):
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--published")
    return value


PathsArg = typer.Argument(..., help="files or folders to read ('-' reads JSON Lines on stdin)")
PublishedOpt = typer.Option(None, "--published", callback=_check_date, metavar="YYYY-MM-DD",
                            help="publication date for inputs that state none")
OutletOpt = typer.Option(None, "--outlet", help="outlet name for inputs that state none")
ActorsOpt = typer.Option(None, "--actors", exists=True, dir_okay=False,
                         help="actor dictionary (YAML or CSV: name, aliases, code, country, "
                              "sector, role, valid_from, valid_to)")
DbOpt = typer.Option(DEFAULT_URL, "--db", help="database URL or SQLite file path")
MaxCharsOpt = typer.Option(
    DEFAULT_MAX_CHARS, "--max-chars", min=1, metavar="N",
    help="refuse articles longer than N characters (reported as path:line: too long)")
SchedulerOpt = typer.Option(
    None, "--scheduler",
    help="extract on a Dask cluster: tcp://HOST:PORT of its scheduler, or local[:N] "
         "for N local worker processes (default: in this process)")


@dataclass
class Tally:
    """Counts one run and reports each problem on stderr as it happens."""

    # None: whatever sys.stderr is when printing, so lines go through Rich's
    # progress display (which redirects stderr) instead of tearing it.
    stderr: TextIO | None = None
    inputs: int = 0
    failed: int = 0
    notes: dict[str, int] = field(default_factory=dict)

    def say(self, line: str) -> None:
        print(line, file=self.stderr or sys.stderr, flush=True)

    def ok(self) -> None:
        self.inputs += 1

    def fail(self, problem: Any) -> None:
        """An input that could not be read or extracted (``problem`` prints as path:line: msg)."""
        self.inputs += 1
        self.failed += 1
        self.say(str(problem))

    def count(self, outcome) -> None:
        """One ``store.intake.Outcome``: failures as ``fail``; skipped inputs
        (duplicates) and copies are counted by kind and reported, not failures."""
        if outcome.status == "failed":
            self.fail(outcome)
            return
        self.inputs += 1
        if outcome.kind:
            self.notes[outcome.kind] = self.notes.get(outcome.kind, 0) + 1
        if outcome.message:
            self.say(str(outcome))

    def summary(self) -> str:
        extra = "".join(f"; {n} {kind}" for kind, n in sorted(self.notes.items()))
        return f"{self.failed} of {self.inputs} inputs failed{extra}"

    @property
    def exit_code(self) -> int:
        return min(self.failed, MAX_EXIT)


@contextmanager
def progress(label: str) -> Iterator[Callable[[], None]]:
    """A Rich progress line on stderr, only when stderr is a terminal (so pipes,
    files and tests get clean output); yields ``advance()``."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), "[progress.description]{task.description}",
                  MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda: bar.advance(task)


def read_articles(paths: list[str], published: str | None, outlet: str | None,
                  max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[Article | InputError]:
    from ..ingest import read_inputs
    try:
        return read_inputs(paths, published=published, outlet=outlet,
                           stdin=sys.stdin if "-" in paths else None, max_chars=max_chars)
    except ValueError as exc:  # a bad --published, found before anything is read
        raise typer.BadParameter(str(exc)) from None


@contextmanager
def make_pipeline(actors: Path | None = None, actor_entries: list[dict] | None = None,
                  scheduler: str | None = None) -> Iterator[Any]:
    """The extraction pipeline, with the user's actor dictionary from a file
    (``extract``) or as entries stored in the database (``ingest``); on a Dask
    cluster when ``scheduler`` is given (closed again on exit)."""
    from ..extract import Pipeline
    entities: dict[str, Any] = {}
    if actors and scheduler:  # workers may not see the client's files: send the entries
        actor_entries = [*(actor_entries or []), *load_actor_entries(actors)]
    elif actors:
        entities["actor_dictionary"] = str(actors)
    if actor_entries:
        entities["actor_entries"] = actor_entries
    config = {"entities": entities} if entities else {}
    if scheduler:
        from ..scale import ClusterPipeline
        try:
            cluster = ClusterPipeline(scheduler, config=config)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--scheduler") from None
        with cluster:
            yield cluster
        return
    try:
        pipeline = Pipeline(config=config)
    except ValueError as exc:  # an unreadable actor dictionary
        if not actors:
            raise
        raise typer.BadParameter(str(exc), param_hint="--actors") from None
    yield pipeline


def load_actor_entries(path: Path) -> list[dict]:
    from dataclasses import asdict

    from ..extract.actor_dictionary import load_actor_dictionary
    try:
        return [asdict(entry) for entry in load_actor_dictionary(path)]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--actors") from None


def finish(tally: Tally) -> None:
    tally.say(tally.summary())
    raise typer.Exit(tally.exit_code)


def contract_problem(record: dict) -> str | None:
    """``id: contract: ...`` when the record breaks an invariant of the contract."""
    from ..model import check_record
    problems = check_record(record)
    return f"{record['id']}: contract: {'; '.join(problems)}" if problems else None


def is_problem(item: object) -> bool:
    from ..extract import Failure
    return isinstance(item, (InputError, Failure))


# --------------------------------------------------------------------------- extract


@app.command()
def extract(
    paths: list[str] = PathsArg,
    output: Optional[Path] = typer.Option(None, "-o", "--output", dir_okay=False,
                                          help="write JSON Lines here (default: stdout)"),
    published: Optional[str] = PublishedOpt,
    outlet: Optional[str] = OutletOpt,
    actors: Optional[Path] = ActorsOpt,
    scheduler: Optional[str] = SchedulerOpt,
    max_chars: int = MaxCharsOpt,
    check: bool = typer.Option(False, "--check",
                               help="verify each record against the contract (offsets, ids, "
                                    "references); a record that fails is reported, not written"),
) -> None:
    """Extract events, claims, times, places and figures: one JSON record per article."""
    items = read_articles(paths, published, outlet, max_chars)
    tally = Tally()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with make_pipeline(actors, scheduler=scheduler) as pipeline, \
                progress("extracting") as advance:
            for result in pipeline.run(items):
                data = None if is_problem(result) else result.to_dict()
                problem = result if data is None else (contract_problem(data) if check else None)
                if problem:
                    tally.fail(problem)
                else:
                    out.write(json.dumps(data, ensure_ascii=False) + "\n")
                    tally.ok()
                advance()
    finally:
        if output:
            out.close()
        else:
            out.flush()
    finish(tally)


# --------------------------------------------------------------------------- ingest


def store_actor_dictionary(db, path: Path) -> int:
    """Keep the user's actor dictionary in the database, so later runs (and the
    web UI) use it without being given the file again."""
    return db.store_actor_entries(load_actor_entries(path))


def ingest_paths(db, paths: list[str], published: str | None = None,
                 outlet: str | None = None, actors: Path | None = None,
                 reextract: bool = False, stderr: TextIO | None = None,
                 scheduler: str | None = None, max_chars: int | None = DEFAULT_MAX_CHARS
                 ) -> Tally:
    """Read, screen, extract, store and link (``store.intake``). Returns the tally."""
    from ..store.intake import Intake
    tally = Tally(stderr)
    if actors:
        store_actor_dictionary(db, actors)
    with make_pipeline(actor_entries=db.actor_entries(), scheduler=scheduler) as pipeline, \
            progress("ingesting") as advance:
        intake = Intake(db, pipeline, reextract)
        for outcome in intake.run(read_articles(paths, published, outlet, max_chars)):
            tally.count(outcome)
            advance()
    return tally


@app.command()
def ingest(
    paths: list[str] = PathsArg,
    db_url: str = DbOpt,
    published: Optional[str] = PublishedOpt,
    outlet: Optional[str] = OutletOpt,
    actors: Optional[Path] = ActorsOpt,
    reextract: bool = typer.Option(False, "--reextract",
                                   help="extract again articles already stored unchanged"),
    scheduler: Optional[str] = SchedulerOpt,
    max_chars: int = MaxCharsOpt,
) -> None:
    """Extract articles and store them in a database, skipping duplicates; then link stories."""
    db = open_db(db_url, create=True)
    tally = ingest_paths(db, paths, published, outlet, actors, reextract, scheduler=scheduler,
                         max_chars=max_chars)
    print(f"{db.count_articles()} articles in {db_url}", file=sys.stderr)
    finish(tally)


# --------------------------------------------------------------------------- report


def open_existing(url: str):
    """The database at ``url``; a SQLite file that does not exist is an error
    (rather than silently creating an empty one from a mistyped path)."""
    return open_db(url, create=False)


@app.command()
def report(
    db_url: str = DbOpt,
    article: Optional[str] = typer.Option(None, "--article", help="only this article id"),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="only this outlet"),
    fmt: str = typer.Option("text", "--format", help="text | json"),
) -> None:
    """Summarise what was extracted: per article and per outlet."""
    from .. import report as reporting
    if fmt not in ("text", "json"):
        raise typer.BadParameter("expected text or json", param_hint="--format")
    db = open_existing(db_url)
    records = list(db.iter_record_dicts([article] if article else None, outlet=outlet))
    if article and not records:
        print(f"no article {article!r} in {db_url}", file=sys.stderr)
        raise typer.Exit(1)
    if outlet and not records:
        print(f"no articles from outlet {outlet!r} in {db_url}", file=sys.stderr)
        raise typer.Exit(1)
    copies = stored_copies(db)
    if fmt == "json":
        print(json.dumps(reporting.summary(records, copies), ensure_ascii=False, indent=2))
    else:
        reporting.render(records, copies)


def stored_copies(db) -> dict[str, str]:
    """Article id -> the article it is a near copy of (wire copy in another outlet)."""
    return {row["id"]: row["duplicate_of"] for row in db.article_index() if row["duplicate_of"]}


# --------------------------------------------------------------------------- demo


def example_corpus() -> Path:
    from ..examples import corpus_path
    return corpus_path()


@app.command()
def demo(db_url: str = typer.Option(DEMO_URL, "--db", help="database URL or SQLite file path")
         ) -> None:
    """Ingest the bundled example corpus and show what crosswire found."""
    from .. import report as reporting
    db = open_db(db_url, create=True)
    tally = ingest_paths(db, [str(example_corpus())])
    tally.say(tally.summary())
    reporting.render(list(db.iter_record_dicts()), stored_copies(db))
    reporting.console().print(
        f"\nBrowse it: [bold]crosswire serve --db {db.url}[/bold] "
        "then open [link]http://127.0.0.1:8000[/link]")
    raise typer.Exit(tally.exit_code)
