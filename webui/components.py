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

from ekyc import imaging
from ekyc.media_formats import sniff
from ekyc.media_images import MAX_LOSSLESS_PIXELS
from webui.handlers import CAPTURE_NAME

SAMPLES = (Path(__file__).resolve().parents[1] / "assets").resolve()
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
            try:
                return self._to_jpeg(base64.b64decode(url.split(",", 1)[1]))
            except (ValueError, OSError, SyntaxError, Image.DecompressionBombError):
                raise gr.Error("The captured image could not be read; please try again.") from None
        if not payload.path:
            return None
        path = Path(payload.path)
        try:
            with path.open("rb") as handle:
                kind = sniff(handle.read(64))
        except OSError:
            return str(path)  # the client explains what is wrong with it
        name = (payload.orig_name or "").lower()
        captured = name in WEBCAM_NAMES or kind == "RIFF (WEBP/AVI) file"
        if not captured or kind == "jpeg":
            return str(path)
        try:
            converted = self._to_jpeg(path.read_bytes())
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return str(path)  # not a usable picture: the client refuses it with a clear message
        path.unlink(missing_ok=True)  # the capture lives on only as the JPEG that is sent
        return converted

    def _to_jpeg(self, data: bytes) -> str:
        """Runs before the handler checks the call limits, so it decodes nothing the header
        says is too large (the client then refuses the file as it is), and it decodes within
        the shared memory gate, as lean as the client's own re-encoding."""
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_LOSSLESS_PIXELS:
                raise Image.DecompressionBombError("too many pixels to convert")
            with imaging.GATE.hold(imaging.decoded_bytes(image, candidate=True)):
                image.load()
                pixels = imaging.render(imaging.image_source(image), max(image.size))
                encoded = imaging.encode(pixels)
                del pixels
        folder = Path(self.GRADIO_CACHE) / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / CAPTURE_NAME
        target.write_bytes(encoded)
        self.temp_files.add(str(target))  # so that Gradio's cache sweep knows it, too
        return str(target)


class UploadFile(gr.File):
    """A single-file input whose value is the path of the original upload.

    gr.File(type="filepath") opens an empty NamedTemporaryFile in the cache on every call and
    never removes it; this passes the uploaded path through instead.
    """

    def get_block_name(self) -> str:
        return "file"  # rendered by gr.File's own front end

    def move_resource_to_block_cache(self, url_or_file_path: str | Path | None) -> str | None:
        # gr.File's examples are not protected from the cache sweep (delete_cache) the way
        # gr.Image's are: keep the cached copy of a bundled sample, or its example breaks.
        cached = super().move_resource_to_block_cache(url_or_file_path)
        if cached and url_or_file_path and SAMPLES in Path(url_or_file_path).resolve().parents:
            self.keep_in_cache.add(cached)
        return cached

    def preprocess(self, payload: Any) -> str | None:
        path = getattr(payload, "path", None)
        return str(path) if path else None


def upload_file(**kwargs: Any) -> UploadFile:
    return UploadFile(type="filepath", file_count="single", **kwargs)


def upload_image(**kwargs: Any) -> UploadImage:
    return UploadImage(type="filepath", format="jpeg", image_mode=None, **kwargs)
