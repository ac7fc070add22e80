"""Datelines: the place (and agency) line that opens wire copy.

Examples: ``TEL AVIV - ``, ``WASHINGTON (AP) — ``, ``KYIV, Ukraine (Reuters) -``,
``BEIRUT, Nov. 12 (AFP) –``. A dateline is an all-caps place name at the very
start, optionally followed by a comma and a region, a date, and an agency in
parentheses, then a dash.
"""
from __future__ import annotations

import re

from ..model import Span

_DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3})      # TEL AVIV, WASHINGTON
    (?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?  # , Ukraine
    (?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?                    # , Nov. 12
    (?:\s*\((?P<agency>[A-Za-z&][A-Za-z&.\s-]{0,30})\))?           # (AP)
    \s*[-\u2013\u2014]{1,2}\s+""",
    re.VERBOSE,
)


def find_dateline(text: str) -> Span | None:
    """The dateline at the start of ``text`` with its exact offsets, or None."""
    m = _DATELINE.match(text)
    if not m:
        return None
    place = m.group("place")
    if len(place.replace(" ", "")) < 3 or not any(c.isalpha() for c in place):
        return None
    start = m.start("place")
    return Span(text[start:m.end()], start, m.end())


def dateline_parts(span: Span) -> dict[str, str | None]:
    """Place, region and agency of a dateline, e.g. {"place": "TEL AVIV", ...}."""
    m = _DATELINE.match(span.text)
    if not m:
        return {"place": None, "region": None, "agency": None}
    agency = m.group("agency")
    return {"place": m.group("place"), "region": m.group("region"),
            "agency": agency.strip() if agency else None}
