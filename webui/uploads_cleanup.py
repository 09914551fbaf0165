"""Nothing uploaded outlives the README's promise (10 minutes), across stops, crashes and restarts.

Gradio's own sweep (``delete_cache``) only knows the files this process created, and only a
clean stop (Ctrl-C) removes them all. ``python app.py`` adds, for the whole upload cache:
- a sweep at start of anything older than ``MAX_AGE`` (what an earlier run, stopped by a crash or
  ``kill -9``, left behind), and the same sweep every ``EVERY`` seconds while it runs, so that a
  file left by an earlier run goes within ``MAX_AGE + EVERY`` = 10 minutes as well;
- SIGTERM handled as Ctrl-C, and after either, this run's files deleted (``stopping_cleanly``).
Copies of the bundled samples stay (they back the example lists and hold nobody's data).
Age is the file's modification time (when it was written into the cache).
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import threading
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

from gradio.route_utils import delete_files_created_by_app

log = logging.getLogger("webui.cleanup")

MAX_AGE = 480  # seconds: Gradio's delete_cache age in app.py
EVERY = 120  # seconds: Gradio's delete_cache frequency in app.py


def sweep(
    cache: Path, max_age: float, keep: Collection[str] = (), keep_paths: Collection[str] = ()
) -> int:
    """Delete files under ``cache`` older than ``max_age`` seconds, except copies of files whose
    SHA-256 is in ``keep`` and the files in ``keep_paths`` (what the running page shows from the
    cache: sample galleries, example copies); remove the folders this left empty. Returns how
    many files went."""
    if not cache.is_dir():
        return 0
    cache = cache.resolve()  # Gradio records resolved paths
    now = time.time()
    removed = 0
    emptied: set[Path] = set()
    for file in cache.rglob("*"):
        try:
            if not (file.is_symlink() or file.is_file()):
                continue
            if now - file.lstat().st_mtime <= max_age or str(file) in keep_paths:
                continue
            if _kept(file, keep):
                continue
            file.unlink()
            removed += 1
            emptied.add(file.parent)
        except OSError:  # gone meanwhile, or not ours to delete: the next sweep tries again
            continue
    for folder in emptied - {cache}:
        _remove_if_empty(folder)
    if removed:
        log.info("upload cache sweep: %d old file(s) deleted", removed)
    return removed


def _kept(file: Path, keep: Collection[str]) -> bool:
    if not keep or file.is_symlink():
        return False
    return hashlib.sha256(file.read_bytes()).hexdigest() in keep


class Sweeper:
    """The periodic sweep, in a daemon thread, sparing what the running page keeps in the cache
    (Gradio's ``keep_in_cache`` of every component: initial values, example copies)."""

    def __init__(self, cache: Path, keep: Collection[str], demo: Any, every: float = EVERY):
        self.cache, self.keep, self.demo, self.every = cache, keep, demo, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="upload-sweeper", daemon=True)

    def start(self) -> Sweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            sweep(self.cache, MAX_AGE, self.keep, page_keeps(self.demo))


def page_keeps(demo: Any) -> set[str]:
    kept: set[str] = set()
    for block in list(demo.blocks.values()):
        kept.update(os.path.realpath(path) for path in getattr(block, "keep_in_cache", ()))
    return kept


@contextmanager
def stopping_cleanly(demo: Any, cache: Path, keep: Collection[str]) -> Iterator[None]:
    """Around ``demo.launch()``: the periodic sweep of ``cache`` runs; SIGTERM (a service
    manager's or a container's stop) and Ctrl-C close the whole page at once, and then the files
    this run created are deleted.

    Gradio's own Ctrl-C path closes only the server, which then waits for the queue's open
    streams past its 5 s grace and exits without reaching its clean-up; closing the page (queue,
    heartbeats, server) lets it finish in well under a second.
    """

    sweeper = Sweeper(cache, keep, demo).start()

    def close(_signum: int, _frame: FrameType | None) -> None:
        if not demo.is_running:  # still starting: abort the launch
            raise KeyboardInterrupt
        demo.close(verbose=False)  # the launch's wait loop then returns

    previous = {sig: signal.signal(sig, close) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        sweeper.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        demo.close(verbose=False)  # no-op when already closed
        delete_files_created_by_app(demo, None)  # keeps the sample copies (keep_in_cache)
        for folder in {Path(f).parent for files in demo.temp_file_sets for f in files}:
            _remove_if_empty(folder)


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):
        folder.rmdir()  # only succeeds when empty
