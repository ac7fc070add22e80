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
from typing import Any, Callable, Iterable, Iterator, Optional, TextIO

import typer

from ..model import Article, InputError, Record
from ..store.db import DEFAULT_URL

from . import app

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


@dataclass
class Tally:
    """Counts one run and reports each problem on stderr as it happens."""

    stderr: TextIO
    inputs: int = 0
    failed: int = 0
    notes: dict[str, int] = field(default_factory=dict)

    def ok(self) -> None:
        self.inputs += 1

    def fail(self, problem: Any) -> None:
        """An input that could not be read or extracted (``problem`` prints as path:line: msg)."""
        self.inputs += 1
        self.failed += 1
        print(str(problem), file=self.stderr, flush=True)

    def skip(self, origin: str, why: str | None, kind: str) -> None:
        """An input deliberately not stored (a duplicate): counted, not a failure;
        reported on stderr unless ``why`` is None (nothing worth a line)."""
        self.inputs += 1
        self.note(origin, why, kind)

    def note(self, origin: str, why: str | None, kind: str) -> None:
        self.notes[kind] = self.notes.get(kind, 0) + 1
        if why:
            print(f"{origin}: {why}", file=self.stderr, flush=True)

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


def read_articles(paths: list[str], published: str | None, outlet: str | None
                  ) -> Iterator[Article | InputError]:
    from ..ingest import read_inputs
    try:
        return read_inputs(paths, published=published, outlet=outlet,
                           stdin=sys.stdin if "-" in paths else None)
    except ValueError as exc:  # a bad --published, found before anything is read
        raise typer.BadParameter(str(exc)) from None


def make_pipeline(actors: Path | None = None, actor_entries: list[dict] | None = None):
    """The extraction pipeline, with the user's actor dictionary from a file
    (``extract``) or as entries stored in the database (``ingest``)."""
    from ..extract import Pipeline
    entities: dict[str, Any] = {}
    if actors:
        entities["actor_dictionary"] = str(actors)
    if actor_entries:
        entities["actor_entries"] = actor_entries
    return Pipeline(config={"entities": entities} if entities else {})


def finish(tally: Tally) -> None:
    print(tally.summary(), file=tally.stderr, flush=True)
    raise typer.Exit(tally.exit_code)


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
) -> None:
    """Extract events, claims, times, places and figures: one JSON record per article."""
    items = read_articles(paths, published, outlet)
    pipeline = make_pipeline(actors)
    tally = Tally(sys.stderr)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with progress("extracting") as advance:
            for result in pipeline.run(items):
                if is_problem(result):
                    tally.fail(result)
                else:
                    out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                    tally.ok()
                advance()
    finally:
        if output:
            out.close()
        else:
            out.flush()
    finish(tally)


# --------------------------------------------------------------------------- ingest


@dataclass
class Kept:
    """What the duplicate screen decided for an article it let through."""

    signature: list[int] | None
    duplicate_of: str | None = None
    origin: str | None = None


class DuplicateScreen:
    """Decides, before extraction, which articles to store.

    Exact copies are skipped; near copies from the same outlet are skipped
    (an outlet re-posting its own story); near copies from another outlet are
    kept with ``duplicate_of`` set, so linking counts them as copies rather
    than independent sources. Articles already stored with the same text are
    skipped too: that is what makes re-running an ingest a no-op.
    """

    def __init__(self, db, tally: Tally, reextract: bool = False):
        from ..ingest.dedup import Deduplicator, exact_key
        self.tally, self.reextract = tally, reextract
        self.dedup = Deduplicator()
        self.outlets: dict[str, str | None] = {}
        self.stored_hashes: dict[str, str] = {}
        self.kept: dict[str, Kept] = {}
        for row in db.article_index(with_text=True):  # re-seed from earlier runs
            if row["minhash"]:
                self.dedup.add_signature(row["id"], row["minhash"], exact_key(row["text"]))
            else:
                self.dedup.add(row["id"], row["text"])
            self.outlets[row["id"]] = row["outlet"]
            self.stored_hashes[row["id"]] = row["text_hash"]

    def __call__(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        for item in items:
            if isinstance(item, InputError) or self.admit(item):
                yield item

    def admit(self, article: Article) -> bool:
        from ..ingest.dedup import exact_key, signature
        from ..model import text_hash
        article_id = article.stable_id()
        origin = article.origin or article_id
        if self.stored_hashes.get(article_id) == text_hash(article.text) and not self.reextract:
            self.tally.skip(origin, None, "already stored unchanged")
            return False
        verdict = self.dedup.check(article.text)
        if verdict.of == article_id:  # a new version of an article we hold: replace it
            verdict = None
        duplicate_of = None
        if verdict and verdict.kind == "exact":
            self.tally.skip(origin, f"exact duplicate of {verdict.of}, skipped",
                            "duplicates skipped")
            return False
        if verdict and verdict.kind == "near":
            if self.outlets.get(verdict.of) == article.outlet:
                self.tally.skip(origin, f"near duplicate ({verdict.similarity:.2f}) of "
                                        f"{verdict.of} from the same outlet, skipped",
                                "duplicates skipped")
                return False
            duplicate_of = verdict.of
            self.tally.note(origin, f"near duplicate ({verdict.similarity:.2f}) of {verdict.of} "
                                    "from another outlet: stored as a copy", "stored as copies")
        sig = signature(article.text)
        self.dedup.add_signature(article_id, sig, exact_key(article.text))
        self.outlets[article_id] = article.outlet
        self.kept[article_id] = Kept(sig, duplicate_of, article.origin)
        return True


def store_actor_dictionary(db, path: Path) -> int:
    """Keep the user's actor dictionary in the database, so later runs (and the
    web UI) use it without being given the file again."""
    from dataclasses import asdict

    from ..extract.actor_dictionary import load_actor_dictionary
    try:
        entries = load_actor_dictionary(path)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--actors") from None
    return db.store_actor_entries(asdict(entry) for entry in entries)


def ingest_paths(db, paths: list[str], published: str | None = None,
                 outlet: str | None = None, actors: Path | None = None,
                 reextract: bool = False, stderr: TextIO | None = None) -> Tally:
    """Read, screen, extract and store; then link what is new. Returns the tally."""
    tally = Tally(stderr or sys.stderr)
    if actors:
        store_actor_dictionary(db, actors)
    screen = DuplicateScreen(db, tally, reextract)
    items = screen(read_articles(paths, published, outlet))
    pipeline = make_pipeline(actor_entries=db.actor_entries())
    with progress("ingesting") as advance:
        for result in pipeline.run(items):
            if is_problem(result):
                tally.fail(result)
            else:
                store(db, result, screen.kept.get(result.id))
                tally.ok()
            advance()
    link_new_articles(db)
    return tally


def store(db, record: Record, kept: Kept | None) -> None:
    # One transaction per article: a run stopped half-way leaves only whole articles.
    kept = kept or Kept(signature=None)
    db.upsert_record(record, minhash=kept.signature, duplicate_of=kept.duplicate_of,
                     origin=kept.origin)


def link_new_articles(db) -> None:
    """Hand every article not yet in a story to linking -- this run's, and any an
    interrupted earlier run stored but never linked."""
    from .. import link
    pending = db.unlinked_article_ids()
    if pending:
        link.after_ingest(db, pending)


@app.command()
def ingest(
    paths: list[str] = PathsArg,
    db_url: str = DbOpt,
    published: Optional[str] = PublishedOpt,
    outlet: Optional[str] = OutletOpt,
    actors: Optional[Path] = ActorsOpt,
    reextract: bool = typer.Option(False, "--reextract",
                                   help="extract again articles already stored unchanged"),
) -> None:
    """Extract articles and store them in a database, skipping duplicates; then link stories."""
    from ..store import Database
    db = Database(db_url)
    tally = ingest_paths(db, paths, published, outlet, actors, reextract)
    print(f"{db.count_articles()} articles in {db_url}", file=sys.stderr)
    finish(tally)


# --------------------------------------------------------------------------- report


def open_existing(url: str):
    """The database at ``url``; a SQLite file that does not exist is an error
    (rather than silently creating an empty one from a mistyped path)."""
    from sqlalchemy.engine import make_url

    from ..store import Database, normalise_url
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not Path(parsed.database).exists():
        print(f"no database at {parsed.database}; create one with: crosswire ingest PATH --db {url}",
              file=sys.stderr)
        raise typer.Exit(1)
    return Database(url)


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
    if fmt == "json":
        print(json.dumps(reporting.summary(records), ensure_ascii=False, indent=2))
    else:
        reporting.render(records)


# --------------------------------------------------------------------------- demo


def example_corpus() -> Path:
    from ..examples import corpus_path
    return corpus_path()


@app.command()
def demo(db_url: str = typer.Option(DEMO_URL, "--db", help="database URL or SQLite file path")
         ) -> None:
    """Ingest the bundled example corpus and show what crosswire found."""
    from .. import report as reporting
    from ..store import Database
    db = Database(db_url)
    tally = ingest_paths(db, [str(example_corpus())])
    print(tally.summary(), file=sys.stderr)
    reporting.render(list(db.iter_record_dicts()))
    reporting.console().print(
        f"\nBrowse it: [bold]crosswire serve --db {db.url}[/bold] "
        "then open [link]http://127.0.0.1:8000[/link]")
    raise typer.Exit(tally.exit_code)
