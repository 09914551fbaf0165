"""The run history tab, and the hook that records each run and shows its code under the result.

Registered in ``webui.registry.TAB_MODULES``: ``tabs()`` gives the History tab, ``TEXTS`` its
words, and importing the module adds ``under_result`` to ``RESULT_HOOKS``. The session's runs
live in one ``gr.State`` shared through ``PageContext.shared``: server memory for that session
only. Exports are made in the browser from text the page already holds: no file is written.
"""

from __future__ import annotations

import inspect
from typing import Any

import gradio as gr

from ekyc import Result

from . import code_panel, history, snippets
from .handlers import render
from .language import language
from .registry import RESULT_HOOKS, PageContext, ResultSlot, TabSpec
from .scripting_texts import HISTORY, SNIPPET

KEEP_SECONDS = 3600  # a session's history lives this long after its last change, at most
RUNS_KEY = "history.runs"

# The browser turns the export text into a file download.
DOWNLOAD_JS = """
(exports) => {
  if (!exports || !exports.%(kind)s) return;
  const bom = "%(kind)s" === "csv" ? "\\ufeff" : "";
  const blob = new Blob([bom + exports.%(kind)s], {type: "%(mime)s;charset=utf-8"});
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "ekyc-history.%(kind)s";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 5000);
}
"""

TEXTS: dict[str, dict[str, str]] = {
    lang: {f"code.{k}": v for k, v in SNIPPET[lang].items()}
    | {f"history.{k}": v for k, v in HISTORY[lang].items() if isinstance(v, str)}
    for lang in ("en", "zh")
}


def tabs() -> list[TabSpec]:
    return [TabSpec("history", "history", "Run history", "运行记录", build)]


def runs_state(context: PageContext) -> gr.State:
    """The session's runs, created by whichever piece asks first."""
    if RUNS_KEY not in context.shared:
        context.shared[RUNS_KEY] = gr.State([], time_to_live=KEEP_SECONDS)
    return context.shared[RUNS_KEY]


# ---- under each capability's result ------------------------------------------------------------


def under_result(slot: ResultSlot) -> None:
    """ "Use from code" for the last run, and the run recorded in the session's history."""
    context, cap = slot.context, slot.capability
    panel = code_panel.build(cap.name, context.i18n)
    runs = runs_state(context)
    names = list(cap.input_names())
    page = context.page

    def record(*values: Any) -> list[Any]:
        *values, request = values  # the request comes last (see positional)
        given = dict(zip(names, values, strict=False))
        lang, show, text, result, past = values[len(names) :]
        call = snippets.make_call(
            cap.name,
            [given[spec.name] for spec in cap.files],
            {opt.name: given.get(opt.name) for opt in cap.options},
            given.get("labels"),
            lang=language(lang),
            show_sensitive=bool(show),
            sandbox=page.client.sandbox,
            url=page_url(request),
            login=getattr(request, "username", None) is not None,
        )
        result = result if isinstance(result, Result) else None
        refusal = "" if result is not None else str(text or "")
        seconds = result.elapsed if result is not None else None
        return [history.record(past, call, result, refusal, seconds), *code_panel.values(call)]

    positional(record, len(slot.inputs) + 5)
    inputs = [*slot.inputs, context.lang, context.show_sensitive, slot.verdict, slot.last, runs]
    for event in slot.runs or [slot.run]:
        event.then(record, inputs, [runs, *panel.outputs], api_visibility="private")
    context.on_language(code_panel.rerender, [panel.call], panel.blocks)


RESULT_HOOKS.append(under_result)


# ---- the History tab -----------------------------------------------------------------------------


def build(context: PageContext) -> None:
    i18n = context.i18n
    runs = runs_state(context)
    gr.Markdown(i18n("history.intro"))
    table = gr.Dataframe(
        value=_table([], "en"), interactive=False, wrap=True, elem_id="history-table"
    )
    with gr.Row():
        csv_button = gr.Button(i18n("history.export_csv"), size="sm", elem_id="history-csv")
        json_button = gr.Button(i18n("history.export_json"), size="sm", elem_id="history-json")
        clear = gr.Button(i18n("history.clear"), size="sm", variant="stop", elem_id="history-clear")
    exports = gr.JSON(value=None, visible=False, elem_id="history-exports")
    gr.Markdown(i18n("history.reopened_title"))
    reopened = gr.Markdown(i18n("history.pick"), elem_id="history-reopened")
    raw = gr.JSON(visible=False, elem_id="history-raw")
    panel = code_panel.build("history", i18n)
    shown = gr.State(None, time_to_live=KEEP_SECONDS)  # the number of the reopened run

    chain: dict[str, Any] = {"api_visibility": "private"}
    for kind, mime, button in (
        ("csv", "text/csv", csv_button),
        ("json", "application/json", json_button),
    ):
        button.click(None, exports, None, js=DOWNLOAD_JS % {"kind": kind, "mime": mime}, **chain)
    runs.change(_listing, [runs, context.lang], [table, exports], **chain)
    opened = [reopened, raw, *panel.outputs, shown]
    table.select(_reopen, [runs, context.lang, context.show_sensitive], opened, **chain)
    clear.click(_clear, [context.lang], [runs, table, exports, *opened], **chain)
    context.on_language(_rerender, [runs, shown], [table, reopened, raw, *panel.blocks])


def _table(runs: list[history.Run], lang: str) -> dict[str, Any]:
    return {"headers": HISTORY[language(lang)]["headers"], "data": history.rows(runs, lang)}


def _listing(runs: list[history.Run] | None, lang: str) -> list[Any]:
    runs = runs or []
    exports = {"csv": history.export_csv(runs), "json": history.export_json(runs)}
    return [_table(runs, language(lang)), exports if runs else None]


def _clear(lang: str) -> list[Any]:
    return [[], _table([], language(lang)), None, *_opened(None, lang, False, picked=False)]


def _reopen(runs: list[history.Run], lang: str, show: bool, event: gr.SelectData) -> list[Any]:
    row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
    table = history.rows(runs, language(lang))
    if not isinstance(row, int) or not 0 <= row < len(table):
        return _opened(None, lang, show, picked=False)
    return _opened(history.find(runs, int(table[row][0])), lang, show)


def _opened(run: history.Run | None, lang: str, show: bool, picked: bool = True) -> list[Any]:
    """The reopened run's outputs: explanation, raw JSON, code blocks and call, its number."""
    lang = language(lang)
    words = HISTORY[lang]
    if run is None:
        text = words["gone"] if picked else words["pick"]
        return [text, gr.update(value=None, visible=False), *code_panel.values(None), None]
    heading = words["run_of"].format(
        number=run.number, time=run.when.strftime("%H:%M:%S"), capability=history.title(run, lang)
    )
    if run.workflow is not None:  # a journey or a batch: its own view; no single call to show
        text, raw = run.workflow.view(lang, bool(show)) if not run.refusal else (run.refusal, None)
        call = None if run.refusal else snippets.with_switches(run.call, lang, bool(show))
        return [
            f"**{heading}**\n\n{text}",
            gr.update(value=raw, visible=raw is not None),
            *code_panel.values(call),
            run.number,
        ]
    text, raw = (run.refusal, None) if run.result is None else render(run.result, lang, show)
    call = snippets.with_switches(run.call, lang, bool(show))
    return [
        f"**{heading}**\n\n{text}",
        gr.update(value=raw, visible=raw is not None),
        *code_panel.values(call),
        run.number,
    ]


def _rerender(lang: str, show: bool, runs: list[history.Run] | None, shown: int | None) -> list:
    updates: list[Any] = [_table(runs or [], language(lang))]
    if shown is None:
        return [*updates, gr.update(), gr.update(), gr.update(), gr.update(), gr.update()]
    opened = _opened(history.find(runs, shown), lang, show)
    return [*updates, *opened[:2], *opened[2:5]]


def positional(fn: Any, count: int) -> None:
    """Give ``fn(*values)`` a signature of ``count`` inputs and a gr.Request, which Gradio fills."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter(f"input_{i}", kind) for i in range(count)]
    params.append(inspect.Parameter("request", kind, annotation=gr.Request))
    fn.__signature__ = inspect.Signature(params)
    fn.__annotations__ = {"request": gr.Request}


def page_url(request: gr.Request | None) -> str:
    """The page's address as the visitor reached it, for the gradio_client snippet."""
    headers = getattr(request, "headers", None) or {}
    host = (headers.get("x-forwarded-host") or headers.get("host") or "").split(",")[0].strip()
    if not host:
        return snippets.DEFAULT_URL
    scheme = (headers.get("x-forwarded-proto") or "").split(",")[0].strip()
    if not scheme:
        url = getattr(getattr(request, "request", None), "url", None)
        scheme = getattr(url, "scheme", "") or "http"
    return f"{scheme}://{host}/"
