"""The web page: a header, the tab groups of webui.registry, settings, legal notice.

Run ``python app.py``. With no credentials configured it starts the bundled emulator on loopback
and says so on every result (sandbox mode).
"""

from __future__ import annotations

import inspect
import logging
import os
from typing import Any

import gradio as gr
from dotenv import load_dotenv
from starlette.middleware import Middleware

from ekyc import Client
from webui import hardening, mcp_guard, mcp_tools, translations
from webui.capability_tab import PARALLEL_CALLS
from webui.cards import CSS as CARD_CSS
from webui.early_head import EarlyHead
from webui.handlers import Page
from webui.language import HEAD, LOAD_JS, SWITCH_JS, language
from webui.registry import GROUPS, PageContext, TabSpec, all_tabs
from webui.texts import LEGAL, WHY_NO_ID_CHECK
from webui.verified_page import VerifiedPage

log = logging.getLogger("app")

CSS = (
    CARD_CSS
    + """
.verdict {min-height: 4em}
footer {display: none !important}
#header {align-items: center; gap: 8px; flex-wrap: nowrap}
#header > * {flex: 0 0 auto !important; min-width: 0 !important; width: auto !important}
#title {margin-right: auto}
#title h1 {margin: 0; font-size: 1.5rem; white-space: nowrap}
#tagline p {margin: 0; color: var(--body-text-color-subdued)}
#mode-badge {flex: 0 0 auto; width: auto; min-width: 0}
#mode-badge p {margin: 0; font-weight: 600; white-space: nowrap; font-size: 0.9rem;
  padding: 3px 10px; border-radius: 999px; background: #fef3c7; color: #78350f}
#lang-switch {flex: 0 0 auto; width: auto; min-width: 0}
#lang-switch .wrap {flex-wrap: nowrap; gap: 4px}
#lang-switch label {padding: 4px 10px}
.samples-title p {margin: 0 0 -8px; font-weight: 600; font-size: 0.9rem}
.samples .caption-label {font-size: 0.75rem; padding: 1px 4px}
.upload-check p {margin: 0; font-size: 0.9rem}
@media (max-width: 640px) {
  #title h1 {font-size: 1.15rem}
  #mode-badge p {font-size: 0.75rem; padding: 2px 6px}
  #lang-switch label {padding: 2px 6px; font-size: 0.85rem}
  #lang-switch input {display: none}
  #tagline p {font-size: 0.8rem; line-height: 1.3}
  .file-inputs {flex-wrap: nowrap !important}
  /* the journey's three inputs share the row: narrower, with smaller labels */
  .file-inputs.three {gap: 6px}
  .file-inputs.three > * {min-width: 0 !important; flex: 1 1 0 !important}
  .file-inputs.three label[data-testid="block-label"] {font-size: 0.7rem; line-height: 1.2}
  .file-inputs.three [data-testid="upload-text"] {font-size: 0; padding-top: 2.5em}
  .gradio-container {padding-top: 4px !important}
  .tab-container button {padding: 0 8px !important; font-size: 0.9rem}
  .samples {height: 96px !important}
}
"""
)

SPECS: list[TabSpec] = all_tabs()
I18N = translations.i18n(SPECS)


def _build_tabs(context: PageContext) -> None:
    """The groups as top-level tabs, each holding its tabs (a lone tab is shown directly)."""
    i18n = context.i18n
    with gr.Tabs(elem_id="groups", overflow_behavior="wrap"):
        for key, _, _ in GROUPS:
            specs = [s for s in SPECS if s.group == key]
            if not specs:
                continue
            with gr.Tab(i18n(f"group.{key}"), id=f"group-{key}", elem_id=f"group-{key}"):
                if len(specs) == 1:
                    with gr.Column(elem_id=f"tab-{specs[0].key}"):
                        specs[0].build(context)
                    continue
                with gr.Tabs(overflow_behavior="wrap"):
                    for spec in specs:
                        with gr.Tab(
                            i18n(f"tab.{spec.key}"), id=spec.key, elem_id=f"tab-{spec.key}"
                        ):
                            spec.build(context)


def _session(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or "anonymous"


def build(page: Page) -> gr.Blocks:
    # analytics off: nothing leaves the machine but the calls themselves
    with gr.Blocks(title="eKYC demo", delete_cache=(120, 480), analytics_enabled=False) as demo:
        with gr.Row(elem_id="header", equal_height=True):
            gr.Markdown(I18N("title"), elem_id="title")
            badge = "badge_sandbox" if page.client.sandbox else "badge_live"
            gr.Markdown(I18N(badge), elem_id="mode-badge")
            lang = gr.Radio(
                [("中文", "zh"), ("English", "en")],
                value="en",
                show_label=False,
                container=False,
                elem_id="lang-switch",
            )
        gr.Markdown(I18N("tagline"), elem_id="tagline")
        with gr.Accordion(
            I18N("settings"), open=False, elem_id="settings", render=False
        ) as settings:
            status = gr.Markdown(elem_id="status")
            show = gr.Checkbox(False, label=I18N("show_sensitive"), elem_id="show-sensitive")
        context = PageContext(page, I18N, lang, show, status)
        _build_tabs(context)
        settings.render()
        with gr.Accordion(I18N("about"), open=True, elem_id="legal"):
            legal = gr.Markdown(LEGAL["en"])
        with gr.Accordion(I18N("why_no_id_check"), open=False):
            why = gr.Markdown(WHY_NO_ID_CHECK["en"])

        rerenders = context.rerenders
        inputs = [c for r in rerenders for c in r.inputs]
        outputs = [c for r in rerenders for c in r.outputs]

        def on_lang(lang: str, show: bool, *values: Any) -> list[Any]:
            *values, request = values  # the last parameter is the request (see below)
            code = language(lang)
            updates: list[Any] = [page.status(_session(request), code), LEGAL[code]]
            updates.append(WHY_NO_ID_CHECK[code])
            at = 0
            for r in rerenders:
                got = r.fn(code, show, *values[at : at + len(r.inputs)])
                at += len(r.inputs)
                updates += list(got) if len(r.outputs) > 1 else [got]
            return updates

        # A real signature, so that Gradio passes the request after the inputs.
        names = ["lang", "show", *(f"value{i}" for i in range(len(inputs)))]
        params = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names]
        params.append(
            inspect.Parameter(
                "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=gr.Request
            )
        )
        on_lang.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        on_lang.__annotations__ = {"request": gr.Request}
        switched = [lang, show, *inputs]
        shown = [status, legal, why, *outputs]
        # Re-rendering is instant: no "processing" overlay on the outputs it refreshes.
        quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
        demo.load(None, None, [lang], js=LOAD_JS, api_visibility="private").then(
            on_lang, switched, shown, **quiet
        )
        lang.input(None, [lang], None, js=SWITCH_JS, api_visibility="private")
        show.input(on_lang, switched, shown, **quiet)

        def leave(request: gr.Request) -> None:
            page.end_session(_session(request))  # the form's kept files go with the visitor

        demo.unload(leave)
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
    # the language choice must be known before Gradio's front end starts
    early_head = {"app_kwargs": {"middleware": [Middleware(EarlyHead, html=HEAD)]}}
    # where a phone lands after the HTML5 verification ("look at the big screen")
    verified = {"app_kwargs": {"middleware": [Middleware(VerifiedPage)]}}
    return {
        **hardening.merged(  # the language first; MCP's login; upload size limit, login throttle
            early_head,
            mcp_guard.launch_options(auth, mcp_tools.enabled()),
            hardening.launch_options(auth),
            verified,
        ),
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
    hardening.guard_process()  # the logging rule for all output; upload cache sweeps
    demo, _ = create_app()
    with hardening.stopping_cleanly(demo):  # SIGTERM as Ctrl-C; then this run's uploads go
        demo.launch(**launch_kwargs())
