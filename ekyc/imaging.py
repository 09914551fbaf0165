"""Images shrunk, turned upright and re-encoded as JPEG in bounded memory.

A photo that must be shrunk never exists as a full-size bitmap when it need not: a JPEG is
decoded by libjpeg-turbo (simplejpeg) at the smallest of its DCT scales (n/8 of each side) that
still covers the size to send, first at 1/8 as a probe that predicts that size. PNG and BMP have no
such scales: Pillow decodes them whole, so ``media`` caps their pixels lower. From the source, each
size tried is resampled band by band (Pillow's bicubic with a source box, the same pixels as a
whole-image resize) straight into an array already turned upright (EXIF orientation), and encoded
by libjpeg-turbo. The memory held is the source, one candidate and a band: for a 12 MP phone photo
shrunk to fit, under 3x the 24-bit bitmap of the size sent (``bench/run.py``, figure 5d).

Huffman tables are not optimised: that would need a whole-image coefficient buffer (3 bytes per
pixel) for about 7 % fewer bytes, i.e. a long side about 2.5 % larger. ``GATE`` bounds the pixel
memory all requests hold at once; a request that needs more than the budget runs alone.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import simplejpeg
from PIL import Image

MIB = 1024 * 1024
QUALITY = 92
MAX_FIT_ENCODES = 8  # bounds the CPU spent searching for the largest size that fits
BAND_ROWS = 64  # output rows resampled at a time
DECODE_MEMORY = 256 * MIB  # pixel memory all preparations may hold at once
RGB_BYTES = 3

# EXIF orientation -> the stored image's view of the upright array (numpy views share memory).
_STORED_VIEW: dict[int, Callable[[np.ndarray], np.ndarray]] = {
    1: lambda a: a,
    2: lambda a: a[:, ::-1],
    3: lambda a: a[::-1, ::-1],
    4: lambda a: a[::-1],
    5: lambda a: a.transpose(1, 0, 2),
    6: lambda a: np.rot90(a, 1),
    7: lambda a: a[::-1, ::-1].transpose(1, 0, 2),
    8: lambda a: np.rot90(a, -1),
}


class MemoryGate:
    """A budget of bytes shared by concurrent holders; one larger than the budget runs alone."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        self.peak = 0  # the most held at once, for tests and benches
        self._cond = threading.Condition()

    @contextmanager
    def hold(self, nbytes: int) -> Iterator[None]:
        nbytes = max(0, int(nbytes))
        with self._cond:
            self._cond.wait_for(lambda: self.held == 0 or self.held + nbytes <= self.budget)
            self.held += nbytes
            self.peak = max(self.peak, self.held)
        try:
            yield
        finally:
            with self._cond:
                self.held -= nbytes
                self._cond.notify_all()


GATE = MemoryGate(DECODE_MEMORY)


@dataclass
class Source:
    """Decoded pixels in stored orientation, handed out as RGB bands."""

    width: int
    height: int
    band: Callable[[int, int], Image.Image]  # rows [y0, y1) as an RGB image


def array_source(pixels: np.ndarray) -> Source:
    height, width = pixels.shape[:2]
    return Source(width, height, lambda y0, y1: Image.fromarray(pixels[y0:y1], "RGB"))


def image_source(image: Image.Image) -> Source:
    """A decoded Pillow image; transparency is flattened onto white, band by band."""

    def band(y0: int, y1: int) -> Image.Image:
        part = image.crop((0, y0, image.width, y1))
        if part.mode in ("RGBA", "LA", "PA") or "transparency" in part.info:
            rgba = part.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return part.convert("RGB") if part.mode != "RGB" else part

    return Source(image.width, image.height, band)


def render(source: Source, long_side: int, orientation: int = 1) -> np.ndarray:
    """The source scaled to ``long_side`` and turned upright, resampled in bands."""
    ratio = min(1.0, long_side / max(source.width, source.height))
    out_w = max(1, round(source.width * ratio))
    out_h = max(1, round(source.height * ratio))
    upright = (out_w, out_h) if orientation in (1, 2, 3, 4) else (out_h, out_w)
    result = np.empty((upright[1], upright[0], RGB_BYTES), dtype=np.uint8)
    stored = _STORED_VIEW.get(orientation, _STORED_VIEW[1])(result)
    scale_y = source.height / out_h
    margin = math.ceil(2 * max(1.0, scale_y)) + 2  # bicubic reaches 2 source pixels per side
    for top in range(0, out_h, BAND_ROWS):
        bottom = min(out_h, top + BAND_ROWS)
        y0 = max(0, math.floor(top * scale_y) - margin)
        y1 = min(source.height, math.ceil(bottom * scale_y) + margin)
        band = source.band(y0, y1)
        box = (0.0, top * scale_y - y0, float(source.width), bottom * scale_y - y0)
        scaled = band.resize((out_w, bottom - top), Image.Resampling.BICUBIC, box=box)
        stored[top:bottom] = np.asarray(scaled)
    return result


def encode(pixels: np.ndarray) -> bytes:
    return simplejpeg.encode_jpeg(
        pixels, quality=QUALITY, colorspace="RGB", colorsubsampling="420", fastdct=False
    )


def fit(
    source: Source,
    budget: int,
    orientation: int = 1,
    points: list[tuple[int, int]] | None = None,
    best: tuple[bytes, tuple[int, int]] | None = None,
    hint: tuple[int, int] | None = None,
) -> tuple[bytes, tuple[int, int]] | None:
    """The largest rendering of ``source`` whose JPEG fits ``budget`` bytes, and its size.

    The long side is searched within a bracket (fits / too big), each guess from a power law
    fitted to the sizes seen so far (``points``: long side and bytes, a probe's included), until
    the JPEG fills 97 % of the budget or the bounds are within 2 % of each other. ``hint`` (the
    original file: its long side and bytes) guides the first guess only: its quality may not be
    ours. None if nothing fits.
    """
    top = max(source.width, source.height)
    points = points if points is not None else []  # extended with every size tried
    fits = max((side for side, size in points if size <= budget), default=0)
    too_big = min((side for side, size in points if size > budget), default=top + 1)
    for _ in range(MAX_FIT_ENCODES):
        if fits >= top or too_big - fits <= max(1, too_big // 50):
            break
        if not points:
            guess = top
        elif hint and len(points) == 1:
            guess = min(top, _first_guess(points, budget, hint))
        else:
            guess = min(top, _next_long_side(points, budget))
        if not fits < guess < too_big or (fits and guess - fits < (too_big - fits) // 4):
            guess = (fits + too_big) // 2 if fits else max(1, min(top, too_big * 3 // 4))
        pixels = render(source, guess, orientation)
        size = (pixels.shape[1], pixels.shape[0])
        encoded = encode(pixels)
        del pixels
        points.append((guess, len(encoded)))
        if len(encoded) <= budget:
            fits, best = guess, (encoded, size)
            if len(encoded) >= budget * 0.97:
                break
        else:
            too_big = guess
        del encoded  # only the best is kept while the next size is rendered
    return best


def fit_jpeg(
    data: bytes, width: int, height: int, orientation: int, budget: int
) -> tuple[bytes, tuple[int, int]] | None:
    """``fit`` for a JPEG, decoded at the smallest DCT scale that covers the size to send.

    Raises ValueError for a corrupt or truncated file (libjpeg-turbo in strict mode).
    """
    top = max(width, height)
    with GATE.hold(RGB_BYTES * 2 * _scaled_pixels(width, height, 1)):
        probe = _decode(data, width, height, 1)
        probe_source = array_source(probe)
        first = render(probe_source, top, orientation)
        encoded = encode(first)
        best = (encoded, (first.shape[1], first.shape[0]))
        del first
    probe_side = max(probe.shape[:2])
    if probe_side >= top or len(encoded) > budget:
        # Already full size, or even 1/8 is too big: search below it, from this source.
        return fit(probe_source, budget, orientation, [(probe_side, len(encoded))], None)
    del probe_source, probe
    points = [(probe_side, len(encoded))]
    predicted = _first_guess(points, budget, (top, len(data)))
    eighths = min(8, max(2, math.ceil(8 * predicted / top)))
    # One eighth more when it costs little: the guess may be short, and a candidate resampled
    # from a larger source is smoother, so more of it fits (the bench photo: 3538 px, not 3444).
    # Little: that source and a candidate of the guessed size within 2.45x the guessed bitmap,
    # which leaves room under 3x for a guess 7 % too long (the 1/8 probe's usual error).
    guessed = _scaled_pixels(width, height, 8) * (predicted / top) ** 2
    if eighths < 8 and _scaled_pixels(width, height, eighths + 1) <= 1.45 * guessed:
        eighths += 1
    decoded_bytes = RGB_BYTES * _scaled_pixels(width, height, eighths)
    with GATE.hold(2 * decoded_bytes):
        pixels = _decode(data, width, height, eighths)
        return fit(array_source(pixels), budget, orientation, points, best, (top, len(data)))


def _first_guess(points: list[tuple[int, int]], budget: int, hint: tuple[int, int]) -> int:
    """The long side that fits, from the 1/8 probe alone and with the original file.

    From the probe, bytes are taken to grow as pixels (exponent 2): right for noise, too fast
    for a smooth photo, whose noise the probe averages away, so at least the size that fits. The
    original file gives the exponent between the two, but was saved at its own quality (a
    low-quality original grows when re-encoded at ours). The smaller guess is the safer.
    """
    from_probe = _next_long_side(points, budget)
    if hint[0] <= points[-1][0]:
        return from_probe
    return min(from_probe, _next_long_side([points[-1], hint], budget))


def fit_image(
    image: Image.Image, budget: int, orientation: int = 1
) -> tuple[bytes, tuple[int, int]] | None:
    """``fit`` for an image Pillow has decoded (PNG, BMP, a CMYK JPEG). The caller holds the
    gate for the decoded image and one candidate (``decoded_bytes``)."""
    source = image_source(image)
    probe_side = max(1, max(image.size) // 8)  # predicts the size that fits, as for a JPEG
    pixels = render(source, probe_side, orientation)
    encoded = encode(pixels)
    best = (encoded, (pixels.shape[1], pixels.shape[0])) if len(encoded) <= budget else None
    del pixels
    return fit(source, budget, orientation, [(probe_side, len(encoded))], best)


def decoded_bytes(image: Image.Image, candidate: bool) -> int:
    """Memory of Pillow's decoded pixels (4 bytes per RGB pixel), and of one RGB candidate."""
    pixels = image.width * image.height
    per_pixel = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "I;16": 2}.get(image.mode, 4)
    return pixels * (per_pixel + (RGB_BYTES if candidate else 0))


def _decode(data: bytes, width: int, height: int, eighths: int) -> np.ndarray:
    return simplejpeg.decode_jpeg(
        data,
        colorspace="RGB",
        min_width=math.ceil(width * eighths / 8),
        min_height=math.ceil(height * eighths / 8),
        strict=True,
    )


def _scaled_pixels(width: int, height: int, eighths: int) -> int:
    return math.ceil(width * eighths / 8) * math.ceil(height * eighths / 8)


def _next_long_side(points: list[tuple[int, int]], budget: int) -> int:
    """Where size(long side) = c * long side ** k meets the budget, k fitted to the last two
    points (2, the pixel-count rule, until there are two; photos with fine detail lose bytes
    faster than pixels when shrunk, k near 3)."""
    (side, size), exponent = points[-1], 2.0
    if len(points) >= 2:
        (side0, size0) = points[-2]
        if side0 != side and size0 != size and size0 > 0 and size > 0:
            exponent = math.log(size0 / size) / math.log(side0 / side)
            exponent = min(max(exponent, 1.0), 4.0)
    return int(side * (budget * 0.99 / size) ** (1 / exponent))
