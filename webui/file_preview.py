"""A preview of a file input that takes either an image or a video (media labeling).

Gradio's plain file input shows only a name, so the visitor could not see what they picked.
The preview sits at the top of the result column (after Run on a phone), shows the upload
already in Gradio's cache (nothing is copied) and hides for a file that is neither.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from ekyc.capabilities import Capability
from ekyc.media_formats import kind_of

TEXTS = {
    "en": {"preview": "Your file"},
    "zh": {"preview": "您的文件"},
}
HEIGHT = 180


def build(i18n: Any, cap: Capability, files: list[gr.components.Component]) -> None:
    """Under the current layout context: one image and one video preview for each file input
    of kind ``by_type``, following that input."""
    for spec, component in zip(cap.files, files, strict=True):
        if spec.kind != "by_type":
            continue
        # No share button: a file of the visitor's stays on this server only.
        common = {
            "label": i18n("preview"),
            "interactive": False,
            "height": HEIGHT,
        }
        at = f"preview-{cap.name}-{spec.name}"
        image = gr.Image(visible=False, elem_id=f"{at}-image", buttons=["fullscreen"], **common)
        video = gr.Video(visible=False, elem_id=f"{at}-video", buttons=[], **common)
        component.change(show, component, [image, video], api_visibility="private")


def show(path: str | None) -> tuple[Any, Any]:
    """(image update, video update): the one matching the file's bytes, the other hidden."""
    kind = kind_of(path)
    return (
        gr.update(value=path if kind == "image" else None, visible=kind == "image"),
        gr.update(value=path if kind == "video" else None, visible=kind == "video"),
    )
