"""What the load test calls and how it judges each answer of the page.

The mix is every sample row of every tab; each sample's expected code is what a fault-free
emulator answers, so an answer under load is "as expected", a designed outcome (retries ran out
on busy codes, a full queue, the session's call limit) or undesigned.
"""

from __future__ import annotations

import collections
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from ekyc import Client
from ekyc.capabilities import BY_NAME, CAPABILITIES
from ekyc.sandbox import Emulator
from webui import samples

BUSY_CODES = frozenset({"999999", "999998", "999997"})
CODE_IN_TEXT = re.compile(r"(?:Error code|错误码)[:：] `([^`]+)`")


@dataclass(frozen=True)
class Job:
    capability: str
    caption: str
    files: tuple[str, ...]
    rest: tuple[Any, ...]  # labels and options, in the page's input order
    expected: str = ""  # the code a fault-free emulator gives this sample ("0" for success)


def jobs() -> list[Job]:
    """Every sample row of every tab, interleaved so that consecutive calls differ in kind."""
    per_capability = []
    for cap in CAPABILITIES:
        rows, captions = samples.rows(cap.name, len(cap.files))
        per_capability.append(
            [
                Job(cap.name, caption, tuple(row[: len(cap.files)]), tuple(row[len(cap.files) :]))
                for row, caption in zip(rows, captions, strict=True)
            ]
        )
    if not all(per_capability):
        missing = [c.name for c, rows in zip(CAPABILITIES, per_capability, strict=True) if not rows]
        raise SystemExit(f"no bundled sample for {missing}: run scripts/make_assets.py first")
    longest = max(len(rows) for rows in per_capability)
    return [rows[i % len(rows)] for i in range(longest) for rows in per_capability]


def with_expected(plan: list[Job]) -> list[Job]:
    """Each sample's answer from a fault-free emulator: what the page must show under load."""
    with (
        Emulator(processing_time=0.05, quota=10**9) as emu,
        Client.sandboxed(emulator=emu) as client,
    ):
        result = []
        for job in plan:
            cap = BY_NAME[job.capability]
            labels = job.rest[0] if cap.has_labels else None
            values = job.rest[1:] if cap.has_labels else job.rest
            options = {opt.name: v for opt, v in zip(cap.options, values, strict=True)}
            outcome = client.call(job.capability, list(job.files), options, labels)
            result.append(Job(**{**job.__dict__, "expected": outcome.code}))
        return result


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    by_capability: dict[str, list[float]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )
    completed: int = 0
    designed: collections.Counter[str] = field(default_factory=collections.Counter)
    undesigned: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, job: Job, seconds: float, kind: str, detail: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_capability[job.capability].append(seconds)
            if kind == "ok":
                self.completed += 1
            elif kind == "designed":
                self.designed[detail] += 1
            else:
                self.undesigned[f"{job.capability} ({job.caption}): {detail}"] += 1


def classify(job: Job, answer: Any) -> tuple[str, str]:
    """("ok" | "designed" | "undesigned", what) for one answer of the page."""
    if not isinstance(answer, (tuple, list)) or not answer or not isinstance(answer[0], str):
        return "undesigned", f"unexpected answer shape {type(answer).__name__}"
    text = answer[0]
    if text.startswith("⛔"):
        return "designed", "session call limit reached"
    if "Traceback" in text or "Something went wrong" in text:
        return "undesigned", "the page reported an internal error"
    if text.startswith("❌ **The input was refused"):
        return "undesigned", f"a bundled sample was refused: {text[:120]!r}"
    found = CODE_IN_TEXT.search(text)
    code = found.group(1) if found else "0"
    if code == job.expected:
        return "ok", code
    if code in BUSY_CODES and "network busy" in text:
        return "designed", "network busy after 3 busy codes in a row"
    return "undesigned", f"code {code}, expected {job.expected}"


def classify_error(error: Exception) -> tuple[str, str]:
    message = str(error)
    if "queue is full" in message.lower() or "queue full" in message.lower():
        return "designed", "queue full"
    return "undesigned", f"{type(error).__name__}: {message[:160]}"
