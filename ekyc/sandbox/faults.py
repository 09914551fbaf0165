"""Faults on demand: busy codes, slow answers, HTML 502 pages, dropped connections, cut JSON,
a JSON array instead of an object, a plain-text answer.

A fault applies to the next ``count`` matching requests, or to each matching request with
probability ``rate``. It is chosen before the request is checked, so a faulted request spends
no nonce and no quota (upstream's proxy answered, not the service). The first matching fault wins.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from ..capabilities import HOSTS

KINDS = ("busy", "slow", "http502", "drop", "truncated", "array", "text")
PATH_CLASSES = ("auth", "call", "poll")
BUSY_CODES = ("999999", "999998", "999997")

HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw (sandbox)</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass
class Fault:
    kind: str
    count: int | None  # None when rate-based
    rate: float | None
    hosts: frozenset[str] | None
    paths: frozenset[str] | None
    code: str = "999999"
    delay: float = 0.0
    hits: int = 0

    def matches(self, host: str, path_class: str) -> bool:
        return (self.hosts is None or host in self.hosts) and (
            self.paths is None or path_class in self.paths
        )


def _as_set(value: str | Iterable[str] | None, allowed: tuple[str, ...], what: str):
    if value is None:
        return None
    items = frozenset([value] if isinstance(value, str) else value)
    unknown = items - set(allowed)
    if unknown or not items:
        raise ValueError(f"{what} must be among {allowed}, not {sorted(unknown) or 'nothing'}")
    return items


class Faults:
    """The fault schedule of one emulator (``emu.faults``)."""

    def __init__(self, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._random = random.Random(seed)

    def add(
        self,
        kind: str,
        count: int = 1,
        rate: float | None = None,
        hosts: str | Iterable[str] | None = None,
        paths: str | Iterable[str] | None = None,
        code: str = "999999",
        delay: float = 0.0,
    ) -> Fault:
        if kind not in KINDS:
            raise ValueError(f"fault kind must be one of {KINDS}, not {kind!r}")
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise ValueError("rate is a probability between 0 and 1")
        if rate is None and count < 1:
            raise ValueError("count must be at least 1")
        if delay < 0:
            raise ValueError("delay must not be negative")
        fault = Fault(
            kind,
            None if rate is not None else count,
            rate,
            _as_set(hosts, HOSTS, "hosts"),
            _as_set(paths, PATH_CLASSES, "paths"),
            str(code),
            float(delay),
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def seed(self, value: int) -> None:
        with self._lock:
            self._random.seed(value)

    def pick(self, host: str, path_class: str) -> Fault | None:
        """The fault to apply to this request, if any (spends one of a counted fault's uses)."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(host, path_class):
                    continue
                if fault.rate is not None:
                    if self._random.random() >= fault.rate:
                        continue
                else:
                    assert fault.count is not None
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                fault.hits += 1
                return fault
            return None

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)

    def __iter__(self):
        with self._lock:
            return iter(list(self._faults))
