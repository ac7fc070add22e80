"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("event_locations")
def make_event_locations(config):
    def event_locations(ctx: Context) -> None:
        return None
    return event_locations
