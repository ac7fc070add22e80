"""Normalising the publication dates inputs state.

The contract allows two shapes: a bare date ``YYYY-MM-DD`` (when the input
gives only a day) and a UTC date-time ``YYYY-MM-DDTHH:MM:SSZ``. Inputs write
dates in many ways ("2025-03-14 20:30:26Z", "2024-11-10T09:00:00+02:00",
"14 November 2024", RFC 822 in feeds); all become one of those two shapes.
"""
from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone

from dateutil import parser as dateutil_parser

_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A clock time in a free-form date ("20:30", "8:30 pm") tells us to keep the time.
_HAS_CLOCK = re.compile(r"\d{1,2}:\d{2}|\d\s*[ap]\.?m\b", re.IGNORECASE)


class DateError(ValueError):
    """A stated date that cannot be read."""


def normalise_date(value: str) -> str:
    """``value`` as ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SSZ``; :class:`DateError` if unreadable.

    Date-times with an offset are converted to UTC; date-times without one are
    taken to be UTC already (news APIs usually mean UTC when they omit it).
    """
    text = value.strip()
    if not text:
        raise DateError("empty date")
    if _BARE_DATE.fullmatch(text):
        return _checked_bare_date(text)
    moment = _parse_iso(text) or _parse_free_form(text)
    if moment is None:
        raise DateError(f"unreadable date {value!r} (expected e.g. 2024-11-10 or 2024-11-10T09:30:00Z)")
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return moment.isoformat()
    return format_utc(moment)


def format_utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def from_struct_time(value: time.struct_time) -> str:
    """A UTC ``struct_time`` (as feedparser gives) as an ISO date-time."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)


def _checked_bare_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as err:
        raise DateError(f"impossible date {text!r}: {err}") from None


def _parse_iso(text: str) -> datetime | None:
    # fromisoformat in 3.11 accepts "Z" and a space between date and time.
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_free_form(text: str) -> date | datetime | None:
    """Human and RFC 822 forms; a day without a clock time stays a bare date."""
    try:
        moment = dateutil_parser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if moment.year == 1900 and "1900" not in text:
        return None  # no year stated: a guess would be worse than nothing
    if not _HAS_CLOCK.search(text):
        return moment.date()
    return moment
