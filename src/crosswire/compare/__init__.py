"""Comparing reports across articles: corroboration status (``status``),
conflicts (``conflicts`` and one module per kind: ``polarity``, ``figures``,
``event_conflicts``) and timelines (``timeline``). Called by
``crosswire.link.update`` for every story whose articles changed."""
