"""Keeping the cross-article tables up to date as articles arrive.

``link_new_articles`` puts every article that has no story yet into one, in
ingest order, ``CHUNK`` articles per writer transaction (``Database.write``:
serialised with every other writer and retried on a collision). Each first
locks the clusterer row (``store.lock_clusterer``) as well, so the state and
the next story number it reads are current even for a writer that does not
take crosswire's write lock; it
then writes the stories changed, the articles' ``story_id`` and the
clusterer state once. An interrupted run leaves whole chunks only, and the
next run continues. ``link.repair`` then may split or merge the stories
touched, and ``relink_story`` recomputes what depends on a story's
membership: merged events and mentions, conflicts and statuses. Stories
waiting for that are remembered in ``link.dirty_stories`` until done.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..compare.event_conflicts import date_conflicts, denial_conflicts
from ..compare.figures import figure_conflicts, figure_item
from ..compare.polarity import claim_item, polarity_conflicts
from ..compare.status import claim_statuses, claim_support, disputed_keys, event_status
from . import store
from .events import merge_mentions, story_mentions, to_output
from .features import article_features
from .stories import ClusterConfig, Clusterer, GlobalState, reference_day, story_number

CHUNK = 500  # articles linked per transaction: shared state is written once per chunk


@dataclass
class _Session:
    """A clusterer kept in memory across chunks while no other process links."""

    clusterer: Clusterer
    loaded_since: date | None  # stories last seen before this day were not loaded
    n_docs: int  # the stored state this memory corresponds to
    next_story: int
    original_story: dict[str, str] = field(default_factory=dict)  # article -> story, this run


def link_new_articles(db, config: ClusterConfig = ClusterConfig()) -> list[str]:
    """Assign every story-less article; returns the ids of stories that changed."""
    touched: list[str] = []
    session: _Session | None = None

    def link_chunk(conn):
        nonlocal session
        # A failed attempt may have changed the clusterer in memory: the retry
        # (``Database.write`` runs this again) starts from the stored state.
        current, session = session, None
        return _link_chunk(db, conn, current, config)

    while True:
        session, changed = db.write(link_chunk)
        if changed is None:
            return touched
        touched += [s for s in changed if s not in touched]


def _link_chunk(db, conn, session: _Session | None, config: ClusterConfig):
    store.lock_clusterer(db, conn)
    pending = store.unassigned_article_ids(conn, CHUNK)
    if not pending:
        return session, None
    glob = store.load_global(db, conn)
    rows = store.article_rows(conn, pending)
    features = [(article_features(record), duplicate_of) for record, duplicate_of in rows]
    earliest = _earliest(features, glob)
    if not _still_valid(session, glob, earliest):
        stories = store.candidate_stories(conn, earliest, config.max_gap_days)
        session = _Session(Clusterer(glob, stories, config), earliest, glob.n_docs, glob.next_story)
    elif earliest is not None:
        session.clusterer.forget_closed(earliest)
        session.loaded_since = earliest
    clusterer = session.clusterer
    changed: dict[str, bool] = {}  # story id -> created in this chunk
    assigned: dict[str, str] = {}
    for feats, duplicate_of in features:
        story = _original_story(conn, clusterer, session, duplicate_of)
        if story is not None:  # a near copy belongs with its original
            clusterer.glob.add_document(feats.terms.keys())
            clusterer.add(story, feats)
            created = False
        else:
            decision = clusterer.assign(feats)
            story, created = decision.story, decision.created
        changed[story.id] = changed.get(story.id, False) or created
        assigned[feats.article_id] = story.id
        session.original_story[feats.article_id] = story.id
    for story_id, created in changed.items():
        store.save_story(conn, clusterer.stories[story_id], created)
    store.set_article_stories(conn, assigned)
    store.save_global(db, conn, clusterer.glob)
    store.mark_dirty(db, conn, list(changed))
    session.n_docs, session.next_story = clusterer.glob.n_docs, clusterer.glob.next_story
    return session, list(changed)


def _earliest(features, glob: GlobalState) -> date | None:
    """Earliest reference day of the chunk; None (load every story) if one has none."""
    days = [reference_day(f, glob) for f, _ in features]
    return None if not days or None in days else min(days)


def _still_valid(session: _Session | None, glob: GlobalState, earliest: date | None) -> bool:
    """Is the memory of the previous chunk still the stored state (no other writer)?"""
    if session is None or session.n_docs != glob.n_docs or session.next_story != glob.next_story:
        return False
    if session.loaded_since is None:
        return True
    return earliest is not None and earliest >= session.loaded_since


def _original_story(conn, clusterer: Clusterer, session: _Session, duplicate_of: str | None):
    if not duplicate_of:
        return None
    story_id = session.original_story.get(duplicate_of) or store.story_of_article(conn, duplicate_of)
    if story_id is None:
        return None
    story = clusterer.stories.get(story_id) or store.load_story(conn, story_id)
    if story is not None:
        clusterer.put(story)
    return story


def relink_story(db, story_id: str) -> dict:
    """Recompute merged events, mentions, conflicts and statuses of one story."""
    def relink(conn):
        links = _relink(conn, story_id)
        store.mark_clean(db, conn, [story_id])
        return links
    return db.write(relink)


RELINK_CHUNK = 50  # stories relinked per transaction (one commit each, not one per story)


def relink_stories(db, story_ids: list[str]) -> None:
    for start in range(0, len(story_ids), RELINK_CHUNK):
        chunk = story_ids[start:start + RELINK_CHUNK]
        db.write(lambda conn, chunk=chunk: _relink_chunk(db, conn, chunk))


def _relink_chunk(db, conn, story_ids: list[str]) -> None:
    for story_id in story_ids:
        _relink(conn, story_id)
    store.mark_clean(db, conn, story_ids)


def _relink(conn, story_id: str) -> dict:
    records = store.story_records(conn, story_id)
    article_ids = [str(r["id"]) for r, _ in records]
    infos = store.article_infos(conn, article_ids)
    links = compute_story_links(story_id, records, infos)
    store.clear_story_links(conn, story_id, article_ids)
    store.write_story_links(conn, links["events"], links["mentions"], links["conflicts"],
                            links["claim_status"])
    store.write_claim_support(conn, links["claim_support"])
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
    """Cluster new articles, repair the stories touched, then relink every story
    they (or ``article_ids``) touch."""
    touched = link_new_articles(db, config)
    if touched:
        from .repair import repair_stories
        touched = repair_stories(db, touched, config)
    with db.begin() as conn:
        extra = store.stories_of(conn, article_ids) + store.dirty_stories(db, conn)
    stories = sorted(set(touched) | set(extra), key=story_number)
    relink_stories(db, stories)
    return stories


def rebuild_state(db, config: ClusterConfig = ClusterConfig()) -> GlobalState:
    """Rebuild the clusterer's shared state and every story's state from the stored
    articles (in ingest order), keeping every article's story: for a lost or
    damaged ``link.clusterer`` value, or states written by an older version."""
    from .repair import members, rebuilt

    def rebuild(conn) -> GlobalState:
        store.lock_clusterer(db, conn)
        story_ids = sorted(store.all_story_ids(conn), key=story_number)
        glob = GlobalState(next_story=max(map(story_number, story_ids), default=0) + 1)
        groups = {story_id: members(conn, story_id) for story_id in story_ids}
        for member in sorted((m for g in groups.values() for m in g), key=lambda m: m.seq):
            glob.add_document(member.features.terms.keys())
            if member.features.day is not None:
                iso = member.features.day.isoformat()
                glob.clock = max(glob.clock or iso, iso)
        for story_id, group in groups.items():
            store.save_story(conn, rebuilt(story_id, group, glob, config), created=False)
        store.save_global(db, conn, glob)
        return glob
    return db.write(rebuild)


def relink_all(db) -> list[str]:
    """Rebuild the clusterer state, cluster anything pending, then recompute the
    links of every story."""
    rebuild_state(db)
    link_new_articles(db)
    with db.begin() as conn:
        stories = sorted({s for s in store.all_story_ids(conn)}, key=story_number)
    relink_stories(db, stories)
    return stories
