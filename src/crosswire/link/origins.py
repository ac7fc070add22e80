"""Where a report really comes from: the independent origin of each mention.

An outlet repeating Army Radio is not a second source; neither is a copy of
an agency story, nor a near-duplicate of another outlet's article. The
origin of a mention is, in order:

1. the source of the claim it is reported under (``event.claim``): a cited
   outlet, a named person or organisation, a document, or an anonymous source
   (anonymous sources are told apart by publisher: we cannot know that two
   outlets' "officials" are the same people, but one outlet's are one origin);
2. otherwise the publisher: the wire agency the article credits in its
   dateline or closing line ("(AP)", "This story was reported by Reuters";
   ``crosswire.ingest.wire_credit``, shared with duplicate detection), or the
   outlet of the original article when this one is a near-duplicate
   (``articles.duplicate_of``), or the outlet itself.

``num_sources`` of a merged event counts distinct origin keys.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


LEADING_DETERMINER = re.compile(r"^(the|a|an|one|two|three|several|some)\s+", re.I)


@dataclass(frozen=True)
class Origin:
    key: str  # what is compared when counting independent sources
    label: str  # what a reader sees
    kind: str  # outlet | wire | copy | cited_outlet | named | document | anonymous


@dataclass
class ArticleInfo:
    id: str
    outlet: str | None
    duplicate_of: str | None
    text: str


def normalise_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    name = LEADING_DETERMINER.sub("", name)
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    return name.lower()


def wire_credit(text: str, outlet: str | None = None) -> str | None:
    """The wire agency an article credits, if any (never the outlet itself)."""
    # Imported here: ingest.dedup pulls in datasketch/scipy, seconds that the
    # read-only commands (stories, events, conflicts) should not pay.
    from ..ingest.dedup import wire_credit as ingest_wire_credit
    agency = ingest_wire_credit(text or "")
    if agency and outlet and normalise_name(outlet) == normalise_name(agency):
        return None
    return agency


def root_article(article_id: str, infos: dict[str, ArticleInfo]) -> ArticleInfo:
    """Follow ``duplicate_of`` to the original article (cycles and gaps stop the walk)."""
    seen = {article_id}
    info = infos[article_id]
    while info.duplicate_of and info.duplicate_of in infos and info.duplicate_of not in seen:
        seen.add(info.duplicate_of)
        info = infos[info.duplicate_of]
    return info


def publisher_origin(article_id: str, infos: dict[str, ArticleInfo]) -> Origin:
    root = root_article(article_id, infos)
    agency = wire_credit(root.text, root.outlet)
    if agency:
        return Origin("wire:" + normalise_name(agency), agency, "wire")
    label = root.outlet or f"article {root.id}"
    key = "outlet:" + normalise_name(root.outlet) if root.outlet else "article:" + root.id
    kind = "copy" if root.id != article_id else "outlet"
    return Origin(key, label, kind)


def claim_origin(claim: dict, record: dict, infos: dict[str, ArticleInfo],
                 _seen: frozenset[str] = frozenset()) -> Origin:
    """The origin of what ``claim`` says: its source, unless anonymous; anonymous
    sources belong to whoever relays them (the citing claim's source for nested
    claims -- "Channel 13 reported, citing sources" -- else the publisher)."""
    source = claim.get("source") or {}
    kind = source.get("kind") or "unknown"
    actor_name = (source.get("actor") or {}).get("name")
    name = source.get("resolved") or actor_name or source.get("text") or ""
    if kind == "outlet":
        return Origin("cited_outlet:" + normalise_name(name), name, "cited_outlet")
    if kind in ("person", "organization"):
        return Origin("named:" + normalise_name(name), name, "named")
    if kind == "document":
        return Origin("document:" + normalise_name(name), name, "document")
    teller = relaying_origin(claim, record, infos, _seen | {claim["id"]})
    text = source.get("text") or "unnamed source"
    return Origin(f"anonymous:{teller.key}|{normalise_name(text)}",
                  f"{text} ({teller.label})", "anonymous")


def relaying_origin(claim: dict, record: dict, infos: dict[str, ArticleInfo],
                    seen: frozenset[str]) -> Origin:
    citing = claim.get("cited_by")
    if citing and citing not in seen:
        for other in record.get("claims", []):
            if other["id"] == citing:
                return claim_origin(other, record, infos, seen)
    return publisher_origin(str(record["id"]), infos)


def mention_origin(event: dict, record: dict, infos: dict[str, ArticleInfo]) -> Origin:
    """The origin of one article-level event (see the module docstring)."""
    claim_id = event.get("claim")
    if claim_id:
        for claim in record.get("claims", []):
            if claim["id"] == claim_id:
                return claim_origin(claim, record, infos)
    return publisher_origin(str(record["id"]), infos)
