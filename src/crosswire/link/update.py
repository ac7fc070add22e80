"""Keeping the cross-article tables up to date as articles arrive.

``link_new_articles`` puts every article that has no story yet into one, in
ingest order, one transaction per article (story, clusterer state and the
article's ``story_id`` are committed together, so an interrupted run simply
continues). ``relink_story`` then recomputes what depends on a story's
membership: merged events and mentions, conflicts and statuses. Stories
waiting for that are remembered in ``link.dirty_stories`` until done.
"""
from __future__ import annotations

from datetime import timedelta

from ..compare.event_conflicts import date_conflicts, denial_conflicts
from ..compare.figures import figure_conflicts, figure_item
from ..compare.polarity import claim_item, polarity_conflicts
from ..compare.status import claim_statuses, claim_support, disputed_keys, event_status
from . import store
from .events import merge_mentions, story_mentions, to_output
from .features import article_features
from .stories import ClusterConfig, GlobalState, StoryState, assign, story_number


def link_new_articles(db, config: ClusterConfig = ClusterConfig()) -> list[str]:
    """Assign every story-less article; returns the ids of stories that changed.

    The clusterer state is read once per call and kept in memory while the
    articles are assigned (this process is the writer); every assignment is
    still committed with the state it changed, one transaction per article.
    """
    touched: list[str] = []
    with db.begin() as conn:
        pending = store.unassigned_article_ids(conn)
        if not pending:
            return touched
        glob = store.load_global(db, conn)
        stories = {s.id: s for s in store.candidate_stories(
            conn, store.earliest_unassigned_day(conn), config.max_gap_days)}
    for article_id in pending:
        with db.begin() as conn:
            story = assign_article(db, conn, article_id, glob, stories, config)
            store.mark_dirty(db, conn, [story.id])
        stories[story.id] = story
        if story.id not in touched:
            touched.append(story.id)
    return touched


def assign_article(db, conn, article_id: str, glob: GlobalState,
                   stories: dict[str, StoryState], config: ClusterConfig) -> StoryState:
    features = article_features(store.record_of(conn, article_id))
    candidates = [s for s in stories.values() if is_open(s, features.day, config)]
    story, created = assign(features, candidates, glob, config)
    store.save_story(conn, story, created)
    store.set_article_story(conn, article_id, story.id)
    store.save_global(db, conn, glob)
    return story


def is_open(story: StoryState, day, config: ClusterConfig) -> bool:
    """Can an article of ``day`` still join ``story``? (last seen within the gap)"""
    if day is None or story.last is None:
        return True
    return story.last >= (day - timedelta(days=config.max_gap_days)).isoformat()


def relink_story(db, story_id: str) -> dict:
    """Recompute merged events, mentions, conflicts and statuses of one story."""
    with db.begin() as conn:
        records = store.story_records(conn, story_id)
        article_ids = [str(r["id"]) for r, _ in records]
        infos = store.article_infos(conn, article_ids)
        links = compute_story_links(story_id, records, infos)
        store.clear_story_links(conn, story_id, article_ids)
        store.write_story_links(conn, links["events"], links["mentions"], links["conflicts"],
                                links["claim_status"])
        store.write_claim_support(conn, links["claim_support"])
        store.mark_clean(db, conn, story_id)
    return links


def compute_story_links(story_id: str, records: list[tuple[dict, int]], infos) -> dict:
    """Everything derived from a story's articles, without touching the database."""
    merged = merge_mentions(story_mentions(records, infos))
    claims = [claim_item(c, rec, infos) for rec, _ in records for c in rec.get("claims", [])]
    figures = [figure_item(q, rec, infos) for rec, _ in records for q in rec.get("quantities", [])]
    conflicts = (polarity_conflicts(claims, story_id) + figure_conflicts(figures, story_id)
                 + denial_conflicts(merged, story_id) + date_conflicts(merged, story_id))
    conflicts = list({c["id"]: c for c in conflicts}.values())
    disputed_events, disputed_claims = disputed_keys(conflicts)
    events = [to_output(m, story_id, event_status(m, disputed_events)) for m in merged]
    mentions = [dict(merged_event_id=m.id, article_id=x.article_id, event_id=x.event["id"],
                     outlet=x.outlet, origin=x.origin.label, origin_kind=x.origin.kind)
                for m in merged for x in m.mentions]
    return {"events": events, "mentions": mentions, "conflicts": conflicts,
            "claim_status": claim_statuses(claims, merged, disputed_claims),
            "claim_support": claim_support(claims, merged)}


def update_links(db, article_ids=(), config: ClusterConfig = ClusterConfig()) -> list[str]:
    """Cluster new articles, then relink every story they (or ``article_ids``) touch."""
    touched = link_new_articles(db, config)
    with db.begin() as conn:
        extra = store.stories_of(conn, article_ids) + store.dirty_stories(db, conn)
    stories = sorted(set(touched) | set(extra), key=story_number)
    for story_id in stories:
        relink_story(db, story_id)
    return stories


def relink_all(db) -> list[str]:
    """Cluster anything pending, then recompute the links of every story."""
    link_new_articles(db)
    with db.begin() as conn:
        stories = sorted({s for s in store.all_story_ids(conn)}, key=story_number)
    for story_id in stories:
        relink_story(db, story_id)
    return stories
