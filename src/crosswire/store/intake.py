"""Intake: from read articles to a linked database, the one path every writer uses
(``crosswire ingest``, ``crosswire demo``, the web UI's POST).

For each article: skip it if it is already stored unchanged (so a re-run is a
no-op); screen it for duplicates; extract it; store it in its own transaction
(so an interrupted run leaves only whole articles); at the end, hand what was
stored to linking, which also picks up anything an interrupted run left
unlinked.

Ids: the same id twice in one run with the same text is an exact duplicate
(skipped); with a different text it is an error (the first is kept), never a
silent replacement. A later run that sends a known id with a new text
corrects the stored article (it replaces it, keeping its place); the
replacement is reported and counted, never silent.

Concurrency: each article is stored in its own writer transaction, and
linking runs in chunks of writer transactions (``Database.write``: serialised
with every other writer, retried on a collision), so several ingests and the web UI can write
to one database at once without losing an article.

Duplicates: exact copies are skipped; near copies from the same (known) outlet are
skipped (an outlet re-posting its own story); near copies from another outlet
are stored with ``duplicate_of`` set, so linking counts them as copies of one
source, not as independent ones. MinHash signatures are stored with each
article and re-seed the screen on the next run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

from ..ingest.dedup import Deduplicator, Verdict, exact_key, signature
from ..model import Article, InputError, Record, text_hash

Status = Literal["stored", "skipped", "failed"]


@dataclass
class Outcome:
    """What happened to one input."""

    status: Status
    origin: str  # "path:line" (or the article id), for messages
    article_id: str | None = None
    kind: str | None = None  # "already stored unchanged", "duplicates skipped", "stored as copies"
    message: str | None = None  # worth a line on stderr; None when not

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass
class Admission:
    """What the screen decided for an article it let through."""

    signature: list[int]
    duplicate_of: str | None
    origin: str | None
    similarity: float = 0.0  # to the article it copies
    replaces: bool = False  # the id is stored from an earlier run with another text


class DuplicateScreen:
    """Decides, before extraction, which articles to store (see the module doc)."""

    def __init__(self, db, reextract: bool = False):
        self.reextract = reextract
        self.dedup = Deduplicator()
        self.outlets: dict[str, str | None] = {}
        self.stored_hashes: dict[str, str] = {}
        self.admitted: dict[str, Admission] = {}
        # id -> (text hash, origin) of every article seen in this run
        self.seen: dict[str, tuple[str, str]] = {}
        for row in db.article_index(with_text=True):  # re-seed from earlier runs
            if row["minhash"]:
                self.dedup.add_signature(row["id"], row["minhash"], exact_key(row["text"]))
            else:  # stored by a writer that kept no signature
                self.dedup.add(row["id"], row["text"])
            self.outlets[row["id"]] = row["outlet"]
            self.stored_hashes[row["id"]] = row["text_hash"]

    def screen(self, article: Article) -> Outcome | None:
        """None if ``article`` should be extracted and stored (and it is remembered);
        otherwise the outcome of skipping it."""
        article_id = article.stable_id()
        origin = article.origin or article_id
        repeated = self._repeated_id(article_id, article.text, origin)
        if repeated is not None:
            return repeated
        if not self.reextract and self.stored_hashes.get(article_id) == text_hash(article.text):
            return Outcome("skipped", origin, article_id, "already stored unchanged")
        verdict = self._copy_of_another(article_id, article.text)
        if verdict and verdict.kind == "exact":
            return Outcome("skipped", origin, article_id, "duplicates skipped",
                           f"exact duplicate of {verdict.of}, skipped")
        # An unknown outlet is never "the same outlet": two untitled, unsourced
        # near copies are stored as copies (linked into the original's story).
        if verdict and article.outlet and self.outlets.get(verdict.of) == article.outlet:
            return Outcome("skipped", origin, article_id, "duplicates skipped",
                           f"near duplicate ({verdict.similarity:.2f}) of {verdict.of} "
                           "from the same outlet, skipped")
        self._remember(article, verdict)
        return None

    def _repeated_id(self, article_id: str, text: str, origin: str) -> Outcome | None:
        """An id already seen in this run: an exact duplicate if the text is the
        same, else an error (the first article is kept, the second reported)."""
        digest = text_hash(text)
        first = self.seen.get(article_id)
        if first is None:
            self.seen[article_id] = (digest, origin)
            return None
        if first[0] == digest:
            return Outcome("skipped", origin, article_id, "duplicates skipped",
                           f"exact duplicate of {article_id} ({first[1]}), skipped")
        return Outcome("failed", origin, article_id, message=(
            f"id {article_id!r} repeated with a different text (first at {first[1]}); "
            "give each article its own id"))

    def _copy_of_another(self, article_id: str, text: str) -> Verdict | None:
        """The dedup verdict, ignoring a match with the article's own earlier version
        (same id, text changed: that is an update, which replaces it)."""
        verdict = self.dedup.check(text)
        return verdict if verdict and verdict.of != article_id else None

    def _remember(self, article: Article, copy_of: Verdict | None) -> None:
        article_id = article.stable_id()
        sig = signature(article.text)
        self.dedup.add_signature(article_id, sig, exact_key(article.text))
        self.outlets[article_id] = article.outlet
        stored_hash = self.stored_hashes.get(article_id)
        self.admitted[article_id] = Admission(
            sig, copy_of.of if copy_of else None, article.origin,
            copy_of.similarity if copy_of else 0.0,
            replaces=stored_hash is not None and stored_hash != text_hash(article.text))


class Intake:
    """Screen, extract, store and link a stream of articles into ``db``."""

    def __init__(self, db, pipeline, reextract: bool = False):
        self.db = db
        self.pipeline = pipeline
        self.screen = DuplicateScreen(db, reextract)

    def run(self, items: Iterable[Article | InputError]) -> Iterator[Outcome]:
        """One outcome per input, in order; linking runs once the inputs are exhausted."""
        skipped: list[Outcome] = []
        stored: list[str] = []
        for result in self.pipeline.run(self._screened(items, skipped)):
            yield from _drain(skipped)
            if isinstance(result, Record):
                yield self._store(result)
                stored.append(result.id)
            else:  # InputError or Failure
                yield Outcome("failed", result.origin, message=result.message)
        yield from _drain(skipped)
        self._link(stored)

    def _screened(self, items, skipped: list[Outcome]) -> Iterator[Article | InputError]:
        # Skipped inputs never reach the pipeline; their outcomes are queued and
        # reported as soon as the pipeline yields (it reads ahead by one batch).
        for item in items:
            outcome = None if isinstance(item, InputError) else self.screen.screen(item)
            if outcome is None:
                yield item
            else:
                skipped.append(outcome)

    def _store(self, record: Record) -> Outcome:
        admission = self.screen.admitted.get(record.id)
        self.db.upsert_record(record, minhash=admission.signature if admission else None,
                              duplicate_of=admission.duplicate_of if admission else None,
                              origin=admission.origin if admission else None)
        origin = (admission.origin if admission else None) or record.id
        if admission and admission.duplicate_of:
            return Outcome("stored", origin, record.id, "stored as copies",
                           f"near duplicate ({admission.similarity:.2f}) of "
                           f"{admission.duplicate_of} from another (or an unknown) outlet: stored as a copy")
        if admission and admission.replaces:
            # A correction is allowed, but never silent: it is counted and named.
            return Outcome("stored", origin, record.id, "replaced an earlier version",
                           f"id {record.id!r} was stored by an earlier run with a different "
                           "text: replaced by this version")
        return Outcome("stored", origin, record.id)

    def _link(self, stored_ids: list[str]) -> None:
        # Called even when nothing was stored: linking also picks up articles and
        # stories an interrupted earlier run left unlinked.
        # Linking runs in writer transactions of its own (``Database.write``, a
        # chunk of articles or stories each), so a long run does not hold the
        # write lock from other writers for its whole length.
        from .. import link
        link.after_ingest(self.db, stored_ids)


def _drain(queue: list[Outcome]) -> Iterator[Outcome]:
    while queue:
        yield queue.pop(0)
