"""Normalising the publication dates inputs state.

The contract allows two shapes: a bare date ``YYYY-MM-DD`` (when the input
gives only a day) and a UTC date-time ``YYYY-MM-DDTHH:MM:SSZ``. Inputs write
dates in many ways ("2025-03-14 20:30:26Z", "2024-11-10T09:00:00+02:00",
"14 November 2024", RFC 822 in feeds); all become one of those two shapes.
"""
from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser

_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A clock time in a free-form date ("20:30", "8:30 pm") tells us to keep the time.
_HAS_CLOCK = re.compile(r"\d{1,2}:\d{2}|\d\s*[ap]\.?m\b", re.IGNORECASE)


EARLIEST_YEAR = 1900
MAX_DAYS_AHEAD = 1


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
    check_plausible(moment, value)
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return moment.isoformat()
    return format_utc(moment)


def check_plausible(moment: date | datetime, value: str) -> None:
    """:class:`DateError` for a date no news article has: before 1900, or more
    than a day in the future (a typo, or a placeholder such as 9999-12-31,
    which would otherwise head every timeline)."""
    if moment.year < EARLIEST_YEAR:  # before converting: year 1 minus an offset overflows
        raise DateError(f"implausible date {value.strip()!r}: before {EARLIEST_YEAR}")
    day = moment
    if isinstance(moment, datetime):
        day = (moment.astimezone(timezone.utc) if moment.tzinfo else moment).date()
    if day.year < EARLIEST_YEAR:
        raise DateError(f"implausible date {value.strip()!r}: before {EARLIEST_YEAR}")
    latest = datetime.now(timezone.utc).date() + timedelta(days=MAX_DAYS_AHEAD)
    if day > latest:
        raise DateError(f"implausible date {value.strip()!r}: more than {MAX_DAYS_AHEAD} day "
                        f"in the future (latest accepted {latest.isoformat()})")


def format_utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def from_struct_time(value: time.struct_time) -> str:
    """A UTC ``struct_time`` (as feedparser gives) as an ISO date-time."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)


def _checked_bare_date(text: str) -> str:
    try:
        day = date.fromisoformat(text)
    except ValueError as err:
        raise DateError(f"impossible date {text!r}: {err}") from None
    check_plausible(day, text)
    return day.isoformat()


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
