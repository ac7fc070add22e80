"""Which dates /explore charts by default, and what it leaves out (and says so).

One event dated "the 20th century" or a typo in 3024 must not set the axis:
by default the chart covers the range where most events lie (the events
inside Tukey's fences: the middle half of the start dates widened by one and
a half times its width, and by at least 30 days), and every event left out
is counted: outside the range, with a vague
date (wider than the chart's bucket, or a week), or with no calendar date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .queries import is_day

# An event whose date spans more than this is "vague" for a chart per day or week
# ("last week" still counts; "February 2025" or "the 20th century" does not).
MAX_SPAN_DAYS = {"day": 7, "week": 7, "month": 31}
FENCE = 1.5  # Tukey's: robust on five events as on five million, unlike a 5th percentile
MIN_SLACK = timedelta(days=30)


@dataclass
class Sorted:
    """Events sorted into what is charted and what is not, with the range used."""

    charted: list[dict] = field(default_factory=list)
    vague: int = 0
    undated: int = 0
    before: int = 0
    after: int = 0
    date_from: str | None = None
    date_to: str | None = None
    default_range: bool = False
    earliest: str | None = None  # of the events with a precise date, for "show all"
    latest: str | None = None


def auto_interval(date_from: str | None, date_to: str | None) -> str:
    """Bars a reader can see: per day up to four months, per week up to three years."""
    if not date_from or not date_to:
        return "day"
    days = (date.fromisoformat(date_to) - date.fromisoformat(date_from)).days
    return "day" if days <= 120 else "week" if days <= 3 * 366 else "month"


def span_days(event: dict) -> int:
    start, end = event.get("date_start"), event.get("date_end")
    if not is_day(end):
        return 0
    return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days


def core_range(days: list[date]) -> tuple[date, date]:
    """The first and last of ``days`` (sorted) inside the fences around their middle half:
    only far outliers ("1913", "3024" among days of March 2024) fall outside."""
    n = len(days)
    q1, q3 = days[round(0.25 * (n - 1))], days[round(0.75 * (n - 1))]
    slack = max(MIN_SLACK, (q3 - q1) * FENCE)
    inside = [d for d in days if q1 - slack <= d <= q3 + slack]
    return inside[0], inside[-1]


def sort_events(events: list[dict], interval: str, date_from: str | None = None,
                date_to: str | None = None) -> Sorted:
    out = Sorted()
    precise = []
    for e in events:
        if not is_day(e.get("date_start")):
            out.undated += 1
        elif span_days(e) > MAX_SPAN_DAYS[interval]:
            out.vague += 1
        else:
            precise.append(e)
    if not precise:
        out.date_from, out.date_to = date_from, date_to
        return out
    days = sorted(date.fromisoformat(e["date_start"][:10]) for e in precise)
    out.earliest, out.latest = days[0].isoformat(), days[-1].isoformat()
    if not date_from and not date_to:
        low, high = core_range(days)
        out.date_from, out.date_to, out.default_range = low.isoformat(), high.isoformat(), True
    else:
        out.date_from, out.date_to = date_from, date_to
    for e in precise:
        day = e["date_start"][:10]
        if out.date_from and day < out.date_from:
            out.before += 1
        elif out.date_to and day > out.date_to:
            out.after += 1
        else:
            out.charted.append(e)
    return out


def timeline_split(events: list[dict], max_span: int = 14) -> tuple[list[dict], list[dict]]:
    """A story's events for its timeline, and those drawn apart: a vague or very wide
    date ("February 2025", "the 20th century") or a far outlier ("3024") must not
    stretch the axis of events dated to the day. Undated events are in neither."""
    precise = [e for e in events if is_day(e.get("date_start")) and span_days(e) <= max_span]
    wide = [e for e in events if is_day(e.get("date_start")) and span_days(e) > max_span]
    if not precise:
        return [], wide
    low, high = core_range(sorted(date.fromisoformat(e["date_start"][:10]) for e in precise))
    inside = [e for e in precise if low.isoformat() <= e["date_start"][:10] <= high.isoformat()]
    outliers = [e for e in precise if e not in inside]
    return inside, wide + outliers
