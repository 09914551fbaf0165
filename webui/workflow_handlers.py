"""What the journey and batch buttons do: check the session's call budget, run the workflow,
render it, write the downloadable reports, clean up the uploads.

Plain functions over plain values (nothing here imports gradio): the browser-free tests call
them directly, the tab modules wire them to the page, and gradio_client / MCP reach them through
the page's ``/journey`` and ``/batch`` endpoints.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import queue
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ekyc import InputError
from ekyc.capabilities import BY_NAME
from ekyc.workflows import BatchResult, JourneyResult, Plan, calls_needed, plan
from ekyc.workflows.report import report_html, report_json
from ekyc.workflows.texts import (
    BATCH_LIMIT,
    BATCH_PLAN,
    BATCH_PROGRESS,
    BATCH_SUMMARY,
    JOURNEY_LIMIT,
    OUTCOME,
    STEP_TITLES,
)

from . import workflow_render as view
from .handlers import Display, Page, plain
from .texts import CALL_LIMIT, INPUT_ERROR, INTERNAL_ERROR

log = logging.getLogger("webui.workflows")

JOURNEY_STEPS = {
    "en": "{done}/{total} steps done · {seconds:.0f} s",
    "zh": "已完成 {done}/{total} 步 · {seconds:.0f} 秒",
}
TICK = 0.25  # s between progress updates while calls are in flight
REPORTS = "ekyc-reports"  # under the cache: Gradio serves its own copy of each report file,
REPORT_SECONDS = 120  # so ours are removed once they are this old (swept at every render)


@dataclass
class JourneyView:
    """What the journey tab shows: the verdict card, the report object, the report files."""

    card: str
    report: dict[str, Any] | None = None
    files: list[str] | None = None
    result: JourneyResult | None = None


@dataclass
class BatchView:
    summary: str
    headers: list[str]
    rows: list[list[str]]
    files: list[str] | None = None
    result: BatchResult | None = None


def _lang(lang: str) -> str:
    return lang if lang in ("zh", "en") else "en"


def _relay(work: Callable[[Callable[..., None]], Any], show: Callable[..., None] | None) -> Any:
    """Run ``work(report)`` in a thread and call ``show`` with its reports on this thread.

    Gradio's progress tracker lives in this thread's context; the workflows report from their
    worker threads, so their reports are queued and shown from here, with the elapsed time kept
    moving in between.
    """
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


# ---- the journey ----------------------------------------------------------------------------


def run_journey(
    page: Page,
    id_front: str | None,
    id_back: str | None,
    selfie: str | None,
    lang: str,
    show_sensitive: bool,
    session: str,
    progress: Display | None = None,
) -> JourneyView:
    """The onboarding journey for one session: reserve its 3-4 calls (or refuse before
    starting), run it, render the verdict and write the JSON and HTML reports."""
    lang = _lang(lang)
    files = [id_front, id_back, selfie]
    sent = False
    needed = calls_needed(id_back)
    try:
        for path in files:
            if path and not Path(str(path)).is_file():
                raise InputError(_gone("en"), zh=_gone("zh"))
        if id_front and selfie:
            refused = page.take_calls(session, needed)
            if refused:
                page.discard(files)
                limit = page.call_limit if refused == "session" else page.total_limit
                text = (
                    CALL_LIMIT[refused][lang].format(limit=limit)
                    + " "
                    + JOURNEY_LIMIT[lang].format(need=needed, left=page.remaining(session) or 0)
                )
                return JourneyView(view.message(text))
            sent = True
        total = needed

        def show(elapsed: float, *event: Any) -> None:
            if progress is not None:
                done = event[0] if event else 0
                desc = JOURNEY_STEPS[lang].format(done=done, total=total, seconds=elapsed)
                progress(done / total, desc)

        counter = {"done": 0}
        lock = threading.Lock()

        def work(report: Callable[..., None]) -> JourneyResult:
            def on_step(step: Any) -> None:
                with lock:
                    counter["done"] += 1
                    report(counter["done"], STEP_TITLES[step.name][lang])

            return page.client.journey(id_front, selfie, id_back, on_step=on_step)

        result = _relay(work, show if progress is not None else None)
        page._refund(session, needed - result.calls)  # steps refused locally sent nothing
        return render_journey(page, result, lang, show_sensitive)
    except InputError as exc:
        if sent:
            page._refund(session, needed)
            sent = False
        return JourneyView(view.message(INPUT_ERROR[lang].format(message=plain(exc.text(lang)))))
    except Exception as exc:  # never a stack trace on the page; the type alone goes to the log
        log.error("unexpected failure in the journey: %s", type(exc).__name__)
        return JourneyView(view.message(_strip(INTERNAL_ERROR[lang])))
    finally:
        page.discard(files if sent else [])


def render_journey(
    page: Page, result: JourneyResult, lang: str, show_sensitive: bool
) -> JourneyView:
    """The journey in ``lang``, masked unless asked; no call is made."""
    lang = _lang(lang)
    mask = not show_sensitive
    report = report_json(result, lang, mask)
    try:
        folder = _report_folder(page.cache_dir)
        json_path = folder / "journey-report.json"
        html_path = folder / "journey-report.html"
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        html_path.write_text(report_html(result, lang, mask), encoding="utf-8")
        files: list[str] | None = [str(json_path), str(html_path)]
    except OSError:
        log.warning("could not write the journey report")
        files = None
    return JourneyView(view.journey_card(result, lang, mask), report, files, result)


# ---- batch ----------------------------------------------------------------------------------


def batch_plan_text(capability: str | None, files: Sequence[str] | None, lang: str) -> str:
    """How many calls a batch of ``files`` will spend, and how many files it skips."""
    lang = _lang(lang)
    if not files:
        return ""
    with plan(list(files)) as batch_plan:
        text = BATCH_PLAN[lang].format(
            files=len(batch_plan.items),
            calls=len(batch_plan.items),
            skipped=len(batch_plan.skipped),
        )
        skipped = [f"- {plain(s.name)}: {plain(s.text(lang))}" for s in batch_plan.skipped[:20]]
    return "\n".join([text, *skipped])


def run_batch(
    page: Page,
    capability: str,
    files: Sequence[str] | None,
    options: dict[str, Any],
    labels: Sequence[str] | str | None,
    reference: str | None,
    lang: str,
    show_sensitive: bool,
    session: str,
    progress: Display | None = None,
) -> BatchView:
    """One capability over the uploaded files and ZIPs; the call budget is checked before the
    run (all or nothing) and honoured during it (another tab may spend calls meanwhile)."""
    lang = _lang(lang)
    uploads = [str(f) for f in files or [] if f]
    batch_plan: Plan | None = None
    try:
        if capability not in BY_NAME:
            raise InputError(
                f"Choose a capability: {', '.join(BY_NAME)}", zh=f"请选择能力：{'、'.join(BY_NAME)}"
            )
        batch_plan = plan(uploads)
        left = page.remaining(session)
        if left is not None and batch_plan.calls > left:
            text = BATCH_LIMIT[lang].format(need=batch_plan.calls, left=left)
            return BatchView(view.message(text), [], [])

        def spend() -> bool:
            return page.take_calls(session, 1) is None

        def show(elapsed: float, *event: Any) -> None:
            if progress is None:
                return
            done, total = (event[0], event[1]) if event else (0, batch_plan.calls)
            remaining = elapsed / done * (total - done) if done else 0.0
            desc = BATCH_PROGRESS[lang].format(
                done=done, total=total, elapsed=elapsed, remaining=remaining
            )
            progress(done / total if total else None, desc)

        def work(report: Callable[..., None]) -> BatchResult:
            return page.client.batch(
                capability,
                batch_plan,
                options,
                labels,
                reference=reference,
                spend=spend,
                refund=lambda: page._refund(session),
                progress=lambda done, total, *_: report(done, total),
            )

        result = _relay(work, show if progress is not None else None)
        return render_batch(page, result, lang, show_sensitive)
    except InputError as exc:
        return BatchView(
            view.message(INPUT_ERROR[lang].format(message=plain(exc.text(lang)))), [], []
        )
    except Exception as exc:
        log.error("unexpected failure in a batch: %s", type(exc).__name__)
        return BatchView(view.message(_strip(INTERNAL_ERROR[lang])), [], [])
    finally:
        if batch_plan is not None:
            batch_plan.close()
        page.discard([*uploads, reference])


def render_batch(page: Page, result: BatchResult, lang: str, show_sensitive: bool) -> BatchView:
    lang = _lang(lang)
    mask = not show_sensitive
    sep = "、" if lang == "zh" else ", "
    counts = sep.join(f"{OUTCOME[k][lang]} {v}" for k, v in result.counts().items() if v)
    text = BATCH_SUMMARY[lang].format(
        calls=result.calls, seconds=result.seconds, parallel=result.parallel, counts=counts
    )
    summary = f'<div class="batch-summary">{html.escape(text)}</div>'
    files: list[str] | None
    try:
        folder = _report_folder(page.cache_dir)
        csv_path = folder / f"batch-{result.capability}.csv"
        json_path = folder / f"batch-{result.capability}.json"
        csv_path.write_text(result.to_csv(lang, mask), encoding="utf-8")
        json_path.write_text(
            json.dumps(result.to_json(lang, mask), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        files = [str(csv_path), str(json_path)]
    except OSError:
        log.warning("could not write the batch exports")
        files = None
    return BatchView(
        summary, result.headers(lang), view.batch_rows(result.table(lang, mask)), files, result
    )


def _report_folder(cache_dir: Path) -> Path:
    """A new private folder for one render's report files; older ones are removed."""
    root = cache_dir / REPORTS
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = time.time()
    for old in root.iterdir():
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > REPORT_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
    folder = root / secrets.token_hex(8)
    folder.mkdir(mode=0o700)
    return folder


def _strip(markdown: str) -> str:
    return markdown.replace("**", "").replace("_", " ").strip()


def _gone(lang: str) -> str:
    if lang == "zh":
        return "上传的文件已在使用后删除（隐私保护），请重新添加文件。"
    return "the uploaded file was deleted after its last use (privacy); please add it again."
