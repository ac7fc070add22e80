"""Reading inputs into :class:`~crosswire.model.Article` and spotting duplicates.

``read_inputs(paths)`` yields one ``Article`` per input article, or an
``InputError`` for each bad input (the rest of the batch goes on), in a
deterministic order: paths as given, folders recursively in sorted order.

Readers by extension: ``.txt``; ``.jsonl``/``.json``; ``.html``/``.htm``;
``.rss``/``.atom`` and ``.xml`` feeds; ``.warc``/``.warc.gz``; ``-`` reads
JSON Lines from standard input. ``published``/``outlet`` fill in what an
input lacks and never override what it states; an input without an outlet
is then named after its URL's host (``lexicons/ingest_outlet_domains.tsv``).
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from crosswire.ingest.common import BadInput, check_id
from crosswire.ingest.dates import DateError, normalise_date
from crosswire.ingest.json_files import read_json_lines_stream
from crosswire.ingest.outlets import outlet_from_url
from crosswire.model import Article, InputError

__all__ = ["read_inputs", "read_file", "fill_in", "Deduplicator", "Verdict", "wire_credit", "outlet_from_url",
           "normalise_date", "SUPPORTED_SUFFIXES", "DEFAULT_MAX_CHARS", "admissible"]

STDIN = "-"
# Longest article extracted (characters); longer ones are refused with a
# message. Generous: a long feature is ~50,000, a full report ~300,000.
DEFAULT_MAX_CHARS = 500_000
# Names served from crosswire.ingest.dedup on first use: datasketch pulls in
# scipy (about a second), which reading alone does not need.
_FROM_DEDUP = {"Deduplicator", "Verdict", "wire_credit"}


def __getattr__(name: str):
    if name in _FROM_DEDUP:
        return getattr(importlib.import_module(f"{__name__}.dedup"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Reader of each file type, as "module:function" under crosswire.ingest. Imported on
# first use: trafilatura, feedparser and warcio take a noticeable fraction of a second
# to import, which a run over JSON Lines alone should not pay.
_READERS = {
    ".txt": "text_files:read_text_file",
    ".jsonl": "json_files:read_json_lines_file",
    ".json": "json_files:read_json_file",
    ".html": "html_files:read_html_file",
    ".htm": "html_files:read_html_file",
    ".rss": "feeds:read_feed_file",
    ".atom": "feeds:read_feed_file",
    ".xml": "feeds:read_xml_file",
    ".warc": "warc_files:read_warc_file",
    ".warc.gz": "warc_files:read_warc_file",
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def _reader(suffix: str) -> Callable[[Path], Iterator[Article | InputError]]:
    module, function = _READERS[suffix].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Articles (and errors) from one file of a supported type."""
    return _reader(suffix_of(path))(path)


def read_inputs(paths: Iterable[str | Path], published: str | None = None,
                outlet: str | None = None, stdin: TextIO | None = None,
                max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[Article | InputError]:
    """Articles (and errors) from files, folders and ``"-"`` (JSON Lines on ``stdin``).

    An article longer than ``max_chars`` characters (None: no limit) or with
    an unsafe id is an ``InputError``, like any other bad input.
    Raises ``ValueError`` at once if ``published`` itself is not a readable date.
    """
    default_published = _checked_default_date(published)
    if isinstance(paths, (str, Path)):  # one path given on its own, not a list of characters
        paths = [paths]
    return _read_all(list(paths), default_published, outlet, stdin, max_chars)


def _checked_default_date(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return normalise_date(published)
    except DateError as err:
        raise ValueError(f"--published: {err}") from None


def _read_all(paths: list[str | Path], published: str | None, outlet: str | None,
              stdin: TextIO | None, max_chars: int | None) -> Iterator[Article | InputError]:
    for item in _raw_items(paths, stdin):
        if isinstance(item, Article):
            problem = admissible(item, max_chars)
            if problem is not None:
                yield problem
                continue
            fill_in(item, published, outlet)
        yield item


def admissible(article: Article, max_chars: int | None = DEFAULT_MAX_CHARS) -> InputError | None:
    """Why ``article`` must not be extracted (too long, unsafe id), else None."""
    origin = article.origin or article.stable_id()
    if max_chars is not None and len(article.text) > max_chars:
        return InputError(origin, too_long(len(article.text), max_chars))
    if article.id is not None:
        try:
            check_id(str(article.id))
        except BadInput as problem:
            return InputError(origin, str(problem))
    return None


def too_long(length: int, limit: int) -> str:
    return f"too long ({length} characters, limit {limit})"


def _raw_items(paths: list[str | Path], stdin: TextIO | None) -> Iterator[Article | InputError]:
    for given in paths:
        if str(given) == STDIN:
            yield from read_json_lines_stream(stdin if stdin is not None else sys.stdin, "<stdin>")
            continue
        path = Path(given)
        if path.is_dir():
            for file in _files_under(path):
                yield from read_file(file)
        elif not path.exists():
            yield InputError(str(path), "no such file or directory")
        elif suffix_of(path) in _READERS:
            yield from read_file(path)
        else:
            yield InputError(str(path), "unsupported file type; supported: "
                             + ", ".join(SUPPORTED_SUFFIXES) + " and '-' for JSON Lines on stdin")


def _files_under(folder: Path) -> list[Path]:
    """Supported files below ``folder``, sorted; hidden files and folders are skipped.

    Files of other types in a folder (READMEs, images) are skipped quietly: only a
    path named explicitly is an error when its type is unsupported.
    """
    found = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or not file.is_file():
            continue
        if suffix_of(file) in _READERS:
            found.append(file)
    return sorted(found, key=lambda f: f.relative_to(folder).parts)


def suffix_of(path: Path) -> str:
    """The reader key of a path: ``.warc.gz`` counts as one suffix."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def fill_in(article: Article, published: str | None, outlet: str | None) -> Article:
    """Fill what the input lacks: the given date and outlet, then the URL's outlet."""
    if not article.published and published:
        article.published = published
    if not article.outlet:
        article.outlet = outlet or outlet_from_url(article.url)
    return article
