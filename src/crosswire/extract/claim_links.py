"""Who asserts each fact: ``event.claim`` and ``quantity.claim``.

Runs last. An event whose trigger, or a figure whose span, lies inside a
claim's content points to that claim; when claims nest (an outlet citing
officials who quote a minister), the innermost content wins, so the fact is
tied to the source closest to it (follow ``Claim.cited_by`` outwards for the
chain). Words of the attribution itself never count as attributed: a trigger
inside the claim's source or cue (the "told" of "an aide told Trump") is not
linked to that claim, since a claim does not attest its own utterance.
A link already set by an earlier component is kept.
"""
from __future__ import annotations

from ..model import Claim, Span
from .pipeline import Context, component


def within(inner_start: int, inner_end: int, outer: Span) -> bool:
    return outer.start <= inner_start and inner_end <= outer.end


def is_attribution_words(start: int, end: int, claim: Claim) -> bool:
    """True for words of the claim's own source or cue."""
    return any(part.start < end and start < part.end for part in (claim.source, claim.cue)
               if part is not None)


def innermost_claim(start: int, end: int, claims: list[Claim]) -> str | None:
    """Id of the claim with the smallest content holding [start, end)."""
    holders = [c for c in claims if within(start, end, c.content)
               and not is_attribution_words(start, end, c)]
    if not holders:
        return None
    return min(holders, key=lambda c: (c.content.end - c.content.start, c.id)).id


def figure_anchor(quantity) -> tuple[int, int]:
    """A figure's span may run past a claim's content ("More than 3,300 have been
    killed, according to ..." is all one figure span for some extractors);
    its first word decides where it belongs."""
    return quantity.start, quantity.start + 1


@component("claim_links")
def make_claim_links(config):
    def claim_links(ctx: Context) -> None:
        claims = ctx.record.claims
        if not claims:
            return
        for event in ctx.record.events:
            if event.claim is None:
                event.claim = innermost_claim(event.trigger.start, event.trigger.end, claims)
        for quantity in ctx.record.quantities:
            if quantity.claim is None:
                quantity.claim = innermost_claim(*figure_anchor(quantity), claims)
    return claim_links
