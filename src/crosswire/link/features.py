"""What an article says about which story it belongs to: weighted terms in
four channels, and its event time.

* ``words``: content words of the title and text (lower-cased, lightly
  stemmed); titles and names (capitalised words inside a sentence) count
  double: they state the story and tell stories apart;
* ``who``: the names of its entities (``ent:``) and of the actors of its
  events (``act:``);
* ``where``: the countries it is about (``cty:``, from places and coded
  actors) and its named places below country level (``pl:``);
* ``what``: the kinds (PLOVER types) of its events (``kind:``).

Event time (``day``): the publication date, else the article's own date
from its text (a full date in the dateline or lead, else the first anchored
date), else the dates of the events it reports; ``years`` are the years the
text allows when no day is known ("in 2013").

Everything is computed from the stored record, so linking needs no NLP model.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .. import lexicons

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
TITLE_WEIGHT = 2
NAME_WEIGHT = 2  # a capitalised word inside a sentence is a name: it tells stories apart
SENTENCE_START = re.compile(r"(^|[.!?:\"“]\s+)$")
COUNTRY_PREFIX = "cty:"
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
LOCAL_FEATURES = {"city", "admin1", "region", "other", "water"}  # places below country level
# Channel of a term, by prefix; a term without a prefix is a word.
CHANNELS = ("words", "who", "where", "what")
PREFIX_CHANNEL = {"ent": "who", "act": "who", "cty": "where", "pl": "where", "kind": "what"}
FULL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
YEAR_VALUE = re.compile(r"^(\d{4})(?:$|-)")


def channel(term: str) -> str:
    head, sep, _ = term.partition(":")
    return PREFIX_CHANNEL.get(head, "words") if sep else "words"


@dataclass
class ArticleFeatures:
    article_id: str
    day: date | None  # event time: publication day, else the text's own date (module doc)
    terms: Counter  # term -> raw count (title words counted TITLE_WEIGHT times)
    title: str | None  # the article's title, else its lead sentence (shortened)
    years: frozenset = frozenset()  # years the text allows, when ``day`` is None
    day_source: str | None = None  # "published" | "text" | "event" | None
    main_country: str | None = None  # the country the article is mostly about (main_country)


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicons.load("link_stopwords.yaml")["words"])


def stem(word: str) -> str:
    """A crude suffix strip, enough to make "attacks"/"attacked" one term."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str | None):
    """(stemmed word, is a name) for the words of ``text`` that are not stop words."""
    text = text or ""
    for match in WORD.finditer(text):
        word = match.group().lower().strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in _stops():
            continue
        is_name = match.group()[0].isupper() and not SENTENCE_START.search(
            text[max(0, match.start() - 3):match.start()])
        yield stem(word), is_name


def content_words(text: str | None) -> list[str]:
    """Lower-cased, stemmed words of ``text`` that are not stop words."""
    return [word for word, _ in _words(text)]


def text_terms(text: str | None) -> Counter:
    """Content words counted once, names ``NAME_WEIGHT`` times."""
    terms: Counter = Counter()
    for word, is_name in _words(text):
        terms[word] += NAME_WEIGHT if is_name else 1
    return terms


def parse_day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def entity_terms(record: dict) -> list[str]:
    terms = []
    for ent in record.get("entities", []):
        if ent.get("label") in ENTITY_LABELS:
            name = ((ent.get("actor") or {}).get("name") or ent.get("text") or "").lower()
            if name:
                terms.append("ent:" + " ".join(name.split()))
    return terms


def country_terms(record: dict) -> list[str]:
    countries = [p.get("country") for p in record.get("places", [])]
    countries += [(e.get("actor") or {}).get("country") for e in record.get("entities", [])]
    return [COUNTRY_PREFIX + c for c in countries if c]


def place_terms(record: dict) -> list[str]:
    return ["pl:" + " ".join((p.get("name") or p.get("text") or "").lower().split())
            for p in record.get("places", [])
            if p.get("feature") in LOCAL_FEATURES and (p.get("name") or p.get("text"))]


def event_terms(record: dict) -> list[str]:
    """The kinds of its asserted events and the actors taking part in them."""
    terms = []
    for event in record.get("events", []):
        if event.get("modality") not in (None, "asserted"):
            continue
        kind = (event.get("plover") or {}).get("type") or event.get("cameo_root")
        if kind:
            terms.append("kind:" + str(kind).lower())
        for role in ("source", "target"):
            actor = ((event.get(role) or {}).get("actor") or {})
            name = actor.get("name") or actor.get("code")
            if name:
                terms.append("act:" + " ".join(str(name).lower().split()))
    return terms


def _day_of(value) -> date | None:
    match = FULL_DAY.match(str(value or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def event_time(record: dict) -> tuple[date | None, frozenset, str | None]:
    """(day, years, source) of the article's own time; see the module doc."""
    published = parse_day(record.get("published"))
    if published is not None:
        return published, frozenset({published.year}), "published"
    timexes = sorted(record.get("timexes", []), key=lambda t: t.get("start", 0))
    for timex in timexes:  # first anchored full date: the dateline's, or the lead's
        day = _day_of(timex.get("value"))
        if day is not None:
            return day, frozenset({day.year}), "text"
    for event in record.get("events", []):
        when = event.get("date") or {}
        day = _day_of(when.get("start") or when.get("value"))
        if day is not None:
            return day, frozenset({day.year}), "event"
    years = set()
    for timex in timexes:
        match = YEAR_VALUE.match(str(timex.get("value") or ""))
        if match:
            years.add(int(match[1]))
    return None, frozenset(years), ("text" if years else None)


def main_country(record: dict) -> str | None:
    """The country named most often among the article's places (the dateline's
    counts twice), when one clearly leads; None for a tie or no place."""
    counts: Counter = Counter()
    first_seen: dict[str, int] = {}
    dateline = record.get("dateline") or {}
    for place in record.get("places", []):
        country = place.get("country")
        if not country:
            continue
        in_dateline = dateline and place.get("start", -1) < dateline.get("end", 0)
        counts[country] += 2 if in_dateline else 1
        first_seen.setdefault(country, place.get("start", 0))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def article_features(record: dict) -> ArticleFeatures:
    terms = text_terms(record.get("text"))
    for word in content_words(record.get("title")):
        terms[word] += TITLE_WEIGHT
    terms.update(entity_terms(record))
    terms.update(country_terms(record))
    terms.update(place_terms(record))
    terms.update(event_terms(record))
    day, years, source = event_time(record)
    return ArticleFeatures(str(record["id"]), day, terms,
                           record.get("title") or lead_sentence(record), years, source,
                           main_country(record))


LEAD_LENGTH = 100


def lead_sentence(record: dict) -> str | None:
    """The first sentence (after any dateline), shortened: a title for untitled input."""
    text = record.get("text") or ""
    sentences = record.get("sentences") or [[0, len(text)]]
    start, end = sentences[0]
    dateline = record.get("dateline") or {}
    if dateline and start <= dateline.get("end", 0) <= end:
        start = dateline["end"]
    lead = " ".join(text[start:end].split())
    if len(lead) > LEAD_LENGTH:
        lead = lead[:LEAD_LENGTH].rsplit(" ", 1)[0] + " …"
    return lead or None


def log_tf(counts: Counter | dict) -> dict[str, float]:
    """Damped term frequency: the tenth mention of a word adds little."""
    return {t: 1.0 + math.log(c) for t, c in counts.items() if c > 0}


def idf(term: str, df: dict[str, int], n_docs: int) -> float:
    return math.log((n_docs + 1) / (df.get(term, 0) + 1)) + 1.0


def weighted(tf: dict[str, float], df: dict[str, int], n_docs: int) -> dict[str, float]:
    return {t: w * idf(t, df, n_docs) for t, w in tf.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum(w * large.get(t, 0.0) for t, w in small.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0
