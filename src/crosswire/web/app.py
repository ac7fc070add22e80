"""The web application: one FastAPI app serving the HTML pages and the JSON API.

``create_app(db, token=None)`` is all a caller needs (``crosswire serve``,
the tests). Pages are rendered on the server with Jinja2 (autoescaping on),
charts are inline SVG, and the one small script is served from ``/static``,
so a strict Content-Security-Policy holds: nothing inline runs, nothing
comes from another origin.
"""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..countries import country_name
from ..store.db import Database
from . import labels
from .queries import QUAD_NAMES, is_day

HERE = Path(__file__).parent
TOKEN_ENV = "CROSSWIRE_TOKEN"

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "font-src 'self'", "form-action 'self'", "base-uri 'none'",
    "frame-ancestors 'none'", "object-src 'none'"))

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db: Database | str, token: str | None = None, *,
               max_chars: int | None = None, workers: int | None = None) -> FastAPI:
    """The crosswire web app over ``db`` (a Database or a URL).

    ``token`` (else ``$CROSSWIRE_TOKEN``) enables ``POST /api/articles``;
    without one the app is read-only. ``max_chars`` caps a POSTed article (and,
    from it, the request body); ``workers`` is the size of the ingest pool."""
    from ..ingest import DEFAULT_MAX_CHARS
    from . import api, pages  # imported here: they import this module's helpers
    from .ingest import DEFAULT_WORKERS, IngestJobs
    from .limits import BodyLimit, body_limit_for

    app = FastAPI(title="crosswire", version="1", docs_url=None, redoc_url=None,
                  description="Stories, events, claims, conflicts and actors extracted "
                              "from news articles. Read-only unless started with a token.")
    app.state.db = db if isinstance(db, Database) else Database(db)
    app.state.token = token or os.environ.get(TOKEN_ENV) or None
    app.state.templates = make_templates()
    app.state.max_chars = max_chars or DEFAULT_MAX_CHARS
    app.state.jobs = IngestJobs(app.state.db, workers or DEFAULT_WORKERS)
    app.add_middleware(BodyLimit, max_bytes=body_limit_for(app.state.max_chars),
                       headers=SECURITY_HEADERS)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_security_headers(app)
    _add_error_pages(app)
    # Pages carry their charts and map inline (a story page ~100 KB): compressed, a third.
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    return app


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every template, whatever its extension
    env.globals["status_label"] = status_label
    env.globals["quad_names"] = QUAD_NAMES  # a global: imported macros do not see the context
    env.globals["safe_url"] = safe_url
    env.filters["status_label"] = status_label
    env.globals["when"] = when
    # Human labels; templates put the code in a tooltip (title attribute).
    env.globals["actor_label"] = labels.actor
    env.globals["timex_label"] = labels.timex
    env.globals["event_type"] = labels.event_type
    env.globals["cameo_name"] = labels.cameo_name
    env.globals["date_basis"] = labels.date_basis
    env.globals["origin_kind"] = labels.origin_kind
    env.globals["conflict_kind"] = labels.conflict_kind
    env.globals["topic_label"] = labels.topic
    env.globals["country_label"] = country_name
    env.globals["quad_short"] = labels.quad_short()
    return templates


def status_label(status: str | None) -> str:
    return {"corroborated": "corroborated", "single_source": "single source",
            "disputed": "disputed"}.get(status or "", "unlinked")


def when(start: str | None, end: str | None = None) -> str:
    """An event's date for people: '2024-11-12', '2024-11-12 – 2024-11-14', 'before 2024-11-19'."""
    if is_day(start):
        return f"{start} – {end}" if is_day(end) and end != start else start
    if start == "PAST_REF" and is_day(end):
        return f"earlier, before {end}"
    if start == "FUTURE_REF":
        return "in the future" if not is_day(end) else f"by {end}"
    if not start and is_day(end):  # PAST_REF as stored: no start, before publication
        return f"earlier, before {end}"
    return labels.timex(start) or "—"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the page: a ``javascript:`` URL in a feed must not run."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _add_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        if _has_nul(request):
            # PostgreSQL refuses NUL in text; answer clearly instead of failing in the driver.
            response = JSONResponse({"detail": "NUL characters are not allowed in a request"},
                                    status_code=422)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _has_nul(request: Request) -> bool:
    return "\x00" in request.url.path or "\x00" in str(request.query_params) \
        or "%00" in request.url.query


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _add_error_pages(app: FastAPI) -> None:
    """Errors as JSON under /api, as a readable page elsewhere; never a bare 500."""

    def respond(request: Request, status: int, message: str, detail=None):
        if wants_json(request):
            return JSONResponse({"detail": detail if detail is not None else message},
                                status_code=status)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return respond(request, exc.status_code, message, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        message = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'input'}: "
                            f"{e.get('msg')}" for e in errors)
        return respond(request, 422, message or "invalid request",
                       [{k: e.get(k) for k in ("loc", "msg", "type")} for e in errors])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # pragma: no cover - last resort
        return respond(request, 500, f"internal error: {type(exc).__name__}")


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} {key!r} in this database")
