"""Why each article is in its story: ``crosswire story ID --explain``.

Each member is scored against the story without itself (its own terms taken
out of the centroid), with the same channels, weights and time gate as
joining; what is shown is what tied it to the rest: the shared terms that
weigh most, the time gap, shared places, actors and kinds, the score per
channel and in all. A member that would not join today (score below the
threshold) is flagged: it came in through a near copy or a merge, or the
story drifted since.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from ..store import schema
from . import store
from .features import article_features, channel, log_tf
from .stories import ClusterConfig, StoryState, article_vector, score_story, story_norms

SHOWN_TERMS = 8


@dataclass
class MemberWhy:
    article: str
    title: str | None
    day: str | None
    day_source: str | None  # published | text | event | None
    gap_days: int | None  # days from the rest of the story; None when time rules it out
    score: float
    channels: dict[str, float]
    words: list[str]
    places: list[str]
    actors: list[str]
    kinds: list[str]
    duplicate_of: str | None
    below_threshold: bool
    other_place: bool = False  # its main country is none of the other members' (score penalised)

    def to_json(self) -> dict:
        return dict(self.__dict__)


def without(story: StoryState, member, others: list) -> StoryState:
    """The story without one member (leave-one-out): its centroid minus the
    member's terms, its span and main countries those of the other members."""
    tf = log_tf(member.terms)
    centroid = {t: w - tf.get(t, 0.0) for t, w in story.centroid.items()}
    days = sorted(f.day.isoformat() for f in others if f.day)
    years = sorted({y for f in others for y in ({f.day.year} if f.day else f.years)})
    mains: dict[str, int] = {}
    for f in others:
        if f.main_country:
            mains[f.main_country] = mains.get(f.main_country, 0) + 1
    return StoryState(story.id, {t: w for t, w in centroid.items() if w > 1e-9},
                      story.size - 1, days[0] if days else None, days[-1] if days else None,
                      story.titles, years, days[-1] if days else story.open_until, {}, mains)


def explain_story(db, story_id: str, config: ClusterConfig = ClusterConfig()) -> list[MemberWhy] | None:
    a = schema.articles
    with db.engine.connect() as conn:
        story = store.load_story(conn, story_id)
        if story is None:
            return None
        glob = store.load_global(db, conn)
        rows = list(conn.execute(select(a.c.record, a.c.duplicate_of)
                                 .where(a.c.story_id == story_id).order_by(a.c.seq)))
    out = []
    members = [article_features(json.loads(row.record)) for row in rows]
    for row, features in zip(rows, members):
        rest = without(story, features, [f for f in members if f is not features])
        rest.norms = story_norms(rest, glob)
        vector = article_vector(features, glob)
        found = score_story(features, vector, rest, glob, config)
        shared = sorted((t for t in vector.weights if rest.centroid.get(t)),
                        key=lambda t: (-vector.weights[t] * rest.centroid[t] * glob.idf(t), t))
        def named(chan, prefixes):
            return [t.split(":", 1)[1] for t in shared
                    if channel(t) == chan and t.startswith(prefixes)][:SHOWN_TERMS]
        out.append(MemberWhy(
            features.article_id, features.title,
            features.day.isoformat() if features.day else None, features.day_source,
            found.gap if found else None, round(found.total, 3) if found else 0.0,
            {c: round(v, 3) for c, v in (found.channels if found else {}).items()},
            [t for t in shared if channel(t) == "words"][:SHOWN_TERMS],
            named("where", ("pl:", "cty:")), named("who", ("ent:", "act:")),
            named("what", ("kind:",)), row.duplicate_of,
            rest.size > 0 and (found is None or found.total < config.threshold),
            bool(found and found.other_place)))
    return out
