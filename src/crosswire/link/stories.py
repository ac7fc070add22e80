"""Online story clustering: each new article joins the most similar live story
or starts a new one (``link.repair`` may later split or merge stories).

A story keeps a centroid (summed damped term frequencies of its articles,
trimmed to the strongest terms), the span of its articles' event time and a
few member titles. Similarity of an article with a story is, per channel
(words, who, where, what; ``link.features``), the TF-IDF cosine with the
centroid, combined with the channel weights of :class:`ClusterConfig`, then
damped when the article is days away from the story.

Time is a gate before it is a weight: an article whose event time is more
than ``max_gap_days`` from a story's span, or whose years (when the text
gives only a year) are not the story's, never joins it. An article with no
time at all is placed at the clock (the latest day seen before it), so it
joins only stories that are still open, never a closed one.

Cost stays flat as the corpus grows:

* candidates come from an inverted index (a story's strongest terms ->
  story), limited to open stories, and only the ``max_candidates`` sharing
  most with the article are scored;
* a story's channel norms are computed when the story changes, with the
  document frequencies of that moment, not again for every article;
* document frequencies are counters updated per article and written once per
  batch by the caller.

Everything is deterministic given the ingest order: ties go to the older story.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .features import CHANNELS, ArticleFeatures, channel, content_words, log_tf

# Channels whose terms feed the candidate index (countries and event kinds are
# shared by far too many stories to find candidates with).
INDEXED_PREFIXES = ("cty:", "kind:")
TRIM_SLACK = 1.5  # a centroid grows to this many times ``centroid_terms`` before it is trimmed


def default_weights() -> dict[str, float]:
    # Chosen on the development gold (gold/stories/dev.jsonl, pairs_dev.jsonl) with
    # ``python -m crosswire.eval.stories --tune``; see docs/quality/stories.md.
    return {"words": 1.0, "who": 0.1, "where": 0.1, "what": 0.1}


@dataclass(frozen=True)
class ClusterConfig:
    threshold: float = 0.21  # minimum combined damped score to join a story (tuned on dev)
    max_gap_days: int = 30  # a story not updated for this long is closed
    grace_days: int = 3  # no damping within this many days of the story's dates
    decay_days: float = 14.0  # similarity e-folds per this many days beyond grace
    centroid_terms: int = 400  # strongest centroid terms kept in the stored state
    member_titles: int = 12  # titles kept for choosing the story's title
    weights: dict = field(default_factory=default_weights, hash=False)
    index_terms: int = 40  # strongest terms of a story (and of an article) in the index
    max_candidates: int = 12  # stories scored per article, those sharing most index terms
    # Score factor when the article's main country is none of its story's members' main
    # countries (a publisher in Hong Kong, a journalist in Guatemala). Tuned on dev.
    place_penalty: float = 0.75


@dataclass
class StoryState:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first: str | None = None  # earliest event day of a member ("YYYY-MM-DD")
    last: str | None = None  # latest event day of a member
    titles: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # years of its members' event time
    open_until: str | None = None  # latest reference day (an undated member counts at the clock)
    norms: dict[str, float] = field(default_factory=dict)  # per channel, at the last change
    mains: dict[str, int] = field(default_factory=dict)  # members' main countries, counted

    def to_json(self) -> dict:
        return {"centroid": self.centroid, "size": self.size, "first": self.first,
                "last": self.last, "titles": self.titles, "years": self.years,
                "open_until": self.open_until, "norms": self.norms, "mains": self.mains}

    @classmethod
    def from_json(cls, story_id: str, data: dict) -> "StoryState":
        return cls(story_id, dict(data.get("centroid", {})), int(data.get("size", 0)),
                   data.get("first"), data.get("last"), list(data.get("titles", [])),
                   list(data.get("years", [])), data.get("open_until") or data.get("last"),
                   dict(data.get("norms", {})), dict(data.get("mains", {})))

    @property
    def reference_last(self) -> str | None:
        return max(filter(None, (self.last, self.open_until)), default=None)


@dataclass
class GlobalState:
    """Corpus-wide counters: document frequencies for IDF, the next story number,
    and the clock (latest event day seen)."""

    n_docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    next_story: int = 1
    clock: str | None = None

    def to_json(self) -> dict:
        return {"n_docs": self.n_docs, "df": self.df, "next_story": self.next_story,
                "clock": self.clock}

    @classmethod
    def from_json(cls, data: dict | None) -> "GlobalState":
        data = data or {}
        return cls(int(data.get("n_docs", 0)), dict(data.get("df", {})),
                   int(data.get("next_story", 1)), data.get("clock"))

    def add_document(self, terms) -> None:
        self.n_docs += 1
        for term in terms:
            self.df[term] = self.df.get(term, 0) + 1

    def new_story_id(self) -> str:
        story_id = f"s{self.next_story}"
        self.next_story += 1
        return story_id

    def idf(self, term: str) -> float:
        # Same value as features.idf, inlined: this runs for every term scored.
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0


def story_number(story_id: str) -> int:
    digits = story_id.lstrip("s")
    return int(digits) if digits.isdigit() else 0


# ------------------------------------------------------------------ time


def reference_day(article: ArticleFeatures, glob: GlobalState) -> date | None:
    """The article's event day, else the clock (an undated article is news of now)."""
    if article.day is not None:
        return article.day
    return date.fromisoformat(glob.clock) if glob.clock else None


def day_gap(day: date | None, story: StoryState) -> int:
    """Days between ``day`` and the story's date range (0 inside it or when unknown)."""
    first, last = story.first, story.last
    if first is None or last is None:
        first = last = story.open_until
    if day is None or first is None or last is None:
        return 0
    first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
    if day < first_day:
        return (first_day - day).days
    if day > last_day:
        return (day - last_day).days
    return 0


def time_gap(article: ArticleFeatures, story: StoryState, glob: GlobalState,
             config: ClusterConfig) -> int | None:
    """Days between the article's event time and the story's; None when they
    clearly differ (other years, or further apart than ``max_gap_days``)."""
    years = {article.day.year} if article.day else set(article.years)
    if years and story.years and not years & set(story.years):
        return None
    gap = day_gap(reference_day(article, glob), story)
    return None if gap > config.max_gap_days else gap


def time_factor(gap: int, config: ClusterConfig) -> float:
    if gap <= config.grace_days:
        return 1.0
    return math.exp(-(gap - config.grace_days) / config.decay_days)


# ------------------------------------------------------------------ vectors and scores


@dataclass
class ArticleVector:
    weights: dict[str, float]  # TF-IDF weight of each term
    norms: dict[str, float]  # per channel


def article_vector(article: ArticleFeatures, glob: GlobalState) -> ArticleVector:
    weights = {t: w * glob.idf(t) for t, w in log_tf(article.terms).items()}
    return ArticleVector(weights, channel_norms(weights))


def channel_norms(weights: dict[str, float]) -> dict[str, float]:
    sums: dict[str, float] = defaultdict(float)
    for term, weight in weights.items():
        sums[channel(term)] += weight * weight
    return {c: math.sqrt(v) for c, v in sums.items() if v > 0}


def story_norms(story: StoryState, glob: GlobalState) -> dict[str, float]:
    return stable(channel_norms({t: w * glob.idf(t) for t, w in story.centroid.items()}))


def stable(norms: dict[str, float]) -> dict[str, float]:
    """Rounded: a sum's last digits depend on term order, which a reload changes."""
    return {c: round(v, 9) for c, v in norms.items()}


@dataclass
class Score:
    total: float
    channels: dict[str, float]  # cosine per channel present on both sides
    gap: int  # days between the article and the story
    other_place: bool = False  # the article's main country is not the story's


def place_differs(article: ArticleFeatures, story: StoryState) -> bool:
    return bool(article.main_country and story.mains and article.main_country not in story.mains)


def combine(channels: dict[str, float], config: ClusterConfig) -> float:
    """Weighted mean of the channel cosines present on both sides."""
    weights = {c: config.weights.get(c, 0.0) for c in channels}
    total = sum(weights.values())
    return sum(weights[c] * channels[c] for c in channels) / total if total else 0.0


def score_story(article: ArticleFeatures, vector: ArticleVector, story: StoryState,
                glob: GlobalState, config: ClusterConfig) -> Score | None:
    """The article's score against one story; None when time rules it out."""
    gap = time_gap(article, story, glob, config)
    if gap is None:
        return None
    if not story.norms:
        story.norms = story_norms(story, glob)
    dots: dict[str, float] = defaultdict(float)
    centroid = story.centroid
    for term, weight in vector.weights.items():
        other = centroid.get(term)
        if other:
            dots[channel(term)] += weight * other * glob.idf(term)
    channels = {c: dots.get(c, 0.0) / (vector.norms[c] * story.norms[c])
                for c in CHANNELS if vector.norms.get(c) and story.norms.get(c)}
    other_place = place_differs(article, story)
    total = combine(channels, config) * time_factor(gap, config)
    return Score(total * (config.place_penalty if other_place else 1.0), channels, gap,
                 other_place)


def similarity(article: ArticleFeatures, story: StoryState, glob: GlobalState,
               config: ClusterConfig) -> float:
    found = score_story(article, article_vector(article, glob), story, glob, config)
    return found.total if found else 0.0


# ------------------------------------------------------------------ stories


def add_to_story(story: StoryState, article: ArticleFeatures, glob: GlobalState,
                 config: ClusterConfig) -> None:
    centroid = story.centroid
    for term, weight in log_tf(article.terms).items():
        centroid[term] = round(centroid.get(term, 0.0) + weight, 6)  # stored as it is kept
    if len(centroid) > config.centroid_terms * TRIM_SLACK:  # trimmed now and then, not per article
        story.centroid = trim(centroid, config.centroid_terms)
    story.size += 1
    if article.day is not None:
        iso = article.day.isoformat()
        story.first = min(story.first or iso, iso)
        story.last = max(story.last or iso, iso)
    years = {article.day.year} if article.day else set(article.years)
    story.years = sorted(set(story.years) | years)
    ref = reference_day(article, glob)
    if ref is not None:
        story.open_until = max(story.open_until or ref.isoformat(), ref.isoformat())
    if article.title and len(story.titles) < config.member_titles:
        story.titles.append(article.title)
    if article.main_country:
        story.mains[article.main_country] = story.mains.get(article.main_country, 0) + 1
    story.norms = {}  # recomputed by whoever keeps the story (Clusterer.put, repair.rebuilt)


def trim(centroid: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` strongest terms, rounded so the stored state is stable text."""
    ranked = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    return {t: round(w, 6) for t, w in ranked}


def index_terms(weights: dict[str, float], keep: int) -> list[str]:
    ranked = heapq.nsmallest(keep, ((-w, t) for t, w in weights.items()
                                    if not t.startswith(INDEXED_PREFIXES)))
    return [t for _, t in ranked]


@dataclass
class Decision:
    story: StoryState
    created: bool
    score: Score | None  # of the story joined (None for a new story)


class Clusterer:
    """The open stories in memory with their candidate index."""

    def __init__(self, glob: GlobalState, stories=(), config: ClusterConfig = ClusterConfig()):
        self.glob, self.config = glob, config
        self.stories: dict[str, StoryState] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._indexed: dict[str, list[str]] = {}
        for story in stories:
            self.put(story)

    def put(self, story: StoryState) -> None:
        """Add or refresh a story in memory and in the index; a story just
        changed (no norms) gets its norms with today's document frequencies."""
        for term in self._indexed.pop(story.id, []):
            self._postings[term].discard(story.id)
        self.stories[story.id] = story
        idf = self.glob.idf
        weighted = {t: w * idf(t) for t, w in story.centroid.items()}
        if not story.norms:
            story.norms = stable(channel_norms(weighted))
        terms = index_terms(weighted, self.config.index_terms)
        self._indexed[story.id] = terms
        for term in terms:
            self._postings[term].add(story.id)

    def drop(self, story_id: str) -> None:
        for term in self._indexed.pop(story_id, []):
            self._postings[term].discard(story_id)
        self.stories.pop(story_id, None)

    def forget_closed(self, before: date) -> None:
        """Drop stories no article from ``before`` on can join (keeps memory flat)."""
        since = (before - timedelta(days=self.config.max_gap_days)).isoformat()
        for story in [s for s in self.stories.values()
                      if s.reference_last is not None and s.reference_last < since]:
            self.drop(story.id)

    def candidates(self, vector: ArticleVector) -> list[StoryState]:
        """Stories sharing most of the article's strongest terms (older first on ties)."""
        hits: dict[str, float] = defaultdict(float)
        for term in index_terms(vector.weights, self.config.index_terms):
            weight = vector.weights[term]
            for story_id in self._postings.get(term, ()):
                hits[story_id] += weight
        ranked = sorted(hits, key=lambda s: (-hits[s], story_number(s)))
        return [self.stories[s] for s in ranked[:self.config.max_candidates]]

    def best(self, article: ArticleFeatures) -> tuple[StoryState | None, Score | None]:
        vector = article_vector(article, self.glob)
        best, best_score = None, None
        for story in sorted(self.candidates(vector), key=lambda s: story_number(s.id)):
            found = score_story(article, vector, story, self.glob, self.config)
            if found and (best_score is None or found.total > best_score.total):
                best, best_score = story, found
        return best, best_score

    def assign(self, article: ArticleFeatures, new_id=None) -> Decision:
        """Put one article in a story (``new_id()`` names a new one)."""
        self.glob.add_document(article.terms.keys())
        story, found = self.best(article)
        created = story is None or found is None or found.total < self.config.threshold
        if created:
            story = StoryState(new_id() if new_id else self.glob.new_story_id())
            found = None
        self.add(story, article)
        return Decision(story, created, found)

    def add(self, story: StoryState, article: ArticleFeatures) -> None:
        """Add an article to a given story (a near copy joins its original's)."""
        add_to_story(story, article, self.glob, self.config)
        if article.day is not None:
            iso = article.day.isoformat()
            self.glob.clock = max(self.glob.clock or iso, iso)
        self.put(story)


def assign(article: ArticleFeatures, candidates: list[StoryState], glob: GlobalState,
           config: ClusterConfig = ClusterConfig()) -> tuple[StoryState, bool]:
    """One article against a list of candidate stories (no index; for tests and tools)."""
    decision = Clusterer(glob, candidates, config).assign(article)
    return decision.story, decision.created


def story_title(story: StoryState) -> str:
    """The member title that best covers the story's main terms, else its top words."""
    if story.titles:
        def coverage(title: str) -> tuple[float, int]:
            words = set(content_words(title))
            score = sum(story.centroid.get(w, 0.0) for w in words) / math.sqrt(len(words) or 1)
            return (score, -story.titles.index(title))
        return max(story.titles, key=coverage)
    words = [t for t in story.centroid if ":" not in t][:5]
    return " ".join(words) or story.id
