"""Bench inputs built on the fly: a phone-like 12 MP JPEG and a 20 MB MP4."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import mp4_bytes  # noqa: E402

MIB = 1024 * 1024
PHOTO_SIZE = (4000, 3000)  # stored landscape; EXIF orientation 6 says "rotate 90° to view"
PHOTO_QUALITY = 92
PHOTO_NOISE = 8.0  # grey levels (std dev) of sensor-like noise over the smooth scene
VIDEO_SECONDS = 15.0
VIDEO_BYTES = 20 * MIB - 4096  # just under the 20 MiB limit


def phone_photo(seed: int = 7) -> bytes:
    """A 4000x3000 JPEG between a flat card and pure noise, as a phone writes it.

    A smooth colour scene (gradients and slow waves) plus Gaussian noise of std 8, saved at
    quality 92 with EXIF orientation 6 (portrait held phone): about 3.5 MB, the usual size of a
    12 MP phone photo. ``tests.support.noisy_photo`` (pure noise) is the worst case instead.
    """
    width, height = PHOTO_SIZE
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    x = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
    scene = np.empty((height, width, 3), dtype=np.float32)
    scene[..., 0] = 60 + 150 * x + 20 * np.sin(6 * y + 2 * x)
    scene[..., 1] = 80 + 100 * y + 25 * np.cos(5 * x)
    scene[..., 2] = 120 + 80 * (1 - x) * y + 15 * np.sin(9 * x * y)
    scene += rng.standard_normal(scene.shape, dtype=np.float32) * PHOTO_NOISE
    pixels = np.clip(scene, 0, 255).astype(np.uint8)
    del scene
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x010F] = "BenchPhone"  # Make
    out = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(out, "JPEG", quality=PHOTO_QUALITY, exif=exif.tobytes())
    return out.getvalue()


def video() -> bytes:
    """A valid MP4 (ftyp, moov/mvhd, mdat) of 15 s, just under 20 MiB."""
    head = mp4_bytes(VIDEO_SECONDS)
    return mp4_bytes(VIDEO_SECONDS, VIDEO_BYTES - len(head))
