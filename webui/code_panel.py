""" "Use from code": three copyable blocks (CLI, Python, gradio_client) for one run.

Built under each capability's result and under a reopened run of the history; the texts come
from webui.snippets, the words from webui.scripting_texts (gr.I18n keys ``code.*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from . import snippets

KEEP_SECONDS = 3600  # the last call shown lives this long after its last change, at most


@dataclass(frozen=True)
class CodePanel:
    cli: gr.Code
    python: gr.Code
    gradio: gr.Code
    call: gr.State  # the Call shown, to re-render it when the switches change

    @property
    def outputs(self) -> list[Any]:
        return [self.cli, self.python, self.gradio, self.call]

    @property
    def blocks(self) -> list[Any]:
        return [self.cli, self.python, self.gradio]


def build(name: str, i18n: Any) -> CodePanel:
    """The blocks in a closed accordion, where this is called; ``name`` makes the element ids."""
    with gr.Accordion(i18n("code.title"), open=False, elem_id=f"code-{name}"):
        gr.Markdown(i18n("code.intro"))
        blocks = [
            gr.Code(
                language=language,
                label=i18n(f"code.{part}"),
                interactive=False,
                elem_id=f"code-{name}-{part}",
            )
            for part, language in (("cli", "shell"), ("python", "python"), ("gradio", "python"))
        ]
    return CodePanel(*blocks, gr.State(None, time_to_live=KEEP_SECONDS))


def values(call: snippets.Call | None) -> list[Any]:
    """What the panel's outputs show for ``call`` (empty blocks for None)."""
    if call is None:
        return ["", "", "", None]
    three = snippets.all_three(call)
    return [three["cli"], three["python"], three["gradio"], call]


def rerender(lang: str, show: bool, call: snippets.Call | None) -> tuple[Any, ...]:
    """The blocks again in the page's language and masking (for PageContext.on_language)."""
    if call is None:
        return gr.update(), gr.update(), gr.update()
    return tuple(values(snippets.with_switches(call, lang, bool(show)))[:3])
