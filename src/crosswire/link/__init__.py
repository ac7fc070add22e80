"""Cross-article linking: stories (online clustering), merged events and
mentions, independent origins; ``crosswire.compare`` adds statuses and conflicts.

``after_ingest(db, article_ids)`` is called by ``crosswire ingest`` after the
articles are stored. It assigns every article without a story (in ingest
order, so the result depends only on that order) and recomputes the links of
the stories touched. See ``docs/linking.md``.
"""
from __future__ import annotations


def after_ingest(db, article_ids=()) -> list[str]:
    """Link newly stored articles; returns the ids of the stories updated."""
    # Imported here: compare imports link submodules, and link must stay importable alone.
    from .update import update_links
    return update_links(db, list(article_ids))
