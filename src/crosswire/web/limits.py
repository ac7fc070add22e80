"""Request limits: a body larger than the server accepts is refused with 413
before it is read into memory, whether the client states its length
(Content-Length) or streams it in chunks (counted as it arrives)."""
from __future__ import annotations

import json

BODY_METHODS = {"POST", "PUT", "PATCH"}


def body_limit_for(max_chars: int) -> int:
    """Bytes of JSON an article of ``max_chars`` characters may need: UTF-8 takes
    up to 4 bytes a character (escapes such as \\n two), plus room for metadata."""
    return 4 * max_chars + 64 * 1024


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``."""

    def __init__(self, app, max_bytes: int, headers: dict[str, str] | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.headers = headers or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send, f"{declared} bytes")
            return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:  # at most max_bytes are ever held
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                await self._refuse(send, "more")
                return
            chunks.append(body)
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, send, size: str) -> None:
        detail = (f"request body too large ({size}; limit {self.max_bytes} bytes): "
                  "send one article per request, within the server's --max-chars")
        payload = json.dumps({"detail": detail}).encode()
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(payload)).encode()),
                   (b"connection", b"close"),
                   *((k.lower().encode(), v.encode()) for k, v in self.headers.items())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive):
    """A ``receive`` that hands the app the body already read, then the real stream."""
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return replayed
