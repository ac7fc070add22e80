"""Polarity conflicts: two claims about one actor, one saying it does, one that it
does not ("Moscow to prevent Hezbollah from rearming" vs "Russia would not be
involved"). See ``compare/conflicts.py`` for the rules common to all conflicts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from .. import lexicons
from ..link.features import content_words
from ..link.origins import ArticleInfo, Origin, claim_origin
from .conflicts import make_conflict, pronouns, short

POLARITY_MIN_OVERLAP = 0.15
POLARITY_PER_TOPIC = 1  # the clearest opposed pair per actor and story; more is noise
TOKEN = re.compile(r"n't|\w+(?:['’]\w+)?|[.,;:!?()\"“”]")
CLAUSE_BREAK = frozenset(".;:!?()\"“”")

# ------------------------------------------------------------------ actors in text


@lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern, dict[str, str]]:
    # Names and capitals only: a demonym ("Israeli official") names the source's
    # nationality, not what the claim is about.
    rows = [r for r in lexicons.load("countries.tsv") if r.get("kind") in ("name", "capital")]
    names = {r["text"]: r["iso3"] for r in rows if len(r["text"]) >= 4}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])"), names


@dataclass
class ActorMention:
    key: str  # country code, or a lower-cased actor name
    label: str  # as written
    start: int  # offset in the claim content
    end: int
    adjective: bool = False  # "Chinese opinions": a noun, not a verb, follows it


COUNTRY_LABELS = {"GPE", "NORP"}


def actor_key(item: dict) -> str | None:
    """What makes two mentions "the same actor": the country for a country (or its
    people), the name for anyone or anything else -- Trump is not Mar-a-Lago."""
    actor = item.get("actor") or {}
    if item.get("feature") == "country" or (item.get("label") in COUNTRY_LABELS
                                            and actor.get("country") and not actor.get("sector")):
        return item.get("country") or actor.get("country")
    name = actor.get("name") or item.get("name") or item.get("text")
    return "name:" + " ".join(name.lower().split()) if name else None


def actors_in_content(claim: dict, record: dict) -> list[ActorMention]:
    """Actors and places named inside a claim's content: country names and
    capitals from the lexicon first (Moscow is Russia), then the record's
    entities and places."""
    content = claim["content"]
    c_start, c_end = content["start"], content["end"]
    found: dict[tuple[int, int], ActorMention] = {}
    pattern, names = _country_pattern()
    for match in pattern.finditer(content["text"]):
        found[(match.start(), match.end())] = ActorMention(
            names[match.group()], match.group(), match.start(), match.end())
    for item in record.get("entities", []) + record.get("places", []):
        if c_start <= item["start"] and item["end"] <= c_end:
            key = actor_key(item)
            span = (item["start"] - c_start, item["end"] - c_start)
            if key and not any(s <= span[0] < e for s, e in found):
                found[span] = ActorMention(key, item["text"], *span,
                                           adjective=item.get("label") == "NORP")
    return [found[k] for k in sorted(found)]


class NegationWords(NamedTuple):
    cues: frozenset[str]  # "not", "never", "denied", ...
    harmless_next: frozenset[str]  # a cue right before these does not deny ("won't hesitate")
    auxiliaries: frozenset[str]  # may stand between subject and verb or cue
    clause_openers: frozenset[str]  # a subject may follow these ("that", "but", ...)


def _lower_set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def _negation() -> NegationWords:
    data = lexicons.load("link_negation.yaml")
    return NegationWords(_lower_set(data["tokens"]) | _lower_set(data["verbs"]),
                         _lower_set(data.get("not_negating_next", [])),
                         _lower_set(data.get("auxiliaries", [])),
                         _lower_set(data.get("clause_openers", [])))


POSSESSIVE = re.compile(r"^['’]s\b")
MAX_AUXILIARIES = 3


def _tokens_after(text: str, end: int) -> list[str]:
    return [m.group().lower().replace("’", "'") for m in TOKEN.finditer(text, end)][:8]


def _is_negation(tokens: list[str], index: int) -> bool:
    token = tokens[index]
    if token not in _negation().cues and not token.endswith("n't"):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return following not in _negation().harmless_next


def agent_polarity(text: str, end: int, adjective: bool = False) -> str | None:
    """Whether the actor ending at ``end`` is the subject of what follows, and if so
    whether that is denied: "Russia would not be involved" -> "negated",
    "Moscow to prevent ..." -> "affirmed", "Russian cooperation" -> None."""
    if POSSESSIVE.match(text[end:end + 3]):
        return None
    tokens = _tokens_after(text, end)
    for index, token in enumerate(tokens[:MAX_AUXILIARIES + 1]):
        if token in CLAUSE_BREAK or token == ",":
            return None
        if _is_negation(tokens, index):
            return "negated"
        if token in _negation().auxiliaries:
            continue
        # A past-tense verb ("Russia sent", "Moscow agreed"); "-s" words are too
        # often plural nouns after a country used as an adjective ("U.S. sanctions").
        looks_like_verb = len(token) > 3 and token.endswith("ed") and token.isalpha()
        if index > 0 or (looks_like_verb and not adjective):
            return "affirmed"  # a verb (after auxiliaries, or with a verb ending) follows
        return None
    return None


def negated_after(text: str, end: int) -> bool:
    return agent_polarity(text, end) == "negated"


LEADING_ARTICLE = re.compile(r"(?:^|\s)(?:the|The)$")
OPENING_MARK = re.compile(r"[,;:(“\"—–-]$")


def opens_clause(text: str, start: int) -> bool:
    """Does the actor starting at ``start`` begin a clause (so it can be its subject)?"""
    before = LEADING_ARTICLE.sub("", text[:start].rstrip()).rstrip()
    if not before or OPENING_MARK.search(before):
        return True
    last_word = before.rsplit(None, 1)[-1].lower()
    return last_word in _negation().clause_openers


@lru_cache(maxsize=1)
def generic_units() -> frozenset[str]:
    """Stemmed words for "people in general" ("12 people" counts what "12" counts)."""
    words = lexicons.load("link_sources.yaml")["generic_units"]
    return frozenset(content_words(w)[0] for w in words if content_words(w))


def unresolved_pronoun(claim: dict) -> bool:
    source = claim.get("source") or {}
    return not source.get("resolved") and (source.get("text") or "").lower() in pronouns()


def unknown_speaker(claim: dict) -> bool:
    """A claim whose speaker cannot be named (no source found, or an unresolved
    pronoun): a conflict must say who holds each side."""
    return not claim.get("source") or unresolved_pronoun(claim)


# ------------------------------------------------------------------ items compared


@dataclass
class ClaimItem:
    article_id: str
    outlet: str | None
    claim: dict
    origin: Origin
    affirmed: dict[str, str] = field(default_factory=dict)  # key -> label
    negated: dict[str, str] = field(default_factory=dict)
    words: frozenset[str] = frozenset()


def claim_item(claim: dict, record: dict, infos: dict[str, ArticleInfo]) -> ClaimItem:
    item = ClaimItem(str(record["id"]), record.get("outlet"), claim,
                     claim_origin(claim, record, infos))
    text = claim["content"]["text"]
    mentions = actors_in_content(claim, record)
    for mention in mentions:
        polarity = agent_polarity(text, mention.end, mention.adjective)
        if polarity == "negated" and not opens_clause(text, mention.start):
            polarity = None  # "the decision of Kenya not to ...": Kenya is not the subject
        if polarity is not None:
            target = item.negated if polarity == "negated" else item.affirmed
            target.setdefault(mention.key, mention.label)
    actor_words = {w for m in mentions for w in content_words(m.label)}
    item.words = frozenset(content_words(text)) - actor_words
    return item


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def claim_side(item: ClaimItem) -> dict:
    source = item.claim.get("source") or {}
    return {"text": item.claim["content"]["text"], "source": source.get("text"),
            "resolved": source.get("resolved"),
            "source_kind": source.get("kind"), "origin": item.origin.label,
            "cue": (item.claim.get("cue") or {}).get("text"),
            "article": item.article_id, "outlet": item.outlet, "claim": item.claim["id"]}


def speaker(side: dict) -> str:
    """"he (Alexander Gabuev)" when a pronoun or description was resolved."""
    source, resolved = side.get("source") or "?", side.get("resolved")
    return f"{source} ({resolved})" if resolved and resolved != source else source


def polarity_pairs(items: list[ClaimItem]) -> list[tuple[float, str, ClaimItem, ClaimItem]]:
    """(score, topic key, affirming item, negating item) for every opposed pair."""
    pairs = []
    for a, b in combinations(items, 2):
        if a.origin.key == b.origin.key or unknown_speaker(a.claim) or unknown_speaker(b.claim):
            continue
        overlap = jaccard(a.words, b.words)
        if a.article_id != b.article_id and overlap < POLARITY_MIN_OVERLAP:
            continue
        for yes, no in ((a, b), (b, a)):
            for key in sorted(set(yes.affirmed) & set(no.negated)):
                if key in yes.negated or key in no.affirmed:
                    continue  # each side already says both: no clear opposition
                pairs.append((overlap, key, yes, no))
    return pairs


def polarity_conflicts(items: list[ClaimItem], story_id: str) -> list[dict]:
    out, per_topic = [], {}
    ranked = sorted(polarity_pairs(items), key=lambda p: -p[0])
    for overlap, key, yes, no in ranked:
        if per_topic.get(key, 0) >= POLARITY_PER_TOPIC:
            continue
        per_topic[key] = per_topic.get(key, 0) + 1
        topic = no.negated[key]
        sides = [claim_side(yes), claim_side(no)]
        explanation = (f"{speaker(sides[0])} says {yes.affirmed[key]} does "
                       f"(\"{short(sides[0]['text'])}\"), {speaker(sides[1])} says {topic} "
                       f"does not (\"{short(sides[1]['text'])}\")")
        out.append(make_conflict("polarity", story_id, topic, explanation, sides,
                                 [f"{yes.article_id}:{yes.claim['id']}",
                                  f"{no.article_id}:{no.claim['id']}", key]))
    return out


