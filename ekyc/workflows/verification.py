"""Waiting for the HTML5 verification's result: the result call asked again until the person
has finished on their phone, the answer is final, or the BizToken's lifetime is over.

The page has its own wait (a timer, one query per tick); this one serves the CLI's ``--wait``
and ``client.web_verification_wait(token)``. Both find the flow's rows by their answer kinds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..capabilities import by_kind
from ..result import Result

if TYPE_CHECKING:
    from ..client import Client

TOKEN_SECONDS = 600.0  # a BizToken's lifetime (the SDK's documents)
INTERVAL = 1.0  # one result query a second: not billed, and the result shows within a second


def pending(result: Result) -> bool:
    """Whether the person has not finished yet (ask again)."""
    return result.ok and isinstance(result.data, dict) and result.data.get("status") == "pending"


def wait_for_result(
    client: Client,
    token: str,
    *,
    timeout: float = TOKEN_SECONDS,
    interval: float = INTERVAL,
    on_wait: Callable[[float], Any] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Any] = time.sleep,
) -> Result:
    """The first final answer for ``token``; a failed call ends the wait too (its Result).
    After ``timeout`` seconds the last "still pending" answer is returned. ``on_wait(seconds
    left)`` is told before each pause."""
    cap = by_kind("verification_result")
    option = cap.option_for("verification_token")
    options = {option.name: token} if option is not None else {}
    deadline = clock() + timeout
    while True:
        result = client.call(cap, [], options)
        left = deadline - clock()
        if not pending(result) or left <= 0:
            return result
        if on_wait is not None:
            on_wait(left)
        sleep(min(interval, left))
