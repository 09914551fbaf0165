"""Progress that tells the truth, shown where the answer will appear.

Gradio's progress display shows a description only beside a percentage, and upstream says
nothing about how far a labeling job is. So the page's run of an asynchronous capability is a
generator: the call runs in a worker thread, and the result area shows the current stage and the
seconds elapsed (ticking every second) until the answer replaces it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from .texts import PROGRESS

TICK_SECONDS = 1.0
_DONE = object()


def streamed(run: Callable[..., tuple[Any, ...]], lang_of: Callable[..., str]) -> Callable:
    """A generator around ``run`` (called with the same arguments plus a progress display):
    yields (stage text, unchanged, unchanged) while it works, then ``run``'s own outputs."""

    def stream(*args: Any) -> Iterator[tuple[Any, ...]]:
        lang = lang_of(*args)
        stages: queue.Queue[Any] = queue.Queue()
        started = time.monotonic()
        outcome: dict[str, Any] = {}

        def display(_fraction: float | None, text: str) -> None:
            stages.put(text)

        def work() -> None:
            try:
                outcome["value"] = run(*args, display)
            except BaseException as exc:  # handed to the generator, raised there
                outcome["error"] = exc
            finally:
                stages.put(_DONE)

        threading.Thread(target=work, daemon=True).start()
        stage = "submitting"
        while True:
            try:
                item = stages.get(timeout=TICK_SECONDS)
            except queue.Empty:
                item = None
            if item is _DONE:
                break
            if isinstance(item, str):
                stage = "processing" if item.startswith(_prefix("processing", lang)) else stage
            seconds = round(time.monotonic() - started)
            text = PROGRESS[lang][stage].format(seconds=seconds)
            yield f"⏳ {text}", gr.update(), gr.update()
        if "error" in outcome:
            raise outcome["error"]
        yield outcome["value"]

    return stream


def _prefix(stage: str, lang: str) -> str:
    return PROGRESS[lang][stage].split("{")[0]
