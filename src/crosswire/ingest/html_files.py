"""The HTML reader: main text and metadata of a saved page, via trafilatura.

Only trafilatura's offline extraction is used (the page is given as bytes;
nothing is fetched). The file stem is the article id, as for ``.txt``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import lxml.html
import trafilatura

from crosswire.ingest.common import BadInput, clean_body, error, new_article, read_bytes
from crosswire.ingest.dates import DateError, normalise_date
from crosswire.ingest.outlets import url_host
from crosswire.model import Article, InputError

# Page metadata that states the publication moment with its time of day;
# trafilatura's own date keeps only the day, so these are read first.
_PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished",
                   "pubdate", "publishdate", "date")


def read_html_file(path: Path) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        yield article_from_html(read_bytes(path), origin, article_id=path.stem)
    except BadInput as problem:
        yield error(origin, problem)


def article_from_html(page: bytes, origin: str, article_id: str | None = None,
                      url: str | None = None, fallback_date: str | None = None) -> Article:
    """An Article from one HTML page; ``url``/``fallback_date`` are used when the page lacks them."""
    if b"\x00" in page[:8192]:
        raise BadInput("page is binary, not HTML text")
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False)
    if document is None:
        raise BadInput("no article text found in the page")
    found = document.as_dict()
    title = _clean(found.get("title"))
    text = _body_text(found.get("text") or "", title)
    if not text:
        raise BadInput("no article text found in the page")
    page_url = _clean(found.get("url")) or url
    return new_article(
        text, origin, id=article_id, title=title, outlet=_site_name(found, page_url),
        url=page_url, author=_clean(found.get("author")),
        published=_published(page, found.get("date"), fallback_date))


def _site_name(found: dict, page_url: str | None) -> str | None:
    """The site name the page states; trafilatura's fallback to the bare host does not count,
    so that the outlet table can name the host properly ("apnews.com" -> "AP")."""
    name = _clean(found.get("sitename"))
    if name and name.lower().removeprefix("www.") == (url_host(page_url) or ""):
        return None
    return name


def _body_text(extracted: str, title: str | None) -> str:
    """Paragraphs separated by blank lines, without a leading repeat of the headline."""
    lines = [line.strip() for line in clean_body(extracted).split("\n") if line.strip()]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _published(page: bytes, page_date: str | None, fallback_date: str | None) -> str | None:
    """The most precise readable date: a meta time stamp, else trafilatura's day, else the fallback."""
    for candidate in (_meta_published(page), page_date, fallback_date):
        if candidate:
            try:
                return normalise_date(candidate)
            except DateError:
                continue  # a garbled page date should not lose the article
    return None


def _meta_published(page: bytes) -> str | None:
    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return None
    for name in _PUBLISHED_META:
        for attr in ("property", "name", "itemprop"):
            values = tree.xpath(f"//meta[@{attr}=$name]/@content", name=name)
            if values and values[0].strip():
                return values[0].strip()
    return None


def _clean(value: str | None) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
