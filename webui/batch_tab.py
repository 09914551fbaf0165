"""The batch testing tab: a capability and its options, many files and ZIPs, the number of calls
it will spend, a real progress bar, a table of results and the CSV / JSON exports."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ekyc.capabilities import CAPABILITIES, Capability, get
from ekyc.catalog import LABELS
from ekyc.workflows import BatchResult

from . import workflow_history
from .components import upload_image
from .handlers import Page
from .journey_tab import refresh_status
from .language import language
from .registry import PageContext, TabSpec
from .workflow_handlers import BatchView, batch_plan_text, render_batch, run_batch
from .workflow_texts import UI

LAST_SECONDS = 600
FILE_TYPES = ["image", "video", ".zip"]


def page_batchable(cap: Capability) -> bool:
    """Whether this form can run ``cap`` over many files: one file per row (or a photo compared
    with one reference photo), and no required option but the document side it offers."""
    if not cap.files or len(cap.files) > 2:
        return False
    if len(cap.files) == 2 and cap.files[1].kind != "image":
        return False
    return all(opt.role == "side" for opt in cap.options if opt.default is None)


ROWS = [cap for cap in CAPABILITIES if page_batchable(cap)]
# The form opens on a document with a side to choose (the most common manual test), if any.
FIRST = next((cap for cap in ROWS if cap.option_for("side")), ROWS[0])


class UploadFiles(gr.File):
    """Several files whose value is the list of the uploads' own paths (see UploadFile)."""

    def get_block_name(self) -> str:
        return "file"

    def preprocess(self, payload: Any) -> list[str] | None:
        items = getattr(payload, "root", payload) or []
        if not isinstance(items, list):
            items = [items]
        paths = [str(p.path) for p in items if getattr(p, "path", None)]
        return paths or None


def _outputs(v: BatchView) -> tuple[str, Any, Any, BatchResult | None]:
    table = {"data": v.rows, "headers": v.headers} if v.headers else None
    return v.summary, table, v.files, v.result


def batch_handler(page: Page) -> Any:
    def batch(
        capability: str,
        files: list[str] | None,
        side: str | None = None,
        labels: list[str] | None = None,
        reference: str | None = None,
        lang: str = "en",
        show_sensitive: bool = False,
        request: gr.Request = None,  # type: ignore[assignment]
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio's own idiom)
    ) -> tuple[str, Any, Any, BatchResult | None]:
        """Batch testing: run one capability over many images, videos or ZIP archives (a row
        per file; members that are not media are listed as skipped, with the reason).

        Args:
            capability: one of {capabilities}
            files: the files and ZIP archives
            side: the document side, for {sides}; unused otherwise
            labels: for {labeled}: 1-5 label codes such as ["A14", "B03"]
            reference: for {paired}: the photo every file is compared with
            lang: "en" or "zh"
            show_sensitive: show names and numbers in full instead of masked
        Returns:
            a summary (HTML), the table of rows, the CSV and JSON exports
        """
        session = getattr(request, "session_hash", None) or "anonymous"
        cap = get(capability) if capability in {c.name for c in CAPABILITIES} else None
        side_option = cap.option_for("side") if cap else None
        options = {side_option.name: side} if side_option else {}
        display = (lambda fraction, desc: progress(fraction, desc=desc)) if progress else None
        view = run_batch(
            page, capability, files, options, labels or None,
            reference if cap and len(cap.files) == 2 else None,
            lang, bool(show_sensitive), session, display,
        )  # fmt: skip
        return _outputs(view)

    batch.__doc__ = (batch.__doc__ or "").format(**_doc_values())
    return batch


def _doc_values() -> dict[str, str]:
    """The endpoint's description of its choices, from the table (gradio_client, MCP)."""

    def names(rows: list[Capability]) -> str:
        return ", ".join(cap.name for cap in rows) or "none"

    def sides(cap: Capability) -> str:
        opt = cap.option_for("side")
        shown = " / ".join(f'"{c.value}" {c.en}' for c in opt.choices) if opt else ""
        return f"{cap.name} {shown}"

    return {
        "capabilities": names(ROWS),
        "sides": "; ".join(sides(cap) for cap in ROWS if cap.option_for("side")),
        "labeled": names([cap for cap in ROWS if cap.has_labels]),
        "paired": names([cap for cap in ROWS if len(cap.files) == 2]),
    }


def _on_capability(i18n: Any) -> Any:
    """The options that the chosen capability takes: its side, labels or reference photo."""

    def on_change(capability: str, files: list[str] | None, lang: str) -> tuple[Any, ...]:
        cap = get(capability)
        opt = cap.option_for("side")
        side = gr.update(visible=False, value=None)
        if opt is not None:
            choices = [(i18n(f"{cap.name}.{opt.name}.{c.value}"), c.value) for c in opt.choices]
            side = gr.update(
                visible=True, choices=choices, value=None, label=i18n(f"{cap.name}.{opt.name}")
            )
        return (
            side,
            gr.update(visible=cap.has_labels),
            gr.update(visible=len(cap.files) == 2),
            batch_plan_text(capability, files, language(lang)),
        )

    return on_change


def _show_table(result: BatchResult | None) -> Any:
    return gr.update(visible=result is not None)


def tabs() -> list[TabSpec]:
    return [TabSpec("batch", "batch", UI["en"]["batch"], UI["zh"]["batch"], build, 0)]


def build(context: PageContext) -> None:
    """The tab's content (called inside its gr.Tab); re-rendered on a language or mask switch."""
    page, i18n = context.page, context.i18n
    gr.Markdown(i18n("batch.intro"))
    with gr.Row():
        with gr.Column(scale=2, min_width=300):
            capability = gr.Dropdown(
                [(i18n(c.name), c.name) for c in ROWS],
                value=FIRST.name, label=i18n("batch.capability"),
                elem_id="in-batch-capability",
            )  # fmt: skip
            first_side = FIRST.option_for("side")
            side = gr.Radio(
                [(i18n(f"{FIRST.name}.{first_side.name}.{c.value}"), c.value)
                 for c in (first_side.choices if first_side else ())],
                label=i18n(f"{FIRST.name}.{first_side.name}") if first_side else None,
                visible=first_side is not None, elem_id="in-batch-side",
            )  # fmt: skip
            labels = gr.Dropdown(
                [(i18n(f"label.{code}"), code) for code in LABELS],
                multiselect=True, max_choices=5, value=["A14", "B03"],
                label=i18n("labels"), visible=False, elem_id="in-batch-labels",
            )  # fmt: skip
            reference = upload_image(
                label=i18n("batch.reference"), sources=["upload", "clipboard"], height=160,
                visible=False, elem_id="in-batch-reference",
            )  # fmt: skip
            files = UploadFiles(
                label=i18n("batch.files"), file_count="multiple", file_types=FILE_TYPES,
                type="filepath", height=160, elem_id="in-batch-files",
            )  # fmt: skip
            plan = gr.Markdown(elem_id="batch-plan")
            button = gr.Button(i18n("batch.run"), variant="primary", elem_id="run-batch")
        with gr.Column(scale=3, min_width=300):
            summary = gr.HTML(elem_id="out-batch")
            table = gr.Dataframe(
                label=i18n("batch.results"),
                interactive=False,
                wrap=True,
                elem_id="batch-table",
                visible=False,  # until there are rows: no empty grid with made-up headers
            )
            exports = gr.File(
                label=i18n("batch.exports"), file_count="multiple", interactive=False,
                elem_id="batch-exports",
            )  # fmt: skip
            code_at = gr.Column()  # "Use from code", filled below
    last = gr.State(None, time_to_live=LAST_SECONDS)
    # Instant form updates: no progress overlay. ``input`` (not ``change``): only a choice made
    # by the user resets the options, never the dropdown settling when the tab first shows.
    private: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
    capability.input(
        _on_capability(i18n), [capability, files, context.lang],
        [side, labels, reference, plan], **private,
    )  # fmt: skip
    files.change(batch_plan_text, [capability, files, context.lang], [plan], **private)
    run = button.click(
        batch_handler(page),
        [capability, files, side, labels, reference, context.lang, context.show_sensitive],
        [summary, table, exports, last],
        api_name="batch",
        concurrency_id="batch",
        concurrency_limit=1,
    )
    refresh_status(context, run)
    # The table shows once a batch has rows (the API's answer keeps its shape).
    run.then(_show_table, last, table, api_visibility="private", show_progress="hidden")
    with code_at:
        form = [capability, files, side, labels, reference]
        workflow_history.attach(context, [run], "batch", form, summary, last)

    def rerender(lang: str, show_sensitive: bool, result: BatchResult | None, *rest: Any):
        chosen, uploaded = rest
        shown = batch_plan_text(chosen, uploaded, language(lang))
        if result is None:
            return gr.update(), gr.update(), gr.update(), shown
        return (
            *_outputs(render_batch(page, result, language(lang), bool(show_sensitive)))[:3],
            shown,
        )

    context.on_language(rerender, [last, capability, files], [summary, table, exports, plan])
