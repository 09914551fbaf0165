"""The guard in front of Gradio's MCP routes (/gradio_api/mcp/...): login and body size.

Gradio mounts its MCP server as a separate app under /gradio_api/mcp, outside the login that
guards the page and the API: with ``auth`` set, anyone could list and call the tools. This ASGI
middleware closes that: an MCP request passes with HTTP Basic credentials matching
``EKYC_AUTH`` (the header an MCP client can be configured to send) or with the page's own login
cookie; anything else gets 401 and nothing of the tools. Repeated wrong passwords from one
address are slowed down like the page's login form.

Files reach a tool inside the request as data: URIs, which ``max_file_size`` (uploads only) does
not see: a request larger than the largest call could need (every file of the capability with
the most files, at the 20 MiB cap, in base64) is refused with 413 before it is read.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ekyc.capabilities import CAPABILITIES
from ekyc.media_files import MAX_FILE_BYTES, MIB

MCP_PATH = "/gradio_api/mcp"
MAX_BODY = max(len(c.files) for c in CAPABILITIES) * (MAX_FILE_BYTES * 4 // 3 + 4) + MIB
MAX_FAILURES = 10  # wrong passwords per address within the window before 429
WINDOW_SECONDS = 300.0
MAX_ADDRESSES = 10_000


class McpGuard:
    """ASGI middleware: the MCP routes' body size, and the page's credentials when set."""

    def __init__(
        self, app: ASGIApp, credentials: tuple[str, str] | None = None, max_body: int = MAX_BODY
    ) -> None:
        self.app = app
        self.user, self.password = credentials or ("", "")
        self.login = credentials is not None
        self.max_body = max_body
        self._failures: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not _is_mcp(scope):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await _refuse(scope, send, 413, f"request larger than {self.max_body} bytes")
            return
        receive = _bounded(receive, self.max_body)
        if not self.login:
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("?", 0))[0]
        if self._throttled(address):
            await _refuse(scope, send, 429, "too many failed logins; wait a few minutes")
            return
        basic = _basic(headers.get("authorization", ""))
        if basic is not None and self._matches(*basic):
            await self.app(scope, receive, send)
            return
        if basic is None and _has_login_cookie(scope, headers.get("cookie", "")):
            await self.app(scope, receive, send)
            return
        if basic is not None:
            self._fail(address)
        await _refuse(scope, send, 401, "login required: send the page's user and password")

    def _matches(self, user: str, password: str) -> bool:
        same_user = hmac.compare_digest(user.encode(), self.user.encode())
        same_password = hmac.compare_digest(password.encode(), self.password.encode())
        return same_user and same_password

    def _throttled(self, address: str) -> bool:
        with self._lock:
            recent = [
                t for t in self._failures.get(address, []) if time.monotonic() - t < WINDOW_SECONDS
            ]
            self._failures[address] = recent
            return len(recent) >= MAX_FAILURES

    def _fail(self, address: str) -> None:
        with self._lock:
            self._failures.setdefault(address, []).append(time.monotonic())
            self._failures.move_to_end(address)
            while len(self._failures) > MAX_ADDRESSES:
                self._failures.popitem(last=False)


def _bounded(receive: Receive, limit: int) -> Receive:
    """``receive`` that ends the request (as a disconnect) once the body passes ``limit``."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                return {"type": "http.disconnect"}
        return message

    return bounded


def _is_mcp(scope: Scope) -> bool:
    path = scope.get("path", "")
    root = scope.get("root_path", "").rstrip("/")
    path = path.removeprefix(root) if root else path
    return path == MCP_PATH or path.startswith(MCP_PATH + "/")


def _basic(header: str) -> tuple[str, str] | None:
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")  # malformed credentials count as wrong ones
    user, _, password = decoded.partition(":")
    return user, password


def _has_login_cookie(scope: Scope, cookie_header: str) -> bool:
    """The page's login cookie (a browser that logged in), checked against Gradio's tokens."""
    app: Any = scope.get("app")
    tokens = getattr(app, "tokens", None)
    cookie_id = getattr(app, "cookie_id", None)
    if not tokens or not cookie_id:
        return False
    names = (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}")
    for part in cookie_header.split(";"):
        name, _, value = part.strip().partition("=")
        if name in names and value in tokens:
            return True
    return False


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Basic realm="eKYC demo MCP", charset="UTF-8"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def launch_options(auth: tuple[str, str] | None, mcp: bool) -> dict[str, Any]:
    """What ``demo.launch`` needs for MCP: the server on or off, and its login when auth is set."""
    options: dict[str, Any] = {"mcp_server": mcp}
    if mcp:
        options["app_kwargs"] = {"middleware": [Middleware(McpGuard, credentials=auth)]}
    return options
