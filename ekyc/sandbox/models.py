"""The emulator's state: clock, credentials, tokens, tickets, nonces, jobs, quota, request log.

Everything lives in memory and holds only what the protocol needs: no uploaded bytes, no
recognised fields beyond a labeling job's scripted answer until it is fetched or expires.
All mutation happens under ``State.lock``.
"""

from __future__ import annotations

import secrets
import string
import threading
import time
from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Literal

GrantKind = Literal["token", "ticket"]

TOKEN_LIFETIME = 7200  # s, access_token (PROTOCOL §2)
TICKET_LIFETIME = 3600  # s, SIGN ticket; also used for the (undocumented) Key B ticket
GRACE = 60  # s an old token/ticket stays valid after a new one is issued
JOB_RETENTION = 3600  # s a finished labeling result stays available for polls
NONCE_MEMORY = 1_000_000  # nonces remembered per host (oldest forgotten first)
RECORD_MEMORY = 100_000  # request records kept (oldest dropped first)

_ALNUM = string.ascii_letters + string.digits


def random_id(length: int = 32) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


class Clock:
    """Wall-clock time plus an offset that ``advance`` moves forward."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the emulator clock only moves forward")
        with self._lock:
            self._offset += seconds


@dataclass
class Grant:
    """An access token or a ticket, valid on one host for one appid until ``expires_at``."""

    value: str
    app_id: str
    expires_at: float


@dataclass
class Job:
    """One labeling job: the scripted answer is ready ``processing_time`` after submission."""

    order_no: str
    app_id: str
    submitted_at: float
    answer: dict[str, Any]
    example: bool = False  # not a bundled sample: the answer is an example only


@dataclass(frozen=True)
class RequestRecord:
    """One request as seen by the emulator; never its payload."""

    host: str
    kind: str  # "token" | "ticket" | "call" | "poll" | "other" (unroutable)
    path: str
    app_id: str
    status: int  # HTTP status; 0 when the connection was dropped
    code: str  # the answer's code; "" when there was no JSON answer
    fault: str = ""  # the injected fault kind, if any
    order_no: str = ""  # the body's orderNo (an identifier, not content)


@dataclass
class Settings:
    processing_time: float = 3.0
    quota: int = 100
    rtt: float = 0.0
    label_shape: str = "objects"


@dataclass
class State:
    settings: Settings
    keys_a: dict[str, str]
    keys_b: dict[str, str]
    clock: Clock = field(default_factory=Clock)
    lock: threading.RLock = field(default_factory=threading.RLock)
    grants: dict[tuple[GrantKind, str, str], list[Grant]] = field(default_factory=dict)
    nonces: dict[str, OrderedDict[str, None]] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)
    used: Counter[str] = field(default_factory=Counter)
    records: deque[RequestRecord] = field(default_factory=lambda: deque(maxlen=RECORD_MEMORY))

    def now(self) -> float:
        return self.clock.now()

    # ---- tokens and tickets, per (kind, host, appid) -------------------------------------

    def issue(self, kind: GrantKind, host: str, app_id: str, lifetime: float) -> Grant:
        """A new grant; earlier ones of the same host and appid stay valid ``GRACE`` s more."""
        with self.lock:
            now = self.now()
            live = [g for g in self.grants.get((kind, host, app_id), []) if g.expires_at > now]
            for old in live:
                old.expires_at = min(old.expires_at, now + GRACE)
            grant = Grant(random_id(), app_id, now + lifetime)
            self.grants[(kind, host, app_id)] = [*live, grant]
            return grant

    def valid(self, kind: GrantKind, host: str, app_id: str) -> list[str]:
        """Values of the grants of this host and appid that have not expired."""
        with self.lock:
            now = self.now()
            return [
                g.value for g in self.grants.get((kind, host, app_id), []) if g.expires_at > now
            ]

    # ---- nonces, per host ----------------------------------------------------------------

    def use_nonce(self, host: str, nonce: str) -> bool:
        """True the first time a nonce is seen on a host, False on a replay."""
        with self.lock:
            seen = self.nonces.setdefault(host, OrderedDict())
            if nonce in seen:
                return False
            seen[nonce] = None
            if len(seen) > NONCE_MEMORY:
                seen.popitem(last=False)
            return True

    # ---- quota, per appid ----------------------------------------------------------------

    def quota_left(self, app_id: str) -> bool:
        with self.lock:
            return self.used[app_id] < self.settings.quota

    def charge(self, app_id: str) -> bool:
        """Spend one call of ``app_id``'s quota; False (nothing spent) when none is left."""
        with self.lock:
            if self.used[app_id] >= self.settings.quota:
                return False
            self.used[app_id] += 1
            return True

    def reset_quota(self) -> None:
        with self.lock:
            self.used.clear()

    # ---- labeling jobs -------------------------------------------------------------------

    def ready(self, job: Job) -> bool:
        """Processing time is read when asked, so changing it affects jobs in flight too."""
        return self.now() - job.submitted_at >= self.settings.processing_time

    def _prune_jobs(self) -> None:
        now = self.now()
        horizon = self.settings.processing_time + JOB_RETENTION
        for order_no in [o for o, j in self.jobs.items() if now - j.submitted_at > horizon]:
            del self.jobs[order_no]

    def job(self, order_no: str) -> Job | None:
        with self.lock:
            self._prune_jobs()
            return self.jobs.get(order_no)

    def in_flight(self, app_id: str) -> bool:
        with self.lock:
            return any(j.app_id == app_id and not self.ready(j) for j in self.jobs.values())

    def add_job(self, job: Job) -> None:
        with self.lock:
            self._prune_jobs()
            self.jobs[job.order_no] = job

    # ---- request log ---------------------------------------------------------------------

    def record(self, record: RequestRecord) -> None:
        with self.lock:
            self.records.append(record)
