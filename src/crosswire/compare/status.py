"""Corroboration status of merged events and claims.

* ``disputed``      -- part of a conflict;
* ``corroborated``  -- two or more independent origins back it
  (``link.origins.independent``: a claim and the claim citing it, an outlet and
  its unnamed sources, copies of one wire story never back each other);
* ``single_source`` -- otherwise.

A claim is backed by another origin when an event reported under it was also
reported from another origin (its merged event has ``num_sources >= 2``),
or when a claim from another origin in the same story says much the same
(content words overlap by ``CLAIM_SIMILARITY``, same polarity, and each
has at least ``MIN_CLAIM_WORDS`` content words: "declined to comment" and
"did not reply to a request for comment" share a word, not a content).
"""
from __future__ import annotations

from ..link.events import MergedEvent
from ..link.origins import independent, independent_groups
from .conflicts import is_conflict
from .polarity import ClaimItem, jaccard

CORROBORATED, SINGLE, DISPUTED = "corroborated", "single_source", "disputed"
CLAIM_SIMILARITY = 0.3
MIN_CLAIM_WORDS = 3


def event_status(merged: MergedEvent, disputed: set[str]) -> str:
    if merged.id in disputed:
        return DISPUTED
    return CORROBORATED if len(merged.independent_origins()) >= 2 else SINGLE


def disputed_keys(conflicts: list[dict]) -> tuple[set[str], set[str]]:
    """Merged event ids and ``article:claim`` keys that some conflict involves."""
    events, claims = set(), set()
    for conflict in filter(is_conflict, conflicts):
        for side in conflict["sides"]:
            if side.get("event"):
                events.add(side["event"])
            if side.get("claim"):
                claims.add(f"{side['article']}:{side['claim']}")
    return events, claims


def corroborating_events(merged: list[MergedEvent]) -> set[str]:
    """``article:claim`` keys of claims one of whose events has another origin too."""
    keys = set()
    for event in merged:
        if len(event.independent_origins()) >= 2:
            for mention in event.mentions:
                if mention.event.get("claim"):
                    keys.add(f"{mention.article_id}:{mention.event['claim']}")
    return keys


def claim_support(items: list[ClaimItem], merged: list[MergedEvent]) -> dict[str, list[str]]:
    """``article:claim`` -> labels of the independent origins behind the claim: its
    own first, then each independent origin that backs it (through a merged event
    of one of its events, or a similar claim), one per independent group."""
    by_claim: dict[str, list] = {}
    for event in merged:
        for mention in event.mentions:
            if mention.event.get("claim"):
                key = f"{mention.article_id}:{mention.event['claim']}"
                by_claim.setdefault(key, []).extend(m.origin for m in event.mentions)
    out = {}
    for item in items:
        key = f"{item.article_id}:{item.claim['id']}"
        backers = by_claim.get(key, []) + [
            other.origin for other in items
            if similar_claims(item, other)]
        groups = independent_groups([item.origin] + backers)
        out[key] = [group[0].label for group in groups]
    return out


def similar_claims(a: ClaimItem, b: ClaimItem) -> bool:
    """Much the same said, in the same polarity, by claims with a content to compare."""
    return (bool(a.negated) == bool(b.negated)
            and min(len(a.words), len(b.words)) >= MIN_CLAIM_WORDS
            and jaccard(a.words, b.words) >= CLAIM_SIMILARITY)


def claim_statuses(items: list[ClaimItem], merged: list[MergedEvent],
                   disputed: set[str]) -> dict[str, str]:
    """``article:claim`` -> status for every claim of a story."""
    backed = corroborating_events(merged)
    out = {}
    for item in items:
        key = f"{item.article_id}:{item.claim['id']}"
        if key in disputed:
            out[key] = DISPUTED
        elif key in backed or any(
                independent(other.origin, item.origin) and similar_claims(item, other)
                for other in items):
            out[key] = CORROBORATED
        else:
            out[key] = SINGLE
    return out
