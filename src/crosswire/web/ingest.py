"""``POST /api/articles``: screen, extract, store and link one article sent as JSON.

Writing is only allowed with the token the server was started with
(``--token`` or ``$CROSSWIRE_TOKEN``), sent as ``Authorization: Bearer ...``.

Articles are extracted in a small worker pool (:class:`IngestJobs`), so one
slow article never blocks the others or the pages: a POST waits a while for
its job and answers as before (201 stored, 200 unchanged or a duplicate), or
answers 202 with the job's id, whose progress ``GET /api/jobs/{id}`` reports.
Each worker has its own extraction pipeline (spaCy is not shared between
threads), built on first use; writes are serialised by the database
(``Database.write``), not here.
"""
from __future__ import annotations

import hmac
import itertools
import queue
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request

from ..model import Article

DEFAULT_WORKERS = 2
MAX_QUEUED = 64  # jobs waiting beyond this are refused with 503 (retry later)
KEEP_JOBS = 1000  # finished jobs remembered for GET /api/jobs/{id}

def check_token(request: Request) -> None:
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "this server is read-only: start it with --token "
                                 "(or CROSSWIRE_TOKEN) to allow POST /api/articles")
    header = request.headers.get("authorization", "")
    given = header[7:] if header.lower().startswith("bearer ") else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <token>'")


def article_from_json(body: Any) -> Article:
    """The same fields as a JSON Lines input line; 422 with the reader's reason if unusable."""
    from ..ingest.common import BadInput
    from ..ingest.json_files import article_from_object
    try:
        return article_from_object(body, "POST /api/articles")
    except BadInput as problem:
        raise HTTPException(422, f"bad article: {problem}") from None


def checked_length(article: Article, max_chars: int) -> Article:
    """413 for an article longer than the server's ``--max-chars``."""
    from ..ingest import admissible
    problem = admissible(article, max_chars)
    if problem is None:
        return article
    status = 413 if "too long" in problem.message else 422
    raise HTTPException(status, f"bad article: {problem.message}")


def pipeline():
    """An extraction pipeline over the process's shared spaCy model."""
    from ..extract import Pipeline
    return Pipeline()


def pipeline_with_own_model():
    """A pipeline with a spaCy model of its own, for a second worker running at
    the same time as the first (a spaCy model is not shared between threads)."""
    from ..extract import Pipeline
    from ..nlp import NLP
    return Pipeline(nlp=NLP())


class PipelinePool:
    """Idle pipelines; one is built only when every existing one is busy."""

    def __init__(self):
        self.idle: queue.SimpleQueue = queue.SimpleQueue()
        self.built = itertools.count()

    def borrow(self):
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return pipeline() if next(self.built) == 0 else pipeline_with_own_model()

    def give_back(self, item) -> None:
        self.idle.put(item)


@dataclass
class Job:
    """One POSTed article on its way through the worker pool."""

    id: str
    article_id: str
    status: str = "queued"  # queued -> running -> done | failed
    created: float = field(default_factory=time.time)
    result: dict | None = None
    error: dict | None = None  # {"status": http status, "detail": message}
    future: Future | None = field(default=None, repr=False)

    def describe(self) -> dict:
        out: dict[str, Any] = {"job": self.id, "status": self.status, "id": self.article_id,
                               "url": f"/api/jobs/{self.id}"}
        if self.result is not None:
            out["result"] = self.result
        if self.error is not None:
            out["error"] = self.error
        return out


class IngestJobs:
    """A pool of ``workers`` threads ingesting POSTed articles, and their jobs."""

    def __init__(self, db, workers: int = DEFAULT_WORKERS):
        self.db = db
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest")
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.pipelines = PipelinePool()
        self.lock = threading.Lock()

    def submit(self, article: Article) -> Job:
        with self.lock:
            waiting = sum(1 for j in self.jobs.values() if j.status == "queued")
            if waiting >= MAX_QUEUED:
                raise HTTPException(503, f"{waiting} articles are waiting to be ingested; "
                                         "try again later")
            job = Job(uuid.uuid4().hex, article.stable_id())
            self.jobs[job.id] = job
            while len(self.jobs) > KEEP_JOBS:
                self.jobs.popitem(last=False)
        job.future = self.executor.submit(self._run, job, article)
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def _run(self, job: Job, article: Article) -> dict:
        job.status = "running"
        extractor = self.pipelines.borrow()
        try:
            job.result = ingest(self.db, article, extractor)
            job.status = "done"
            return job.result
        except HTTPException as problem:
            job.error = {"status": problem.status_code, "detail": problem.detail}
            job.status = "failed"
            raise
        except Exception as problem:  # noqa: BLE001 - reported through the job, not lost
            job.error = {"status": 500, "detail": f"{type(problem).__name__}: {problem}"}
            job.status = "failed"
            raise
        finally:
            self.pipelines.give_back(extractor)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def ingest(db, article: Article, extractor=None) -> dict:
    """Screen, extract, store and link through the same intake as ``crosswire ingest``
    (duplicates are skipped or stored as copies, signatures kept); returns what happened."""
    from ..store.intake import Intake
    outcomes = list(Intake(db, extractor or pipeline()).run([article]))
    outcome = outcomes[-1]
    if outcome.status == "failed":
        raise HTTPException(422, f"could not extract the article: {outcome.message}")
    article_id = outcome.article_id or article.stable_id()
    stored = db.get_record_dict(article_id) if outcome.status == "stored" else None
    result = {"id": article_id, "stored": outcome.status == "stored",
              "url": f"/articles/{quote(article_id, safe='')}"}
    if stored:
        result.update(events=len(stored["events"]), claims=len(stored["claims"]))
    else:
        result["reason"] = outcome.message or outcome.kind
    return result
