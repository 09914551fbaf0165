"""The web page: one tab per capability, built from the capability table.

Run ``python app.py``. With no credentials configured it starts the bundled emulator on loopback
and says so on every result (sandbox mode).
"""

from __future__ import annotations

import inspect
import logging
import os
from pathlib import Path
from typing import Any

import gradio as gr
from dotenv import load_dotenv

from ekyc import Client, Result
from ekyc.capabilities import CAPABILITIES, Capability
from ekyc.catalog import LABELS
from ekyc.media import kind_of
from webui import mcp_guard, mcp_tools, samples
from webui.components import upload_file, upload_image
from webui.handlers import Page, render
from webui.texts import LEGAL, UI, WHY_NO_ID_CHECK

log = logging.getLogger("app")

PARALLEL_CALLS = 4
LAST_RESULT_SECONDS = 600  # the last answer, kept in server memory for re-rendering only
CSS = """
.verdict {min-height: 6em}
footer {display: none !important}
"""


def _label(text: str, lang: str) -> str:
    """The table's English words are written to sit mid-sentence; a label starts a line."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def translations() -> gr.I18n:
    """Interface strings plus every title and option label from the capability table."""
    table: dict[str, dict[str, str]] = {lang: dict(words) for lang, words in UI.items()}
    for cap in CAPABILITIES:
        for lang in ("zh", "en"):
            words = table[lang]
            words[cap.name] = getattr(cap, lang)
            for spec in cap.files:
                words[f"{cap.name}.{spec.name}"] = _label(getattr(spec, lang), lang)
            for opt in cap.options:
                words[f"{cap.name}.{opt.name}"] = _label(getattr(opt, lang), lang)
                for choice in opt.choices:
                    label = _label(getattr(choice, lang), lang)
                    words[f"{cap.name}.{opt.name}.{choice.value}"] = label
    for code, names in LABELS.items():
        for lang in ("zh", "en"):
            table[lang][f"label.{code}"] = f"{code} {names[lang]}"
    return gr.I18n(**table)


I18N = translations()


def _handler(page: Page, cap: Capability) -> Any:
    """The run button's function, with a real signature so Gradio injects request and progress."""
    names = [spec.name for spec in cap.files]
    names += ["labels"] if cap.has_labels else []
    names += [opt.name for opt in cap.options]

    def run(*args: Any, **kwargs: Any) -> tuple[str, Any, Result | None]:
        # Gradio passes the request and the progress tracker positionally, after the inputs.
        fields = [*names, "lang", "show_sensitive", "request", "progress"]
        values = dict(zip(fields, args, strict=False))
        values.update(kwargs)
        request = values.get("request")
        return page.execute(
            cap,
            [values[spec.name] for spec in cap.files],
            {opt.name: values[opt.name] for opt in cap.options},
            values.get("labels"),
            values.get("lang") or "en",
            bool(values.get("show_sensitive")),
            getattr(request, "session_hash", None) or "anonymous",
            values.get("progress"),
        )

    params = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names]
    params += [
        inspect.Parameter("lang", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("show_sensitive", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter(
            "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=gr.Request
        ),
        inspect.Parameter(
            "progress", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=gr.Progress()
        ),
    ]
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {"request": gr.Request}  # Gradio finds gr.Request by type hint
    run.__name__ = cap.name
    return run


def _file_inputs(cap: Capability) -> list[gr.components.Component]:
    inputs: list[gr.components.Component] = []
    for spec in cap.files:
        label = I18N(f"{cap.name}.{spec.name}")
        elem_id = f"in-{cap.name}-{spec.name}"
        if spec.kind == "image":
            sources = ["upload", "webcam", "clipboard"]
            if not cap.webcam:
                sources = ["upload", "clipboard"]
            inputs.append(upload_image(label=label, sources=sources, height=260, elem_id=elem_id))
        elif spec.kind == "video":
            # Upload only: browsers record WebM, which upstream does not take.
            inputs.append(
                gr.Video(
                    label=label,
                    sources=["upload"],
                    include_audio=True,
                    height=260,
                    elem_id=elem_id,
                )
            )
        else:
            inputs.append(upload_file(label=label, height=120, elem_id=elem_id))
    return inputs


def _option_inputs(cap: Capability) -> list[gr.components.Component]:
    inputs: list[gr.components.Component] = []
    if cap.has_labels:
        inputs.append(
            gr.Dropdown(
                choices=[(I18N(f"label.{code}"), code) for code in LABELS],
                multiselect=True,
                max_choices=5,
                label=I18N("labels"),
                value=["A14", "B03"],
                elem_id=f"in-{cap.name}-labels",
            )
        )
    for opt in cap.options:
        label, elem_id = I18N(f"{cap.name}.{opt.name}"), f"in-{cap.name}-{opt.name}"
        if opt.free_text:
            inputs.append(
                gr.Textbox(
                    value=opt.default or "",
                    label=label,
                    placeholder=opt.example or None,
                    max_lines=1,
                    elem_id=elem_id,
                )
            )
            continue
        choices = [(I18N(f"{cap.name}.{opt.name}.{c.value}"), c.value) for c in opt.choices]
        many = len(choices) > 6  # a long list reads better as a menu
        widget = gr.Dropdown if many else gr.Radio
        inputs.append(
            widget(
                choices=choices,
                value=opt.default,  # None for a side: the user must choose
                label=label,
                elem_id=elem_id,
            )
        )
    return inputs


def _tab(
    page: Page, cap: Capability, lang: gr.Radio, show: gr.Checkbox, status: gr.Markdown
) -> tuple[gr.State, gr.Markdown, gr.JSON]:
    with gr.Tab(I18N(cap.name), id=cap.name):
        with gr.Row():
            with gr.Column():
                files = _file_inputs(cap)
                options = _option_inputs(cap)
                button = gr.Button(I18N("run"), variant="primary", elem_id=f"run-{cap.name}")
            with gr.Column():
                verdict = gr.Markdown(
                    I18N("placeholder"),
                    label=I18N("explanation"),
                    elem_classes="verdict",
                    elem_id=f"out-{cap.name}",
                )
                with gr.Accordion(I18N("technical"), open=False, elem_id=f"details-{cap.name}"):
                    raw = gr.JSON(label=I18N("raw"), elem_id=f"raw-{cap.name}")
        examples, captions = samples.rows(cap.name, len(cap.files))
        if examples:
            gr.Examples(
                examples, [*files, *options], label=I18N("examples"), example_labels=captions
            )
        # The last Result stays in this browser session's memory only, so that switching the
        # language or revealing sensitive fields re-renders it without another upstream call.
        last = gr.State(None, time_to_live=LAST_RESULT_SECONDS)
        media_type = cap.option_for("media_type")
        if media_type is not None:  # the media type follows the file chosen
            type_choice = options[(1 if cap.labels else 0) + cap.options.index(media_type)]
            typed = files[[spec.kind for spec in cap.files].index("by_type")]
            typed.change(_infer_type, typed, type_choice, api_visibility="private")
        button.click(
            _handler(page, cap),
            [*files, *options, lang, show],
            [verdict, raw, last],
            api_name=cap.name,
            concurrency_limit=1 if cap.asynchronous else PARALLEL_CALLS,
            concurrency_id="labeling" if cap.asynchronous else "calls",
        ).then(_status_handler(page), [lang], [status], api_visibility="private").then(
            _clear_deleted, files, files, api_visibility="private"
        )
    return last, verdict, raw


def _clear_deleted(*paths: str | None) -> Any:
    """Empty the inputs whose upload was deleted after use, so the page shows what is left."""
    updates = [None if path and not Path(path).is_file() else gr.update() for path in paths]
    return updates if len(updates) > 1 else updates[0]  # Gradio: one output, one value


def _infer_type(path: str | None) -> Any:
    kind = kind_of(path)
    return gr.update(value=kind) if kind else gr.update()


def _rerender(lang: str, show: bool, *lasts: Result | None) -> list[Any]:
    updates: list[Any] = []
    for last in lasts:
        updates += list(render(last, lang, show)) if last else [gr.update(), gr.update()]
    return updates


def _status_handler(page: Page) -> Any:
    def status(lang: str, request: gr.Request) -> str:
        return page.status(_session(request), lang)

    return status


def _session(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or "anonymous"


def _browser_lang(request: gr.Request) -> str:
    accept = (request.headers.get("accept-language", "") if request else "").lower()
    return "zh" if accept.startswith("zh") else "en"


def build(page: Page) -> gr.Blocks:
    # analytics off: nothing leaves the machine but the calls themselves
    with gr.Blocks(title="eKYC demo", delete_cache=(120, 480), analytics_enabled=False) as demo:
        gr.Markdown(I18N("title"))
        gr.Markdown(I18N("subtitle"))
        status = gr.Markdown(elem_id="status")
        with gr.Row():
            lang = gr.Radio([("中文", "zh"), ("English", "en")], value="en", label=I18N("lang"))
            show = gr.Checkbox(False, label=I18N("show_sensitive"))
        with gr.Tabs():
            tabs = [_tab(page, cap, lang, show, status) for cap in CAPABILITIES]
        with gr.Accordion(I18N("about"), open=True):
            legal = gr.Markdown(LEGAL["en"])
        with gr.Accordion(I18N("why_no_id_check"), open=False):
            why = gr.Markdown(WHY_NO_ID_CHECK["en"])

        def on_lang(lang: str, request: gr.Request) -> tuple[str, str, str]:
            return page.status(_session(request), lang), LEGAL[lang], WHY_NO_ID_CHECK[lang]

        demo.load(_browser_lang, None, [lang], api_visibility="private").then(
            on_lang, [lang], [status, legal, why], api_visibility="private"
        )
        lang.change(on_lang, [lang], [status, legal, why], api_visibility="private")
        lasts = [last for last, _, _ in tabs]
        shown = [part for _, verdict, raw in tabs for part in (verdict, raw)]
        for switch in (lang, show):
            switch.change(_rerender, [lang, show, *lasts], shown, api_visibility="private")
    demo.queue(
        default_concurrency_limit=PARALLEL_CALLS,
        max_size=_whole_number("EKYC_QUEUE_SIZE") or 64,
    )
    return demo


def _auth() -> tuple[str, str] | None:
    value = os.environ.get("EKYC_AUTH", "").strip()
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise SystemExit("EKYC_AUTH must look like user:password")
    return user, password


def _whole_number(name: str) -> int | None:
    """A positive whole number from the environment, None when unset; a clear stop otherwise."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def create_app(client: Client | None = None) -> tuple[gr.Blocks, Page]:
    """The page and its state. Settings come from the environment and ``.env`` (the process
    environment wins), like the client's own."""
    load_dotenv(".env", override=False)
    page = Page(
        client or Client.from_env(),
        call_limit=_whole_number("EKYC_SESSION_CALL_LIMIT"),
        total_limit=_whole_number("EKYC_TOTAL_CALL_LIMIT"),
    )
    demo = build(page)
    if mcp_tools.enabled():
        mcp_tools.register(demo, page)  # every capability as an MCP tool
    return demo, page


def launch_kwargs() -> dict[str, Any]:
    auth = _auth()
    return {
        **mcp_guard.launch_options(auth, mcp_tools.enabled()),
        "auth": auth,
        "i18n": I18N,
        "css": CSS,
        "theme": gr.themes.Soft(),
        "server_name": os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        "show_error": False,
        "ssr_mode": False,  # plain client rendering: starts faster and needs no Node.js
    }


if __name__ == "__main__":
    load_dotenv(".env", override=False)  # before launch_kwargs reads EKYC_AUTH
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Gradio's own start-up probes
    demo, _ = create_app()
    demo.launch(**launch_kwargs())
