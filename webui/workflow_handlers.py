"""What the journey and batch buttons do: check the session's call budget, run the workflow,
render it, write the downloadable reports (``workflow_reports``), clean up the uploads.

Plain functions over plain values (nothing here imports gradio): the browser-free tests call
them directly, the tab modules wire them to the page, and gradio_client / MCP reach them through
the page's ``/journey`` and ``/batch`` endpoints.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ekyc import InputError
from ekyc.capabilities import BY_NAME
from ekyc.workflows import BatchResult, JourneyResult, Plan, calls_needed, plan
from ekyc.workflows.report import report_json
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
from .workflow_relay import relay
from .workflow_reports import batch_files, journey_files

log = logging.getLogger("webui.workflows")

JOURNEY_STEPS = {
    "en": "{done}/{total} steps done · {seconds:.0f} s",
    "zh": "已完成 {done}/{total} 步 · {seconds:.0f} 秒",
}


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

        result = relay(work, show if progress is not None else None)
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
    files = journey_files(page.cache_dir, result, report, lang, mask)
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

        result = relay(work, show if progress is not None else None)
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
    files = batch_files(page.cache_dir, result, lang, mask)
    return BatchView(
        summary, result.headers(lang), view.batch_rows(result.table(lang, mask)), files, result
    )


def _strip(markdown: str) -> str:
    return markdown.replace("**", "").replace("_", " ").strip()


def _gone(lang: str) -> str:
    if lang == "zh":
        return "上传的文件已在使用后删除（隐私保护），请重新添加文件。"
    return "the uploaded file was deleted after its last use (privacy); please add it again."
