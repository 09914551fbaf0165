"""The page as the benches run it: ``python app.py`` in a subprocess, on a free port, measured
from outside (its resident memory) and stopped however it behaves."""

from __future__ import annotations

import contextlib
import socket
import subprocess
from pathlib import Path

import psutil


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tail(log: str | Path, lines: int = 30) -> str:
    """The end of the app's log, for a failure message."""
    try:
        return "\n".join(Path(log).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def rss(pid: int) -> int:
    """Resident memory of the app and any child process, in bytes."""
    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total


def stop_app(proc: subprocess.Popen, seconds: float) -> None:
    """Ask the app to stop (SIGTERM: it cleans up its uploads); kill it after ``seconds``."""
    proc.terminate()
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
