"""Journey and batch runs in the session's run history, beside the single calls.

Each completed run is recorded with what the History tab needs to list and reopen it (a title,
the verdict or the counts, a view rendered again in the page's language and masking); a refused
run is recorded with its message. Nothing is written anywhere: it is the same session State.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from ekyc.capabilities import get
from ekyc.workflows import BatchResult, JourneyResult
from ekyc.workflows.texts import OUTCOME, VERDICT, VERDICT_ICON

from . import history, snippets
from . import workflow_render as view
from .history_tab import runs_state
from .language import language
from .registry import PageContext

JOURNEY_TITLE = {"en": "Onboarding journey", "zh": "开户流程"}
BATCH_TITLE = {"en": "Batch: {capability}", "zh": "批量：{capability}"}
MORE_FILES = {"en": "+{n} more", "zh": "另 {n} 个"}
SHOWN_FILES = 5
_TAG = re.compile(r"<[^>]+>")
_MARKDOWN = re.compile(r"[\\`*_{}\[\]|~#]")  # characters Markdown would read as syntax


def journey_workflow(result: JourneyResult) -> history.Workflow:
    shown = "example" if result.example else result.verdict
    summary = {lang: f"{VERDICT_ICON[shown]} {VERDICT[shown][lang]}" for lang in ("en", "zh")}

    def show(lang: str, sensitive: bool) -> tuple[str, Any]:
        mask = not sensitive
        return view.journey_card(result, lang, mask), result.to_json(lang, mask)

    return history.Workflow("journey", JOURNEY_TITLE, summary, shown, show)


def batch_workflow(result: BatchResult) -> history.Workflow:
    cap = get(result.capability)
    title = {lang: BATCH_TITLE[lang].format(capability=getattr(cap, lang)) for lang in ("en", "zh")}
    counts = {k: v for k, v in result.counts().items() if v}
    summary = {
        lang: (" · " if lang == "en" else "，").join(
            f"{OUTCOME[k][lang]} {v}" for k, v in counts.items()
        )
        for lang in ("en", "zh")
    }

    def show(lang: str, sensitive: bool) -> tuple[str, Any]:
        mask = not sensitive
        headers = result.headers(lang)
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        for row in result.table(lang, mask):
            lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
        return f"**{summary[lang]}**\n\n" + "\n".join(lines), result.to_json(lang, mask)

    detail = ", ".join(f"{k} {v}" for k, v in counts.items())
    return history.Workflow("batch", title, summary, detail, show)


def _cell(value: Any) -> str:
    """A table cell's text, shown as it is: a masked ``9901****0027`` is not emphasis."""
    text = html.escape(str(value), quote=False).replace("\n", " ")
    return _MARKDOWN.sub(lambda m: "\\" + m.group(0), text)


def _names(paths: Sequence[Any], lang: str) -> tuple[str, ...]:
    names = [snippets.shown_file(p) for p in paths if p]
    if len(names) > SHOWN_FILES:
        rest = MORE_FILES[lang].format(n=len(names) - SHOWN_FILES)
        names = [*names[:SHOWN_FILES], rest]
    return tuple(names)


def recorder(context: PageContext, kind: str, file_count: int) -> tuple[Any, list[Any]]:
    """A function for ``event.then`` recording the run, and its extra inputs (after the
    tab's file inputs and the run's outputs ``card`` and ``last``: see ``attach``)."""
    page = context.page

    def record(*values: Any) -> list[history.Run]:
        *files, card, last, lang, past = values
        paths: list[Any] = []
        for value in files[:file_count]:
            paths.extend(value if isinstance(value, list) else [value])
        code = language(lang)
        call = snippets.Call(kind, _names(paths, code), sandbox=page.client.sandbox, lang=code)
        if isinstance(last, JourneyResult):
            workflow = journey_workflow(last)
        elif isinstance(last, BatchResult):
            workflow = batch_workflow(last)
        else:
            title = JOURNEY_TITLE if kind == "journey" else {"en": "Batch", "zh": "批量"}
            workflow = history.Workflow(kind, title, {}, "refused", lambda _l, _s: ("", None))
            refusal = html.unescape(_TAG.sub("", str(card or ""))).strip() or "—"
            return history.record(past, call, None, refusal, None, workflow=workflow)
        return history.record(past, call, None, "", last.seconds, workflow=workflow)

    return record, [context.lang, runs_state(context)]


def attach(
    context: PageContext, events: Sequence[Any], kind: str, files: list[Any], card: Any, last: Any
) -> None:
    """Record each of ``events`` (a run of the tab) in the session's history."""
    record, extra = recorder(context, kind, len(files))
    runs = runs_state(context)
    for event in events:
        event.then(record, [*files, card, last, *extra], [runs], api_visibility="private")
