"""The ``.txt`` reader: the whole file is the article.

A file may open with metadata lines ("Title: ...", "Date: ...", "Outlet: ...",
"URL: ...", "Author: ...", "Id: ..."; names from
``lexicons/ingest_header_fields.tsv``, case-insensitive) ended by the first
blank line or the first line that is not metadata, or with an inline prefix
"date YYYY-MM-DD" before the first sentence. Metadata is removed from the text.
The file stem is the article id unless an "Id:" line states one, because the
evaluation tools match records to their input files by stem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from crosswire.ingest.common import (BadInput, clean_body, decode_text, error, field_names,
                                     new_article, read_bytes, require_text)
from crosswire.ingest.dates import DateError, normalise_date
from crosswire.model import Article, InputError

_HEADER_LINE = re.compile(r"\s*([A-Za-z][A-Za-z _-]*?)\s*:\s?(.*)")
_INLINE_DATE = re.compile(
    r"\s*date\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s+",
    re.IGNORECASE)


@dataclass
class ParsedText:
    body: str
    metadata: dict[str, str] = field(default_factory=dict)


def read_text_file(path: Path) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        parsed = parse_text(decode_text(read_bytes(path)))
        yield new_article(require_text(parsed.body), origin, **_article_metadata(parsed, path))
    except BadInput as problem:
        yield error(origin, problem)


def parse_text(raw: str) -> ParsedText:
    """Split a text file into its metadata and its body (stripped)."""
    lines = clean_body(raw).split("\n")
    metadata, body_start = _header_block(lines)
    body = clean_body("\n".join(lines[body_start:]))
    inline = _INLINE_DATE.match(body)
    if inline:
        metadata.setdefault("published", inline.group(1))
        body = clean_body(body[inline.end():])
    return ParsedText(body=body, metadata=metadata)


def _header_block(lines: list[str]) -> tuple[dict[str, str], int]:
    """Metadata from the leading header lines, and the index of the first body line."""
    names = field_names()
    metadata: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            return metadata, (index + 1 if metadata else index)
        match = _HEADER_LINE.fullmatch(line)
        key = _header_key(match) if match else None
        if key not in names:
            return metadata, index
        value = match.group(2).strip()
        if value:
            metadata.setdefault(names[key], value)
    return metadata, len(lines)


def _header_key(match: re.Match) -> str:
    return re.sub(r"[\s-]+", "_", match.group(1).strip().lower())


def _article_metadata(parsed: ParsedText, path: Path) -> dict[str, str | None]:
    fields = dict(parsed.metadata)
    fields.setdefault("id", path.stem)
    if "published" in fields:
        try:
            fields["published"] = normalise_date(fields["published"])
        except DateError as err:
            raise BadInput(f"bad Date: {err}") from None
    return fields
