"""Figure conflicts: two figures for one count that cannot both hold.
See ``compare/conflicts.py`` for the rules common to all conflicts.

Two figures of one category whose ranges cannot both hold are set side by side
and one decision is taken, always with its reason (``decide``):

* ``part_of_whole``   -- one article giving a total and a part of it: "31 people,
  including 23 security personnel", a breakdown list ("18 soldiers, three staff and
  five passengers were among those killed"), a specific group within people in
  general, or two differently qualified groups ("23 security personnel" and "18
  off-duty Frontier Corps personnel");
* ``different_place`` / ``different_period`` -- both say where or when, differently;
* ``update``          -- a later report of the same count: higher, or saying it
  revises ("rises to", "at least"); updates are chained into a figure history
  ("16 → 30 killed terrorists, 12 March");
* ``later_lower``     -- a later day's report lower, not saying it revises: taken to
  count something else (as before: figures of different days never conflict);
* ``conflict``        -- otherwise: reported at the same time by different origins,
  or later the same day and lower without saying it revises.

Conflicts are stored with kind ``figure``; updates as ``figure_update`` (with a
``history``) and the other decisions as ``figure_set_aside`` -- rows of the
conflicts table that are not conflicts (``conflict: false``; see
``conflicts.NOT_CONFLICT_KINDS``), so that every decision can be read back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from .. import lexicons
from ..link.features import content_words, parse_day
from ..link.origins import ArticleInfo, Origin, claim_origin, publisher_origin
from .conflicts import make_conflict, short
from .polarity import generic_units

FIGURE_RATIO = 3.0
CUE_WINDOW = 40  # characters after a figure (or its list) searched for "were among those"

# ------------------------------------------------------------------ figures


class FigureWords(NamedTuple):
    part_between: tuple[str, ...]
    part_after: tuple[str, ...]
    part_inside: tuple[str, ...]
    list_joiners: frozenset[str]
    update_cues: tuple[str, ...]
    neutral: frozenset[str]
    numbers: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> FigureWords:
    data = lexicons.load("compare_figures.yaml")
    numbers = lexicons.load("figures_words.yaml").get("number_words") or {}
    stem = lambda words: frozenset(w for x in words for w in content_words(x))  # noqa: E731
    return FigureWords(tuple(data["part_cues_between"]), tuple(data["part_cues_after"]),
                       tuple(data["part_words_in_figure"]),
                       frozenset(" ".join(j.split()) for j in data["list_joiners"]),
                       tuple(data["update_cues"]), stem(data["neutral_qualifiers"]),
                       stem(numbers))


def _has_cue(text: str, cues) -> str | None:
    lowered = " ".join(text.lower().split())
    for cue in cues:
        if re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", lowered):
            return cue
    return None


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
    published: str | None = None  # the article's publication time, as stored
    sentence: tuple[int, int] | None = None  # the figure's sentence in the article
    text: str = ""  # the article text (for the words around the figure)

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.quantity['id']}"

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

    def sentence_text(self) -> str:
        return self.text[self.sentence[0]:self.sentence[1]] if self.sentence else \
            self.quantity.get("text", "")

    def qualifiers(self) -> frozenset[str]:
        """Words narrowing the group counted ("off-duty", "paramilitary"), not the
        number, the thing counted or words like "total"."""
        words = set(content_words(self.quantity.get("text"))) - _words().neutral - _words().numbers
        unit = content_words(self.quantity.get("unit"))
        return frozenset(w for w in words - set(unit) if not any(ch.isdigit() for ch in w))


def figure_item(quantity: dict, record: dict, infos: dict[str, ArticleInfo]) -> FigureItem:
    claim = next((c for c in record.get("claims", []) if c["id"] == quantity.get("claim")), None)
    origin = (claim_origin(claim, record, infos) if claim
              else publisher_origin(str(record["id"]), infos))
    places = {p["id"]: p.get("country") for p in record.get("places", [])}
    timexes = {t["id"]: t.get("value") for t in record.get("timexes", [])}
    sentence = next((tuple(s) for s in record.get("sentences") or []
                     if s[0] <= quantity["start"] < s[1]), None)
    period = timexes.get(quantity.get("period")) or sentence_date(record, sentence)
    return FigureItem(str(record["id"]), record.get("outlet"), quantity, origin, claim is not None,
                      parse_day(record.get("published")), places.get(quantity.get("place")),
                      period, record.get("published"), sentence, record.get("text") or "")


CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def sentence_date(record: dict, sentence: tuple[int, int] | None) -> str | None:
    """The one calendar date ("2025-02", "2025-03-11") written in a figure's sentence,
    taken as its period when the figure has none: "Last month, rebels ambushed a bus
    and killed 18" counts February's dead, not this week's."""
    if sentence is None:
        return None
    values = {t.get("value") for t in record.get("timexes", [])
              if t.get("type") == "DATE" and sentence[0] <= t["start"] < sentence[1]
              and CALENDAR_VALUE.match(t.get("value") or "")}
    return values.pop() if len(values) == 1 else None


def periods_differ(x: str | None, y: str | None) -> bool:
    """Both stated and incompatible: "2025-02" and "2025-03-11" differ; "2025-03"
    and "2025-03-11" do not (one lies within the other), nor do a date and a
    duration; two different durations ("P1D", "P15M") do."""
    if not (x and y):
        return False
    calendar = [bool(CALENDAR_VALUE.match(v)) for v in (x, y)]
    if calendar[0] != calendar[1]:
        return False  # a date and a duration ("P1D", "the last 15 months"): cannot tell
    return not (x.startswith(y) or y.startswith(x))


def _unit(item: FigureItem) -> str | None:
    """The thing counted, or None for people in general."""
    words = content_words(item.quantity.get("unit"))
    return words[-1] if words and words[-1] not in generic_units() else None


# ------------------------------------------------------------------ part of a whole


def _gap(a: FigureItem, b: FigureItem) -> str | None:
    """The text between two figures of one sentence, in text order; else None."""
    if a.article_id != b.article_id or a.sentence is None or a.sentence != b.sentence:
        return None
    first, second = sorted((a, b), key=lambda x: x.quantity["start"])
    return a.text[first.quantity["end"]:second.quantity["start"]]


def _is_list_gap(gap: str | None) -> bool:
    return gap is not None and " ".join(gap.split()).lower() in _words().list_joiners


def list_members(item: FigureItem, siblings: list[FigureItem]) -> list[FigureItem]:
    """``item`` and the figures of the same category listed with it ("18 soldiers,
    three drivers and five guards"), in text order."""
    members = [item]
    grew = True
    while grew:
        more = [s for s in siblings if s not in members
                and s.quantity.get("category") == item.quantity.get("category")
                and any(_is_list_gap(_gap(m, s)) for m in members)]
        members += more
        grew = bool(more)
    return sorted(members, key=lambda m: m.quantity["start"])


def part_of_whole(small: FigureItem, big: FigureItem, siblings: list[FigureItem]) -> str | None:
    """Why ``small`` counts part of what ``big`` counts (one article), or None."""
    if small.article_id != big.article_id:
        return None
    gap = _gap(small, big)
    if gap is not None and big.quantity["start"] < small.quantity["start"]:
        cue = _has_cue(gap, _words().part_between)
        if cue and len(gap.split()) <= 6:
            return f"\"{cue}\" makes {small.quantity['value']} part of {big.quantity['value']}"
    members = list_members(small, siblings)
    if len(members) >= 2:
        last = max(members, key=lambda m: m.quantity["end"])
        after = small.text[last.quantity["end"]:last.quantity["end"] + CUE_WINDOW * 2]
        values = [m.quantity.get("value") or 0 for m in members]
        if _has_cue(after, _words().part_after) or sum(values) <= big.interval()[0]:
            return (f"{small.quantity['value']} is one item of a breakdown ("
                    + " + ".join(str(v) for v in values) + ")")
    after = small.text[small.quantity["end"]:small.quantity["end"] + CUE_WINDOW]
    cue = _has_cue(after, _words().part_after)
    if cue:
        return f"\"{cue}\" after {small.quantity['value']} makes it part of a larger count"
    before = small.text[max(0, small.quantity["start"] - 12):small.quantity["start"]].split()[-1:]
    cue = _has_cue(" ".join(before + [small.quantity.get("text", "")]), _words().part_inside)
    if cue:
        return f"\"{short(small.quantity['text'], 50)}\" counts a remainder (\"{cue}\")"
    if _unit(big) is None and _unit(small) is not None:
        return (f"{small.quantity['value']} {_unit(small)} are a group within the "
                f"{big.quantity['value']} people counted")
    qa, qb = small.qualifiers(), big.qualifiers()
    if (qa or qb) and qa != qb:
        return ("the article counts two different groups ("
                + "; ".join(f"\"{short(x.quantity['text'], 50)}\"" for x in (small, big)) + ")")
    return None


# ------------------------------------------------------------------ decisions


class Decision(NamedTuple):
    verdict: str  # conflict | update | part_of_whole | different_place | different_period
    #               | later_lower
    reason: str


def comparable(a: FigureItem, b: FigureItem) -> bool:
    """Same category of count, both with a value, ranges that cannot both hold."""
    qa, qb = a.quantity, b.quantity
    if qa.get("category") != qb.get("category") or qa.get("category") in (None, "other"):
        return False
    if not qa.get("value") or not qb.get("value"):
        return False
    (lo_a, hi_a), (lo_b, hi_b) = a.interval(), b.interval()
    return lo_a is not None and lo_b is not None and not (lo_a <= hi_b and lo_b <= hi_a)


def decide(a: FigureItem, b: FigureItem, siblings: list[FigureItem]) -> Decision | None:
    """What two differing figures are to each other; None when they plainly count
    different things or come from one origin at one time (no reason to keep)."""
    if not comparable(a, b):
        return None
    small, big = sorted((a, b), key=lambda x: x.quantity["value"])
    same_article = a.article_id == b.article_id
    if _unit(a) != _unit(b) and not (same_article and _unit(big) is None):
        return None  # "12 soldiers" and "30 teachers" (or "30 people" in another report)
    if same_article and not (a.claimed and b.claimed):
        return None  # one writer's own figures are different counts
    if a.origin.key == b.origin.key and a.published == b.published:
        return None  # one origin's figures at one time: different counts
    if big.quantity["value"] / small.quantity["value"] > FIGURE_RATIO:
        return None  # that far apart, they count different things
    if same_article:
        why = part_of_whole(small, big, siblings)
        if why:
            return Decision("part_of_whole", why)
        if _unit(a) != _unit(b):
            return None
    if a.place and b.place and a.place != b.place:
        return Decision("different_place", f"different places: {a.place} and {b.place}")
    if periods_differ(a.period, b.period):
        return Decision("different_period", f"different periods: {a.period} and {b.period}")
    return _in_time(a, b)


def _in_time(a: FigureItem, b: FigureItem) -> Decision:
    if not (a.published and b.published) or a.published == b.published:
        return Decision("conflict", "same count, same place and period, reported at the same "
                                    "time by different origins, and the figures cannot both hold")
    earlier, later = sorted((a, b), key=lambda x: x.published)
    cue = _has_cue(later.sentence_text(), _words().update_cues)
    if later.interval()[0] > earlier.interval()[1] or cue:
        return Decision("update", f"a later report says \"{cue}\"" if cue
                        else "a later report gives a higher figure")
    if later.day != earlier.day:
        return Decision("later_lower", "a later day's report gives a lower figure without "
                                       "saying it revises: taken to count something else")
    if a.origin.key == b.origin.key:
        return Decision("update", "the same origin gives a lower figure later the same day")
    return Decision("conflict", "the same day, a later report from another origin gives a "
                                "lower figure without saying it revises the earlier one")


# ------------------------------------------------------------------ output


def figure_side(item: FigureItem) -> dict:
    return {"text": item.quantity["text"], "value": item.quantity.get("value"),
            "approx": item.quantity.get("approx"), "source": item.origin.label,
            "source_kind": item.origin.kind, "article": item.article_id, "outlet": item.outlet,
            "quantity": item.quantity["id"], "published": item.published}


def _topic(a: FigureItem, b: FigureItem) -> str:
    unit = next((x.quantity.get("unit") for x in (a, b) if _unit(x)), None)  # as written
    return " ".join(filter(None, [a.quantity["category"], unit, a.place or b.place,
                                  a.period or b.period]))


def figure_conflicts(items: list[FigureItem], story_id: str) -> list[dict]:
    """Conflicts (kind ``figure``), figure histories (``figure_update``) and the
    pairs set aside with their reason (``figure_set_aside``)."""
    out, seen, updates = [], set(), []
    by_article: dict[str, list[FigureItem]] = {}
    for item in items:
        by_article.setdefault(item.article_id, []).append(item)
    for a, b in combinations(items, 2):
        decision = decide(a, b, by_article[a.article_id])
        if decision is None:
            continue
        if decision.verdict == "update":
            updates.append((a, b, decision))
            continue
        topic = _topic(a, b)
        sides = [figure_side(a), figure_side(b)]
        keys = [a.key, b.key]
        if decision.verdict != "conflict":
            record = make_conflict("figure_set_aside", story_id, topic,
                                   f"not a conflict ({decision.verdict.replace('_', ' ')}): "
                                   f"{decision.reason}", sides, keys)
            out.append({**record, "conflict": False, "decision": decision.verdict,
                        "reason": decision.reason})
            continue
        claim_pair = frozenset([(a.origin.key, a.quantity.get("value")),
                                (b.origin.key, b.quantity.get("value"))])
        if claim_pair in seen:
            continue  # the same two figures from the same two origins, told again
        seen.add(claim_pair)
        explanation = (f"different figures for {topic}: \"{short(a.quantity['text'])}\" "
                       f"({a.origin.label}) vs \"{short(b.quantity['text'])}\" ({b.origin.label})")
        record = make_conflict("figure", story_id, topic, explanation, sides, keys)
        out.append({**record, "conflict": True, "decision": "conflict", "reason": decision.reason})
    return out + figure_histories(updates, story_id)


def figure_histories(updates: list[tuple[FigureItem, FigureItem, Decision]],
                     story_id: str) -> list[dict]:
    """Chains of updates (joined through shared figures), one record each, e.g.
    "16 → 30 killed terrorists, 12 March 2025"."""
    parent: dict[str, str] = {}
    items: dict[str, FigureItem] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key
    for a, b, _ in updates:
        for x in (a, b):
            items.setdefault(x.key, x)
            parent.setdefault(x.key, x.key)
        parent[root(a.key)] = root(b.key)
    chains: dict[str, list[FigureItem]] = {}
    for key in items:
        chains.setdefault(root(key), []).append(items[key])
    out = []
    for chain in chains.values():
        chain.sort(key=lambda x: (x.published or "", x.quantity["value"]))
        keys = {c.key for c in chain}
        reasons = list(dict.fromkeys(d.reason for a, b, d in updates if a.key in keys))
        steps = [x for i, x in enumerate(chain)
                 if i == 0 or x.quantity["value"] != chain[i - 1].quantity["value"]]
        topic = _topic(chain[0], chain[-1])
        summary = (" → ".join(_figure_words(x) for x in steps) + f" {topic}, "
                   + day_range(chain[0].day, chain[-1].day))
        record = make_conflict("figure_update", story_id, topic, summary,
                               [figure_side(x) for x in chain], [x.key for x in chain])
        reason = ("later reports of the same count (category, thing counted, place, period): "
                  + "; ".join(reasons))
        out.append({**record, "conflict": False, "decision": "update", "reason": reason,
                    "history": [{"value": x.quantity["value"], "approx": x.quantity.get("approx"),
                                 "text": x.quantity["text"], "published": x.published,
                                 "source": x.origin.label, "article": x.article_id}
                                for x in chain]})
    return out


def _figure_words(item: FigureItem) -> str:
    prefix = {"at_least": "at least ", "more_than": "more than ", "about": "about "}
    value = item.quantity["value"]
    number = str(int(value)) if float(value).is_integer() else str(value)
    return prefix.get(item.quantity.get("approx") or "", "") + number


def day_range(first: date | None, last: date | None) -> str:
    """"12 March 2025", "12–14 March 2025", "28 February – 3 March 2025"."""
    if first is None or last is None:
        return "date not given"
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
