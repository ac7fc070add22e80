"""Cross-article linking. PLACEHOLDER until the linking work lands."""
from __future__ import annotations


def after_ingest(db, article_ids):
    """Assign new articles to stories and update merged events (to be implemented)."""
    return None
