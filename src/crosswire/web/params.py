"""Query parameters shared by the pages and the API, checked before any SQL.

A form left blank sends ``?outlet=``: blank means "no filter", not an error.
Anything else that is malformed (a date that is not YYYY-MM-DD, a country
that is not three letters) becomes a 422 with a sentence saying what was
expected, rather than an empty page or a 500.
"""
from __future__ import annotations

import re
from datetime import date

from fastapi import Depends, HTTPException, Query

from .queries import STATUSES, Page, StoryFilters

COUNTRY = re.compile(r"^[A-Z]{3}$")
ACTOR = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,27}$")
INTERVALS = ("day", "week", "month")


def invalid(name: str, value: str, expected: str) -> HTTPException:
    return HTTPException(422, f"bad {name} {value!r}: expected {expected}")


def blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def day(value: str | None, name: str) -> str | None:
    value = blank_to_none(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _raise()
    except ValueError:
        raise invalid(name, value, "a date as YYYY-MM-DD") from None


def _raise():
    raise ValueError


def country(value: str | None, name: str = "country") -> str | None:
    value = blank_to_none(value)
    if value is None:
        return None
    if not COUNTRY.match(value.upper()):
        raise invalid(name, value, "an ISO 3166-1 alpha-3 code such as ISR")
    return value.upper()


def actor(value: str | None, name: str = "actor") -> str | None:
    """A CAMEO actor code (ISRGOV) or a country (ISR)."""
    value = blank_to_none(value)
    if value is None:
        return None
    if not ACTOR.match(value.upper()):
        raise invalid(name, value, "a CAMEO actor code such as ISRGOV, or a country such as ISR")
    return value.upper()


def choice(value: str | None, name: str, allowed: tuple[str, ...], default: str | None = None
           ) -> str | None:
    value = blank_to_none(value)
    if value is None:
        return default
    if value not in allowed:
        raise invalid(name, value, "one of " + ", ".join(allowed))
    return value


def quad(value: str | None) -> int | None:
    value = blank_to_none(value)
    if value is None:
        return None
    if value not in ("1", "2", "3", "4"):
        raise invalid("quad_class", value, "1, 2, 3 or 4")
    return int(value)


def status(value: str | None) -> str | None:
    return choice(value, "status", STATUSES)


def story_filters(
    q: str | None = Query(None, description="words that must all appear in an article"),
    date_from: str | None = Query(None, description="published on or after (YYYY-MM-DD)"),
    date_to: str | None = Query(None, description="published on or before (YYYY-MM-DD)"),
    outlet: str | None = Query(None, description="outlet name, case-insensitive"),
    actor_code: str | None = Query(None, alias="actor", description="CAMEO actor code or country"),
    country_code: str | None = Query(None, alias="country", description="ISO alpha-3 country"),
    sort: str | None = Query(None, description="recent (default) or size"),
) -> StoryFilters:
    filters = StoryFilters(
        q=blank_to_none(q), date_from=day(date_from, "date_from"), date_to=day(date_to, "date_to"),
        outlet=blank_to_none(outlet), actor=actor(actor_code), country=country(country_code),
        sort=choice(sort, "sort", ("recent", "size"), "recent"))
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise HTTPException(422, f"date_from {filters.date_from} is after "
                                 f"date_to {filters.date_to}")
    return filters


def paging(limit: int = Query(50, ge=1, le=500, description="items per page (1-500)"),
           offset: int = Query(0, ge=0, le=10**9, description="items to skip")) -> Page:
    return Page(limit=limit, offset=offset)


StoryFiltersDep = Depends(story_filters)
PageDep = Depends(paging)
