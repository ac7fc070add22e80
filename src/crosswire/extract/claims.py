"""PLACEHOLDER: to be replaced by the real extractor (see the issue that owns it)."""
from __future__ import annotations

from .pipeline import Context, component


@component("claims")
def make_claims(config):
    def claims(ctx: Context) -> None:
        return None
    return claims
