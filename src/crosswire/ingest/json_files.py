"""The JSON readers: ``.jsonl`` (one object per line), ``.json`` (an object,
a list of objects, or JSON Lines despite the name), and standard input.

Each object needs ``text``; ``id``, ``title``, ``published``, ``outlet`` (or
``source``), ``url``, ``author`` and their aliases in
``lexicons/ingest_header_fields.tsv`` fill the Article; every other key is
kept under ``meta``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from crosswire.ingest.common import (BadInput, clean_body, decode_text, error, field_names,
                                     new_article, read_bytes)
from crosswire.ingest.dates import DateError, normalise_date
from crosswire.model import Article, InputError


def read_json_lines_file(path: Path) -> Iterator[Article | InputError]:
    """A ``.jsonl`` file, streamed line by line: a bad line (even one not in UTF-8) costs only itself."""
    origin = str(path)
    try:
        with path.open("rb") as stream:
            if b"\x00" in stream.peek(8192)[:8192]:
                yield error(origin, "file is binary, not JSON Lines")
                return
            found = yield from read_json_lines(_decoded_lines(stream, origin), origin)
    except OSError as err:
        yield error(origin, f"cannot read: {err.strerror or err}")
        return
    if not found:
        yield error(origin, "file is empty")


def read_json_lines_stream(stream: Any, name: str) -> Iterator[Article | InputError]:
    """JSON Lines from an open stream (standard input): bytes when it has them, so
    that one line in a wrong encoding is reported instead of ending the run."""
    binary = getattr(stream, "buffer", None)
    lines = _decoded_lines(binary, name) if binary is not None else stream
    yield from read_json_lines(lines, name)


def _decoded_lines(stream: Iterable[bytes], origin: str) -> Iterator[str | InputError]:
    """Lines split at "\n" only (JSON strings may hold U+2028, which splitlines would cut at)."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield decode_text(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw, "line")
        except BadInput as problem:
            yield error(f"{origin}:{number}", problem)


def read_json_lines(lines: Iterable[str | InputError], name: str) -> Iterator[Article | InputError]:
    """One article per non-blank line; origin ``name:line``. Returns how many lines held something."""
    found = 0
    for number, line in enumerate(lines, start=1):
        if isinstance(line, InputError):
            found += 1
            yield line
            continue
        if not line.strip():
            continue
        found += 1
        origin = f"{name}:{number}"
        try:
            yield article_from_object(_parse_line(line), origin)
        except BadInput as problem:
            yield error(origin, problem)
    return found


def read_json_file(path: Path) -> Iterator[Article | InputError]:
    """A ``.json`` file: one object, a list of objects, or JSON Lines."""
    origin = str(path)
    try:
        content = _non_empty(decode_text(read_bytes(path)))
    except BadInput as problem:
        yield error(origin, problem)
        return
    try:
        document = json.loads(content)
    except json.JSONDecodeError as err:
        if _looks_like_json_lines(content):
            yield from read_json_lines(content.split("\n"), origin)
        else:
            yield error(f"{origin}:{err.lineno}", f"invalid JSON: {err.msg} (column {err.colno})")
        return
    yield from _read_document(document, origin)


def _non_empty(content: str) -> str:
    if not content.strip():
        raise BadInput("file is empty")
    return content


def _read_document(document: Any, origin: str) -> Iterator[Article | InputError]:
    wrapped = _wrapped_list(document)
    if wrapped is not None:  # {"articles": [...]}, as news APIs return them
        key, document = wrapped
        origin = f"{origin}:{key}"
    if isinstance(document, list):
        for number, item in enumerate(document, start=1):
            item_origin = f"{origin}:item {number}"
            try:
                yield article_from_object(item, item_origin)
            except BadInput as problem:
                yield error(item_origin, problem)
        return
    try:
        yield article_from_object(document, origin)
    except BadInput as problem:
        yield error(origin, problem)


def _wrapped_list(document: Any) -> tuple[str, list] | None:
    """The one list of objects inside an object that is not itself an article, if any."""
    if not isinstance(document, dict) or "text" in document:
        return None
    lists = [(k, v) for k, v in document.items()
             if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
    return lists[0] if len(lists) == 1 else None


def _looks_like_json_lines(content: str) -> bool:
    first = next((line for line in content.split("\n") if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _parse_line(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise BadInput(f"invalid JSON: {err.msg} (column {err.colno})") from None


def article_from_object(obj: Any, origin: str) -> Article:
    """An Article from one JSON object; :class:`BadInput` when it cannot be one."""
    if not isinstance(obj, dict):
        raise BadInput(f"expected a JSON object, got {type(obj).__name__}")
    text = _required_text(obj)
    fields, meta = _split_fields(obj)
    if "published" in fields:
        try:
            fields["published"] = normalise_date(fields["published"])
        except DateError as err:
            raise BadInput(f"bad published date: {err}") from None
    article = new_article(text, origin, **fields)
    article.meta = meta
    return article


def _required_text(obj: dict) -> str:
    if "text" not in obj:
        raise BadInput('no "text" field')
    if not isinstance(obj["text"], str):
        raise BadInput(f'"text" is {type(obj["text"]).__name__}, not a string')
    text = clean_body(obj["text"])
    if not text:
        raise BadInput('"text" is empty')
    return text


def _split_fields(obj: dict) -> tuple[dict[str, str], dict[str, Any]]:
    """Known fields (a field's own name wins over its aliases) and the rest as meta."""
    names = field_names()
    fields: dict[str, str] = {}
    meta: dict[str, Any] = {}
    # Own names first, so "published" beats an alias such as "date".
    ordered = sorted((k for k in obj if k != "text"), key=lambda k: names.get(k.lower()) != k.lower())
    for key in ordered:
        target = names.get(key.lower())
        if target and target not in fields:
            value = _as_field_value(obj[key], key)
            if value:
                fields[target] = value
            continue  # a stated-but-empty field is simply absent
        meta[key] = obj[key]
    return fields, meta


def _as_field_value(value: Any, key: str) -> str | None:
    """A metadata value as a string: numbers as written, lists of names joined,
    {"name": ...} by its name; :class:`BadInput` for any other type (a field
    silently dropped would be a wrong article, not a missing detail)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return _as_field_value(value.get("name"), key)
    if isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value):
        parts = [p for p in (_as_field_value(v, key) for v in value) if p]
        return ", ".join(parts) or None
    raise BadInput(f'"{key}" is {_json_type(value)}, not a string')


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return 'an object without a "name"'
    if isinstance(value, list):
        return "a list of other than names"
    return type(value).__name__
