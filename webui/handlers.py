"""What a run button does: check the session, call the client, explain, clean up.

Plain functions over plain values: the browser-free tests call them directly, and app.py wires
them to the page. Nothing here imports gradio.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ekyc import Client, InputError, Result
from ekyc.capabilities import KEY_SETS, Capability
from ekyc.explain import explain, mask_raw

from .checks import missing
from .technical import technical_details
from .texts import (
    CALL_LIMIT,
    INPUT_ERROR,
    INTERNAL_ERROR,
    PROGRESS,
    SANDBOX_BANNER,
    STATUS,
)
from .upload_owner import NOT_YOURS, OWNERS

log = logging.getLogger("webui")

ASSETS = Path(__file__).resolve().parents[1] / "assets"
MAX_SESSIONS = 10_000
CAPTURE_NAME = "webcam.jpg"  # a camera or clipboard picture, saved by webui.components
# A progress display such as gr.Progress: (fraction or None for no bar, description).
Display = Callable[[float | None, str], Any]


def gradio_cache_dir() -> Path:
    return Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")


def _asset_digests() -> frozenset[str]:
    """SHA-256 of the bundled samples: their cached copies back the example lists, keep them."""
    if not ASSETS.is_dir():
        return frozenset()
    return frozenset(
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in ASSETS.rglob("*")
        if p.is_file() and p.suffix.lower() in (".jpg", ".jpeg", ".png", ".bmp", ".mp4", ".mov")
    )


@dataclass
class Page:
    """State shared by every visitor: the client, the call limit, per-session counters."""

    client: Client
    call_limit: int | None = None  # per browser session (a reload starts a new one)
    total_limit: int | None = None  # for the whole process: the quota's real protection
    cache_dir: Path = field(default_factory=gradio_cache_dir)
    _calls: OrderedDict[str, int] = field(default_factory=OrderedDict)
    _total: int = 0
    _kept: OrderedDict[str, set[str]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _samples: frozenset[str] = field(default_factory=_asset_digests)

    def calls(self, session: str) -> int:
        with self._lock:
            return self._calls.get(session, 0)

    def _take_call(self, session: str) -> str | None:
        """Count one call; the refusal text's key when a limit is already reached."""
        return self.take_calls(session, 1)

    def take_calls(self, session: str, n: int) -> str | None:
        """Count ``n`` calls at once or none (a journey that cannot finish does not start);
        the refusal text's key ("session" or "total") when the limits cannot cover them."""
        with self._lock:
            if self.total_limit is not None and self._total + n > self.total_limit:
                return "total"
            used = self._calls.pop(session, 0)
            allowed = self.call_limit is None or used + n <= self.call_limit
            self._calls[session] = used + n if allowed else used
            while len(self._calls) > MAX_SESSIONS:
                self._calls.popitem(last=False)
            if not allowed:
                return "session"
            self._total += n
            return None

    def remaining(self, session: str) -> int | None:
        """Calls this session may still make under both limits; None when unlimited."""
        with self._lock:
            left = [
                limit - used
                for limit, used in (
                    (self.call_limit, self._calls.get(session, 0)),
                    (self.total_limit, self._total),
                )
                if limit is not None
            ]
        return max(0, min(left)) if left else None

    def _refund(self, session: str, n: int = 1) -> None:
        """Give back calls the client refused before sending anything (bad input)."""
        with self._lock:
            n = min(n, self._calls.get(session, 0))
            if n > 0:
                self._calls[session] -= n
                self._total -= n

    def run(self, *args: Any, **kwargs: Any) -> tuple[str, Any]:
        """``execute`` without the Result: the explanation and the raw answer."""
        text, raw, _ = self.execute(*args, **kwargs)
        return text, raw

    def execute(
        self,
        cap: Capability,
        files: Sequence[str | None],
        options: dict[str, Any],
        labels: Sequence[str] | str | None,
        lang: str,
        show_sensitive: bool,
        session: str,
        progress: Display | None = None,
        keep_files: bool = False,
    ) -> tuple[str, Any, Result | None]:
        """Like ``run``, plus the Result itself, so the page can re-render it in another
        language or with sensitive fields shown without calling upstream again.

        Uploads are deleted once they have been sent, or when the session may send nothing more.
        A form refused before anything was sent (a file or a side missing, bad input) keeps them,
        so that the visitor can complete it and run again; Gradio's cache expiry removes them.
        With ``keep_files`` (the page's own form, which stays filled for another run) sent files
        stay too, until ``end_session`` (the visitor closed the page) or the cache expiry.
        """
        lang = lang if lang in ("zh", "en") else "en"
        sent = False
        try:
            message = missing(cap, files, options, lang)  # named by their labels
            if message:
                return INPUT_ERROR[lang].format(message=message), None, None
            for path in files:
                if not Path(str(path)).is_file():
                    return INPUT_ERROR[lang].format(message=_gone(lang)), None, None
            if not OWNERS.may_use(files, session):  # uploaded by another browser or script
                return INPUT_ERROR[lang].format(message=NOT_YOURS[lang]), None, None
            refused = self._take_call(session)
            if refused:
                self.discard(files)
                limit = self.call_limit if refused == "session" else self.total_limit
                return CALL_LIMIT[refused][lang].format(limit=limit), None, None
            sent = True
            report = _progress_display(progress, lang) if progress is not None else None
            started = time.monotonic()
            result = self.client.call(cap, [str(p) for p in files], options, labels, report)
            result.elapsed = round(time.monotonic() - started, 3)
        except InputError as exc:
            if sent:
                self._refund(session)  # refused locally: nothing was sent, nothing used up
                sent = False
            return INPUT_ERROR[lang].format(message=plain(exc.text(lang))), None, None
        except Exception as exc:  # never a stack trace on the page; the type alone goes to the log
            # (not the message or traceback: they may quote an answer, a path or a number)
            log.error("unexpected failure in %s: %s", cap.name, type(exc).__name__)
            return INTERNAL_ERROR[lang], None, None
        finally:
            if keep_files:
                self._keep(session, files)
            else:
                # Sent files are done with; a camera capture never outlives its run, sent or not.
                self.discard(files if sent else [f for f in files if f and _captured(f)])
        return (*render(result, lang, show_sensitive), result)

    def _keep(self, session: str, files: Sequence[str | None]) -> None:
        with self._lock:
            kept = self._kept.pop(session, set())
            kept.update(str(f) for f in files if f)
            self._kept[session] = kept
            while len(self._kept) > MAX_SESSIONS:
                _, old = self._kept.popitem(last=False)
                self.discard(list(old))

    def end_session(self, session: str) -> None:
        """The visitor left: delete the files their form kept for another run."""
        with self._lock:
            kept = self._kept.pop(session, set())
        self.discard(sorted(kept))

    def discard(self, files: Sequence[str | None]) -> None:
        """Delete uploaded files from Gradio's cache right after use (samples' copies stay)."""
        cache = self.cache_dir.resolve()
        for path in files:
            if not path:
                continue
            file = Path(str(path)).resolve()
            if cache not in file.parents or not file.is_file():
                continue
            try:
                if hashlib.sha256(file.read_bytes()).hexdigest() in self._samples:
                    continue
                file.unlink()
                if file.parent != cache and not any(file.parent.iterdir()):
                    file.parent.rmdir()
            except OSError:
                log.warning("could not delete an uploaded file")

    def status(self, session: str, lang: str) -> str:
        """Mode, key sets (and what to set for a missing one), calls made this session."""
        lang = lang if lang in ("zh", "en") else "en"
        words = STATUS[lang]
        sandbox = self.client.sandbox
        limit = f" / {self.call_limit}" if self.call_limit else ""
        lines = [SANDBOX_BANNER[lang] + "\n"] if sandbox else []
        lines.append(
            f"**{words['mode']}** {words['sandbox' if sandbox else 'live']} · "
            f"**{words['calls']}** {self.calls(session)}{limit}\n"
        )
        for key_set, configured in self.client.settings.configured().items():
            info = KEY_SETS[key_set]
            if sandbox:
                state = "🧪 " + words["simulated"].format(
                    appid=info["appid"], secret=info["secret"], where=info[lang]
                )
            elif configured:
                state = "✅ " + words["configured"]
            else:
                state = "⚠️ " + words["missing"].format(
                    appid=info["appid"], secret=info["secret"], where=info[lang]
                )
            lines.append(f"- {words['key_' + key_set]}{state}")
        return "\n".join(lines)


# What can start a link, tag or emphasis mid-line; "_" only at a word's edge (snake_case is safe).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*\[\]<>~]|(?<!\w)_|_(?!\w))")


def plain(text: str) -> str:
    """Text shown literally inside Markdown: a file name cannot add links or formatting."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def render(result: Result, lang: str, show_sensitive: bool) -> tuple[str, Any]:
    """A Result as the page shows it: explanation and raw JSON, masked unless asked."""
    lang = lang if lang in ("zh", "en") else "en"
    text = explain(result, lang=lang, mask=not show_sensitive)
    raw = result.raw if show_sensitive else mask_raw(result.capability, result.raw)
    return text, technical_details(result, raw)


def _progress_display(display: Display, lang: str) -> Callable[[str, float], None]:
    """The client's labeling stages as a progress display (gr.Progress) shows them, translated,
    with the elapsed seconds. Upstream says nothing about how far a job is, so there is no
    fraction (None: no bar, no percentage), only the stage and the time it has taken."""

    def report(stage: str, elapsed: float) -> None:
        display(None, PROGRESS[lang][stage].format(seconds=round(elapsed)))

    return report


def _captured(path: str) -> bool:
    return Path(path).name == CAPTURE_NAME


def _gone(lang: str) -> str:
    if lang == "zh":
        return "上传的文件已从服务器删除（隐私保护：文件最多保留 10 分钟），请重新添加文件。"
    return (
        "the uploaded file has been removed from the server (privacy: files are kept at most "
        "10 minutes); please add it again."
    )
