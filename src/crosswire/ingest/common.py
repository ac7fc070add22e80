"""Helpers every reader shares: decoding files, cleaning text, naming fields."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from crosswire import lexicons
from crosswire.model import Article, InputError


class BadInput(Exception):
    """Raised inside a reader for one bad input; becomes an :class:`InputError`."""


def decode_text(data: bytes, what: str = "file") -> str:
    """Bytes as UTF-8 text (a BOM is dropped); :class:`BadInput` for binary or other encodings."""
    if b"\x00" in data[:8192]:
        raise BadInput(f"{what} is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadInput(f"{what} is not UTF-8 text (byte {err.start}: {data[err.start:err.start + 1]!r})") from None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read: {err.strerror or err}") from None


def clean_body(text: str) -> str:
    """Unify line ends and strip the surrounding whitespace, so offsets start at the first real character."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# Article ids appear in URLs, file names and messages: letters, digits, space
# and . , : @ + ~ _ - only, at most 200 characters, not starting with a dot
# (so never "..", a path, a query string or a fragment).
SAFE_ID = re.compile(r"(?!\.)[\w.,:@+~ -]{1,200}")


def check_id(article_id: str) -> None:
    if not SAFE_ID.fullmatch(article_id):
        raise BadInput(f"unsafe id {article_id[:80]!r}: use at most 200 letters, digits, spaces "
                       "and . , : @ + ~ _ - (not starting with a dot)")


def require_text(text: str, what: str = "article") -> str:
    if not text.strip():
        raise BadInput(f"{what} has no text")
    return text


@lru_cache(maxsize=1)
def field_names() -> dict[str, str]:
    """Metadata names as inputs write them (lower case) -> ``Article`` field."""
    rows = lexicons.load("ingest_header_fields.tsv")
    return {row["name"].strip().lower(): row["field"].strip() for row in rows}


def error(origin: str, problem: BadInput | str) -> InputError:
    return InputError(origin=origin, message=str(problem))


def new_article(text: str, origin: str, **fields) -> Article:
    """An Article with empty metadata values dropped (so fill-ins can apply)."""
    kept = {k: v for k, v in fields.items() if v not in (None, "")}
    return Article(text=text, origin=origin, **kept)
