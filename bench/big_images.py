"""The 59 MP inputs of figure 8, written without holding their pixels where that can be avoided:
a noisy JPEG that must be shrunk, a flat RGBA PNG, and copies that differ in a comment only.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import simplejpeg

SIDE = 7700


def big_jpeg(path: Path) -> Path:
    """7700x7700, a gradient with Gaussian noise (std 4) at quality 77: about 3.4 MB."""
    tile = 1100
    rng = np.random.default_rng(11)
    y = np.linspace(0.0, 1.0, tile, dtype=np.float32)[:, None]
    x = np.linspace(0.0, 1.0, tile, dtype=np.float32)[None, :]
    scene = np.empty((tile, tile, 3), dtype=np.float32)
    scene[..., 0] = 60 + 150 * x
    scene[..., 1] = 80 + 100 * y
    scene[..., 2] = 120 + 80 * (1 - x) * y
    scene += rng.standard_normal(scene.shape, dtype=np.float32) * 4
    pixels = np.tile(np.clip(scene, 0, 255).astype(np.uint8), (SIDE // tile, SIDE // tile, 1))
    path.write_bytes(simplejpeg.encode_jpeg(pixels, quality=77, colorsubsampling="420"))
    return path


def flat_png(path: Path) -> Path:
    """7700x7700 opaque white RGBA, written row by row (the bench never holds its pixels)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    row = b"\x00" + b"\xff" * (4 * SIDE)
    packer = zlib.compressobj(9)
    idat = io.BytesIO()
    for _ in range(SIDE):
        idat.write(packer.compress(row))
    idat.write(packer.flush())
    ihdr = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 6, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat.getvalue())
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def distinct(image: Path, target: Path, n: int) -> Path:
    """A copy of ``image`` that differs in a comment only (a JPEG COM or a PNG tEXt chunk)."""
    data = image.read_bytes()
    note = f"copy {n}".encode()
    if data.startswith(b"\xff\xd8"):
        data = data[:2] + b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note + data[2:]
    else:
        text = b"Comment\x00" + note
        crc = struct.pack(">I", zlib.crc32(b"tEXt" + text) & 0xFFFFFFFF)
        chunk = struct.pack(">I", len(text)) + b"tEXt" + text + crc
        data = data[:33] + chunk + data[33:]  # after the signature and IHDR
    target.write_bytes(data)
    return target
