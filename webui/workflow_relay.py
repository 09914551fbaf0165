"""Running a workflow in a worker thread while its progress is shown from the caller's thread.

Gradio's progress tracker lives in the handler's thread context; the workflows report from their
worker threads, so their reports are queued and shown from the handler's thread, with the
elapsed time kept moving in between.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("webui.workflows")

TICK = 0.25  # s between progress updates while calls are in flight


def relay(work: Callable[[Callable[..., None]], Any], show: Callable[..., None] | None) -> Any:
    """Run ``work(report)`` in a thread and call ``show`` with its reports on this thread."""
    if show is None:
        return work(lambda *args: None)
    events: queue.Queue[tuple[Any, ...]] = queue.Queue()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work(lambda *args: events.put(args))
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="workflow", daemon=True)
    started = time.monotonic()
    thread.start()
    last: tuple[Any, ...] = ()
    while thread.is_alive() or not events.empty():
        with contextlib.suppress(queue.Empty):
            last = events.get(timeout=TICK)
        try:
            show(time.monotonic() - started, *last)
        except Exception:  # a broken display never breaks the run
            log.debug("progress display failed")
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
