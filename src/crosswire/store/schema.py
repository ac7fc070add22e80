"""The database schema (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Per-article tables hold one row per extracted item with the columns that
queries filter on, plus ``data``: the item's full JSON as in the article
record, so nothing is lost and the record can be rebuilt exactly.

Cross-article tables (stories, merged events, mentions, conflicts) are
written by ``crosswire.link`` and ``crosswire.compare`` and read by the CLI,
the web UI and the exports.

Rules that keep PostgreSQL working unchanged: no SQLite-only types, text ids,
JSON kept as ``Text`` (serialised by ``store.db``), explicit lengths nowhere,
timestamps as ISO strings (``published`` keeps the input's precision).
"""
from __future__ import annotations

from sqlalchemy import (Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

# Bump when a table or column changes meaning; stored under "schema_version" in
# the crosswire_meta table so a newer crosswire can recognise an older database.
SCHEMA_VERSION = 1

meta_info = Table(
    "crosswire_meta", metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # ingest order, for online clustering
    Column("title", Text),
    Column("outlet", String, index=True),
    Column("url", Text),
    Column("author", Text),
    Column("published", String, index=True),  # "YYYY-MM-DD" or ISO date-time, as given
    Column("published_date", String, index=True),  # "YYYY-MM-DD" prefix, for range filters
    Column("language", String),
    Column("text", Text, nullable=False),
    Column("text_hash", String, nullable=False, index=True),  # exact-duplicate detection
    Column("minhash", Text),  # near-duplicate signature (JSON list of ints), re-seeds dedup
    Column("duplicate_of", String, index=True),  # near copy of this article (other outlet)
    Column("origin", Text),  # where the input came from ("path:line"), for messages
    Column("story_id", String, index=True),
    Column("record", Text, nullable=False),  # the full crosswire.article/1 JSON
)

def _item_key() -> tuple[Column, Column]:
    # New Column objects for each table: a Column belongs to exactly one Table.
    return (Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
                   primary_key=True),
            Column("id", String, primary_key=True))


def _items(name: str, *columns: Column) -> Table:
    return Table(name, metadata, *_item_key(), *columns, Column("data", Text, nullable=False))


entities = _items(
    "entities",
    Column("text", Text), Column("label", String),
    Column("actor_name", Text), Column("actor_code", String, index=True),
    Column("actor_country", String, index=True), Column("actor_sector", String),
    Column("actor_role", Text),
)

events = _items(
    "events",
    Column("sentence", Integer),
    Column("trigger", Text),
    Column("source_text", Text), Column("source_code", String, index=True),
    Column("source_country", String, index=True),
    Column("target_text", Text), Column("target_code", String, index=True),
    Column("target_country", String, index=True),
    Column("cameo", String, index=True), Column("cameo_root", String, index=True),
    Column("plover_type", String, index=True), Column("plover_mode", String),
    Column("quad_class", Integer), Column("goldstein", Float),
    Column("modality", String),
    Column("date_value", String), Column("date_start", String, index=True),
    Column("date_end", String),
    Column("location", String), Column("claim", String), Column("confidence", Float),
    Column("merged_event_id", String, index=True),  # set by link.events
)

claims = _items(
    "claims",
    Column("source_text", Text), Column("source_kind", String, index=True),
    Column("source_resolved", Text), Column("cue", Text), Column("content", Text),
    Column("quote", String), Column("cited_by", String),
    Column("status", String),  # corroborated | single_source | disputed (set by compare)
    # JSON list: the independent origins behind the claim, its own first (set by compare)
    Column("corroborated_by", Text),
)

timexes = _items(
    "timexes",
    Column("text", Text), Column("type", String), Column("value", String),
)

places = _items(
    "places",
    Column("text", Text), Column("name", Text), Column("feature", String),
    Column("country", String, index=True), Column("geonames_id", Integer),
    Column("lat", Float), Column("lon", Float),
)

quantities = _items(
    "quantities",
    Column("text", Text), Column("value", Float), Column("low", Float), Column("high", Float),
    Column("approx", String), Column("category", String, index=True), Column("claim", String),
)

# ------------------------------------------------------------------ cross-article

stories = Table(
    "stories", metadata,
    Column("id", String, primary_key=True),
    Column("title", Text),
    Column("first_seen", String, index=True),
    Column("last_seen", String, index=True),
    Column("size", Integer, nullable=False, default=0),
    Column("state", Text),  # the online clusterer's centroid and counters (JSON)
)

story_history = Table(  # splits and merges made by link.repair, for the story page
    "story_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String, index=True),  # the story that kept its id
    Column("action", String),  # split | merge
    Column("other_story_id", String, index=True),  # the story split off / merged in
    Column("articles", Text),  # JSON list of the articles that moved
    Column("reason", Text),
)

merged_events = Table(
    "merged_events", metadata,
    Column("id", String, primary_key=True),
    Column("story_id", String, index=True),
    Column("cameo", String, index=True), Column("cameo_root", String),
    Column("plover_type", String, index=True),
    Column("quad_class", Integer), Column("goldstein", Float),
    Column("source_code", String, index=True), Column("source_country", String, index=True),
    Column("target_code", String, index=True), Column("target_country", String, index=True),
    Column("modality", String),
    Column("date_start", String, index=True), Column("date_end", String),
    Column("location_country", String), Column("lat", Float), Column("lon", Float),
    Column("num_articles", Integer), Column("num_sources", Integer),
    Column("status", String),  # corroborated | single_source | disputed
    Column("data", Text, nullable=False),  # full merged event JSON as `crosswire events` prints
)

mentions = Table(
    "mentions", metadata,
    Column("merged_event_id", String, ForeignKey("merged_events.id", ondelete="CASCADE"),
           primary_key=True),
    Column("article_id", String, primary_key=True),
    Column("event_id", String, primary_key=True),
    Column("outlet", String),
    Column("origin", Text),  # the independent origin this mention traces back to
    Column("origin_kind", String),  # outlet | cited_outlet | wire | named | anonymous | ...
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String, primary_key=True),
    Column("story_id", String, index=True),
    Column("kind", String),  # figure | denial | date | polarity
    Column("topic", Text),
    Column("explanation", Text),
    Column("data", Text, nullable=False),  # both sides: text, sources, article ids
)

actor_dictionary = Table(
    "actor_dictionary", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("aliases", Text),  # JSON list
    Column("code", String),  # may be absent when an entry gives only country/sector
    Column("country", String), Column("sector", String), Column("role", Text),
    Column("valid_from", String), Column("valid_to", String),
    UniqueConstraint("name", "code", "valid_from", name="uq_actor_entry"),
)

ITEM_TABLES = {"entities": entities, "events": events, "claims": claims, "timexes": timexes,
               "places": places, "quantities": quantities}

Index("ix_articles_story_seq", articles.c.story_id, articles.c.seq)
