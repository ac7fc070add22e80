"""The WARC reader: each HTML ``response`` record is one article.

The payload goes through the HTML reader; the URL comes from
WARC-Target-URI and the date from the page, else from WARC-Date. Records
that are not successful HTML responses (requests, metadata, images,
redirects) are skipped: a crawl is full of them and none is an article.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crosswire.ingest.common import BadInput, error
from crosswire.ingest.html_files import article_from_html
from crosswire.model import Article, InputError


def read_warc_file(path: Path) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        if not _starts_like_warc(path):
            yield error(origin, "not a WARC file (it does not start with a WARC/1.x record)")
            return
        with path.open("rb") as stream:
            yield from _read_records(stream, origin)
    except OSError as err:
        yield error(origin, f"cannot read: {err.strerror or err}")
    except ArchiveLoadFailed as err:
        yield error(origin, f"not a readable WARC file: {err}")


def _starts_like_warc(path: Path) -> bool:
    """warcio would read any text as an old-style ARC record, so check the WARC magic first."""
    with path.open("rb") as raw:
        head = raw.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as stream:
            return stream.read(5) == b"WARC/"
    except (OSError, EOFError):
        return False


def _read_records(stream: Any, origin: str) -> Iterator[Article | InputError]:
    pages = 0
    for number, record in enumerate(ArchiveIterator(stream), start=1):
        if not _is_html_page(record):
            continue
        pages += 1
        record_origin = f"{origin}:record {number}"
        headers = record.rec_headers
        try:
            yield article_from_html(record.content_stream().read(), record_origin,
                                    url=headers.get_header("WARC-Target-URI"),
                                    fallback_date=headers.get_header("WARC-Date"))
        except BadInput as problem:
            yield error(record_origin, problem)
    if pages == 0:
        yield error(origin, "the archive holds no successful HTML responses")


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and ("html" in content_type)
