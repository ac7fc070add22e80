"""The JSON API under ``/api``: the same data as the pages, for other tools.

Lists are paged (``limit``, ``offset``) and answer
``{"items": [...], "total": n, "limit": l, "offset": o}``. The OpenAPI
description is at ``/openapi.json`` and a readable, offline index at ``/docs``.
"""
from __future__ import annotations

import asyncio
import csv
import io
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from . import params, queries
from .app import not_found
from .ingest import article_from_json, check_token, checked_length
from .params import PageDep, StoryFiltersDep
from .queries import Page, StoryFilters



def known_parameters_only(request: Request) -> None:
    """400 for a query parameter the endpoint does not have: a filter that is
    silently ignored returns everything, which reads as an answer."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = set(_query_names(dependant))
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(400, f"unknown parameter{'s' if len(unknown) > 1 else ''} "
                                 f"{', '.join(unknown)}; this endpoint takes: "
                                 f"{', '.join(sorted(allowed)) or 'none'}")


def _query_names(dependant):
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _query_names(sub)


router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters_only)])


def _db(request: Request):
    return request.app.state.db


@router.get("/stories", summary="Stories, with full-text search and filters")
def stories(request: Request, filters: StoryFilters = StoryFiltersDep, page: Page = PageDep):
    return queries.list_stories(_db(request), filters, page)


@router.get("/stories/{story_id:path}", summary="One story: articles, merged events, conflicts")
def story(request: Request, story_id: str):
    found = queries.get_story(_db(request), story_id)
    if found is None:
        raise not_found("story", story_id)
    queries.with_coverage(_db(request), found)  # who covered it, and who did not
    found.pop("outlets", None)  # the grouping is for the page; articles carry their outlet
    return found


@router.get("/articles", summary="Articles (without text), with the stories' filters")
def articles(request: Request, filters: StoryFilters = StoryFiltersDep, page: Page = PageDep,
             story: str | None = Query(None, description="only the articles of this story")):
    return queries.list_articles(_db(request), page, filters, params.blank_to_none(story))


@router.get("/articles/{article_id:path}", summary="One article record, with statuses")
def article(request: Request, article_id: str):
    found = queries.get_article(_db(request), article_id)
    if found is None:
        raise not_found("article", article_id)
    return found


@router.post("/articles", status_code=201,
             summary="Ingest one article (needs the token): 201 if stored, 200 if unchanged or a duplicate")
async def post_article(request: Request, response: Response, body: Any = Body(
        ..., examples=[{"text": "...", "title": "...", "published": "2024-11-14",
                        "outlet": "...", "url": "https://..."}]),
        wait: float = Query(30.0, ge=0, le=600,
                            description="seconds to wait for the result; after that (or with "
                                        "0) the answer is 202 with a job to poll")):
    check_token(request)
    article_in = checked_length(article_from_json(body), request.app.state.max_chars)
    job = request.app.state.jobs.submit(article_in)
    try:
        result = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job.future)),
                                        timeout=wait)
    except asyncio.TimeoutError:
        response.status_code = 202  # still queued or running: poll GET /api/jobs/{id}
        return job.describe()
    except ValueError as problem:  # the pipeline's report of a failed extraction
        raise HTTPException(422, str(problem)) from None
    if not result["stored"]:
        response.status_code = 200  # unchanged, or a duplicate: nothing stored
    return result


@router.get("/jobs/{job_id}", summary="A POSTed article's job: queued, running, done or failed")
def job_status(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise not_found("job", job_id)
    return job.describe()


@router.get("/events", summary="Events merged across articles")
def events(request: Request, page: Page = PageDep,
           story: str | None = Query(None, description="only the events of this story"),
           source: str | None = Query(None, description="actor code or country of who acts"),
           target: str | None = Query(None, description="actor code or country acted on"),
           quad_class: str | None = Query(None, description="1-4"),
           status: str | None = Query(None, description="corroborated, single_source, disputed"),
           date_from: str | None = Query(None, description="starting on or after (YYYY-MM-DD)"),
           date_to: str | None = Query(None, description="starting on or before (YYYY-MM-DD)")):
    return queries.list_merged_events(
        _db(request), page, story=params.blank_to_none(story),
        source=params.actor(source, "source"), target=params.actor(target, "target"),
        quad_class=params.quad(quad_class), status=params.status(status),
        date_from=params.day(date_from, "date_from"), date_to=params.day(date_to, "date_to"))


@router.get("/claims", summary="Attributed claims with their status")
def claims(request: Request, page: Page = PageDep,
           article: str | None = Query(None, description="only the claims of this article"),
           story: str | None = Query(None, description="only the claims of this story's articles"),
           status: str | None = Query(None, description="corroborated, single_source, disputed"),
           source_kind: str | None = Query(None, description="person, organization, outlet, "
                                                             "anonymous, document, unknown"),
           q: str | None = Query(None, description="text the claim's content contains")):
    return queries.list_claims(_db(request), page, article=params.blank_to_none(article),
                               story=params.blank_to_none(story),
                               status=params.status(status),
                               source_kind=params.blank_to_none(source_kind),
                               q=params.blank_to_none(q))


@router.get("/conflicts", summary="Conflicts between sources, both sides quoted")
def conflicts(request: Request, page: Page = PageDep,
              story: str | None = Query(None, description="only the conflicts of this story"),
              decisions: bool = Query(False, description="also figure updates (kind "
                                      "figure_update, with a history) and figures set aside "
                                      "(figure_set_aside), each with its reason")):
    return queries.list_conflicts(_db(request), page, story=params.blank_to_none(story),
                                  decisions=decisions)


@router.get("/actors", summary="Coded actors, most mentioned first")
def actors(request: Request, page: Page = PageDep,
           q: str | None = Query(None, description="text in the actor's name or code"),
           country: str | None = Query(None, description="ISO alpha-3 country")):
    return queries.list_actors(_db(request), page, q=params.blank_to_none(q),
                               country=params.country(country))


@router.get("/actor-suggestions", summary="Actors matching a name, a label or a code "
                                          "(for autocomplete), best first")
def actor_suggestions(request: Request,
                      q: str = Query(..., max_length=100,
                                     description="part of a name: 'Sharif', 'Pakistan mil', 'PAKM'"),
                      limit: int = Query(10, ge=1, le=50, description="how many (1-50)")):
    return {"items": queries.suggest_actors(_db(request), q, limit)}


@router.get("/actors/{code}", summary="One actor: counterparts, weekly events, roles")
def actor(request: Request, code: str):
    code = params.actor(code, "actor code")
    found = queries.get_actor(_db(request), code) if code else None
    if found is None:
        raise not_found("actor", code or "")
    return found


@router.get("/explore", summary="Event counts over time between two countries or actors")
def explore(request: Request,
            source: str | None = Query(None, description="actor code or country of who acts"),
            target: str | None = Query(None, description="actor code or country acted on"),
            quad_class: str | None = Query(None, description="1-4"),
            interval: str | None = Query("day", description="day, week or month"),
            date_from: str | None = Query(None, description="YYYY-MM-DD"),
            date_to: str | None = Query(None, description="YYYY-MM-DD"),
            format: str | None = Query(None, description="json (default) or csv")):
    result = run_explore(request, source, target, quad_class, interval, date_from, date_to)
    if params.choice(format, "format", ("json", "csv"), "json") == "csv":
        return csv_response(result["series"], result["query"])
    return result


def run_explore(request: Request, source, target, quad_class, interval, date_from, date_to,
                default_interval: str | None = "day") -> dict:
    """Validate the explore parameters and count; shared by the page and the API.
    ``default_interval=None`` lets the range choose (the page does)."""
    query = {"source": params.actor(source, "source"), "target": params.actor(target, "target"),
             "quad_class": params.quad(quad_class),
             "interval": params.choice(interval, "interval", params.INTERVALS, default_interval),
             "date_from": params.day(date_from, "date_from"),
             "date_to": params.day(date_to, "date_to")}
    result = queries.explore(_db(request), **query)
    query["interval"] = result["interval"]
    return {"query": query, **result}


def csv_response(series: list[dict], query: dict) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["bucket", "verbal_cooperation", "material_cooperation", "verbal_conflict",
                     "material_conflict", "total"])
    for row in series:
        writer.writerow([row["bucket"], row[1], row[2], row[3], row[4], row["total"]])
    name = "-".join(str(query.get(k) or "any") for k in ("source", "target", "interval"))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="crosswire-{name}.csv"'})
