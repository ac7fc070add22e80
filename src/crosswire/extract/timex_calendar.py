"""Calendar arithmetic for TIMEX3 values: pure functions over ``datetime.date``.

Every function that needs a direction takes ``direction``: -1 (the expression
looks back: past tense), +1 (looks ahead: future, modal) or 0 (no cue). The
reference date itself counts on both sides, because news reports the day's own
events in both tenses ("said Sunday" and "will depart on Sunday" published on
a Sunday both mean that Sunday).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

PAST, NONE, FUTURE = -1, 0, 1
# "would" under a past verb ("said the ship would leave in early February"): a
# future seen from a past moment. Weekdays still look ahead from the reference;
# months and month-days take the nearest, since the moment itself is past.
REPORTED_FUTURE = 2

def parse_reference(published: str | None) -> date | None:
    """The publication date as a ``date`` ("2024-11-10" or "2024-11-10T09:00:00Z")."""
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    """ISO week holding ``day``: "2024-W45"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_bounds(value: str) -> tuple[date, date] | None:
    """Monday and Sunday of an ISO week value "2024-W45" (also "2024-W45-WE")."""
    match = re.match(r"(\d{4})-W(\d{2})", value)
    if not match:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if value.endswith("-WE"):
        return monday + timedelta(days=5), monday + timedelta(days=6)
    return monday, monday + timedelta(days=6)


def weekday_near(reference: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (ISO, Monday = 1) nearest ``reference`` in ``direction``.

    Past: the latest such day on or before the reference. Future: the earliest
    on or after it. No cue: the past one (news mostly reports what already
    happened), which may be the reference day itself.
    """
    back = (reference.isoweekday() - weekday) % 7
    ahead = (weekday - reference.isoweekday()) % 7
    if direction in (FUTURE, REPORTED_FUTURE):
        return reference + timedelta(days=ahead)
    return reference - timedelta(days=back)


def month_day_year(reference: date, month: int, day: int, direction: int) -> int | None:
    """Year of "Oct. 27" written without one: the nearest in the direction of the tense."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return pick_nearest(candidates, reference, direction).year


def month_year(reference: date, month: int, direction: int) -> int:
    """Year of "in January": the last one if the tense looks back, else the next."""
    this_year = reference.year
    if direction == PAST:
        return this_year if month <= reference.month else this_year - 1
    if direction == FUTURE:
        return this_year if month >= reference.month else this_year + 1
    # No cue: the month within six months of the reference.
    distance = month - reference.month
    if distance > 6:
        return this_year - 1
    if distance < -6:
        return this_year + 1
    return this_year


def pick_nearest(candidates: list[date], reference: date, direction: int) -> date:
    """The candidate nearest the reference on the side ``direction`` points to."""
    if direction == PAST:
        past = [d for d in candidates if d <= reference]
        if past:
            return max(past)
    if direction == FUTURE:
        future = [d for d in candidates if d >= reference]
        if future:
            return min(future)
    return min(candidates, key=lambda d: abs((d - reference).days))


def shift_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, offset: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + offset
    return index // 4, index % 4 + 1


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


# Seasons in the order of a "season year" running from March to February, so
# that the winter starting in December 2024 is "2024-WI".
_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def season_year(reference: date, season: str, offset: int) -> int:
    """Year of "last winter" (-1), "this summer" (0), "next spring" (+1)."""
    own_year = reference.year - 1 if reference.month <= 2 else reference.year
    current = own_year * 4 + _SEASON_ORDER.index(current_season(reference))
    target = own_year * 4 + _SEASON_ORDER.index(season)
    if offset < 0:
        while target >= current:
            target -= 4
    elif offset > 0:
        while target <= current:
            target += 4
    else:
        # "this summer": the nearest one, the coming one on a tie (seen from January).
        target = min((target - 4, target, target + 4), key=lambda t: (abs(t - current), t < current))
    return target // 4


def current_season(reference: date) -> str:
    month = reference.month
    if month in (12, 1, 2):
        return "WI"
    if month <= 5:
        return "SP"
    if month <= 8:
        return "SU"
    return "FA"


def value_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day a DATE value covers ("2024-11" -> Nov 1..30); None if not calendar."""
    if not value:
        return None
    if re.match(r"\d{4}-W\d", value):
        return week_bounds(value)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", value)
    if match:
        year = int(match.group(1))
        if match.group(3):
            day = date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2):
            month = int(match.group(2))
            last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
            return date(year, month, 1), last
        return date(year, 1, 1), date(year, 12, 31)
    match = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if match:
        year, quarter = int(match.group(1)), int(match.group(2))
        first = date(year, 3 * quarter - 2, 1)
        next_first = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
        return first, next_first - timedelta(days=1)
    match = re.fullmatch(r"(\d{4})-H([12])", value)
    if match:
        year, half = int(match.group(1)), int(match.group(2))
        return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))
    match = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if match:
        return _season_bounds(int(match.group(1)), match.group(2))
    match = re.fullmatch(r"(\d{3})", value)  # a decade: "202" = 2020-2029
    if match:
        decade = int(match.group(1)) * 10
        return date(decade, 1, 1), date(decade + 9, 12, 31)
    match = re.fullmatch(r"(\d{2})", value)  # a century: "18" = 1800-1899
    if match:
        century = int(match.group(1)) * 100
        return date(max(century, 1), 1, 1), date(century + 99, 12, 31)
    return None


def _season_bounds(year: int, season: str) -> tuple[date, date]:
    """Meteorological seasons; the winter of 2024 runs from December 2024 to February 2025."""
    first_month, last_month = SEASON_MONTHS[season]
    last_year = year + 1 if season == "WI" else year
    after_last = date(last_year + (last_month == 12), last_month % 12 + 1, 1)
    return date(year, first_month, 1), after_last - timedelta(days=1)
