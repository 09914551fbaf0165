"""Shared test helpers: emulators, clients wired to them, and media files built on the fly."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image

from ekyc import Settings
from ekyc.capabilities import KEY_SETS, REGISTRY, Capability
from ekyc.catalog import LABELS
from ekyc.config import KeyPair
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, SANDBOX_KEY_C, Emulator

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def settings_for(emu: Emulator, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "key_a": KeyPair(*SANDBOX_KEY_A),
        "key_b": KeyPair(*SANDBOX_KEY_B),
        "key_c": KeyPair(*SANDBOX_KEY_C),
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


def generic_inputs(
    cap: Capability, folder: Path
) -> tuple[list[str], dict[str, str], list[str] | None]:
    """Inputs any row of the table accepts, derived from the row alone: a generated image or
    video per file input (never a bundled sample, so the emulator gives its generic answer),
    each option's default or else its first choice (a free-text one: its example), and one known
    label if the row takes them."""
    files = []
    for spec in cap.files:
        target = folder / f"{cap.name}-{spec.name}"
        if spec.kind == "video":
            files.append(str(mp4(target.with_suffix(".mp4"))))
        else:  # "image", and "by_type" with the media type option's default (an image)
            files.append(str(jpeg(target.with_suffix(".jpg"))))
    options = {
        opt.name: opt.default
        if opt.default is not None
        else (opt.example if opt.free_text else opt.choices[0].value)
        for opt in cap.options
    }
    labels = [next(iter(LABELS))] if cap.labels else None
    return files, options, labels


def method_kwargs(
    cap: Capability, files: list[str], options: dict[str, str], labels: list[str] | None
) -> dict[str, object]:
    """The keyword arguments of the row's generated Client method."""
    kwargs: dict[str, object] = {
        spec.name: path for spec, path in zip(cap.files, files, strict=True)
    }
    if cap.labels:
        kwargs[cap.labels.name] = labels
    return {**kwargs, **options}


def cli_args(
    cap: Capability, files: list[str], options: dict[str, str], labels: list[str] | None
) -> list[str]:
    """The row's CLI command for these inputs."""
    argv = [cap.name]
    for spec, path in zip(cap.files, files, strict=True):
        argv += [f"--{spec.name}", path]
    if cap.labels:
        argv += [f"--{cap.labels.name}", ",".join(labels or [])]
    for name, value in options.items():
        argv += [f"--{name.replace('_', '-')}", value]
    return argv


SANDBOX_KEYS = {"A": SANDBOX_KEY_A, "B": SANDBOX_KEY_B, "C": SANDBOX_KEY_C}


def env_file_for(emu: Emulator, path: Path, **extra: object) -> str:
    """A .env file that points a live-mode client (the CLI's, the page's) at ``emu``, written
    from the table's key sets and host entries."""
    lines = {}
    for key_set, (app_id, secret) in SANDBOX_KEYS.items():
        lines[KEY_SETS[key_set]["appid"]] = app_id
        lines[KEY_SETS[key_set]["secret"]] = secret
    for host in REGISTRY.hosts:
        if host.name in emu.base_urls:
            lines[host.base_url_variable] = emu.base_urls[host.name]
    lines.update({"EKYC_RETRY_BACKOFF": "0.01", "EKYC_POLL_INITIAL": "0.05"})
    lines.update({k: str(v) for k, v in extra.items()})
    path.write_text("".join(f"{k}={v}\n" for k, v in lines.items()), encoding="utf-8")
    return str(path)
