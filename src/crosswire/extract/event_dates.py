"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("event_dates")
def make_event_dates(config):
    def event_dates(ctx: Context) -> None:
        return None
    return event_dates
