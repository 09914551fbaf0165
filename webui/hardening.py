"""What a public deployment needs beyond the page itself, in hooks for app.py.

``launch_options`` adds to ``demo.launch``: the upload size limit and its translated message,
uploads tied to the client that sent them, the login throttle and its notice (with a login).
``guard_process`` runs once in ``python app.py`` before the page is built: the logging rule for
everything printed, and the sweep of what earlier runs left in the upload cache.
``stopping_cleanly`` wraps the launch: periodic sweeps, SIGTERM as Ctrl-C, and this run's
uploads deleted when it ends.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from starlette.middleware import Middleware

from . import log_guard, login_guard, upload_limit, upload_owner, uploads_cleanup
from .handlers import _asset_digests, gradio_cache_dir


def launch_options(auth: Any) -> dict[str, Any]:
    options: dict[str, Any] = {
        "max_file_size": upload_limit.MAX_UPLOAD_BYTES,
        "head": upload_limit.SCRIPT,
        "app_kwargs": {"middleware": [Middleware(upload_owner.UploadOwnership)]},
    }
    if auth:
        lockout = login_guard.lockout_from_env()
        throttle = login_guard.LoginThrottle(lockout)
        options["app_kwargs"]["middleware"].append(
            Middleware(login_guard.LoginGuard, throttle=throttle)
        )
        options["auth_message"] = login_guard.LOGIN_NOTICE.format(
            attempts=throttle.attempts, seconds=lockout
        )
    return options


def merged(*options: dict[str, Any]) -> dict[str, Any]:
    """Launch options of several guards in one: their middleware lists and head HTML joined, in
    order (any other option: the last one wins)."""
    result: dict[str, Any] = {}
    middleware: list[Middleware] = []
    for option in options:
        extra = dict(option)
        app_kwargs = dict(extra.pop("app_kwargs", {}))
        middleware += app_kwargs.pop("middleware", [])
        if "head" in extra and result.get("head"):
            extra["head"] = result["head"] + extra["head"]
        result.update(extra)
        result.setdefault("app_kwargs", {}).update(app_kwargs)
    if middleware:
        result["app_kwargs"]["middleware"] = middleware
    if not result.get("app_kwargs"):
        result.pop("app_kwargs", None)
    return result


def guard_process() -> None:
    """Before the page is built: the logging rule, and the sweep of what earlier runs left."""
    log_guard.install()
    uploads_cleanup.sweep(gradio_cache_dir(), uploads_cleanup.MAX_AGE, _asset_digests())


def stopping_cleanly(demo: Any) -> AbstractContextManager[None]:
    """Around the launch: periodic sweeps, SIGTERM as Ctrl-C, this run's uploads deleted."""
    return uploads_cleanup.stopping_cleanly(demo, gradio_cache_dir(), _asset_digests())
