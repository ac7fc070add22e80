"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("entities")
def make_entities(config):
    def entities(ctx: Context) -> None:
        return None
    return entities
