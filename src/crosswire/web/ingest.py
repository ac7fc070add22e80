"""``POST /api/articles``: screen, extract, store and link one article sent as JSON.

Writing is only allowed with the token the server was started with
(``--token`` or ``$CROSSWIRE_TOKEN``), sent as ``Authorization: Bearer ...``.
The extraction pipeline loads spaCy, which takes seconds, so it is built on
the first request and then kept; a lock keeps two first requests from
building it twice and keeps writes in order.
"""
from __future__ import annotations

import hmac
import threading
from typing import Any

from fastapi import HTTPException, Request

from ..model import Article

_pipeline = None
_lock = threading.Lock()


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


def pipeline():
    global _pipeline
    if _pipeline is None:
        from ..extract import Pipeline
        _pipeline = Pipeline()
    return _pipeline


def ingest(db, article: Article) -> dict:
    """Screen, extract, store and link through the same intake as ``crosswire ingest``
    (duplicates are skipped or stored as copies, signatures kept); returns what happened."""
    from ..store.intake import Intake
    with _lock:
        outcomes = list(Intake(db, pipeline()).run([article]))
    outcome = outcomes[-1]
    if outcome.status == "failed":
        raise HTTPException(422, f"could not extract the article: {outcome.message}")
    article_id = outcome.article_id or article.stable_id()
    stored = db.get_record_dict(article_id) if outcome.status == "stored" else None
    result = {"id": article_id, "stored": outcome.status == "stored",
              "url": f"/articles/{article_id}"}
    if stored:
        result.update(events=len(stored["events"]), claims=len(stored["claims"]))
    else:
        result["reason"] = outcome.message or outcome.kind
    return result
