"""One tab per capability row: sample gallery, inputs, run button and the result area.

Each capability's tab goes to the group of its answer kind (``registry.GROUP_OF_KIND``). The
run button's event is the capability's API endpoint (named after it): files, labels, options,
lang and show_sensitive in; explanation and raw JSON out.
"""

from __future__ import annotations

import inspect
from typing import Any

import gradio as gr

from ekyc import Result
from ekyc.capabilities import CAPABILITIES, Capability, Option
from ekyc.catalog import LABELS
from ekyc.media_formats import kind_of

from . import checks, file_preview, samples
from .cards import render_card, under_card
from .components import upload_file, upload_image
from .handlers import render
from .language import language
from .registry import (
    DEFAULT_GROUP,
    GROUP_OF_KIND,
    RESULT_HOOKS,
    PageContext,
    ResultSlot,
    TabSpec,
)
from .streaming import streamed

PARALLEL_CALLS = 4
LAST_RESULT_SECONDS = 600  # the last answer, kept in server memory for re-rendering only
MAX_RADIO_CHOICES = 6  # a longer list (the action sequences) reads better as a menu
DEFAULT_LABELS = ["A14", "B03"]


def tabs() -> list[TabSpec]:
    return [
        TabSpec(
            cap.name,
            GROUP_OF_KIND.get(cap.kind, DEFAULT_GROUP),
            cap.tab_en or cap.en,
            cap.tab_zh or cap.zh,
            lambda context, cap=cap: build(context, cap),
            order=i,
        )
        for i, cap in enumerate(CAPABILITIES)
    ]


def handler(context: PageContext, cap: Capability, keep_files: bool = False) -> Any:
    """The run function, with a real signature so Gradio injects request and progress.

    ``keep_files``: the page's own form keeps its files for another run (until the visitor
    leaves or the cache expiry); an API caller's files are deleted once sent.
    """
    names = list(cap.input_names())
    page = context.page

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
            language(values.get("lang")),
            bool(values.get("show_sensitive")),
            getattr(request, "session_hash", None) or "anonymous",
            values.get("progress"),
            keep_files,
        )

    fn: Any = run
    if keep_files:  # the page's own run: its card shows the headline and the sandbox notice
        fn = _under_card(run)
    if keep_files and cap.asynchronous:  # the page shows the stages in the result area itself
        fn = streamed(fn, lambda *args: language(args[len(names)]))
    params = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names]
    params += [
        inspect.Parameter("lang", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("show_sensitive", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter(
            "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=gr.Request
        ),
    ]
    if not (keep_files and cap.asynchronous):  # a generator reports its stages itself
        progress = gr.Progress()
        params.append(
            inspect.Parameter("progress", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=progress)
        )
    fn.__signature__ = inspect.Signature(params)
    fn.__annotations__ = {"request": gr.Request}  # Gradio finds gr.Request by type hint
    fn.__name__ = cap.name
    return fn


def _file_inputs(context: PageContext, cap: Capability) -> list[gr.components.Component]:
    i18n = context.i18n
    inputs: list[gr.components.Component] = []
    with gr.Row(equal_height=True, elem_classes="file-inputs"):
        for spec in cap.files:
            label = i18n(f"{cap.name}.{spec.name}")
            elem_id = f"in-{cap.name}-{spec.name}"
            if spec.kind == "image":
                sources = (
                    ["upload", "webcam", "clipboard"] if cap.webcam else ["upload", "clipboard"]
                )
                component: gr.components.Component = upload_image(
                    label=label, sources=sources, height=160, elem_id=elem_id, min_width=150
                )
            elif spec.kind == "video":
                # Upload only: browsers record WebM, which upstream does not take.
                component = gr.Video(
                    label=label,
                    sources=["upload"],
                    include_audio=True,
                    height=160,
                    elem_id=elem_id,
                    min_width=150,
                )
            else:
                component = upload_file(label=label, height=140, elem_id=elem_id, min_width=150)
            inputs.append(component)
    return inputs


def _option_inputs(context: PageContext, cap: Capability) -> list[gr.components.Component]:
    """Labels and options, in the API's order. Options the visitor must choose stay in view;
    those with a sensible default wait in a collapsed "More options", to keep Run in sight."""
    i18n = context.i18n
    inputs: list[gr.components.Component] = []
    if cap.has_labels:
        inputs.append(
            gr.Dropdown(
                choices=[(i18n(f"label.{code}"), code) for code in LABELS],
                multiselect=True,
                max_choices=5,
                label=i18n("labels"),
                value=DEFAULT_LABELS,
                elem_id=f"in-{cap.name}-labels",
            )
        )
    radios = {opt.name: _radio(context, cap, opt, render=False) for opt in cap.options}
    for opt in cap.options:
        if opt.default is None:
            radios[opt.name].render()
    optional = [opt for opt in cap.options if opt.default is not None]
    if optional:
        with gr.Accordion(i18n("more_options"), open=False, elem_id=f"options-{cap.name}"):
            for opt in optional:
                radios[opt.name].render()
    return inputs + [radios[opt.name] for opt in cap.options]


def _radio(context: PageContext, cap: Capability, opt: Option, render: bool) -> Any:
    """The option's input: a radio, a menu for a long list, or a text box for free text."""
    i18n = context.i18n
    label, elem_id = i18n(f"{cap.name}.{opt.name}"), f"in-{cap.name}-{opt.name}"
    info = i18n(f"{cap.name}.{opt.name}.info") if checks.info_key(opt) else None
    if opt.free_text:  # typed, checked against the row's pattern before anything is sent
        return gr.Textbox(
            value=opt.default or "",
            label=label,
            info=info,
            placeholder=opt.example or None,
            max_lines=1,
            elem_id=elem_id,
            render=render,
        )
    choices = [(i18n(f"{cap.name}.{opt.name}.{c.value}"), c.value) for c in opt.choices]
    widget = gr.Dropdown if len(choices) > MAX_RADIO_CHOICES else gr.Radio
    return widget(
        choices=choices,
        value=opt.default,  # None for a side: the user must choose
        label=label,
        info=info,
        elem_id=elem_id,
        render=render,
    )


def build(context: PageContext, cap: Capability) -> None:
    """The tab's content; called inside its ``gr.Tab``."""
    i18n = context.i18n
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            gallery = samples.gallery(cap, i18n)
            files = _file_inputs(context, cap)
            hint = gr.Markdown(elem_id=f"check-{cap.name}", elem_classes="upload-check")
            options = _option_inputs(context, cap)
            button = gr.Button(i18n("run"), variant="primary", elem_id=f"run-{cap.name}")
        with gr.Column(scale=1, min_width=300):
            file_preview.build(i18n, cap, files)
            with gr.Column(elem_id=f"out-{cap.name}"):  # the answer: card, then explanation
                card = gr.HTML(elem_id=f"card-{cap.name}", elem_classes="result-card")
                verdict = gr.Markdown(
                    i18n("placeholder"),
                    elem_classes="verdict",
                    elem_id=f"explain-{cap.name}",
                )
            # The last Result stays in this browser session's memory only, so that switching the
            # language or revealing sensitive fields re-renders it without another upstream call.
            last = gr.State(None, time_to_live=LAST_RESULT_SECONDS)
            hooks_at = gr.Column(elem_id=f"result-extras-{cap.name}")
            with gr.Accordion(i18n("technical"), open=False, elem_id=f"details-{cap.name}"):
                raw = gr.JSON(label=i18n("raw"), elem_id=f"raw-{cap.name}")
    inputs = [*files, *options]
    chain: dict[str, Any] = {"api_visibility": "private"}
    queue = {
        "concurrency_limit": 1 if cap.asynchronous else PARALLEL_CALLS,
        "concurrency_id": "labeling" if cap.asynchronous else "calls",
    }
    form = [*inputs, context.lang, context.show_sensitive]
    shown = [verdict, raw, last]

    def after(event: Any) -> Any:
        switches = [context.lang, context.show_sensitive]
        event = event.then(_card, [last, *switches], [card], **chain)
        return event.then(_status_handler(context), [context.lang], [context.status], **chain)

    # The API endpoint (gradio_client, scripts): the same inputs, files deleted once sent.
    api = gr.Button(visible=False, elem_id=f"api-{cap.name}")
    api.click(handler(context, cap), form, shown, api_name=cap.name, **queue)
    # The page's own run: the form stays filled, so an option can be changed and run again.
    keep = handler(context, cap, keep_files=True)
    if cap.asynchronous:  # its stages show in the result area: no spinner over them
        queue = {**queue, "show_progress": "hidden"}
    run = button.click(keep, form, shown, **chain, **queue)
    after(run)
    runs = [run]
    if gallery is not None:
        picked = gallery.select(samples.loader(cap), None, inputs, **chain)
        ran = picked.then(keep, form, shown, **chain, **queue)
        after(ran)
        runs.append(ran)
        context.on_language(samples.captions(cap), [], [gallery])
    for spec, component in zip(cap.files, files, strict=True):
        component.upload(checks.on_upload(cap, spec), [component, context.lang], [hint], **chain)
        component.clear(lambda: "", None, [hint], **chain)
    media_type = cap.option_for("media_type")
    if media_type is not None:  # the media type follows the file chosen
        type_choice = options[(1 if cap.labels else 0) + cap.options.index(media_type)]
        typed = files[[spec.kind for spec in cap.files].index("by_type")]
        typed.change(_infer_type, typed, type_choice, **chain)
    context.on_language(_rerender, [last], [card, verdict, raw])
    with hooks_at:
        slot = ResultSlot(context, cap, last, inputs, run, runs, verdict)
        for hook in RESULT_HOOKS:
            hook(slot)


def _infer_type(path: str | None) -> Any:
    kind = kind_of(path)
    return gr.update(value=kind) if kind else gr.update()


def _rerender(lang: str, show: bool, last: Result | None) -> tuple[Any, Any, Any]:
    if last is None:
        return gr.update(), gr.update(), gr.update()
    text, raw = render(last, language(lang), bool(show))
    return _card(last, lang, show), under_card(text), raw


def _under_card(run: Any) -> Any:
    """``run`` whose explanation leaves out what the card above it shows (a refusal, which
    has no card, keeps its words)."""

    def shown(*args: Any, **kwargs: Any) -> tuple[str, Any, Result | None]:
        text, raw, result = run(*args, **kwargs)
        return (under_card(text) if result is not None else text), raw, result

    return shown


def _card(last: Result | None, lang: str, show: bool) -> str:
    return render_card(last, language(lang), bool(show))


def _status_handler(context: PageContext) -> Any:
    page = context.page

    def status(lang: str, request: gr.Request) -> str:
        session = getattr(request, "session_hash", None) or "anonymous"
        return page.status(session, language(lang))

    return status
