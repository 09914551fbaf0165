"""The mobile HTML5 verification tab: reference photo, security level and language, start; then
the link and its QR code, a live wait with the link's remaining time, and the result.

It stands in for the two capability tabs of the flow (start and result, found by their answer
kinds); their generic tabs are still built, hidden, so the page's API keeps one endpoint per row.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from ekyc.capabilities import Capability, by_kind

from . import capability_tab, samples, verification
from .components import upload_image
from .language import language
from .registry import DEFAULT_GROUP, PageContext, TabSpec
from .verified_page import redirect_url

KEY = "web_verification"
TEXTS = {
    "en": {
        f"{KEY}.intro": "Upload the photo of the person who will verify, press **Start**, then "
        "scan the QR code with a phone. The result appears here as soon as the phone is done.",
        f"{KEY}.start": "Start verification",
        f"{KEY}.frame": "Best frame",
    },
    "zh": {
        f"{KEY}.intro": "上传将要核身者的照片，点击**开始核身**，然后用手机扫描二维码。"
        "手机端完成后，结果会立即显示在这里。",
        f"{KEY}.start": "开始核身",
        f"{KEY}.frame": "最佳帧",
    },
}


def tabs() -> list[TabSpec]:
    start, result = by_kind("verification_link"), by_kind("verification_result")
    return [
        TabSpec(
            KEY,
            DEFAULT_GROUP,
            "HTML5 verification (phone)",
            "手机 H5 核身",
            build,
            order=90,
            replaces=(start.name, result.name),
        )
    ]


def _choice(context: PageContext, cap: Capability, role_name: str) -> gr.Dropdown:
    opt = cap.option(role_name)
    return gr.Dropdown(
        choices=[(context.i18n(f"{cap.name}.{opt.name}.{c.value}"), c.value) for c in opt.choices],
        value=opt.default,
        label=context.i18n(f"{cap.name}.{opt.name}"),
        elem_id=f"in-{KEY}-{opt.name}",
    )


def _sample_photo(cap: Capability) -> Any:
    """The clicked sample's photo (the tab's other inputs keep the visitor's choices)."""
    load = samples.loader(cap)

    def photo(event: gr.SelectData) -> str:
        row = load(event)
        return row[0] if isinstance(row, list) else row

    return photo


def build(context: PageContext) -> None:
    start_cap, result_cap = by_kind("verification_link"), by_kind("verification_result")
    i18n, page = context.i18n, context.page
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            gallery = samples.gallery(start_cap, i18n)
            photo = upload_image(
                label=i18n(f"{start_cap.name}.{start_cap.files[0].name}"),
                sources=["upload", "webcam", "clipboard"],
                height=180,
                elem_id=f"in-{KEY}-photo",
            )
            # Collapsed, as on the other tabs: the defaults suit a demo, and Start stays in view.
            with gr.Accordion(i18n("more_options"), open=False, elem_id=f"options-{KEY}"):
                level = _choice(context, start_cap, "security_level")
                shown_in = _choice(context, start_cap, "language")
            button = gr.Button(i18n(f"{KEY}.start"), variant="primary", elem_id=f"run-{KEY}")
        with gr.Column(scale=1, min_width=300):
            # How the flow goes, where its link and QR code will appear (after the form on a phone).
            link = gr.Markdown(i18n(f"{KEY}.intro"), elem_id=f"out-{KEY}-link")
            qr = gr.HTML(elem_id=f"out-{KEY}-qr")
            wait_line = gr.Markdown(elem_id=f"out-{KEY}-wait")
            verdict = gr.Markdown(elem_id=f"out-{KEY}", elem_classes="verdict")
            frame = gr.Image(
                label=i18n(f"{KEY}.frame"),
                interactive=False,
                buttons=["fullscreen", "download"],  # no share: a face stays on this server
                height=220,
                visible=False,
                elem_id=f"out-{KEY}-frame",
            )
    wait = gr.State(None, time_to_live=verification.TOKEN_SECONDS + 60)
    timer = gr.Timer(verification.POLL_SECONDS, active=False)
    chain: dict[str, Any] = {"api_visibility": "private"}

    def on_start(
        photo: str | None, level: str, shown_in: str, lang: str, show: bool, request: gr.Request
    ) -> tuple[Any, ...]:
        code = language(lang)
        session = getattr(request, "session_hash", None) or "anonymous"
        options = {"redirect_url": redirect_url(request), "security_level": level}
        options["language"] = shown_in
        text, qr_html, explained, state, _ = verification.start(
            page, photo, options, code, bool(show), session
        )
        running = state is not None
        return (
            text,
            qr_html,
            "",
            explained,
            gr.update(value=None, visible=False),
            state,
            gr.Timer(active=running),
        )

    def on_tick(state: verification.Wait | None, lang: str, show: bool) -> tuple[Any, ...]:
        line, text, image, more, _ = verification.poll(page, state, language(lang), bool(show))
        verdict_update = text if text else gr.update()
        frame_update = gr.update(value=image, visible=image is not None) if text else gr.update()
        return line, verdict_update, frame_update, state, gr.Timer(active=more)

    started = [link, qr, wait_line, verdict, frame, wait, timer]
    form = [photo, level, shown_in, context.lang, context.show_sensitive]
    button.click(on_start, form, started, concurrency_id="calls", **chain)
    timer.tick(
        on_tick,
        [wait, context.lang, context.show_sensitive],
        [wait_line, verdict, frame, wait, timer],
        concurrency_id="polls",
        concurrency_limit=None,
        show_progress="hidden",
        **chain,
    )
    if gallery is not None:
        picked = gallery.select(_sample_photo(start_cap), None, [photo], **chain)
        picked.then(on_start, form, started, concurrency_id="calls", **chain)  # and run it
        context.on_language(samples.captions(start_cap), [], [gallery])
    # The rows' own endpoints (gradio_client, MCP), kept with their generic forms, out of sight.
    with gr.Column(visible=False):
        for cap in (start_cap, result_cap):
            capability_tab.build(context, cap)
