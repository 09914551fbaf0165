"""The logging rule for everything the process prints, Gradio's and the libraries' output included.

Our own log lines carry capability, host, code and timing only. Gradio and the libraries under it
print whole tracebacks when an event fails (``traceback.print_exc``), and their exception
messages quote what was submitted (``Value: '<img src=x ...>'``, ``Cannot move /etc/passwd``) and
name server paths. Installed once at start (``python app.py``), this keeps the event and the
exception's type, and drops the message and the traceback, wherever they would be printed:
- Gradio's ``traceback.print_exc`` calls (its queue, routes and helpers);
- any log record with exception info (uvicorn's "Exception in ASGI application", asyncio's
  "Task exception was never retrieved"), from any logger;
- the ``print`` calls of Gradio modules that quote an error's text or a file's path;
- warnings (their text may quote a value) and uncaught exceptions in any thread.
"""

from __future__ import annotations

import logging
import sys
import threading
import types
import warnings
from typing import Any

log = logging.getLogger("gradio.errors")
OUR_LOGGERS = ("app", "webui", "ekyc")  # they follow the rule themselves, messages included
GRADIO_MODULES = ("queueing", "routes", "utils", "route_utils", "screen_recording_utils")
# Modules whose print() calls, after start, quote an error's text or a file's path.
QUIET_MODULES = ("queueing", "routes", "route_utils", "processing_utils")


def _kind(error: BaseException | None) -> str:
    return type(error).__name__ if error is not None else "unknown error"


def _print_exc(*_args: Any, **_kwargs: Any) -> None:
    """Gradio's ``traceback.print_exc()``: one line naming the exception's type."""
    log.error(
        "an event failed: %s (details withheld: they may quote submitted values)",
        _kind(sys.exc_info()[1]),
    )


class _Traceback(types.ModuleType):
    """``traceback`` as the Gradio modules see it: the same, but ``print_exc`` says one line."""

    def __init__(self, real: types.ModuleType) -> None:
        super().__init__("traceback")
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return _print_exc if name == "print_exc" else getattr(self._real, name)


def _quiet_print(*_args: Any, **_kwargs: Any) -> None:
    log.warning("gradio printed a message (withheld: it may quote a value or a path)")


def _sanitising_factory(make: Any) -> Any:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = make(*args, **kwargs)
        if record.name.split(".")[0] in OUR_LOGGERS and record.name != log.name:
            return record
        if record.exc_info or record.name.startswith("asyncio"):
            error = record.exc_info[1] if record.exc_info else None
            first = record.getMessage().splitlines()[0] if record.getMessage() else ""
            record.msg = f"{first} [{_kind(error)}; details withheld]" if error else first
            record.args = None
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return record

    factory.ekyc_guard = True  # type: ignore[attr-defined]
    return factory


def _show_warning(message: Any, category: type[Warning], filename: str, lineno: int, *_: Any):
    module = filename.rsplit("/site-packages/", 1)[-1].rsplit("/", 2)[-2:]
    logging.getLogger("warnings").warning(
        "%s from %s:%d (text withheld)", category.__name__, "/".join(module), lineno
    )


def _excepthook(kind: type[BaseException], error: BaseException, _tb: Any) -> None:
    # The main thread only fails at start (a port in use, a bad setting): the message helps and
    # quotes no visitor's input. Without the traceback, no server path is printed either.
    print(f"{kind.__name__}: {error}", file=sys.stderr)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    log.error("a background thread failed: %s (details withheld)", _kind(args.exc_value))


def install() -> None:
    """Apply the rule to the whole process (idempotent)."""
    import gradio

    for name in GRADIO_MODULES:
        module = sys.modules.get(f"gradio.{name}") or getattr(gradio, name, None)
        real = getattr(module, "traceback", None)
        if isinstance(real, types.ModuleType) and not isinstance(real, _Traceback):
            module.traceback = _Traceback(real)  # type: ignore[union-attr]
    for name in QUIET_MODULES:
        module = sys.modules.get(f"gradio.{name}")
        if module is not None:
            module.print = _quiet_print  # type: ignore[attr-defined]  # shadows the builtin
    make = logging.getLogRecordFactory()
    if not getattr(make, "ekyc_guard", False):
        logging.setLogRecordFactory(_sanitising_factory(make))
    warnings.showwarning = _show_warning
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
