"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("claim_links")
def make_claim_links(config):
    def claim_links(ctx: Context) -> None:
        return None
    return claim_links
