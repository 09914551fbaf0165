"""HTTP transport: one pooled session, explicit timeouts, every failure turned into a Reply.

Nothing here raises for network or upstream trouble, and no message carries a URL: the query
strings of the auth endpoints hold the secret and the access token.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

log = logging.getLogger("ekyc.transport")

BUSY_CODES = frozenset({"999999", "999998", "999997"})
RETRY_HTTP_STATUS = frozenset({502, 503, 504})
# Local pseudo-codes for failures that carry no upstream code (the catalog explains each).
NETWORK, TIMEOUT, HTTP_ERROR, BAD_ANSWER = "NETWORK", "TIMEOUT", "HTTP_ERROR", "BAD_ANSWER"
# A call whose connection broke after it was sent: upstream may have processed (and billed) it.
CONNECTION_LOST = "CONNECTION_LOST"
# A read timeout is not retried: upstream may have processed (and billed) the call already.
TRANSIENT = BUSY_CODES | {NETWORK}


@dataclass
class Reply:
    """One HTTP exchange: ``code`` is upstream's (as a string) or a local pseudo-code."""

    code: str
    msg: str
    payload: dict[str, Any] | None = None
    status: int = 0
    text: str = ""
    # The request may have reached upstream (connection lost after sending, read timeout):
    # resending a call that is not safe to repeat could bill it twice.
    maybe_processed: bool = False

    @property
    def ok(self) -> bool:
        return self.code == "0" and self.payload is not None

    @property
    def transient(self) -> bool:
        """Worth a new attempt: busy codes, connection trouble, HTTP 502/503/504."""
        return self.code in TRANSIENT or self.status in RETRY_HTTP_STATUS

    @property
    def raw(self) -> Any:
        return self.payload if self.payload is not None else (self.text or None)


class Transport:
    def __init__(self, connect_timeout: float, read_timeout: float, pool_size: int = 16) -> None:
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        # Retries live in the client, not in urllib3: each attempt must carry a new orderNo, nonce
        # and signature, which a resend of the same prepared request cannot.
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = "ekyc-demo"
        self.requests_sent = 0

    def get(self, url: str, params: Mapping[str, str]) -> Reply:
        return self._exchange("GET", url, params=params, timeout=self.timeout)

    def post(
        self, url: str, params: Mapping[str, str], body: bytes, timeout: float | None = None
    ) -> Reply:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        limits = self.timeout if timeout is None else (self.timeout[0], timeout)
        return self._exchange(
            "POST", url, params=params, data=body, headers=headers, timeout=limits
        )

    def close(self) -> None:
        self.session.close()

    def _exchange(self, method: str, url: str, **kwargs: Any) -> Reply:
        path = _path_only(url)
        started = time.perf_counter()
        self.requests_sent += 1
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.ConnectTimeout as exc:  # never reached the service: safe to retry
            _release(exc)
            log.debug("%s %s: connect timed out", method, path)
            return Reply(NETWORK, "could not reach the service")
        except requests.Timeout as exc:
            _release(exc)
            log.debug("%s %s timed out", method, path)
            return Reply(TIMEOUT, "the service did not answer in time", maybe_processed=True)
        except requests.RequestException as exc:
            reached = not _never_connected(exc)
            _release(exc)
            log.debug("%s %s failed: %s", method, path, type(exc).__name__)
            return Reply(NETWORK, "could not reach the service", maybe_processed=reached)
        reply = _parse(response)
        log.debug(
            "%s %s -> HTTP %s code %s in %.0f ms",
            method,
            path,
            response.status_code,
            reply.code,
            (time.perf_counter() - started) * 1000,
        )
        return reply


def _release(exc: BaseException) -> None:
    """Drop what a failed exchange's traceback holds: the broken connection and its socket.

    requests and urllib3 chain exceptions whose frames keep the failed connection and response
    alive in a reference cycle, so the socket stays open (CLOSE_WAIT) after ``close()`` until the
    cyclic garbage collector happens to run. Clearing the finished frames frees it at once.
    """
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        error = pending.pop()
        if not isinstance(error, BaseException) or id(error) in seen:
            continue
        seen.add(id(error))
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
        pending += [error.__cause__, error.__context__, *error.args]
        if isinstance(error, requests.RequestException):
            error.request = error.response = None


def _never_connected(exc: requests.RequestException) -> bool:
    """Refused or unresolvable: the request never left this machine."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _parse(response: requests.Response) -> Reply:
    status = response.status_code
    try:
        payload = response.json()
    except (ValueError, UnicodeDecodeError):
        return Reply(
            HTTP_ERROR,
            f"HTTP {status}: the answer was not JSON",
            status=status,
            text=_describe_body(response),
        )
    if not isinstance(payload, dict):
        # Not shown: a JSON array could hold recognised fields that mask_raw cannot find in text.
        return Reply(
            BAD_ANSWER,
            "the answer was not a JSON object",
            status=status,
            text=f"(a JSON {type(payload).__name__} instead of an object, not shown)",
        )
    if status >= 400 and "code" not in payload:
        return Reply(HTTP_ERROR, f"HTTP {status}", payload, status)
    code = payload.get("code")
    if code is None:
        return Reply(BAD_ANSWER, "the answer carried no code", payload, status)
    return Reply(str(code).strip(), str(payload.get("msg") or ""), payload, status)


def _describe_body(response: requests.Response) -> str:
    """What a non-JSON answer was, safe to show: a proxy page's text, never a broken JSON body.

    A JSON answer cut short (a dropped proxy connection, a truncated read) still carries whatever
    it held before the cut: an access token or ticket from an auth endpoint, an ID number from an
    OCR call. It cannot be parsed, so it cannot be masked either: say what it was instead.
    """
    body = response.content or b""
    if body.lstrip()[:1] in (b"{", b"["):
        return f"(an incomplete JSON answer of {len(body)} bytes, not shown)"
    return _strip_markup(response.text[:200])


def _strip_markup(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).strip()


def _path_only(url: str) -> str:
    return url.split("?", 1)[0]


def backoff_delay(attempt: int, base: float) -> float:
    """Exponential backoff with full jitter: attempt 1 -> up to base, 2 -> up to 2*base, ..."""
    return base * (2 ** (attempt - 1)) * (0.5 + random.random() / 2)


def json_body(fields: Mapping[str, Any], media: Mapping[str, bytes]) -> bytes:
    """Compact JSON with the base64 media spliced in as bytes.

    Base64 needs no JSON escaping, so splicing avoids two more full-size copies of a 20 MB
    video (a str and its encoding) that ``json.dumps`` would make.
    """
    head = json.dumps(dict(fields), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    parts = [head[:-1]]
    for name, b64 in media.items():
        parts.append(b',"' + name.encode("ascii") + b'":"')
        parts.append(b64)
        parts.append(b'"')
    parts.append(b"}")
    return b"".join(parts)
