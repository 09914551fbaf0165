"""The process-wide emulator the CLI's ``--sandbox`` and the page's sandbox mode share."""

from __future__ import annotations

import atexit
import os
import threading

from .emulator import Emulator

_shared: Emulator | None = None
_lock = threading.Lock()


def shared_emulator() -> Emulator:
    """Start the bundled emulator once per process, on loopback; stopped at exit."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Emulator.from_env(
                quota=int(os.environ.get("EKYC_SANDBOX_QUOTA", "100000")),
                processing_time=float(os.environ.get("EKYC_SANDBOX_PROCESSING_TIME", "3")),
            ).start()
            atexit.register(_shared.stop)
        return _shared
