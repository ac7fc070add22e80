"""Conflicts between reports of one story, each explained in words.

Four kinds, all between items with different origins (``link.origins``):

* ``figure``   -- two figures for the same count (category, place, period, unit)
  whose ranges cannot both hold ("31 killed" vs "at least 40 killed"). Figures
  from different days without a stated period are updates, not conflicts;
  figures more than ``FIGURE_RATIO`` apart are taken to count different things.
* ``denial``   -- the same event asserted (or planned) by one origin, denied by another.
* ``date``     -- the same actors doing the same kind of thing, both dated from
  the text, on days that cannot both be right (within ``DATE_WINDOW_DAYS``).
* ``polarity`` -- two claims about the same actor or place where one says it
  does and the other that it does not ("Moscow to prevent Hezbollah from
  rearming" vs "Russia would not be involved"): an actor mentioned in both
  contents, a negation closely after it in one and not in the other. Claims
  in one article are compared freely (the writer put them side by side);
  across articles they must also share content words.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from itertools import combinations

from .. import lexicons
from ..link.events import MergedEvent, actor_match, actors_fit, is_symmetric, same_event
from ..link.features import content_words, parse_day
from ..link.origins import ArticleInfo, Origin, claim_origin, publisher_origin

FIGURE_RATIO = 3.0
DATE_WINDOW_DAYS = 7
POLARITY_MIN_OVERLAP = 0.15
POLARITY_PER_TOPIC = 1  # the clearest opposed pair per actor and story; more is noise
TOKEN = re.compile(r"n't|\w+(?:['’]\w+)?|[.,;:!?()\"“”]")
CLAUSE_BREAK = frozenset(".;:!?()\"“”")


def conflict_id(kind: str, keys: list[str]) -> str:
    return "k" + hashlib.sha1("|".join([kind, *sorted(keys)]).encode("utf-8")).hexdigest()[:12]


def make_conflict(kind: str, story_id: str, topic: str, explanation: str,
                  sides: list[dict], keys: list[str]) -> dict:
    return {"id": conflict_id(kind, keys), "story": story_id, "kind": kind, "topic": topic,
            "explanation": explanation, "between": [s["source"] for s in sides],
            "articles": list(dict.fromkeys(s["article"] for s in sides)), "sides": sides}


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


@lru_cache(maxsize=1)
def _negation() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = lexicons.load("link_negation.yaml")
    cues = {str(t).lower() for t in data["tokens"]} | {str(v).lower() for v in data["verbs"]}
    return (frozenset(cues), frozenset(str(w).lower() for w in data.get("not_negating_next", [])),
            frozenset(str(w).lower() for w in data.get("auxiliaries", [])))


POSSESSIVE = re.compile(r"^['’]s\b")
MAX_AUXILIARIES = 3


def _tokens_after(text: str, end: int) -> list[str]:
    return [m.group().lower().replace("’", "'") for m in TOKEN.finditer(text, end)][:8]


def _is_negation(tokens: list[str], index: int) -> bool:
    cues, harmless_next, _ = _negation()
    token = tokens[index]
    if token not in cues and not token.endswith("n't"):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return following not in harmless_next


def agent_polarity(text: str, end: int, adjective: bool = False) -> str | None:
    """Whether the actor ending at ``end`` is the subject of what follows, and if so
    whether that is denied: "Russia would not be involved" -> "negated",
    "Moscow to prevent ..." -> "affirmed", "Russian cooperation" -> None."""
    if POSSESSIVE.match(text[end:end + 3]):
        return None
    _, _, auxiliaries = _negation()
    tokens = _tokens_after(text, end)
    for index, token in enumerate(tokens[:MAX_AUXILIARIES + 1]):
        if _is_negation(tokens, index):
            return "negated"
        if token in auxiliaries:
            continue
        looks_like_verb = len(token) > 3 and token.endswith(("ed", "s")) and token.isalpha()
        if index > 0 or (looks_like_verb and not adjective):
            return "affirmed"  # a verb (after auxiliaries, or with a verb ending) follows
        return None
    return None


def negated_after(text: str, end: int) -> bool:
    return agent_polarity(text, end) == "negated"


@lru_cache(maxsize=1)
def _source_words() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicons.load("link_sources.yaml")
    return (frozenset(str(w).lower() for w in data["pronouns"]),
            frozenset(str(w).lower() for w in data["generic_units"]))


def unresolved_pronoun(claim: dict) -> bool:
    source = claim.get("source") or {}
    return not source.get("resolved") and (source.get("text") or "").lower() in _source_words()[0]


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
                     claim_origin(claim, str(record["id"]), infos))
    text = claim["content"]["text"]
    for mention in actors_in_content(claim, record):
        polarity = agent_polarity(text, mention.end, mention.adjective)
        if polarity is not None:
            target = item.negated if polarity == "negated" else item.affirmed
            target.setdefault(mention.key, mention.label)
    actor_words = {w for m in actors_in_content(claim, record) for w in content_words(m.label)}
    item.words = frozenset(content_words(text)) - actor_words
    return item


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def claim_side(item: ClaimItem) -> dict:
    source = item.claim.get("source") or {}
    return {"text": item.claim["content"]["text"], "source": source.get("text"),
            "source_kind": source.get("kind"), "origin": item.origin.label,
            "cue": (item.claim.get("cue") or {}).get("text"),
            "article": item.article_id, "outlet": item.outlet, "claim": item.claim["id"]}


def polarity_pairs(items: list[ClaimItem]) -> list[tuple[float, str, ClaimItem, ClaimItem]]:
    """(score, topic key, affirming item, negating item) for every opposed pair."""
    pairs = []
    for a, b in combinations(items, 2):
        if a.origin.key == b.origin.key or unresolved_pronoun(a.claim) or unresolved_pronoun(b.claim):
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
        explanation = (f"{sides[0]['source']} says {yes.affirmed[key]} does "
                       f"(\"{_short(sides[0]['text'])}\"), {sides[1]['source']} says {topic} "
                       f"does not (\"{_short(sides[1]['text'])}\")")
        out.append(make_conflict("polarity", story_id, topic, explanation, sides,
                                 [f"{yes.article_id}:{yes.claim['id']}",
                                  f"{no.article_id}:{no.claim['id']}", key]))
    return out


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ figures


@dataclass
class FigureItem:
    article_id: str
    outlet: str | None
    quantity: dict
    origin: Origin
    claimed: bool
    day: object
    place: str | None
    period: str | None

    def interval(self) -> tuple[float, float]:
        q = self.quantity
        value = q.get("value")
        low = q.get("low") if q.get("low") is not None else value
        high = q.get("high") if q.get("high") is not None else value
        approx = q.get("approx") or "exact"
        if approx == "about" and value is not None:
            return (0.9 * value, 1.1 * value)
        if approx in ("more_than", "at_least"):
            return (low if low is not None else value, float("inf"))
        if approx in ("less_than", "up_to"):
            return (0.0, high if high is not None else value)
        return (low, high)


def figure_item(quantity: dict, record: dict, infos: dict[str, ArticleInfo]) -> FigureItem:
    claim = next((c for c in record.get("claims", []) if c["id"] == quantity.get("claim")), None)
    origin = (claim_origin(claim, str(record["id"]), infos) if claim
              else publisher_origin(str(record["id"]), infos))
    places = {p["id"]: p.get("country") for p in record.get("places", [])}
    timexes = {t["id"]: t.get("value") for t in record.get("timexes", [])}
    return FigureItem(str(record["id"]), record.get("outlet"), quantity, origin, claim is not None,
                      parse_day(record.get("published")), places.get(quantity.get("place")),
                      timexes.get(quantity.get("period")))


def _unit(item: FigureItem) -> str | None:
    """The thing counted, or None for people in general."""
    words = content_words(item.quantity.get("unit"))
    generic = {content_words(w)[0] for w in _source_words()[1] if content_words(w)}
    return words[-1] if words and words[-1] not in generic else None


def same_count(a: FigureItem, b: FigureItem) -> bool:
    """Could these two figures be counting the same thing?"""
    qa, qb = a.quantity, b.quantity
    if qa.get("category") != qb.get("category") or qa.get("category") in (None, "other"):
        return False
    for x, y in ((a.place, b.place), (a.period, b.period)):
        if x and y and x != y:
            return False
    if _unit(a) != _unit(b):
        return False  # "12 soldiers" and "30 people" count different things
    if a.article_id == b.article_id and not (a.claimed and b.claimed):
        return False  # one writer's own figures are different counts
    if not (a.period and b.period) and a.day != b.day:
        return False  # a later, different figure is an update
    va, vb = qa.get("value"), qb.get("value")
    if not va or not vb:
        return False
    return max(va, vb) / min(va, vb) <= FIGURE_RATIO


def figure_side(item: FigureItem) -> dict:
    return {"text": item.quantity["text"], "value": item.quantity.get("value"),
            "approx": item.quantity.get("approx"), "source": item.origin.label,
            "source_kind": item.origin.kind, "article": item.article_id, "outlet": item.outlet,
            "quantity": item.quantity["id"]}


def figure_conflicts(items: list[FigureItem], story_id: str) -> list[dict]:
    out, seen = [], set()
    for a, b in combinations(items, 2):
        if a.origin.key == b.origin.key or not same_count(a, b):
            continue
        claim_pair = frozenset([(a.origin.key, a.quantity.get("value")),
                                (b.origin.key, b.quantity.get("value"))])
        if claim_pair in seen:
            continue  # the same two figures from the same two origins, told again
        seen.add(claim_pair)
        (lo_a, hi_a), (lo_b, hi_b) = a.interval(), b.interval()
        if lo_a is None or lo_b is None or (lo_a <= hi_b and lo_b <= hi_a):
            continue
        category = a.quantity["category"]
        topic = " ".join(filter(None, [category, _unit(a) or _unit(b), a.place or b.place,
                                       a.period or b.period]))
        sides = [figure_side(a), figure_side(b)]
        explanation = (f"different figures for {topic}: \"{_short(a.quantity['text'])}\" "
                       f"({a.origin.label}) vs \"{_short(b.quantity['text'])}\" ({b.origin.label})")
        out.append(make_conflict("figure", story_id, topic, explanation, sides,
                                 [f"{a.article_id}:{a.quantity['id']}",
                                  f"{b.article_id}:{b.quantity['id']}"]))
    return out


# ------------------------------------------------------------------ events


def event_side(merged: MergedEvent) -> dict:
    rep = merged.representative()
    return {"text": (rep.event.get("trigger") or {}).get("text"),
            "modality": rep.event.get("modality"),
            "source": ", ".join(o.label for o in merged.origins()),
            "article": rep.article_id, "outlet": rep.outlet, "event": merged.id,
            "articles": merged.article_ids()}


def _disjoint_origins(a: MergedEvent, b: MergedEvent) -> bool:
    return not ({o.key for o in a.origins()} & {o.key for o in b.origins()})


def _actors_label(merged: MergedEvent) -> str:
    rep = merged.representative()
    names = [(rep.event.get(role) or {}).get("text") for role in ("source", "target")]
    return " / ".join(n for n in names if n) or rep.family


def _actors(merged: MergedEvent) -> list:
    return [merged.known("source"), merged.known("target")]


def _fit(a: MergedEvent, b: MergedEvent) -> str:
    mode = (b.first.event.get("plover") or {}).get("mode")
    return actors_fit(b.known("source"), b.known("target"), a.known("source"), a.known("target"),
                      is_symmetric(b.first.family, mode))


def denial_conflicts(merged: list[MergedEvent], story_id: str) -> list[dict]:
    out = []
    for a, b in combinations(merged, 2):
        if {a.first.mclass, b.first.mclass} not in ({"happened", "denied"}, {"planned", "denied"}):
            continue
        if not _disjoint_origins(a, b) or not same_event(b.first, a, same_modality=False):
            continue
        if _fit(a, b) != "full" or None in _actors(a) + _actors(b):
            continue  # a denial must name both the same actors: "A did not meet B"
        yes, no = (a, b) if b.first.mclass == "denied" else (b, a)
        topic = _actors_label(yes)
        sides = [event_side(yes), event_side(no)]
        explanation = (f"{sides[0]['source']} report {topic} ({yes.first.mclass}); "
                       f"{sides[1]['source']} deny it")
        out.append(make_conflict("denial", story_id, topic, explanation, sides, [a.id, b.id]))
    return out


def _dated_from_text(merged: MergedEvent):
    for mention in merged.mentions:
        if mention.dates is not None and (mention.event.get("date") or {}).get("timex"):
            return mention.dates
    return None


def date_conflicts(merged: list[MergedEvent], story_id: str) -> list[dict]:
    out = []
    for a, b in combinations(merged, 2):
        if a.first.family != b.first.family or "happened" != a.first.mclass or \
                a.first.mclass != b.first.mclass or not _disjoint_origins(a, b):
            continue
        if actor_match(a.known("source"), b.known("source")) != "same" or \
                actor_match(a.known("target"), b.known("target")) != "same":
            continue
        da, db_ = _dated_from_text(a), _dated_from_text(b)
        if da is None or db_ is None:
            continue
        gap = max(da[0], db_[0]) - min(da[1], db_[1])
        if not timedelta(days=1) < gap <= timedelta(days=DATE_WINDOW_DAYS):
            continue
        topic = _actors_label(a)
        sides = [event_side(a), event_side(b)]
        for side, dates in ((sides[0], da), (sides[1], db_)):
            side["date"] = dates[0].isoformat()
        explanation = (f"{topic}: {sides[0]['source']} date it {sides[0]['date']}, "
                       f"{sides[1]['source']} {sides[1]['date']}")
        out.append(make_conflict("date", story_id, topic, explanation, sides, [a.id, b.id]))
    return out
