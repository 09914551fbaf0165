"""Shared test helpers: emulators, clients wired to them, and media files built on the fly."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image

from ekyc import Settings
from ekyc.config import KeyPair
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, Emulator

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def settings_for(emu: Emulator, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "key_a": KeyPair(*SANDBOX_KEY_A),
        "key_b": KeyPair(*SANDBOX_KEY_B),
        "base_urls": dict(emu.base_urls),
        "retry_backoff": 0.01,
        "poll_initial": 0.05,
        "poll_max": 0.1,
        "read_timeout": 5.0,
        "connect_timeout": 2.0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def jpeg(
    path: Path, size: tuple[int, int] = (320, 240), color: str = "teal", **save: object
) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", **save)
    return path


def png(path: Path, size: tuple[int, int] = (320, 240)) -> Path:
    Image.new("RGB", size, "orange").save(path, "PNG")
    return path


def _atom(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_bytes(seconds: float, padding: int = 0, video: bool = True) -> bytes:
    """A minimal MP4 (ftyp, moov/mvhd, mdat) whose declared duration is ``seconds``; with
    ``video`` (the default) moov also holds a video track (trak/mdia with mdhd and a "vide"
    hdlr), as any real video does."""
    ftyp = _atom(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    header = b"\x00\x00\x00\x00" + struct.pack(">IIII", 0, 0, 1000, int(seconds * 1000))
    children = _atom(b"mvhd", header + b"\x00" * 80)
    if video:
        mdhd = _atom(b"mdhd", header + b"\x55\xc4\x00\x00")  # language "und", pre_defined
        hdlr = _atom(b"hdlr", b"\x00" * 8 + b"vide" + b"\x00" * 12 + b"VideoHandler\x00")
        children += _atom(b"trak", _atom(b"mdia", mdhd + hdlr))
    return ftyp + _atom(b"moov", children) + _atom(b"mdat", b"\x00" * padding)


def mp4(path: Path, seconds: float = 3.0, padding: int = 0, video: bool = True) -> Path:
    path.write_bytes(mp4_bytes(seconds, padding, video))
    return path


def noisy_photo(size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A phone-sized JPEG that does not compress away (random noise over a gradient)."""
    import os

    noise = Image.frombytes("L", size, os.urandom(size[0] * size[1])).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)
    return out.getvalue()
