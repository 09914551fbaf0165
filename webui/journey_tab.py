"""The onboarding journey tab: three inputs on one screen (card portrait side, emblem side,
selfie), sandbox scenarios, one verdict card with a chip per step, the rules, the reports.

One screen rather than gr.Walkthrough's steps: the calls run concurrently anyway, the verdict
sits next to the inputs that produced it, and a stakeholder sees the whole story at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
from gradio.i18n import I18nData

from ekyc.workflows import JourneyResult

from . import workflow_render as view
from .components import upload_image
from .handlers import Page
from .workflow_handlers import JourneyView, render_journey, run_journey
from .workflow_texts import SCENARIOS

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LAST_SECONDS = 600  # the last journey, kept in this browser session's memory for re-rendering


def _t(key: str) -> I18nData:
    return I18nData(f"journey.{key}" if key != "journey" else key)


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


def refresh_status(page: Page, event: Any, lang: Any, status: Any) -> None:
    """After a run, the page's status line shows the calls it spent."""
    if status is None:
        return

    def update(lang: str, request: gr.Request) -> str:
        return page.status(getattr(request, "session_hash", None) or "anonymous", lang)

    event.then(update, [lang], [status], api_visibility="private")


def build(
    page: Page,
    lang: gr.components.Component,
    show: gr.components.Component,
    status: gr.components.Component | None = None,
) -> None:
    """The tab and its events; ``status`` (the page's status line) is refreshed after a run."""
    """The tab, its events and its re-rendering on a language or masking switch."""
    with gr.Tab(_t("journey"), id="journey", elem_id="tab-journey"):
        gr.Markdown(_t("intro"))
        with gr.Row():
            with gr.Column(scale=3):
                with gr.Row():
                    front = upload_image(
                        label=_t("front"), sources=["upload", "clipboard"], height=220,
                        elem_id="in-journey-front",
                    )  # fmt: skip
                    back = upload_image(
                        label=_t("back"), sources=["upload", "clipboard"], height=220,
                        elem_id="in-journey-back",
                    )  # fmt: skip
                    selfie = upload_image(
                        label=_t("selfie"), sources=["upload", "webcam", "clipboard"],
                        height=220, elem_id="in-journey-selfie",
                    )  # fmt: skip
                button = gr.Button(_t("run"), variant="primary", elem_id="run-journey")
            with gr.Column(scale=2):
                card = gr.HTML(view.placeholder("en"), elem_id="out-journey")
                files = gr.File(
                    label=_t("report"), file_count="multiple", interactive=False,
                    elem_id="journey-report",
                )  # fmt: skip
                with gr.Accordion(_t("rules"), open=False, elem_id="journey-rules"):
                    rules = gr.Markdown(view.rules_markdown("en"))
                with gr.Accordion(_t("details"), open=False):
                    report = gr.JSON(elem_id="journey-json")
        last = gr.State(None, time_to_live=LAST_SECONDS)
        handler = journey_handler(page)
        outputs = [card, report, files, last]
        run = button.click(
            handler,
            [front, back, selfie, lang, show],
            outputs,
            api_name="journey",
            concurrency_id="journey",
            concurrency_limit=2,
        )
        refresh_status(page, run, lang, status)
        if page.client.sandbox:
            present = [
                (caption, [str(ASSETS / p) if p else None for p in paths])
                for caption, paths in SCENARIOS
                if all((ASSETS / p).is_file() for p in paths if p)
            ]
            scenarios = gr.Examples(
                [row for _, row in present],
                [front, back, selfie],
                label=_t("scenarios"),
                example_labels=[caption for caption, _ in present],
                elem_id="journey-scenarios",
            )
            # One click loads the scenario's files, then runs it in the chosen language.
            run = scenarios.load_input_event.then(
                handler,
                [front, back, selfie, lang, show],
                outputs,
                api_visibility="private",
                concurrency_id="journey",
            )
            refresh_status(page, run, lang, status)

    def rerender(
        lang: str, show_sensitive: bool, result: JourneyResult | None
    ) -> tuple[Any, Any, Any, str]:
        shown = view.rules_markdown(lang if lang in ("zh", "en") else "en")
        if result is None:
            return (
                view.placeholder(lang if lang in ("zh", "en") else "en"),
                gr.update(),
                gr.update(),
                shown,
            )
        v = render_journey(page, result, lang, bool(show_sensitive))
        return v.card, v.report, v.files, shown

    for switch in (lang, show):
        switch.change(
            rerender, [lang, show, last], [card, report, files, rules], api_visibility="private"
        )
