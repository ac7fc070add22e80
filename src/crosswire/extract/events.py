"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("events")
def make_events(config):
    def events(ctx: Context) -> None:
        return None
    return events
