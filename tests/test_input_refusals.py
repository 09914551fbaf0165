"""Bad and hostile input: each refused locally with its own message and no upstream request."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from ekyc import InputError, LabelError
from tests.support import jpeg, mp4, mp4_bytes

MIB = 1024 * 1024


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


def _truncated_jpeg(tmp_path) -> bytes:
    full = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(full, "JPEG")
    return full.getvalue()[: len(full.getvalue()) // 2]


def _bomb_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")
    return out.getvalue()


def _sparse(tmp_path, name, size) -> str:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(size)
    return str(path)


# (case id, builder(tmp_path) -> call(client), message fragment)
CASES = [
    ("missing file", lambda t: lambda c: c.bank_card_ocr(str(t / "nope.jpg")), "not found"),
    ("folder", lambda t: lambda c: c.bank_card_ocr(str(t)), "folder"),
    ("zero bytes", lambda t: lambda c: c.bank_card_ocr(_write(t, "z.jpg", b"")), "empty"),
    (
        "truncated jpeg",
        lambda t: lambda c: c.bank_card_ocr(_write(t, "t.jpg", _truncated_jpeg(t))),
        "corrupt or truncated",
    ),
    ("bomb png", lambda t: lambda c: c.bank_card_ocr(_write(t, "b.png", _bomb_png())), "too large"),
    (
        "pdf renamed jpg",
        lambda t: lambda c: c.bank_card_ocr(_write(t, "p.jpg", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj")),
        "PDF",
    ),
    (
        "html renamed jpg",
        lambda t: lambda c: c.bank_card_ocr(_write(t, "h.jpg", b"<!DOCTYPE html><html></html>")),
        "HTML",
    ),
    (
        "zip renamed jpg",
        lambda t: lambda c: c.bank_card_ocr(_write(t, "z.jpg", _zip_bytes())),
        "ZIP",
    ),
    (
        "video renamed jpg",
        lambda t: lambda c: c.photo_liveness_detect(_write(t, "v.jpg", mp4_bytes(3))),
        "is a video",
    ),
    (
        "image passed as video",
        lambda t: lambda c: c.video_liveness_detect(str(jpeg(t / "i.mp4"))),
        "is an image",
    ),
    (
        "25 s video",
        lambda t: lambda c: c.video_liveness_detect(str(mp4(t / "long.mp4", seconds=25))),
        "20 s",
    ),
    (
        "100 MB file",
        lambda t: lambda c: c.video_liveness_detect(_sparse(t, "big.mp4", 100 * MIB)),
        "20 MiB",
    ),
    (
        "corrupt video",
        lambda t: (
            lambda c: c.video_liveness_detect(
                _write(t, "c.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 50)
            )
        ),
        "corrupt",
    ),
    (
        "odd file name",
        lambda t: lambda c: c.bank_card_ocr(_write(t, "we\u0301ird $(rm -rf) 名字.jpg", b"junk")),
        "not a JPG",
    ),
    (
        "six labels",
        lambda t: lambda c: c.media_labeling(str(jpeg(t / "a.jpg")), "A01,A02,A04,A05,A06,A09"),
        "5",
    ),
    ("unknown label", lambda t: lambda c: c.media_labeling(str(jpeg(t / "a.jpg")), "A03"), "A03"),
    (
        "shell label",
        lambda t: lambda c: c.media_labeling(str(jpeg(t / "a.jpg")), "A14;rm -rf /"),
        "RM",
    ),
    ("no labels", lambda t: lambda c: c.media_labeling(str(jpeg(t / "a.jpg")), ""), "label"),
    ("id side missing", lambda t: lambda c: c.id_card_ocr(str(jpeg(t / "a.jpg")), None), "side"),
    ("id side 2", lambda t: lambda c: c.id_card_ocr(str(jpeg(t / "a.jpg")), "2"), "side"),
    (
        "vehicle side 0",
        lambda t: lambda c: c.vehicle_license_ocr(str(jpeg(t / "a.jpg")), "0"),
        "side",
    ),
    (
        "source photo type 3",
        lambda t: lambda c: c.face_compare(str(jpeg(t / "a.jpg")), str(jpeg(t / "b.jpg")), "3"),
        "source_photo_type",
    ),
    (
        "labeling type pdf",
        lambda t: lambda c: c.media_labeling(str(jpeg(t / "a.jpg")), "A14", "pdf"),
        "type",
    ),
    (
        "labeling video declared image",
        lambda t: lambda c: c.media_labeling(str(mp4(t / "v.mp4")), "A14", "image"),
        "is a video",
    ),
    (
        "too small image",
        lambda t: lambda c: c.bank_card_ocr(str(jpeg(t / "tiny.jpg", (8, 8)))),
        "too small",
    ),
]


@pytest.mark.parametrize("case, build, fragment", CASES, ids=[c[0] for c in CASES])
def test_refused_locally_without_any_request(tmp_path, client, emu, case, build, fragment):
    call = build(tmp_path)
    with pytest.raises(InputError) as err:
        call(client)
    assert fragment.lower() in str(err.value).lower()
    assert emu.count() == 0, f"{case}: a request reached the server"


def test_label_errors_are_label_errors(client, tmp_path):
    with pytest.raises(LabelError):
        client.media_labeling(str(jpeg(tmp_path / "a.jpg")), "B99")
