"""The onboarding journey tab: three inputs on one screen (card portrait side, emblem side,
selfie), sandbox scenarios, one verdict card with a chip per step, the rules, the reports.

One screen rather than gr.Walkthrough's steps: the calls run concurrently anyway, the verdict
sits next to the inputs that produced it, and a stakeholder sees the whole story at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from ekyc.workflows import JourneyResult

from . import samples, workflow_history
from . import workflow_render as view
from .components import upload_image
from .handlers import Page
from .language import language
from .registry import PageContext, TabSpec
from .workflow_handlers import JourneyView, render_journey, run_journey
from .workflow_texts import SCENARIOS, UI

TEXTS = UI  # the tab's strings join the page's gr.I18n table

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LAST_SECONDS = 600  # the last journey, kept in this browser session's memory for re-rendering


def _outputs(v: JourneyView) -> tuple[str, Any, Any, JourneyResult | None]:
    return v.card, v.report, v.files, v.result


def journey_handler(page: Page) -> Any:
    def journey(
        id_front: str | None,
        id_back: str | None,
        selfie: str | None,
        lang: str = "en",
        show_sensitive: bool = False,
        request: gr.Request = None,  # type: ignore[assignment]
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio's own idiom)
    ) -> tuple[str, Any, Any, JourneyResult | None]:
        """Onboarding journey: ID card OCR of the portrait side (and of the emblem side when
        given), liveness of the selfie, and the selfie compared with the card, run
        concurrently; one verdict (pass, review or fail) by the rules shown on the page.

        Args:
            id_front: image of the ID card's portrait side (JPG or PNG)
            id_back: image of the emblem side, optional (without it the verdict is at best review)
            selfie: a photo of the person's face (JPG or PNG)
            lang: "en" or "zh", the language of the verdict and the report
            show_sensitive: show names and numbers in full instead of masked
        Returns:
            the verdict card (HTML), the report (JSON: verdict, reasons, steps), the report files
            (JSON and printable HTML)
        """
        session = getattr(request, "session_hash", None) or "anonymous"
        display = (lambda fraction, desc: progress(fraction, desc=desc)) if progress else None
        result = run_journey(
            page, id_front, id_back, selfie, lang, bool(show_sensitive), session, display
        )
        return _outputs(result)

    return journey


def _present() -> list[tuple[str, str, tuple[str, str | None, str]]]:
    return [s for s in SCENARIOS if all((ASSETS / p).is_file() for p in s[2] if p)]


def _scenario_items(lang: str) -> list[tuple[str, str]]:
    """Thumbnails of the scenarios' three files side by side, captioned in ``lang``."""
    return [
        (samples.thumbnail(*(p for p in paths if p)), zh if lang == "zh" else en)
        for en, zh, paths in _present()
    ]


def _load_scenario(event: gr.SelectData) -> list[str | None]:
    _, _, paths = _present()[event.index]
    return [str(ASSETS / p) if p else None for p in paths]


def refresh_status(context: PageContext, event: Any) -> None:
    """After a run, the page's status shows the calls it spent."""
    page = context.page

    def update(lang: str, request: gr.Request) -> str:
        return page.status(getattr(request, "session_hash", None) or "anonymous", language(lang))

    event.then(update, [context.lang], [context.status], api_visibility="private")


def tabs() -> list[TabSpec]:
    return [TabSpec("journey", "journey", UI["en"]["journey"], UI["zh"]["journey"], build, 0)]


def build(context: PageContext) -> None:
    """The tab's content (called inside its gr.Tab); re-rendered on a language or mask switch."""
    page, i18n = context.page, context.i18n
    gr.Markdown(i18n("journey.intro"))
    with gr.Row():
        with gr.Column(scale=3):
            with gr.Row(equal_height=True, elem_classes=["file-inputs", "three"]):
                front = upload_image(
                    label=i18n("journey.front"), sources=["upload", "clipboard"], height=200,
                    elem_id="in-journey-front", min_width=150,
                )  # fmt: skip
                back = upload_image(
                    label=i18n("journey.back"), sources=["upload", "clipboard"], height=200,
                    elem_id="in-journey-back", min_width=150,
                )  # fmt: skip
                selfie = upload_image(
                    label=i18n("journey.selfie"), sources=["upload", "webcam", "clipboard"],
                    height=200, elem_id="in-journey-selfie", min_width=150,
                )  # fmt: skip
            button = gr.Button(i18n("journey.run"), variant="primary", elem_id="run-journey")
            scenarios_at = gr.Column()
        with gr.Column(scale=2):
            card = gr.HTML(view.placeholder("en"), elem_id="out-journey")
            files = gr.File(
                label=i18n("journey.report"), file_count="multiple", interactive=False,
                elem_id="journey-report",
            )  # fmt: skip
            with gr.Accordion(i18n("journey.rules"), open=False, elem_id="journey-rules"):
                rules = gr.Markdown(view.rules_markdown("en"))
            code_at = gr.Column()  # "Use from code", filled below
            with gr.Accordion(i18n("journey.details"), open=False):
                report = gr.JSON(elem_id="journey-json")
    last = gr.State(None, time_to_live=LAST_SECONDS)
    handler = journey_handler(page)
    inputs = [front, back, selfie, context.lang, context.show_sensitive]
    outputs = [card, report, files, last]
    run = button.click(
        handler, inputs, outputs, api_name="journey", concurrency_id="journey",
        concurrency_limit=2,
    )  # fmt: skip
    refresh_status(context, run)
    runs = [run]
    if page.client.sandbox:
        with scenarios_at:
            gr.Markdown(i18n("journey.scenarios"), elem_classes="samples-title")
            gallery = gr.Gallery(
                _scenario_items("en"), show_label=False, label=i18n("journey.scenarios"),
                columns=4, rows=1, height=110, allow_preview=False, object_fit="cover",
                buttons=[], fit_columns=False, interactive=False, elem_id="journey-scenarios",
                elem_classes="samples",
            )  # fmt: skip
        # One click loads the scenario's files, then runs it in the chosen language.
        picked = gallery.select(
            _load_scenario, None, [front, back, selfie], api_visibility="private"
        ).then(handler, inputs, outputs, api_visibility="private", concurrency_id="journey")
        refresh_status(context, picked)
        runs.append(picked)
        context.on_language(
            lambda lang, _show: gr.update(value=_scenario_items(language(lang))), [], [gallery]
        )

    with code_at:
        workflow_history.attach(context, runs, "journey", [front, back, selfie], card, last)

    def rerender(lang: str, show_sensitive: bool, result: JourneyResult | None) -> tuple:
        code = language(lang)
        if result is None:
            return view.placeholder(code), gr.update(), gr.update(), view.rules_markdown(code)
        v = render_journey(page, result, code, bool(show_sensitive))
        return v.card, v.report, v.files, view.rules_markdown(code)

    context.on_language(rerender, [last], [card, report, files, rules])
