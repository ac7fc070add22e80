"""Naming the outlet behind a URL, for inputs that state no outlet.

The table is data (``lexicons/ingest_outlet_domains.tsv``); a host matches
its own entry or its closest listed parent domain, so "edition.cnn.com"
finds "cnn.com". Unknown hosts are named by the host itself, without "www.".
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from crosswire import lexicons


@lru_cache(maxsize=1)
def _outlet_by_domain() -> dict[str, str]:
    rows = lexicons.load("ingest_outlet_domains.tsv")
    return {row["domain"].strip().lower(): row["outlet"].strip() for row in rows}


def url_host(url: str | None) -> str | None:
    """The lower-case host of ``url`` without a leading "www.", or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to (table first, else its host), or None."""
    host = url_host(url)
    if host is None:
        return None
    table = _outlet_by_domain()
    labels = host.split(".")
    for i in range(len(labels) - 1):  # the host, then each parent domain
        candidate = ".".join(labels[i:])
        if candidate in table:
            return table[candidate]
    return host
