"""The API 3.0 side's entry point: one request in, one reply out, as upstream orders its checks.

Checks, in order (each answers upstream's code): body size (RequestSizeLimitExceeded), the
X-TC-Action header (MissingParameter), the content type (InvalidParameter), the TC3 signature
(``tc3.verify``: MissingParameter, InvalidParameter, AuthFailure.InvalidAuthorization,
AuthFailure.SignatureExpire, AuthFailure.SecretIdNotFound, AuthFailure.SignatureFailure), the
version (NoSuchVersion), the action (InvalidAction), the region (UnsupportedRegion), the rate
(RequestLimitExceeded), the JSON body (InvalidParameter), then the action's own checks.
"""

from __future__ import annotations

import json
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import answers, tc3
from .actions import Actions
from .answers import SIMULATED
from .page import PREFIX, VerificationPage
from .params import ApiError
from .samples import Samples
from .state import RATE_LIMIT, TOKEN_LIFETIME, Api3State

JSON_TYPE = "application/json"  # exactly: the SDK reads errors only from this content type

FAULTS = ("http502", "drop", "truncated", "slow")
HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"
SANDBOX_KEY_C = ("AKIDsandboxEKYCdemo0000000000000001", "sandbox-tc3-secret-key-0001")


@dataclass
class Api3Reply:
    status: int
    body: bytes
    content_type: str = JSON_TYPE
    location: str = ""
    code: str = ""  # the error code, "" on success


def claims(path: str, headers: Mapping[str, str]) -> bool:
    """Whether a request belongs to the API 3.0 side (``POST /`` or the verification page)."""
    return path == "/" or path.startswith(PREFIX) or "x-tc-action" in headers


class Api3Service:
    def __init__(
        self,
        now: Callable[[], float],
        keys: Mapping[str, str] | None = None,
        token_lifetime: float = TOKEN_LIFETIME,
        rate_limit: int = RATE_LIMIT,
        assets_dir: Path | None = None,
    ) -> None:
        self.state = Api3State(
            {SANDBOX_KEY_C[0]: SANDBOX_KEY_C[1], **(keys or {})}, now, token_lifetime, rate_limit
        )
        self.samples = Samples(assets_dir)
        self.public_url = ""  # where a phone reaches the emulator; set when it starts
        self.actions = Actions(self.state, self.samples, lambda: self.public_url)
        self.page = VerificationPage(self.state)
        self._injected: deque[str] = deque()
        self._faults: deque[tuple[str, float]] = deque()

    def inject(self, code: str, times: int = 1) -> None:
        """Answer the next ``times`` authenticated actions with the error ``code`` (tests)."""
        self._injected.extend([code] * times)

    def inject_fault(self, kind: str, times: int = 1, delay: float = 0.0) -> None:
        """Break the next ``times`` API requests: "http502", "drop", "truncated" or "slow"."""
        if kind not in FAULTS:
            raise ValueError(f"fault kind must be one of {FAULTS}, not {kind!r}")
        self._faults.extend([(kind, delay)] * times)

    def take_fault(self, path: str) -> tuple[str, float] | None:
        """The transport fault for this request, if one is pending (never on the page)."""
        if path.startswith(PREFIX) or not self._faults:
            return None
        try:
            return self._faults.popleft()
        except IndexError:
            return None

    def handle(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes | None
    ) -> Api3Reply:
        """``headers`` with lower-case names; ``body`` None when it was over the size limit."""
        if path.startswith(PREFIX):
            page = self.page.handle(method, path, query, body or b"")
            return Api3Reply(page.status, page.body, page.content_type, page.location)
        if path == "/" and "x-tc-action" not in headers and method in ("GET", "HEAD"):
            text = b"ekyc sandbox: Tencent Cloud API 3.0 (faceid) at POST /\n"
            return Api3Reply(200, text, "text/plain; charset=utf-8")
        try:
            return self._ok(self._action(method, path, query, headers, body))
        except (ApiError, tc3.AuthRefusal) as refusal:
            return self._error(refusal.code, refusal.message)
        except Exception as exc:  # a sandbox bug: say so with upstream's code for it
            return self._error("InternalError", f"sandbox internal error ({type(exc).__name__})")

    def _action(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes | None
    ) -> dict[str, Any]:
        if body is None:
            raise ApiError("RequestSizeLimitExceeded")
        action = headers.get("x-tc-action", "").strip()
        if not action:
            raise ApiError("MissingParameter", "The request is missing the X-TC-Action header.")
        if method != "POST" or not headers.get("content-type", "").startswith(JSON_TYPE):
            raise ApiError(
                "InvalidParameter", "The sandbox takes POST with Content-Type: application/json."
            )
        verified = tc3.verify(
            method, path, query, headers, body, self.state.now(), self.state.secret_of
        )
        if headers.get("x-tc-version", "") != answers.SERVICE_VERSION:
            raise ApiError("NoSuchVersion", f"faceid has version {answers.SERVICE_VERSION} only.")
        handler = self.actions.handler(action)
        if handler is None:
            raise ApiError("InvalidAction", f"The action `{action}` does not exist.")
        region = headers.get("x-tc-region", "")
        if region and region not in answers.INTL_REGIONS | answers.CHINA_REGIONS:
            raise ApiError("UnsupportedRegion", f"The region `{region}` is not supported.")
        if not self.state.within_rate(verified.secret_id, action):
            raise ApiError("RequestLimitExceeded")
        if self._injected:
            raise ApiError(self._injected.popleft())
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            raise ApiError("InvalidParameter", "The body is not JSON.") from None
        if not isinstance(params, dict):
            raise ApiError("InvalidParameter", "The body is not a JSON object.")
        return handler(verified.secret_id, params)

    def _ok(self, fields: dict[str, Any]) -> Api3Reply:
        return Api3Reply(200, _json({"Response": {**fields, "RequestId": _request_id()}}))

    def _error(self, code: str, message: str) -> Api3Reply:
        error = {"Code": code, "Message": f"{message} ({SIMULATED})"}
        body = _json({"Response": {"Error": error, "RequestId": _request_id()}})
        return Api3Reply(200, body, code=code)


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _request_id() -> str:
    """Upstream's RequestIds are UUIDs; the sandbox's say where they come from."""
    return f"sandbox-{uuid.uuid4()}"
