"""Nothing uploaded outlives the README's promise (10 minutes), across stops, crashes and restarts.

Gradio's own sweep (``delete_cache``) only knows the files this process created, and only a
clean stop (Ctrl-C) removes them all. ``python app.py`` adds, for the whole upload cache:
- a sweep at start of anything older than ``MAX_AGE`` (what an earlier run, stopped by a crash or
  ``kill -9``, left behind), and the same sweep every ``EVERY`` seconds while it runs, so that a
  file left by an earlier run goes within ``MAX_AGE + EVERY`` = 10 minutes as well;
- SIGTERM handled as Ctrl-C: Gradio's shutdown then deletes this run's files.
Copies of the bundled samples stay (they back the example lists and hold nobody's data).
Age is the file's modification time (when it was written into the cache).
"""

from __future__ import annotations

import hashlib
import logging
import signal
import threading
import time
from collections.abc import Collection
from pathlib import Path
from types import FrameType

log = logging.getLogger("webui.cleanup")

MAX_AGE = 480  # seconds: Gradio's delete_cache age in app.py
EVERY = 120  # seconds: Gradio's delete_cache frequency in app.py


def sweep(cache: Path, max_age: float, keep: Collection[str] = ()) -> int:
    """Delete files under ``cache`` older than ``max_age`` seconds, except copies of files whose
    SHA-256 is in ``keep``; remove the folders left empty. Returns how many files went."""
    if not cache.is_dir():
        return 0
    now = time.time()
    removed = 0
    for file in sorted(cache.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        try:
            if file.is_symlink() or file.is_file():
                if now - file.lstat().st_mtime <= max_age or _kept(file, keep):
                    continue
                file.unlink()
                removed += 1
            elif file.is_dir() and not any(file.iterdir()):
                file.rmdir()
        except OSError:  # gone meanwhile, or not ours to delete: the next sweep tries again
            continue
    if removed:
        log.info("upload cache sweep: %d old file(s) deleted", removed)
    return removed


def _kept(file: Path, keep: Collection[str]) -> bool:
    if not keep or file.is_symlink():
        return False
    return hashlib.sha256(file.read_bytes()).hexdigest() in keep


class Sweeper:
    """The periodic sweep, in a daemon thread."""

    def __init__(self, cache: Path, keep: Collection[str], every: float = EVERY) -> None:
        self.cache, self.keep, self.every = cache, keep, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="upload-sweeper", daemon=True)

    def start(self) -> Sweeper:
        sweep(self.cache, MAX_AGE, self.keep)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            sweep(self.cache, MAX_AGE, self.keep)


def stop_on_sigterm() -> None:
    """SIGTERM (a service manager's or a container's stop) takes Ctrl-C's path: Gradio closes
    its server and deletes the files this run created."""

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
