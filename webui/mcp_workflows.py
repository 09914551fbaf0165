"""The onboarding journey and batch testing as MCP tools, through the page's own workflow
handlers (``webui.workflow_handlers``): the same call reservation, limits and clean-up.

Gradio's MCP server turns a file argument into a file only at the top level of the arguments
(a list of files stays a list of strings), so batch takes one file: a ZIP of images and videos,
or a single image or video.
"""

# No "from __future__ import annotations": Gradio reads these signatures' types at run time,
# and batch's choice of capability is built from the table.

import html
import json
import re
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import gradio as gr
from gradio.data_classes import FileData

from ekyc.__main__ import terminal_text
from ekyc.capabilities import BY_NAME, CAPABILITIES
from ekyc.catalog import LABELS
from ekyc.workflows.cli import batch_text, journey_text
from ekyc.workflows.journey import STEPS

from . import tool_texts as T
from . import workflow_handlers as flows
from .handlers import Page
from .mcp_tools import ToolError, caller, file_hint, path_of

_TAGS = re.compile(r"<[^>]+>")
R = TypeVar("R")


def _plain(card: str) -> str:
    """A refusal card (HTML) as text."""
    return terminal_text(html.unescape(_TAGS.sub(" ", card))).strip()


def _answer(text: str, fields: Any) -> str:
    return f"{text}\n\n```json\n{json.dumps(fields, ensure_ascii=False, indent=1)}\n```"


def _language(lang: str) -> str:
    return lang if lang in ("zh", "en") else "en"


def _done(result: R | None, refusal: str, lang: str) -> R:
    """The workflow's result; without one it was refused: the refusal (HTML) as the tool's error."""
    if result is None:
        raise ToolError(_plain(refusal), title=T.REFUSED[lang])
    return result


def journey_tool(page: Page) -> Callable[..., str]:
    # The journey's own step table says which rows read the card and the selfie.
    step = {spec.name: spec for spec in STEPS}
    front = BY_NAME[step["id_front"].capability].files[0]
    selfie = BY_NAME[step["liveness"].capability].files[0]

    def journey(
        id_front: FileData,
        selfie_photo: FileData,
        id_back: FileData | None = None,
        lang: Literal["en", "zh"] = "en",
        show_sensitive: bool = False,
        request: gr.Request = None,
    ) -> str:
        lang = _language(lang)
        view = flows.run_journey(
            page,
            path_of(id_front),
            path_of(id_back),
            path_of(selfie_photo),
            lang,
            bool(show_sensitive),
            caller(request),
        )
        result = _done(view.result, view.card, lang)
        return _answer(journey_text(result, lang, mask=not show_sensitive), view.report)

    journey.__doc__ = T.JOURNEY.format(
        front=file_hint(front), back=file_hint(front), selfie=file_hint(selfie)
    )
    return journey


def batch_tool(page: Page) -> Callable[..., str]:
    names = tuple(c.name for c in CAPABILITIES)
    option_names = sorted({o.name for c in CAPABILITIES for o in c.options})

    def batch(
        archive: FileData,
        capability: Literal[names],  # type: ignore[valid-type]
        options: dict[str, str] | None = None,
        labels: list[str] | None = None,
        reference: FileData | None = None,
        lang: Literal["en", "zh"] = "en",
        show_sensitive: bool = False,
        request: gr.Request = None,
    ) -> str:
        lang = _language(lang)
        view = flows.run_batch(
            page,
            capability,
            [path_of(archive)],
            dict(options or {}),
            labels,
            path_of(reference),
            lang,
            bool(show_sensitive),
            caller(request),
        )
        result = _done(view.result, view.summary, lang)
        mask = not show_sensitive
        return _answer(batch_text(result, lang, mask), result.to_json(lang, mask))

    codes = ", ".join(LABELS)
    batch.__doc__ = T.BATCH.format(
        capabilities=", ".join(names), options=", ".join(option_names), codes=codes
    )
    return batch


def tools(page: Page) -> list[Callable[..., str]]:
    return [journey_tool(page), batch_tool(page)]
