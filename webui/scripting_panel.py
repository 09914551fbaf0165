"""The page's pieces for integrators: "use from code" under each result and the run history.

app.py places them with one call each: ``code_panel(cap)`` in a tab's result area,
``history_panel()`` once on the page, ``after_run(...)`` on a run button's event, and
``follow_switches(...)`` for the language and "show sensitive" switches. The logic lives in
webui.snippets and webui.history; this module only wires Gradio components to it.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import gradio as gr
from gradio.i18n import I18nData

from ekyc import Result
from ekyc.capabilities import Capability, get

from . import history, snippets
from .handlers import Page, render
from .scripting_texts import HISTORY, SNIPPET

HISTORY_SECONDS = 3600  # a session's history lives this long after its last change, at most

# The browser turns the export text into a file: nothing of it is written on the server.
DOWNLOAD_JS = """
(exports) => {
  if (!exports || !exports.%(kind)s) return;
  const bom = "%(kind)s" === "csv" ? "\\ufeff" : "";
  const blob = new Blob([bom + exports.%(kind)s], {type: "%(mime)s;charset=utf-8"});
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "ekyc-history." + "%(kind)s";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 5000);
}
"""


def i18n_words() -> dict[str, dict[str, str]]:
    """This module's labels as gr.I18n keys, for app.translations()."""
    words: dict[str, dict[str, str]] = {}
    for lang in ("en", "zh"):
        code, runs = SNIPPET[lang], HISTORY[lang]
        words[lang] = {f"code.{k}": v for k, v in code.items()}
        words[lang] |= {f"history.{k}": v for k, v in runs.items() if isinstance(v, str)}
    return words


def _t(key: str) -> I18nData:
    return I18nData(key)


@dataclass(frozen=True)
class CodePanel:
    cli: gr.Code
    python: gr.Code
    gradio: gr.Code
    call: gr.State  # the last Call shown, to re-render it in another language

    @property
    def outputs(self) -> list[Any]:
        return [self.cli, self.python, self.gradio, self.call]


def code_panel(name: str) -> CodePanel:
    """Three copyable blocks in a closed accordion (built where it is called)."""
    with gr.Accordion(_t("code.title"), open=False, elem_id=f"code-{name}"):
        gr.Markdown(_t("code.intro"))
        cli = gr.Code(
            language="shell", label=_t("code.cli"), interactive=False, elem_id=f"code-{name}-cli"
        )
        python = gr.Code(
            language="python",
            label=_t("code.python"),
            interactive=False,
            elem_id=f"code-{name}-python",
        )
        api = gr.Code(
            language="python",
            label=_t("code.gradio"),
            interactive=False,
            elem_id=f"code-{name}-gradio",
        )
    return CodePanel(cli, python, api, gr.State(None, time_to_live=HISTORY_SECONDS))


def _code_values(call: snippets.Call | None) -> list[Any]:
    if call is None:
        return [gr.update(value=""), gr.update(value=""), gr.update(value=""), None]
    three = snippets.all_three(call)
    return [three["cli"], three["python"], three["gradio"], call]


@dataclass(frozen=True)
class HistoryPanel:
    runs: gr.State
    table: gr.Dataframe
    exports: gr.JSON
    reopened: gr.Markdown
    raw: gr.JSON
    code: CodePanel
    shown: gr.State  # the number of the reopened run


def history_state() -> gr.State:
    """The session's runs: created before the tabs, whose run buttons add to it."""
    return gr.State([], time_to_live=HISTORY_SECONDS)


def history_panel(runs: gr.State, lang: gr.Radio, show: gr.Checkbox) -> HistoryPanel:
    """The history accordion, its buttons and the reopened result (built where it is called)."""
    with gr.Accordion(_t("history.title"), open=False, elem_id="history"):
        gr.Markdown(_t("history.intro"))
        table = gr.Dataframe(
            value=_table([], "en"),
            interactive=False,
            wrap=True,
            elem_id="history-table",
        )
        with gr.Row():
            csv_button = gr.Button(_t("history.export_csv"), size="sm", elem_id="history-csv")
            json_button = gr.Button(_t("history.export_json"), size="sm", elem_id="history-json")
            clear = gr.Button(
                _t("history.clear"), size="sm", variant="stop", elem_id="history-clear"
            )
        exports = gr.JSON(value=None, visible=False, elem_id="history-exports")
        gr.Markdown(f"#### {_t('history.reopened')}")
        reopened = gr.Markdown(_t("history.pick"), elem_id="history-reopened")
        raw = gr.JSON(label=_t("history.reopened"), visible=False, elem_id="history-raw")
        code = code_panel("history")
    shown = gr.State(None, time_to_live=HISTORY_SECONDS)
    panel = HistoryPanel(runs, table, exports, reopened, raw, code, shown)
    for kind, mime, button in (
        ("csv", "text/csv", csv_button),
        ("json", "application/json", json_button),
    ):
        button.click(None, exports, None, js=DOWNLOAD_JS % {"kind": kind, "mime": mime})
    clear.click(
        _clear,
        [lang],
        [runs, table, exports, reopened, raw, *code.outputs, shown],
        api_visibility="private",
    )
    table.select(
        _reopen, [runs, lang, show], [reopened, raw, *code.outputs, shown], api_visibility="private"
    )
    runs.change(_listing, [runs, lang], [table, exports], api_visibility="private")
    return panel


def _listing(runs: list[history.Run], lang: str) -> list[Any]:
    return [_table(runs or [], lang), _exports(runs or [])]


def _table(runs: list[history.Run], lang: str) -> dict[str, Any]:
    words = HISTORY[lang if lang in HISTORY else "en"]
    return {"headers": words["headers"], "data": history.rows(runs, lang) or []}


def _exports(runs: list[history.Run]) -> dict[str, str] | None:
    if not runs:
        return None
    return {"csv": history.export_csv(runs), "json": history.export_json(runs)}


def _clear(lang: str) -> list[Any]:
    words = HISTORY[lang if lang in HISTORY else "en"]
    return [
        [],
        _table([], lang),
        None,
        words["pick"],
        gr.update(value=None, visible=False),
        *_code_values(None),
        None,
    ]


def _reopen(runs: list[history.Run], lang: str, show: bool, event: gr.SelectData) -> list[Any]:
    words = HISTORY[lang if lang in HISTORY else "en"]
    row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
    table = history.rows(runs, lang)
    if not isinstance(row, int) or not 0 <= row < len(table):
        return [words["pick"], gr.update(visible=False), *_code_values(None), None]
    run = history.find(runs, int(table[row][0]))
    return _shown_run(run, lang, show)


def _shown_run(run: history.Run | None, lang: str, show: bool) -> list[Any]:
    words = HISTORY[lang if lang in HISTORY else "en"]
    if run is None:
        return [words["gone"], gr.update(value=None, visible=False), *_code_values(None), None]
    cap = get(run.call.capability)
    cap_title = cap.zh if lang == "zh" else cap.en
    heading = words["run_of"].format(
        number=run.number, time=run.when.strftime("%H:%M:%S"), capability=cap_title
    )
    if run.result is None:
        text, raw = run.refusal, None
    else:
        text, raw = render(run.result, lang, show)
    call = replace(run.call, lang=lang, show_sensitive=show)
    return [
        f"**{heading}**\n\n{text}",
        gr.update(value=raw, visible=raw is not None),
        *_code_values(call),
        run.number,
    ]


def after_run(
    event: Any,
    page: Page,
    cap: Capability,
    inputs: Sequence[Any],
    lang: gr.Radio,
    show: gr.Checkbox,
    verdict: gr.Markdown,
    last: gr.State,
    code: CodePanel,
    runs: gr.State,
) -> Any:
    """Chain the history record and the code under the result onto a run button's event.

    ``inputs`` are the tab's inputs in the handler's order: files, labels (labeling), options.
    """
    names = [spec.name for spec in cap.files] + (["labels"] if cap.has_labels else [])
    names += [opt.name for opt in cap.options]

    def record(*values: Any) -> list[Any]:
        # Gradio passes the request positionally, after the inputs (see the signature below).
        *values, request = values
        given = dict(zip(names, values, strict=False))
        lang_value, show_value, text, result, runs = values[len(names) :]
        call = snippets.make_call(
            cap.name,
            [given[spec.name] for spec in cap.files],
            {opt.name: given[opt.name] for opt in cap.options},
            given.get("labels"),
            lang=lang_value if lang_value in ("zh", "en") else "en",
            show_sensitive=bool(show_value),
            sandbox=page.client.sandbox,
            url=page_url(request),
            login=getattr(request, "username", None) is not None,
        )
        result = result if isinstance(result, Result) else None
        seconds = getattr(result, "elapsed", None)
        runs = history.record(runs, call, result, text if result is None else "", seconds)
        return [runs, *_code_values(call)]

    _positional(record, len(inputs) + 5)
    return event.then(
        record,
        [*inputs, lang, show, verdict, last, runs],
        [runs, *code.outputs],
        api_visibility="private",
    )


def follow_switches(
    lang: gr.Radio, show: gr.Checkbox, codes: Sequence[CodePanel], panel: HistoryPanel
) -> None:
    """The language and "show sensitive" switches re-render code, table and reopened run."""

    def rerender(
        lang_value: str, show_value: bool, runs: list, shown: int | None, *calls: Any
    ) -> list[Any]:
        lang_value = lang_value if lang_value in ("zh", "en") else "en"
        updates: list[Any] = [_table(runs or [], lang_value)]
        if shown is not None:
            updates += _shown_run(history.find(runs, shown), lang_value, bool(show_value))
        else:
            updates += [gr.update()] * 7
        for call in calls:
            fresh = (
                replace(call, lang=lang_value, show_sensitive=bool(show_value)) if call else None
            )
            updates += _code_values(fresh) if fresh else [gr.update()] * 4
        return updates

    outputs: list[Any] = [panel.table, panel.reopened, panel.raw, *panel.code.outputs, panel.shown]
    for code in codes:
        outputs += code.outputs
    for switch in (lang, show):
        switch.change(
            rerender,
            [lang, show, panel.runs, panel.shown, *(code.call for code in codes)],
            outputs,
            api_visibility="private",
        )


def _positional(fn: Any, count: int) -> None:
    """Give ``fn(*values)`` a signature of ``count`` inputs and a gr.Request, which Gradio fills."""
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter(f"input_{i}", positional) for i in range(count)]
    params.append(inspect.Parameter("request", positional, annotation=gr.Request))
    fn.__signature__ = inspect.Signature(params)
    fn.__annotations__ = {"request": gr.Request}


def page_url(request: gr.Request | None) -> str:
    """The page's address as the visitor reached it, for the gradio_client snippet."""
    headers = getattr(request, "headers", None) or {}
    host = (headers.get("x-forwarded-host") or headers.get("host") or "").split(",")[0].strip()
    if not host:
        return snippets.Call.__dataclass_fields__["url"].default
    scheme = (headers.get("x-forwarded-proto") or "").split(",")[0].strip()
    if not scheme:
        scheme = getattr(getattr(request, "request", None), "url", None)
        scheme = getattr(scheme, "scheme", "http") or "http"
    return f"{scheme}://{host}/"
