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

Independence. Two origins are *independent* when neither relays the other
and they relay no one in common: each origin knows what it depends on
(``Origin.depends_on``): itself, and every origin that relays it -- the
citing claim's source for a claim with ``cited_by``, the publisher (or citing
source) for an anonymous source. Outlets, wire agencies and cited outlets
share one name space ("Channel 13" cited is the same as an article by
Channel 13). So "Channel 13 reported" and "sources familiar with the
negotiations" cited by Channel 13 are one origin, as are an outlet's own
voice and its unnamed officials; a person named by an outlet is independent
of it. ``independent_groups`` partitions the origins of one merged event or
claim; ``num_sources`` of a merged event counts those groups.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


LEADING_DETERMINER = re.compile(r"^(the|a|an|one|two|three|several|some)\s+", re.I)


@dataclass(frozen=True)
class Origin:
    key: str  # what is compared when counting independent sources
    label: str  # what a reader sees
    kind: str  # outlet | wire | copy | cited_outlet | named | document | anonymous
    # The identities of whoever passes this origin on: the citing claim's source
    # (and whoever relays that), an anonymous source's teller. Not part of equality, so two
    # mentions of one origin relayed differently are still "the same origin".
    relays: tuple[str, ...] = field(default=(), compare=False)

    @property
    def identity(self) -> str:
        """What this origin is, across kinds: an outlet, its wire credit and a
        citation of it are one publisher ("src:channel 13")."""
        kind, _, name = self.key.partition(":")
        return "src:" + name if kind in PUBLISHER_KINDS else self.key

    def depends_on(self) -> frozenset[str]:
        return frozenset((self.identity, *self.relays))


PUBLISHER_KINDS = frozenset({"outlet", "wire", "cited_outlet"})


def independent(a: Origin, b: Origin) -> bool:
    """Neither relays the other, and no one relays both."""
    return not (a.depends_on() & b.depends_on())


def independent_groups(origins: list[Origin]) -> list[list[Origin]]:
    """The origins split into groups independent of each other (two origins that
    depend on a common one are joined, transitively), in first-seen order, each
    group listing its distinct origins, led by the first seen."""
    # One origin may come relayed in different ways ("Netanyahu" quoted directly,
    # and via Channel 13): every way counts when deciding what depends on what.
    variants = list({(o.key, o.relays): o for o in reversed(origins)}.values())[::-1]
    groups: list[list[Origin]] = []
    for origin in variants:
        touching = [g for g in groups if any(not independent(origin, o) for o in g)]
        groups = [g for g in groups if g not in touching]
        groups.append([o for g in touching for o in g] + [origin])
    order = {o.key: i for i, o in reversed(list(enumerate(origins)))}
    distinct = [sorted({o.key: o for o in reversed(g)}.values(), key=lambda o: order[o.key])
                for g in groups]
    return sorted(distinct, key=lambda g: order[g[0].key])


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
    seen = _seen | {claim["id"]}
    if kind in NAMED_KINDS:
        prefix, origin_kind = NAMED_KINDS[kind]
        citing = citing_origin(claim, record, infos, seen)
        return Origin(prefix + normalise_name(name), name, origin_kind,
                      tuple(sorted(citing.depends_on())) if citing else ())
    teller = citing_origin(claim, record, infos, seen) or publisher_origin(str(record["id"]), infos)
    text = source.get("text") or "unnamed source"
    return Origin(f"anonymous:{teller.key}|{normalise_name(text)}",
                  f"{text} ({teller.label})", "anonymous", tuple(sorted(teller.depends_on())))


# source kind -> (origin key prefix, origin kind); anything else is anonymous
NAMED_KINDS = {"outlet": ("cited_outlet:", "cited_outlet"), "person": ("named:", "named"),
               "organization": ("named:", "named"), "document": ("document:", "document")}


def citing_origin(claim: dict, record: dict, infos: dict[str, ArticleInfo],
                  seen: frozenset[str]) -> Origin | None:
    """The origin of the claim that cites ``claim`` (``cited_by``), if any."""
    citing = claim.get("cited_by")
    if citing and citing not in seen:
        for other in record.get("claims", []):
            if other["id"] == citing:
                return claim_origin(other, record, infos, seen)
    return None


def mention_origin(event: dict, record: dict, infos: dict[str, ArticleInfo]) -> Origin:
    """The origin of one article-level event (see the module docstring)."""
    claim_id = event.get("claim")
    if claim_id:
        for claim in record.get("claims", []):
            if claim["id"] == claim_id:
                return claim_origin(claim, record, infos)
    return publisher_origin(str(record["id"]), infos)
