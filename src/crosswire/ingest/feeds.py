"""The RSS/Atom reader: each feed entry is one article.

feedparser reads the file's bytes (never a URL). The entry's content (or its
summary, whichever is longer) is turned from HTML into plain text with
paragraphs separated by blank lines. The feed's title names the outlet.
"""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any, Iterator

import feedparser
import lxml.html

from crosswire.ingest.common import BadInput, clean_body, error, new_article, read_bytes
from crosswire.ingest.dates import DateError, from_struct_time, normalise_date
from crosswire.model import Article, InputError

# Elements that end a paragraph (or a line, for <br>) when HTML becomes text.
_BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "li", "ul", "ol", "table", "tr",
               "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure", "figcaption", "hr"}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SAFE_ID = re.compile(r"[\w.,:@-]{1,80}")
_EMAIL_AND_NAME = re.compile(r"\S+@\S+\s*\((.+)\)")
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]")


def read_feed_file(path: Path) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        data = read_bytes(path)
        if not _FEED_ROOT.search(data[:4096]):
            raise BadInput("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
        yield from read_feed(data, origin)
    except BadInput as problem:
        yield error(origin, problem)


def read_xml_file(path: Path) -> Iterator[Article | InputError]:
    """``.xml`` is read as a feed; another kind of XML is reported as unsupported."""
    yield from read_feed_file(path)


def read_feed(data: bytes, origin: str) -> Iterator[Article | InputError]:
    parsed = feedparser.parse(io.BytesIO(data))  # a stream, so feedparser never treats it as a URL
    if not parsed.entries:
        reason = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        raise BadInput(f"feed has no entries{reason}")
    feed_title = _text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}:entry {number}"
        try:
            yield _entry_article(entry, feed_title, entry_origin)
        except BadInput as problem:
            yield error(entry_origin, problem)


def _entry_article(entry: Any, feed_title: str | None, origin: str) -> Article:
    text = fragment_to_text(_entry_html(entry))
    if not text:
        raise BadInput("entry has no content or summary text")
    guid = _text(entry.get("id"))
    article = new_article(
        text, origin, id=_usable_id(guid), title=_text(entry.get("title")),
        outlet=feed_title, url=_text(entry.get("link")), author=_entry_author(entry),
        published=_entry_date(entry))
    if guid and guid != article.id:
        article.meta["guid"] = guid
    return article


def _usable_id(guid: str | None) -> str | None:
    """The entry's id when it is short and URL-safe; else a stable hash of it.

    Many feeds use the article URL as its id; slashes and query strings in an id
    would break file names and web routes built from it (the full id is kept in meta).
    """
    if not guid:
        return None
    if _SAFE_ID.fullmatch(guid):
        return guid
    return "guid-" + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:16]


def _entry_author(entry: Any) -> str | None:
    """The author's name ("Iris Vane", not "desk@example (Iris Vane)") when the feed gives one."""
    raw = _text(entry.get("author"))
    email_and_name = _EMAIL_AND_NAME.fullmatch(raw or "")
    if email_and_name:  # RSS <author> style; feedparser's own split trips on long TLDs
        return email_and_name.group(1).strip()
    detail = entry.get("author_detail") or {}
    return _text(detail.get("name")) or raw


def _entry_html(entry: Any) -> str:
    """The longest of the entry's content parts and its summary."""
    candidates = [part.get("value", "") for part in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    return max(candidates, key=len)


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return from_struct_time(parsed)
        if entry.get(key):
            try:
                return normalise_date(entry[key])
            except DateError as err:
                raise BadInput(f"bad {key} date: {err}") from None
    return None


def fragment_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by blank lines, spaces collapsed."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return clean_body(html)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
