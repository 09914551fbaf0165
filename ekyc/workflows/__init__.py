"""Multi-call workflows on top of ``Client.call``: the onboarding journey and batch testing.

Both are attached to ``Client`` as ``client.journey(...)`` and ``client.batch(...)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import rules
from .batch import BatchProgress, run_batch
from .collect import Plan, plan
from .journey import FilePath, JourneyResult, Step, calls_needed, run_journey
from .rows import BatchResult, Row
from .rules import RULES, Rule
from .safezip import ZipRefused
from .verification import TOKEN_SECONDS, wait_for_result

if TYPE_CHECKING:
    from ..client import Client

__all__ = [
    "RULES",
    "BatchResult",
    "JourneyResult",
    "Plan",
    "Row",
    "Rule",
    "Step",
    "ZipRefused",
    "batch",
    "calls_needed",
    "journey",
    "plan",
    "rules",
    "web_verification_wait",
]


def journey(
    self: Client,
    id_front: FilePath,
    selfie: FilePath,
    id_back: FilePath | None = None,
    *,
    rules: Sequence[Rule] = RULES,
    today: dt.date | None = None,
    on_step: Callable[[Step], Any] | None = None,
) -> JourneyResult:
    """The onboarding journey: OCR of the ID card's portrait side (and emblem side when given),
    liveness of the selfie, and the selfie compared with the card, run concurrently; then one
    verdict by the rule table (``ekyc.workflows.rules.RULES``, or ``rules=``).

    Spends up to four calls (three without ``id_back``). Missing or unusable files raise
    InputError before any call; a step refused upstream is a failed step, never an exception.
    ``result.verdict`` is "pass", "review" or "fail"; ``result.to_json()`` is the CLI's
    ``--json`` object (unmasked unless ``mask=True``).
    """
    return run_journey(
        self, id_front, selfie, id_back, rules_table=rules, today=today, on_step=on_step
    )


def batch(
    self: Client,
    capability: str,
    paths: Sequence[FilePath] | Plan,
    options: Mapping[str, Any] | None = None,
    labels: str | Sequence[str] | None = None,
    *,
    reference: FilePath | None = None,
    parallel: int = 4,
    spend: Callable[[], bool] | None = None,
    refund: Callable[[], Any] | None = None,
    progress: BatchProgress | None = None,
) -> BatchResult:
    """Run one capability over files, folders and ZIPs: a row per file (run, failed, refused
    locally or skipped with the reason). ``face_compare`` compares every file with
    ``reference``. At most ``parallel`` calls at once (labeling: one). ``spend()`` is asked
    before each call (False: the file is skipped, a call limit is reached) and ``refund()``
    told when a file was refused locally. ``progress(done, total, elapsed, remaining)``.
    """
    return run_batch(
        self,
        capability,
        paths,
        options,
        labels,
        reference=reference,
        parallel=parallel,
        spend=spend,
        refund=refund,
        progress=progress,
    )


def web_verification_wait(
    self: Client,
    biz_token: str,
    *,
    timeout: float = TOKEN_SECONDS,
    interval: float = 1.0,
    on_wait: Callable[[float], Any] | None = None,
) -> Any:
    """Wait for the HTML5 verification started with ``web_verification_start``: ask for its
    result every ``interval`` seconds until the person has finished on their phone (or the
    token's 10 minutes are over) and return that Result (``data["status"]``: "passed",
    "low_similarity", "failed", "expired", or "pending" when the wait ran out)."""
    return wait_for_result(self, biz_token, timeout=timeout, interval=interval, on_wait=on_wait)
