"""Login throttling per client address, in front of Gradio's own ``POST /login``.

Gradio checks the password inside its /login route and hands an auth function only the user name
and password, never the client's address, so the throttle sits in front of the route as ASGI
middleware (passed to the FastAPI app through ``launch(app_kwargs=...)``). After ``ATTEMPTS``
failures in a row from one address, its logins are refused for the lock-out time without
checking the password (HTTP 429 with Retry-After); each lock-out in a row doubles it, up to
``MAX_LOCKOUT``; a successful login clears the address's record. The event is logged with the
address and the lock-out, never the user name or the password.

The address is the one uvicorn reports: behind a reverse proxy, set ``FORWARDED_ALLOW_IPS`` to
the proxy's address so that uvicorn takes the visitor's from X-Forwarded-For.
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("webui.login")

ATTEMPTS = 5  # failures in a row before a lock-out
LOCKOUT_VARIABLE = "EKYC_LOGIN_LOCKOUT"
DEFAULT_LOCKOUT = 60.0  # seconds, doubled for each lock-out in a row
MAX_LOCKOUT = 900.0
MAX_ADDRESSES = 10_000  # memory bound: the oldest records go first


@dataclass
class _Record:
    failures: int = 0
    lockouts: int = 0
    until: float = 0.0


class LoginThrottle:
    """The bookkeeping, apart from HTTP so that it is easy to test."""

    def __init__(self, lockout: float = DEFAULT_LOCKOUT, attempts: int = ATTEMPTS) -> None:
        self.lockout, self.attempts = lockout, attempts
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, address: str) -> float:
        """Seconds this address must still wait; 0 when it may try. Counts the attempt."""
        now = time.monotonic()
        with self._lock:
            record = self._records.pop(address, None) or _Record()
            self._records[address] = record
            while len(self._records) > MAX_ADDRESSES:
                self._records.popitem(last=False)
            if record.until > now:
                return record.until - now
            # Counted before the answer, so that parallel attempts cannot slip past the limit.
            record.failures += 1
            if record.failures >= self.attempts:
                seconds = min(self.lockout * 2**record.lockouts, MAX_LOCKOUT)
                record.until, record.failures = now + seconds, 0
                record.lockouts += 1
                log.warning(
                    "login: %d failed attempts in a row from %s; its logins are refused for %.0f s",
                    self.attempts,
                    address,
                    seconds,
                )
            return 0.0

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._records.pop(address, None)


def lockout_from_env() -> float:
    value = os.environ.get(LOCKOUT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_LOCKOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not math.isfinite(seconds) or seconds <= 0:
        raise SystemExit(f"{LOCKOUT_VARIABLE} must be a number of seconds above 0, not {value!r}")
    return seconds


class LoginGuard:
    """ASGI middleware: throttles ``POST .../login`` and lets everything else through."""

    def __init__(self, app: Any, throttle: LoginThrottle) -> None:
        self.app, self.throttle = app, throttle

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "").rstrip("/")
        if scope["type"] != "http" or scope.get("method") != "POST" or not path.endswith("/login"):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = client[0] if client else "unknown"
        wait = self.throttle.wait(address)
        if wait > 0:
            await _refuse(send, wait)
            return
        status: list[int] = []

        async def watch(message: dict) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status and status[0] < 400:
            self.throttle.succeeded(address)


async def _refuse(send: Any, wait: float) -> None:
    seconds = math.ceil(wait)
    body = json.dumps(
        {
            "detail": f"Too many failed logins: try again in {seconds} s.",
            "detail_zh": f"登录失败次数过多，请 {seconds} 秒后再试。",
        },
        ensure_ascii=False,
    ).encode()
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(seconds).encode()),
    ]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# Shown on the login page, in both languages (the page's language switch is behind the login).
LOGIN_NOTICE = (
    "After {attempts} failed attempts in a row, logins from your address are paused for "
    "{seconds:.0f} s (longer if it happens again).<br>"
    "连续 {attempts} 次登录失败后，来自您地址的登录将暂停 {seconds:.0f} 秒（再次发生则更久）。"
)
