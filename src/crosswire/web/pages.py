"""The HTML pages: stories, story, article, actor, explore, and the API index.

Each handler fetches through :mod:`queries` (the same functions as the API)
and renders one template; charts are SVG drawn by :mod:`charts`.
"""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from . import charts, mapdata, params, queries
from .api import csv_response, run_explore
from .app import not_found
from .explore_range import timeline_split
from .highlight import annotate
from .params import PageDep
from .queries import Page
from .worldmap import world_map

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, q: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, outlet: str | None = None,
                 actor: str | None = None, country: str | None = None,
                 sort: str | None = None, page: Page = PageDep):
    db = request.app.state.db
    # People type names: "Pakistan military" is read as PAKMIL (the API wants codes).
    actor, actor_note = resolve_actor(db, actor)
    filters = params.story_filters(q=q, date_from=date_from, date_to=date_to, outlet=outlet,
                                   actor_code=actor, country_code=country, sort=sort)
    result = queries.list_stories(db, filters, page)
    return render(request, "stories.html", filters=filters, result=result,
                  outlets=queries.outlets(db), countries=queries.countries(db),
                  actor_codes=actor_choices(db), actor_note=actor_note,
                  overview=queries.overview(db), pager=pager(request, result))


def resolve_actor(db, text: str | None, name: str = "actor") -> tuple[str | None, str | None]:
    """A code stays a code; a name becomes the best-matching actor's code, with a note
    saying how it was read. A name that matches nothing is a 422 that says so."""
    text = params.blank_to_none(text)
    if text is None:
        return None, None
    found = queries.suggest_actors(db, text, 1)
    looks_like_code = params.ACTOR.match(text.upper())
    if not found and not looks_like_code:
        raise params.invalid(name, text, "the name of an actor in these articles (the box "
                                         "suggests them as you type), or a code such as ISRGOV")
    if not found or params.ACTOR.match(text) and found[0]["code"].startswith(text):
        return text, None
    code = found[0]["code"]
    return code, f"“{text}” read as {found[0]['label']} ({code})"


def actor_choices(db, limit: int = 200) -> list[str]:
    """The most mentioned actors, offered in the actor boxes before anything is typed
    (the script then asks /api/actor-suggestions for the rest)."""
    return [a["code"] for a in queries.list_actors(db, Page(limit=limit))["items"]]


def pager(request: Request, result: dict) -> dict:
    """Links to the previous and next page, keeping the other query parameters."""
    def link(offset: int) -> str:
        query = {k: v for k, v in request.query_params.items() if k != "offset"}
        query["offset"] = str(offset)
        return "?" + urlencode(query)
    limit, offset, total = result["limit"], result["offset"], result["total"]
    return {"previous": link(max(0, offset - limit)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < total else None,
            "first": offset + 1 if total else 0, "last": min(total, offset + limit)}


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str):
    story = queries.get_story(request.app.state.db, story_id)
    if story is None:
        raise not_found("story", story_id)
    queries.with_coverage(request.app.state.db, story)
    merged = story["merged_events"]
    events_at = mapdata.event_points(merged)
    places = mapdata.place_points(story["articles"], skip=events_at)
    drawn, apart = timeline_split(merged)
    return render(request, "story.html", story=story, timeline=charts.timeline(drawn),
                  narrow_timeline=charts.timeline(drawn, width=380, compact=True),
                  apart=apart,
                  undated=[e for e in merged if not queries.is_day(e.get("date_start"))],
                  map_points=events_at + places,
                  world_map=world_map(events_at + places, "map of the story's events and places"))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    article = queries.get_article(request.app.state.db, article_id)
    if article is None:
        raise not_found("article", article_id)
    pieces, notes = annotate(article)
    counts = {kind: sum(1 for n in notes if n.kind == kind)
              for kind in ("entity", "event", "claim", "timex", "place", "quantity")}
    return render(request, "article.html", article=article, pieces=pieces, notes=notes,
                  counts=counts)


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str):
    checked = params.actor(code, "actor code")
    actor = queries.get_actor(request.app.state.db, checked) if checked else None
    if actor is None:
        raise not_found("actor", code)
    events_at = mapdata.event_points(actor["events"])
    label = f"events of {checked} per week"
    return render(request, "actor.html", actor=actor,
                  chart=charts.stacked_bars(actor["weeks"], label),
                  narrow_chart=charts.stacked_bars(actor["weeks"], label, width=380, height=220),
                  map_points=events_at,
                  world_map=world_map(events_at, f"map of the events of {checked}"))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, page: Page = PageDep, q: str | None = None):
    result = queries.list_actors(request.app.state.db, page, q=params.blank_to_none(q))
    return render(request, "actors.html", result=result, q=params.blank_to_none(q) or "",
                  pager=pager(request, result))


@router.get("/explore", response_class=HTMLResponse)
def explore_page(request: Request, source: str | None = None, target: str | None = None,
                 quad_class: str | None = None, interval: str | None = None,
                 date_from: str | None = None, date_to: str | None = None):
    db = request.app.state.db
    source, source_note = resolve_actor(db, source, "source")  # "Pakistan military" -> PAKMIL
    target, target_note = resolve_actor(db, target, "target")
    result = run_explore(request, source, target, quad_class, interval, date_from, date_to,
                         default_interval=None)
    query = result["query"]
    shown = {**query, "date_from": result["range"]["date_from"],
             "date_to": result["range"]["date_to"]}
    csv_link = "/explore.csv?" + urlencode({k: v for k, v in shown.items() if v})
    everything = {**shown, "date_from": result["range"]["earliest"],
                  "date_to": result["range"]["latest"]}
    widen_link = "/explore?" + urlencode({k: v for k, v in everything.items() if v})
    label = f"{query['source'] or 'anyone'} → {query['target'] or 'anyone'} per {query['interval']}"
    series = queries.fill_gaps(result["series"], query["interval"])
    return render(request, "explore.html", result=result, query=query, csv_link=csv_link,
                  widen_link=widen_link, chart=charts.stacked_bars(series, label),
                  narrow_chart=charts.stacked_bars(series, label, width=380, height=220),
                  pairs=queries.busiest_pairs(request.app.state.db),
                  actor_codes=actor_choices(db),
                  actor_notes=[n for n in (source_note, target_note) if n])


@router.get("/explore.csv")
def explore_csv(request: Request, source: str | None = None, target: str | None = None,
                quad_class: str | None = None, interval: str | None = None,
                date_from: str | None = None, date_to: str | None = None):
    result = run_explore(request, source, target, quad_class, interval, date_from, date_to)
    return csv_response(result["series"], result["query"])


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """An offline API index built from the OpenAPI description (Swagger UI needs a CDN)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            endpoints.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "params": [(p["name"], p.get("in"), p.get("description", ""),
                            p.get("required", False)) for p in op.get("parameters", [])]})
    return render(request, "docs.html", endpoints=endpoints,
                  token_set=bool(request.app.state.token))
