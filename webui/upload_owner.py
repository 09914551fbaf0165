"""Uploads tied to the browser (or script) that sent them: another one cannot use or fetch them.

Gradio's upload route receives no session identifier (neither its browser client nor
gradio_client sends one), so a path alone says nothing about who uploaded it. This middleware
gives every client a random, HttpOnly cookie (``COOKIE``; gradio_client keeps the cookies of its
first answer too) and records:
- which cookie uploaded each path (``POST .../upload``);
- which cookie each Gradio session runs with (``POST .../queue/join`` carries the session hash).
``Page.execute`` then refuses a file that another cookie uploaded, and the middleware answers 404
to a download of it (``GET .../file=<path>``). A client that sends no cookie at all (a bare
script) owns its uploads together with every other such client: there is nothing to tell them
apart by. Paths not uploaded through the route (camera captures) and copies of the bundled
samples (one cached copy per content serves the galleries and anyone who uploads the same bytes)
are not restricted. The records live in memory, bounded, like the rest of the page's state.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parents[1] / "assets"
COOKIE = "ekyc-uploader"
MAX_PATHS = 100_000
MAX_SESSIONS = 10_000
MAX_JOIN_BODY = 1024 * 1024  # a join request names files, it never carries them
NOT_YOURS = {
    "en": "this file was uploaded from another browser or script; please add it again here.",
    "zh": "此文件由其他浏览器或脚本上传，请在此重新添加文件。",
}


@cache
def _samples() -> dict[int, frozenset[str]]:
    """Sizes and SHA-256 of the bundled samples: a copy of one is nobody's private file (the
    cache holds one copy per content, shared by the sample galleries and any upload of it)."""
    found: dict[int, set[str]] = {}
    for file in ASSETS.rglob("*") if ASSETS.is_dir() else ():
        if file.is_file():
            data = file.read_bytes()
            found.setdefault(len(data), set()).add(hashlib.sha256(data).hexdigest())
    return {size: frozenset(digests) for size, digests in found.items()}


def _is_sample(path: str) -> bool:
    try:
        digests = _samples().get(os.path.getsize(path))
        if not digests:
            return False
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest() in digests
    except OSError:
        return False


class Owners:
    def __init__(self) -> None:
        self._paths: OrderedDict[str, set[str | None]] = OrderedDict()
        self._sessions: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()

    def own(self, paths: Iterable[str], token: str | None) -> None:
        keys = [os.path.realpath(path) for path in paths]
        private = [key for key in keys if not _is_sample(key)]
        with self._lock:
            for key in private:
                self._paths.setdefault(key, set()).add(token)
                self._paths.move_to_end(key)
            while len(self._paths) > MAX_PATHS:
                self._paths.popitem(last=False)

    def bind(self, session: str, token: str | None) -> bool:
        """Tie a Gradio session to the cookie it runs with; False when it is already another's
        (someone who learnt a session hash cannot run in it, and so use its files)."""
        with self._lock:
            if session in self._sessions and self._sessions[session] != token:
                return False
            self._sessions[session] = token
            self._sessions.move_to_end(session)
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
            return True

    def may_read(self, path: str, token: str | None) -> bool:
        with self._lock:
            owners = self._paths.get(os.path.realpath(path))
        return owners is None or token in owners

    def may_use(self, paths: Sequence[str | None], session: str) -> bool:
        """Whether this Gradio session may use these files (unknown paths are not restricted)."""
        with self._lock:
            token = self._sessions.get(session)
        return all(self.may_read(str(path), token) for path in paths if path)


OWNERS = Owners()  # one page per process; tokens are random, so pages in tests cannot clash


def _cookie(scope: dict) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header: no token
                return None
            if COOKIE in jar:
                return jar[COOKIE].value or None
    return None


class UploadOwnership:
    """ASGI middleware: hands out the cookie, records uploads and joins, guards downloads."""

    def __init__(self, app: Any, owners: Owners = OWNERS) -> None:
        self.app, self.owners = app, owners

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _cookie(scope)
        path, method = scope.get("path", ""), scope.get("method")
        if (
            method == "GET"
            and "/file=" in path
            and not self.owners.may_read(path.split("/file=", 1)[1], token)
        ):
            await _answer(send, 404)
            return
        if method == "POST" and path.rstrip("/").endswith("/queue/join"):
            receive = await self._record_join(receive, token)
            if receive is None:
                await _answer(send, 403)
                return
        uploading = method == "POST" and path.rstrip("/").endswith("/upload")
        fresh = None if token else secrets.token_urlsafe(18)
        body: list[bytes] = []
        status: list[int] = []

        async def wrapped(message: dict) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                if fresh:
                    cookie = f"{COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Lax"
                    headers = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
                    message = {**message, "headers": headers}
            elif uploading and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body") and status and status[0] == 200:
                    self._record_upload(b"".join(body), token)
            await send(message)

        await self.app(scope, receive, wrapped)

    def _record_upload(self, body: bytes, token: str | None) -> None:
        try:
            paths = json.loads(body)
        except ValueError:
            return
        if isinstance(paths, list):
            self.owners.own([p for p in paths if isinstance(p, str)], token)

    async def _record_join(self, receive: Any, token: str | None) -> Any:
        """Read the join request (a small JSON body), note its session, hand it on unchanged;
        None when the session belongs to another cookie."""
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = bool(message.get("more_body"))
            if size > MAX_JOIN_BODY:
                break
        body = b"".join(chunks)
        if not more:
            try:
                session = json.loads(body).get("session_hash")
            except (ValueError, AttributeError):
                session = None
            if isinstance(session, str) and session and not self.owners.bind(session, token):
                return None
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": more}
            return await receive()

        return replay


async def _answer(send: Any, status: int) -> None:
    await send({"type": "http.response.start", "status": status, "headers": []})
    await send({"type": "http.response.body", "body": b""})
