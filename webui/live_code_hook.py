""" "Get a code" on every tab whose capability takes a lip-reading code (an option with the role
"live_code"): four big digits to read aloud on video, filled into the form with LIP mode chosen.
The code comes from the capability whose answers are of the "live_code" kind."""

from __future__ import annotations

import html
from typing import Any

import gradio as gr

from ekyc.capabilities import CAPABILITIES

from .language import language
from .registry import RESULT_HOOKS, ResultSlot

LIP_WIRE = "LIP"  # the liveness type read from the lips (PROTOCOL-API3)
TEXTS = {
    "en": {
        "live_code.get": "Get a code to read aloud",
        "live_code.how": "Record a 2-5 s video of your face reading these digits aloud, then run.",
    },
    "zh": {
        "live_code.get": "获取朗读用的数字验证码",
        "live_code.how": "请录制 2-5 秒正脸视频并大声读出这四个数字，然后点击运行。",
    },
}
HOW = {lang: words["live_code.how"] for lang, words in TEXTS.items()}


def digits_html(code: str, lang: str) -> str:
    big = "".join(
        f'<span style="display:inline-block;min-width:1.2em;margin:0 .1em;padding:.1em .2em;'
        f'border-radius:.2em;background:#eef2ff">{html.escape(d)}</span>'
        for d in code
    )
    return (
        f'<div id="live-code-digits" style="font-size:3.5rem;font-weight:700;'
        f'letter-spacing:.1em;text-align:center">{big}</div>'
        f'<p style="text-align:center">{html.escape(HOW[lang])}</p>'
    )


def hook(slot: ResultSlot) -> None:
    cap = slot.capability
    code_option = cap.option_for("live_code")
    source = next((c for c in CAPABILITIES if c.kind == "live_code"), None)  # may be absent
    if code_option is None or source is None:
        return
    names = list(cap.input_names())
    code_input = slot.inputs[names.index(code_option.name)]
    lip = next(
        (o for o in cap.options if any(choice.wire == LIP_WIRE for choice in o.choices)), None
    )
    mode_input = slot.inputs[names.index(lip.name)] if lip else None
    lip_value = next(c.value for c in lip.choices if c.wire == LIP_WIRE) if lip else None
    page = slot.context.page
    button = gr.Button(
        slot.context.i18n("live_code.get"), size="sm", elem_id=f"get-code-{cap.name}"
    )
    shown = gr.HTML(elem_id=f"code-{cap.name}")

    def get_code(lang: str, show: bool, request: gr.Request) -> tuple[Any, ...]:
        code = language(lang)
        session = getattr(request, "session_hash", None) or "anonymous"
        text, _, result = page.execute(source, [], {}, None, code, bool(show), session)
        digits = result.data.get("liveCode") if result is not None and result.ok else None
        if not digits:
            updates: list[Any] = [gr.update(value=text), gr.update()]
        else:
            updates = [digits_html(digits, code), gr.update(value=digits)]
        if mode_input is not None:
            updates.append(gr.update(value=lip_value) if digits else gr.update())
        return tuple(updates)

    outputs = [shown, code_input] + ([mode_input] if mode_input is not None else [])
    button.click(
        get_code,
        [slot.context.lang, slot.context.show_sensitive],
        outputs,
        api_visibility="private",
    )


RESULT_HOOKS.append(hook)
