"""The logging rule's record filter on its own (tests/test_app_process runs the whole rule)."""

from __future__ import annotations

import logging

from webui.log_guard import _sanitising_factory

make = _sanitising_factory(logging.LogRecord)


def record(name: str, msg: str, args: tuple = (), error: BaseException | None = None):
    exc_info = (type(error), error, None) if error else None
    return make(name, logging.ERROR, "/srv/app/x.py", 1, msg, args, exc_info)


def test_a_librarys_exception_keeps_its_event_and_type_only():
    try:
        raise ValueError("Cannot move /etc/passwd")
    except ValueError as error:
        logged = record("uvicorn.error", "Exception in ASGI application\nmore", (), error)
    assert logged.getMessage() == "Exception in ASGI application [ValueError; details withheld]"
    assert logged.exc_info is None and logged.exc_text is None


def test_asyncio_keeps_its_first_line_only():
    logged = record("asyncio", "Task exception was never retrieved\nfuture: <Task %s>", ("x=1",))
    assert logged.getMessage() == "Task exception was never retrieved"


def test_our_own_records_and_plain_library_lines_are_untouched():
    ours = record("webui.login", "login: %d failed attempts", (5,), ValueError("kept"))
    assert ours.getMessage() == "login: 5 failed attempts" and ours.exc_info is not None
    plain = record("gradio", "Running on %s", ("http://127.0.0.1",))
    assert plain.getMessage() == "Running on http://127.0.0.1"
