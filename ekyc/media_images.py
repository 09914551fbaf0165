"""Checking an image upload and, when it must, shrinking it and turning it upright.

Every refusal by the header decodes nothing; a file that travels as it is is still decoded (at
1/8 scale for a JPEG) so a truncated or corrupt one is refused here, not upstream.
"""

from __future__ import annotations

import io
import warnings
from typing import NamedTuple

from PIL import Image, UnidentifiedImageError

from . import imaging
from .errors import InputError
from .media_formats import SHOWN

MAX_IMAGE_PIXELS = 60_000_000  # more than any phone camera; larger is treated as a bomb
# PNG and BMP can only be decoded whole (4 bytes a pixel): 4096x4096, more than any screenshot
# or scan of a card or a face needs.
MAX_LOSSLESS_PIXELS = 4096 * 4096


class Sendable(NamedTuple):
    """What is sent for a checked image: the file's own bytes, or a re-encoded JPEG."""

    data: bytes
    format: str
    size: tuple[int, int]
    reencoded: bool


def check_image(name: str, data: bytes, fmt: str, max_base64: int) -> Sendable:
    """Check (and if need be shrink) an image; every refusal by the header decodes nothing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
            width, height = image.size
            _check_pixels(name, fmt, width, height)
            if width < 16 or height < 16:
                raise InputError(
                    f"{name}: {width}x{height} pixels is too small to recognise anything",
                    zh=f"{name}：{width}x{height} 像素，太小，无法识别",
                )
            orientation = image.getexif().get(0x0112, 1) if fmt == "jpeg" else 1
            orientation = orientation if orientation in range(1, 9) else 1
            budget = max_base64 * 3 // 4
            if orientation == 1 and _b64_len(len(data)) <= max_base64:
                _verify(image, fmt)
                return Sendable(data, fmt, (width, height), reencoded=False)
            if fmt == "jpeg" and image.mode in ("RGB", "L"):
                fitted = imaging.fit_jpeg(data, width, height, orientation, budget)
            else:  # PNG, BMP or a CMYK JPEG: Pillow decodes it whole
                with imaging.GATE.hold(imaging.decoded_bytes(image, candidate=True)):
                    image.load()
                    fitted = imaging.fit_image(image, budget, orientation)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(
            f"{name}: the image is too large to decode safely",
            zh=f"{name}：图片太大，无法安全解码",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(
            f"{name}: the image is corrupt or truncated and cannot be decoded",
            zh=f"{name}：图片已损坏或不完整，无法解码",
        ) from None
    if not fitted:
        raise InputError(
            f"{name}: the image cannot be compressed under the size limit",
            zh=f"{name}：图片无法压缩到大小上限以内",
        )
    encoded, size = fitted
    return Sendable(encoded, "jpeg", size, reencoded=True)


def _check_pixels(name: str, fmt: str, width: int, height: int) -> None:
    """Refuse by the header what is too large to decode: a JPEG is decoded at a reduced scale
    when it must be shrunk (1/8 to check one that travels as it is), a PNG or BMP only whole."""
    if width * height > MAX_IMAGE_PIXELS:
        raise InputError(
            f"{name}: {width}x{height} pixels is too large to be a photo "
            f"(limit {MAX_IMAGE_PIXELS // 1_000_000} megapixels)",
            zh=f"{name}：{width}x{height} 像素，太大，不像是照片"
            f"（上限 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素）",
        )
    if fmt != "jpeg" and width * height > MAX_LOSSLESS_PIXELS:
        shown, limit = SHOWN[fmt], MAX_LOSSLESS_PIXELS // 1_000_000
        raise InputError(
            f"{name}: {width}x{height} pixels is too large for a {shown} image (limit {limit} "
            f"megapixels); save it as JPG, which may have up to "
            f"{MAX_IMAGE_PIXELS // 1_000_000}",
            zh=f"{name}：{width}x{height} 像素，{shown} 图片过大（上限 {limit} 百万像素），"
            f"请另存为 JPG（上限 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素）",
        )


def _verify(image: Image.Image, fmt: str) -> None:
    """Decode the whole file, so that a truncated or corrupt one fails here.

    A JPEG's own bytes travel and its pixels are never used: libjpeg scales by 1/8 while
    decoding, which still reads the whole bitstream, at a fraction of the time and memory.
    """
    if fmt == "jpeg":
        image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
    with imaging.GATE.hold(imaging.decoded_bytes(image, candidate=False)):
        image.load()
        image.close()


def _b64_len(n: int) -> int:
    return 4 * ((n + 2) // 3)
