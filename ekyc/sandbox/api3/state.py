"""The API 3.0 side's state: Key C credentials, biz tokens of the HTML5 flow, a rate limit.

Held in memory, only what the protocol needs: a token keeps which reference sample it was given
(by name, never the photo), its options and the attempts made on the simulated page.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TOKEN_LIFETIME = 600.0  # s a BizToken stays usable (10 minutes, per the SDK's documents)
RESULT_RETENTION = 3600.0  # s a token's result can still be fetched after it expired
RATE_LIMIT = 20  # requests per second per SecretId and action


@dataclass
class Attempt:
    error_code: int
    liveness_code: int | None
    compare_code: int | None
    similarity: float | None
    at: float
    seq: str


@dataclass
class BizToken:
    value: str
    secret_id: str
    created_at: float
    expires_at: float
    redirect_url: str
    extra: str
    check_mode: int
    security_level: int
    language: str
    photo: str | None  # relative path of the bundled reference photo, None when unknown
    attempts: list[Attempt] = field(default_factory=list)
    finished_at: float | None = None

    @property
    def final(self) -> Attempt | None:
        return self.attempts[-1] if self.finished_at is not None and self.attempts else None


class Api3State:
    def __init__(
        self,
        keys: dict[str, str],
        now: Callable[[], float] = time.time,
        token_lifetime: float = TOKEN_LIFETIME,
        rate_limit: int = RATE_LIMIT,
    ) -> None:
        self.keys = dict(keys)
        self.now = now
        self.token_lifetime = token_lifetime
        self.rate_limit = rate_limit
        self.lock = threading.RLock()
        self.tokens: dict[str, BizToken] = {}
        self._recent: dict[tuple[str, str], deque[float]] = {}
        self.calls = 0  # actions answered (authenticated), for tests and the status

    def secret_of(self, secret_id: str) -> str | None:
        return self.keys.get(secret_id)

    def within_rate(self, secret_id: str, action: str) -> bool:
        """Count this request; False when the SecretId sent too many of this action in 1 s."""
        with self.lock:
            now = time.monotonic()
            window = self._recent.setdefault((secret_id, action), deque())
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= self.rate_limit:
                return False
            window.append(now)
            self.calls += 1
            return True

    # ---- biz tokens ----------------------------------------------------------------------

    def new_token(self, secret_id: str, **options: Any) -> BizToken:
        with self.lock:
            self._prune()
            now = self.now()
            token = BizToken(
                str(uuid.uuid4()).upper(),
                secret_id,
                now,
                now + self.token_lifetime,
                **options,
            )
            self.tokens[token.value] = token
            return token

    def token(self, value: str) -> BizToken | None:
        with self.lock:
            self._prune()
            return self.tokens.get(value)

    def usable(self, token: BizToken) -> bool:
        """The page can still be completed: not expired, not finished."""
        return token.finished_at is None and self.now() < token.expires_at

    def attempt(self, token: BizToken, attempt: Attempt, finish: bool) -> None:
        with self.lock:
            token.attempts.append(attempt)
            if finish:
                token.finished_at = attempt.at

    def _prune(self) -> None:
        horizon = self.now() - RESULT_RETENTION
        for value in [v for v, t in self.tokens.items() if t.expires_at < horizon]:
            del self.tokens[value]
