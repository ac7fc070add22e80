"""Repair after each linking run: split a story whose articles fall into two
groups by time, merge two stories that are one event.

Online clustering decides with what it has seen so far; an early wrong join
is undone here. The pass is deterministic (stories in id order, members in
ingest order) and runs over the stories touched by the run only.

* **Split**: the members' event days, sorted, leave a gap longer than
  ``max_gap_days``: the members after the gap form a new story (the earlier
  group keeps the id). Undated members go with the group whose centroid they
  resemble most.
* **Merge**: two stories whose spans overlap (within ``grace_days``) and
  whose centroids score at least ``MERGE_THRESHOLD`` (same channels and
  weights as joining) are one; the older story keeps its id.

Each split or merge is a row of ``story_history`` (shown on the story page).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select

from ..store import schema
from . import store
from .features import ArticleFeatures, article_features, channel, log_tf
from .stories import (ArticleVector, ClusterConfig, Clusterer, GlobalState, StoryState,
                      add_to_story, channel_norms, combine, story_norms, story_number)

MERGE_THRESHOLD = 0.5  # well above the join threshold: merging is for clear cases only
MERGE_CANDIDATES = 5  # stories sharing most index terms with a touched story, checked for merging


@dataclass
class Member:
    features: ArticleFeatures
    seq: int


def repair_stories(db, story_ids: list[str], config: ClusterConfig = ClusterConfig()) -> list[str]:
    """Split and merge among ``story_ids``; returns every story id changed (incl. removed)."""
    def repair(conn) -> list[str]:
        touched = list(story_ids)
        store.lock_clusterer(db, conn)
        glob = store.load_global(db, conn)
        for story_id in sorted(story_ids, key=story_number):
            new_id = split_story(conn, story_id, glob, config)
            if new_id:
                touched.append(new_id)
        pool = _merge_pool(conn, glob, config)
        for story_id in sorted(set(touched), key=story_number):
            merged_into = merge_story(conn, story_id, pool, config)
            if merged_into and merged_into not in touched:
                touched.append(merged_into)
        store.save_global(db, conn, glob)
        store.mark_dirty(db, conn, touched)
        return sorted(set(touched), key=story_number)
    return db.write(repair)


def _merge_pool(conn, glob: GlobalState, config: ClusterConfig) -> Clusterer:
    """The open stories a touched story may merge with, indexed once for the pass
    (the touched stories are open: they were just linked)."""
    clock = _day(glob.clock) if glob.clock else None
    return Clusterer(glob, store.candidate_stories(conn, clock, config.max_gap_days), config)


def members(conn, story_id: str) -> list[Member]:
    a = schema.articles
    query = select(a.c.record, a.c.seq).where(a.c.story_id == story_id).order_by(a.c.seq)
    return [Member(article_features(json.loads(r.record)), r.seq) for r in conn.execute(query)]


def rebuilt(story_id: str, group: list[Member], glob: GlobalState,
            config: ClusterConfig) -> StoryState:
    story = StoryState(story_id)
    for member in group:
        add_to_story(story, member.features, glob, config)
    story.norms = story_norms(story, glob)
    return story


def time_groups(group: list[Member], config: ClusterConfig) -> tuple[list, list] | None:
    """(before, after) the widest gap between event days, if wider than ``max_gap_days``."""
    days = sorted({m.features.day for m in group if m.features.day is not None})
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:])]
    if not gaps or max(gaps) <= config.max_gap_days:
        return None
    cut = days[gaps.index(max(gaps)) + 1]
    before = [m for m in group if m.features.day is not None and m.features.day < cut]
    after = [m for m in group if m.features.day is not None and m.features.day >= cut]
    return before, after


def split_story(conn, story_id: str, glob: GlobalState, config: ClusterConfig) -> str | None:
    state = store.load_story(conn, story_id)
    if state is None or state.first is None or (
            _day(state.last) - _day(state.first)).days <= config.max_gap_days:
        return None  # no gap wider than max_gap_days fits in its span: nothing to read
    group = members(conn, story_id)
    found = time_groups(group, config)
    if found is None:
        return None
    before, after = found
    first, second = rebuilt(story_id, before, glob, config), rebuilt("", after, glob, config)
    for member in (m for m in group if m.features.day is None):  # undated: the closer group
        vector = _vector(log_tf(member.features.terms), glob)
        side = before if _score(vector, first, glob, config) >= _score(
            vector, second, glob, config) else after
        side.append(member)
    new_id = glob.new_story_id()
    first = rebuilt(story_id, sorted(before, key=lambda m: m.seq), glob, config)
    second = rebuilt(new_id, sorted(after, key=lambda m: m.seq), glob, config)
    store.save_story(conn, first, created=False)
    store.save_story(conn, second, created=True)
    moved = [m.features.article_id for m in sorted(after, key=lambda m: m.seq)]
    store.set_article_stories(conn, {a: new_id for a in moved})
    record(conn, story_id, "split", new_id, moved,
           f"event days {first.last} and {second.first} are more than "
           f"{config.max_gap_days} days apart")
    return new_id


def merge_story(conn, story_id: str, pool: Clusterer, config: ClusterConfig) -> str | None:
    """Merge ``story_id`` into an older story that is the same event; returns its id."""
    story = pool.stories.get(story_id)
    if story is None or story.first is None:
        return None
    glob = pool.glob
    vector = _vector(story.centroid, glob)
    for other in sorted(pool.candidates(vector)[:MERGE_CANDIDATES],
                        key=lambda s: story_number(s.id)):
        if story_number(other.id) >= story_number(story_id) or other.first is None:
            continue
        if not _close_in_time(story, other, config):
            continue
        if story.mains and other.mains and not set(story.mains) & set(other.mains):
            continue  # about different countries
        if _score(vector, other, glob, config) < MERGE_THRESHOLD:
            continue
        moved = store.story_member_ids(conn, story_id)
        store.set_article_stories(conn, {a: other.id for a in moved})
        merged = rebuilt(other.id, members(conn, other.id), glob, config)
        store.save_story(conn, merged, created=False)
        store.delete_story(conn, story_id)
        pool.drop(story_id)
        pool.put(merged)
        record(conn, other.id, "merge", story_id, moved,
               "same event: overlapping dates and similar terms, places and actors")
        return other.id
    return None


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def _close_in_time(a: StoryState, b: StoryState, config: ClusterConfig) -> bool:
    if set(a.years) and set(b.years) and not set(a.years) & set(b.years):
        return False
    start, end = max(_day(a.first), _day(b.first)), min(_day(a.last), _day(b.last))
    return (start - end).days <= config.grace_days


def _vector(tf: dict[str, float], glob: GlobalState) -> ArticleVector:
    weights = {t: w * glob.idf(t) for t, w in tf.items()}
    return ArticleVector(weights, channel_norms(weights))


def _score(vector: ArticleVector, story: StoryState, glob: GlobalState,
           config: ClusterConfig) -> float:
    norms = story.norms or story_norms(story, glob)
    dots: dict[str, float] = {}
    for term, weight in vector.weights.items():
        other = story.centroid.get(term)
        if other:
            c = channel(term)
            dots[c] = dots.get(c, 0.0) + weight * other * glob.idf(term)
    channels = {c: dots.get(c, 0.0) / (vector.norms[c] * norms[c])
                for c in norms if vector.norms.get(c)}
    return combine(channels, config)


def record(conn, story_id: str, action: str, other: str, articles: list[str], reason: str) -> None:
    conn.execute(insert(schema.story_history).values(
        story_id=story_id, action=action, other_story_id=other,
        articles=json.dumps(articles), reason=reason))


def history(conn, story_id: str) -> list[dict]:
    """Splits and merges that involved ``story_id``, oldest first."""
    h = schema.story_history
    query = (select(h).where((h.c.story_id == story_id) | (h.c.other_story_id == story_id))
             .order_by(h.c.id))
    return [{"story": r.story_id, "action": r.action, "other": r.other_story_id,
             "articles": json.loads(r.articles or "[]"), "reason": r.reason}
            for r in conn.execute(query)]
