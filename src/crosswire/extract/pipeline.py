"""The extraction pipeline: small registered components composed in order.

Modelled on spaCy: each component has one job, is registered under a name
with :func:`component`, and receives the shared :class:`Context` for one
article (the parsed spaCy ``Doc`` plus the record being built). Later
components read what earlier ones wrote (events read entities, timexes,
places and claims), so the order in :data:`DEFAULT_COMPONENTS` matters.

A component failing on one article fails only that article: the runner
reports it and goes on with the batch.
"""
from __future__ import annotations

import bisect
import itertools
import logging
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from spacy.tokens import Doc

from ..model import Article, InputError, Record
from ..nlp import NLP, ParseError

log = logging.getLogger(__name__)

ComponentFn = Callable[["Context"], None]
_REGISTRY: dict[str, Callable[..., ComponentFn]] = {}

# Order matters: every component may use what the ones before it produced.
DEFAULT_COMPONENTS = (
    "sentences",
    "entities",  # named entities + actor coding (extract/entities.py, extract/actors.py)
    "timexes",  # time expressions resolved against the publication date
    "places",  # geocoded places
    "claims",  # attributions
    "quantities",  # casualty and other figures
    "events",  # CAMEO/PLOVER events with source, target, modality
    "event_dates",  # date of each event (timex governing it, else tense interval)
    "event_locations",  # place of each event
    "claim_links",  # events and figures inside a claim's content -> claim id
)


def component(name: str):
    """Register a component factory: ``@component("timexes") def make(config) -> fn``.

    The factory is called once per pipeline with that component's config dict
    (from :class:`Pipeline`), and returns a function ``fn(ctx) -> None``.
    """
    def register(factory: Callable[..., ComponentFn]):
        _REGISTRY[name] = factory
        return factory
    return register


def registered() -> list[str]:
    _import_components()
    return sorted(_REGISTRY)


def _import_components() -> None:
    # Importing the modules runs their @component decorators.
    from . import (  # noqa: F401
        actors, claim_links, claims, entities, event_dates, event_locations, events, places,
        quantities, sentences, timexes)


@dataclass
class Context:
    """Everything known about one article while it is being extracted."""

    article: Article
    doc: Doc
    record: Record
    config: dict[str, Any] = field(default_factory=dict)
    # Scratch space shared between components (e.g. coreference chains of persons
    # and their roles, written by entities and read by claims and events).
    shared: dict[str, Any] = field(default_factory=dict)
    _counters: dict[str, itertools.count] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.record.text

    def new_id(self, prefix: str) -> str:
        """Next id of a kind: "e1", "e2", ... Unique within the record."""
        counter = self._counters.setdefault(prefix, itertools.count(1))
        return f"{prefix}{next(counter)}"

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding character offset ``char`` (the last
        sentence when it falls outside all of them, e.g. in a gap).

        By bisection on the sentence starts: a linear scan made every lookup
        cost O(sentences), and whole articles O(length^2) (issue #13)."""
        sentences = self.record.sentences
        i = bisect.bisect_right(sentences, char, key=_start) - 1
        if i >= 0 and char < sentences[i][1]:
            return i
        return max(0, len(sentences) - 1)


def _start(span: tuple[int, int]) -> int:
    return span[0]


@dataclass
class Failure:
    """An article that could not be extracted: where, and why."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class Pipeline:
    """Run the registered components over articles, batched through spaCy."""

    def __init__(self, components: Iterable[str] = DEFAULT_COMPONENTS,
                 config: dict[str, dict[str, Any]] | None = None, nlp: NLP | None = None):
        _import_components()
        config = config or {}
        self.nlp = nlp or NLP.shared()
        self.names = list(components)
        unknown = [n for n in self.names if n not in _REGISTRY]
        if unknown:
            raise ValueError(f"unknown pipeline component(s): {', '.join(unknown)}; "
                             f"registered: {', '.join(sorted(_REGISTRY))}")
        self.config = config
        self.steps: list[tuple[str, ComponentFn]] = [
            (n, _REGISTRY[n](config.get(n, {}))) for n in self.names]

    def __call__(self, article: Article) -> Record:
        result = next(self.run([article]))
        if isinstance(result, (Failure, InputError)):
            raise ValueError(str(result))
        return result

    def run(self, items: Iterable[Article | InputError], batch_size: int = 16
            ) -> Iterator[Record | Failure | InputError]:
        """Extract every article; input errors pass through, in order."""
        def articles_only(buffer):
            return [a for a in buffer if isinstance(a, Article)]

        buffer: list[Article | InputError] = []
        for item in items:
            buffer.append(item)
            if len(buffer) >= batch_size:
                yield from self._run_batch(buffer, articles_only(buffer))
                buffer = []
        if buffer:
            yield from self._run_batch(buffer, articles_only(buffer))

    def _run_batch(self, buffer, articles):
        docs = iter(self.nlp.parse_many(articles))
        for item in buffer:
            if isinstance(item, InputError):
                yield item
                continue
            doc, dateline = next(docs)
            if isinstance(doc, ParseError):
                yield Failure(item.origin or item.stable_id(), f"could not be parsed: {doc}")
                continue
            try:
                yield self.extract(item, doc, dateline)
            except Exception as exc:  # one broken article never stops a batch
                log.debug("extraction failed", exc_info=True)
                where = traceback.extract_tb(exc.__traceback__)[-1]
                yield Failure(item.origin or item.stable_id(),
                              f"extraction failed: {type(exc).__name__}: {exc} "
                              f"(at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})")

    def extract(self, article: Article, doc: Doc, dateline=None) -> Record:
        record = Record(
            id=article.stable_id(), text=article.text, title=article.title,
            outlet=article.outlet, url=article.url, author=article.author,
            published=article.published, dateline=dateline, meta=dict(article.meta))
        ctx = Context(article=article, doc=doc, record=record, config=self.config)
        for _name, step in self.steps:
            step(ctx)
        return record
