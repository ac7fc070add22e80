"""Online story clustering: each new article joins the most similar live story
or starts a new one; nothing already assigned is ever recomputed.

A story keeps a centroid (summed damped term frequencies of its articles,
trimmed to the strongest terms), its first/last publication days and a few
member titles. An article is compared with every story whose dates come
within ``max_gap_days`` of its own; similarity is the TF-IDF cosine with the
centroid, damped when the article is days away from the story (a story can
run for weeks, but two stories about one country in one week differ in
words, so the words decide). The document frequencies behind IDF are global
clusterer state, updated as articles arrive.

Everything is deterministic given the ingest order: ties go to the older story.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from .features import ArticleFeatures, content_words, cosine, log_tf, weighted


@dataclass(frozen=True)
class ClusterConfig:
    threshold: float = 0.21  # minimum damped cosine to join a story (tuned on gold/stories/dev)
    max_gap_days: int = 30  # a story not updated for this long is closed
    grace_days: int = 3  # no damping within this many days of the story's dates
    decay_days: float = 14.0  # similarity halves-ish (e-fold) per this many days beyond grace
    centroid_terms: int = 400  # strongest centroid terms kept in the stored state
    member_titles: int = 12  # titles kept for choosing the story's title


@dataclass
class StoryState:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first: str | None = None
    last: str | None = None
    titles: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"centroid": self.centroid, "size": self.size, "first": self.first,
                "last": self.last, "titles": self.titles}

    @classmethod
    def from_json(cls, story_id: str, data: dict) -> "StoryState":
        return cls(story_id, dict(data.get("centroid", {})), int(data.get("size", 0)),
                   data.get("first"), data.get("last"), list(data.get("titles", [])))


@dataclass
class GlobalState:
    """Corpus-wide counters: document frequencies for IDF and the next story number."""

    n_docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    next_story: int = 1

    def to_json(self) -> dict:
        return {"n_docs": self.n_docs, "df": self.df, "next_story": self.next_story}

    @classmethod
    def from_json(cls, data: dict | None) -> "GlobalState":
        data = data or {}
        return cls(int(data.get("n_docs", 0)), dict(data.get("df", {})),
                   int(data.get("next_story", 1)))

    def add_document(self, terms) -> None:
        self.n_docs += 1
        for term in terms:
            self.df[term] = self.df.get(term, 0) + 1

    def new_story_id(self) -> str:
        story_id = f"s{self.next_story}"
        self.next_story += 1
        return story_id


def day_gap(day: date | None, story: StoryState) -> int:
    """Days between ``day`` and the story's date range (0 inside it or when unknown)."""
    if day is None or story.first is None or story.last is None:
        return 0
    first, last = date.fromisoformat(story.first), date.fromisoformat(story.last)
    if day < first:
        return (first - day).days
    if day > last:
        return (day - last).days
    return 0


def time_factor(gap: int, config: ClusterConfig) -> float:
    if gap <= config.grace_days:
        return 1.0
    return math.exp(-(gap - config.grace_days) / config.decay_days)


def similarity(article: ArticleFeatures, story: StoryState, glob: GlobalState,
               config: ClusterConfig, article_vec: dict[str, float] | None = None) -> float:
    """Damped TF-IDF cosine of the article with the story's centroid (0 beyond the gap)."""
    gap = day_gap(article.day, story)
    if gap > config.max_gap_days:
        return 0.0
    if article_vec is None:
        article_vec = weighted(log_tf(article.terms), glob.df, glob.n_docs)
    story_vec = weighted(story.centroid, glob.df, glob.n_docs)
    return cosine(article_vec, story_vec) * time_factor(gap, config)


def best_story(article: ArticleFeatures, candidates: list[StoryState], glob: GlobalState,
               config: ClusterConfig) -> tuple[StoryState | None, float]:
    """The most similar candidate; on a tie the older story (lower number) wins."""
    article_vec = weighted(log_tf(article.terms), glob.df, glob.n_docs)
    best, best_score = None, 0.0
    for story in sorted(candidates, key=lambda s: story_number(s.id)):
        score = similarity(article, story, glob, config, article_vec)
        if score > best_score:
            best, best_score = story, score
    return best, best_score


def story_number(story_id: str) -> int:
    digits = story_id.lstrip("s")
    return int(digits) if digits.isdigit() else 0


def add_to_story(story: StoryState, article: ArticleFeatures, config: ClusterConfig) -> None:
    for term, weight in log_tf(article.terms).items():
        story.centroid[term] = story.centroid.get(term, 0.0) + weight
    story.centroid = trim(story.centroid, config.centroid_terms)
    story.size += 1
    if article.day is not None:
        iso = article.day.isoformat()
        story.first = min(story.first or iso, iso)
        story.last = max(story.last or iso, iso)
    if article.title and len(story.titles) < config.member_titles:
        story.titles.append(article.title)


def trim(centroid: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` strongest terms, rounded so the stored state is stable text."""
    ranked = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    return {t: round(w, 6) for t, w in ranked}


def assign(article: ArticleFeatures, candidates: list[StoryState], glob: GlobalState,
           config: ClusterConfig = ClusterConfig()) -> tuple[StoryState, bool]:
    """Put one article in a story; returns the (updated) story and whether it is new."""
    glob.add_document(article.terms.keys())
    story, score = best_story(article, candidates, glob, config)
    created = story is None or score < config.threshold
    if created:
        story = StoryState(glob.new_story_id())
    add_to_story(story, article, config)
    return story, created


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
