"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("places")
def make_places(config):
    def places(ctx: Context) -> None:
        return None
    return places
