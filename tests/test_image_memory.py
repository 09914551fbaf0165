"""Uploads prepared in bounded memory: what is refused by the header decodes nothing, a JPEG that
must be shrunk is decoded at a reduced scale, re-encoding is banded and upright, and the shared
gate bounds what concurrent preparations hold. Memory figures themselves live in bench/."""

from __future__ import annotations

import base64
import io
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg
from PIL import Image, ImageFile, ImageOps

from ekyc import Client, InputError
from ekyc.capabilities import get
from ekyc.media import load
from ekyc.sandbox import Emulator
from tests.support import noisy_photo, settings_for
from webui.handlers import CAPTURE_NAME, Page

MIB = 1024 * 1024


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header says ``width`` x ``height`` RGBA, with a token IDAT after it."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) claims ``width`` x ``height``."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every pixel decode (Pillow's or libjpeg-turbo's), by what was decoded."""
    seen: list[str] = []
    pillow_load = ImageFile.ImageFile.load
    turbo_decode = simplejpeg.decode_jpeg

    def load_pixels(self: ImageFile.ImageFile):  # type: ignore[no-untyped-def]
        if self.tile:
            seen.append(f"pillow {self.format} {self.size}")
        return pillow_load(self)

    def decode(data: bytes, *args, **kwargs):  # type: ignore[no-untyped-def]
        pixels = turbo_decode(data, *args, **kwargs)
        seen.append(f"turbo {pixels.shape[1]}x{pixels.shape[0]}")
        return pixels

    monkeypatch.setattr(ImageFile.ImageFile, "load", load_pixels)
    monkeypatch.setattr(simplejpeg, "decode_jpeg", decode)
    return seen


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- refusals that need no decoding decode nothing ----------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("huge.png", png_header(7700, 7700), "too large for a PNG image"),
        ("wide.png", png_header(5000, 5000), "save it as JPG"),
        ("huge.jpg", jpeg_header(8000, 8000), "too large to be a photo"),
        ("thin.png", png_header(4000, 8), "too small"),
        ("doc.jpg", b"%PDF-1.7 " + b"x" * 100, "PDF"),
    ],
    ids=["59 MP png", "25 MP png", "64 MP jpeg", "too thin", "wrong type"],
)
def test_a_refusal_by_the_header_decodes_nothing(tmp_path, decodes, name, data, fragment):
    with pytest.raises(InputError, match=fragment) as refused:
        load(write(tmp_path, name, data), "image")
    assert refused.value.text("zh") != str(refused.value)
    assert decodes == []


def test_a_spent_call_budget_decodes_nothing(tmp_path, decodes):
    cache = tmp_path / "gradio"
    (cache / "u").mkdir(parents=True)
    photo = write(cache / "u", "phone.jpg", noisy_photo((1200, 900)))
    with Emulator() as emu, Client(settings_for(emu)) as client:
        page = Page(client, total_limit=0, cache_dir=cache)
        text, _ = page.run(get("bank_card_ocr"), [str(photo)], {}, None, "en", False, "s")
        assert emu.count("call") == 0
    assert "budget is used up" in text
    assert decodes == []


def test_a_capture_too_large_to_convert_is_passed_on_undecoded(tmp_path, decodes):
    from gradio.data_classes import FileData

    from webui.components import upload_image

    big = write(tmp_path, "image.png", png_header(7700, 7700))  # a webcam or clipboard name
    component = upload_image()
    assert component.preprocess(FileData(path=str(big), orig_name="image.png")) == str(big)
    assert decodes == []


def test_a_capture_is_converted_upright_onto_white(tmp_path):
    from gradio.data_classes import FileData

    from webui.components import upload_image

    clear = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    clear.paste((200, 0, 0, 255), (0, 0, 20, 30))
    out = io.BytesIO()
    clear.save(out, "PNG")
    capture = write(tmp_path, "image.png", out.getvalue())
    component = upload_image()
    converted = Path(component.preprocess(FileData(path=str(capture), orig_name="image.png")))
    assert converted.name == CAPTURE_NAME and not capture.exists()
    with Image.open(converted) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
        assert image.getpixel((35, 15))[0] > 240  # transparent became white, not black
        assert image.getpixel((5, 15))[0] > 180
    converted.unlink()


# ---- a JPEG to shrink is decoded at a reduced scale ------------------------------------------


def test_a_photo_to_shrink_is_never_decoded_at_full_size(tmp_path, decodes):
    path = write(tmp_path, "big.jpg", noisy_photo((4000, 3000)))
    media = load(path, "image", max_image_base64=400 * 1024)
    assert media.reencoded and 0.9 * 400 * 1024 <= len(media.base64) <= 400 * 1024
    assert decodes and all(d.startswith("turbo") for d in decodes)
    largest = max(int(d.split()[1].split("x")[0]) for d in decodes)
    assert largest <= 4000 // 2  # an eighth-step scale, not the full 4000 px
    assert max(media.size or (0, 0)) <= largest


def test_a_photo_travelling_as_it_is_is_checked_at_one_eighth(tmp_path, decodes):
    path = write(tmp_path, "ok.jpg", noisy_photo((1600, 1200))[:])
    load(path, "image", max_image_base64=20 * MIB)
    assert decodes == ["pillow JPEG (200, 150)"]


@pytest.mark.parametrize("orientation", range(2, 9))
def test_every_exif_orientation_is_turned_upright(tmp_path, orientation):
    stored = np.zeros((60, 90, 3), dtype=np.uint8)
    stored[:20, :30] = (255, 0, 0)  # a red corner and a green stripe tell every turn apart
    stored[:, 80:] = (0, 255, 0)
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    Image.fromarray(stored).save(out, "JPEG", quality=100, exif=exif.tobytes())
    path = write(tmp_path, "turned.jpg", out.getvalue())
    media = load(path, "image")
    assert media.reencoded
    expected = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(out.getvalue()))))
    sent = np.asarray(Image.open(io.BytesIO(base64.b64decode(media.base64))))
    assert sent.shape == expected.shape
    assert np.abs(sent.astype(int) - expected.astype(int)).mean() < 6


def test_banded_resampling_matches_a_whole_image_resize():
    from ekyc import imaging

    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, (517, 389, 3), dtype=np.uint8)
    banded = imaging.render(imaging.array_source(pixels), 200)
    whole = np.asarray(Image.fromarray(pixels).resize(banded.shape[1::-1], Image.BICUBIC))
    assert banded.shape == whole.shape
    assert np.abs(banded.astype(int) - whole.astype(int)).max() <= 1


def test_png_is_flattened_and_shrunk_within_the_cap(tmp_path):
    rng = np.random.default_rng(5)
    rgba = rng.integers(0, 256, (900, 1200, 4), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(out, "PNG")
    path = write(tmp_path, "scan.png", out.getvalue())
    media = load(path, "image", max_image_base64=300 * 1024)
    assert media.format == "jpeg" and 0.9 * 300 * 1024 <= len(media.base64) <= 300 * 1024
    assert media.size and media.size[0] / media.size[1] == pytest.approx(4 / 3, rel=0.02)


# ---- the gate ----------------------------------------------------------------------------


def test_the_gate_keeps_concurrent_holders_within_its_budget():
    from ekyc import imaging

    gate = imaging.MemoryGate(10)
    inside: list[int] = []
    lock = threading.Lock()

    def work(nbytes: int) -> None:
        with gate.hold(nbytes):
            with lock:
                inside.append(gate.held)
            time.sleep(0.01)  # overlap, if the gate let them

    threads = [threading.Thread(target=work, args=(n,)) for n in (4, 4, 4, 4, 4, 4, 25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(inside) == 7 and not any(t.is_alive() for t in threads)
    assert max(inside) == 25 and gate.held == 0  # the oversized one ran, alone
    assert sorted(inside)[:-1] == [v for v in sorted(inside)[:-1] if v <= 10]
    assert gate.peak == 25


@pytest.fixture
def shared_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from ekyc import imaging

    gate = imaging.MemoryGate(imaging.DECODE_MEMORY)
    monkeypatch.setattr(imaging, "GATE", gate)
    yield gate


def test_preparation_holds_the_gate_for_what_it_decodes(tmp_path, shared_gate):
    path = write(tmp_path, "big.jpg", noisy_photo((2400, 1800)))
    load(path, "image", max_image_base64=300 * 1024)
    assert 0 < shared_gate.peak <= 2 * 3 * 2400 * 1800 and shared_gate.held == 0
