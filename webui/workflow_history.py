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

from . import code_panel, history, workflow_snippets
from . import workflow_render as view
from .history_tab import page_url, positional, runs_state
from .language import language
from .registry import PageContext

JOURNEY_TITLE = {"en": "Onboarding journey", "zh": "开户流程"}
BATCH_TITLE = {"en": "Batch: {capability}", "zh": "批量：{capability}"}
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


def recorder(context: PageContext, kind: str, form_size: int) -> tuple[Any, list[Any]]:
    """A function for ``event.then`` recording the run and showing its code, and its extra
    inputs (after the tab's ``form_size`` form values and the run's ``card`` and ``last``)."""
    page = context.page
    make_call = (
        workflow_snippets.journey_call if kind == "journey" else workflow_snippets.batch_call
    )

    def record(*values: Any) -> list[Any]:
        *values, request = values  # the request comes last (see history_tab.positional)
        form, (card, last, lang, show, past) = values[:form_size], values[form_size:]
        code = language(lang)
        call = make_call(
            *form,
            lang=code,
            show_sensitive=bool(show),
            sandbox=page.client.sandbox,
            url=page_url(request),
            login=getattr(request, "username", None) is not None,
        )
        if isinstance(last, JourneyResult):
            workflow = journey_workflow(last)
        elif isinstance(last, BatchResult):
            workflow = batch_workflow(last)
        else:
            title = JOURNEY_TITLE if kind == "journey" else {"en": "Batch", "zh": "批量"}
            workflow = history.Workflow(kind, title, {}, "refused", lambda _l, _s: ("", None))
            refusal = html.unescape(_TAG.sub("", str(card or ""))).strip() or "—"
            runs = history.record(past, call, None, refusal, None, workflow=workflow)
            return [runs, *code_panel.values(None)]
        runs = history.record(past, call, None, "", last.seconds, workflow=workflow)
        return [runs, *code_panel.values(call)]

    positional(record, form_size + 5)
    return record, [context.lang, context.show_sensitive, runs_state(context)]


def attach(
    context: PageContext, events: Sequence[Any], kind: str, form: list[Any], card: Any, last: Any
) -> None:
    """Under the tab's result, "Use from code"; each of ``events`` (a run of the tab) recorded
    in the session's history and shown as code. ``form``: the values ``workflow_snippets``'s
    call for ``kind`` takes, in its order."""
    panel = code_panel.build(kind, context.i18n)
    record, extra = recorder(context, kind, len(form))
    runs = runs_state(context)
    for event in events:
        event.then(
            record, [*form, card, last, *extra], [runs, *panel.outputs], api_visibility="private"
        )
    context.on_language(code_panel.rerender, [panel.call], panel.blocks)
