"""Gradio components that hand the client the uploaded bytes untouched.

gr.Image decodes every upload with Pillow and re-saves webcam frames in its default WEBP; here an
uploaded file passes through as it is (the client checks it and explains a refusal), and only a
webcam frame or pasted image, which has no original file, is saved as JPEG.
"""

from __future__ import annotations

import base64
import io
import uuid
from pathlib import Path
from typing import Any

import gradio as gr
from PIL import Image

from ekyc.media import sniff

WEBCAM_NAMES = ("", "blob", "image", "image.png", "image.webp", "webcam.png")


class UploadImage(gr.Image):
    """An image input whose value is the path of the original upload.

    Build it with ``upload_image``; Gradio reads a component's properties from the parameters of
    ``gr.Image.__init__``, so this class must not define its own.
    """

    def get_block_name(self) -> str:
        return "image"  # rendered by gr.Image's own front end

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        url = getattr(payload, "url", None) or ""
        if url.startswith("data:"):
            return self._to_jpeg(base64.b64decode(url.split(",", 1)[1]))
        if not payload.path:
            return None
        path = Path(payload.path)
        name = (payload.orig_name or "").lower()
        try:
            head = path.read_bytes()[:64] if path.is_file() else b""
        except OSError:
            head = b""
        captured = name in WEBCAM_NAMES or sniff(head) == "RIFF (WEBP/AVI) file"
        if captured and sniff(head) not in ("jpeg",) and head:
            try:
                return self._to_jpeg(path.read_bytes())
            except OSError:
                return str(path)
        return str(path)

    def _to_jpeg(self, data: bytes) -> str:
        with Image.open(io.BytesIO(data)) as image:
            rgb = image.convert("RGB")
        folder = Path(self.GRADIO_CACHE) / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "webcam.jpg"
        rgb.save(target, "JPEG", quality=92)
        return str(target)


def upload_image(**kwargs: Any) -> UploadImage:
    return UploadImage(type="filepath", format="jpeg", image_mode=None, **kwargs)
