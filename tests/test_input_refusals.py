"""Bad and hostile input: each refused locally with its own message and no upstream request."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from ekyc import InputError, LabelError
from tests.support import jpeg, mp4, mp4_bytes, png

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


def _bmp(tmp_path, name) -> str:
    path = tmp_path / name
    Image.new("RGB", (320, 240), "navy").save(path, "BMP")
    return str(path)


def _mov_bytes() -> bytes:
    """A QuickTime movie: ftyp qt, then the moov (with its video track) and mdat of mp4_bytes."""
    return b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + mp4_bytes(3)[32:]


def _branded(brand: bytes) -> bytes:
    """mp4_bytes under another major brand: the container and its video track stay valid."""
    data = mp4_bytes(3)
    return data[:8] + brand + data[12:]


def _heic_bytes() -> bytes:
    """The head of a HEIC photo: ftyp heic, then meta."""
    ftyp = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    return ftyp + b"\x00\x00\x00\x0cmeta\x00\x00\x00\x00" + b"\x00" * 64


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
        "bmp to face_compare",
        lambda t: lambda c: c.face_compare(_bmp(t, "face.bmp"), str(jpeg(t / "b.jpg")), "2"),
        "face.bmp: BMP is not accepted here; use JPG or PNG",
    ),
    (
        "bmp to photo liveness",
        lambda t: lambda c: c.photo_liveness_detect(_bmp(t, "selfie.jpg")),
        "BMP is not accepted here",
    ),
    (
        "bmp declared an image for labeling",
        lambda t: lambda c: c.media_labeling(_bmp(t, "a.bmp"), "A14", "image"),
        "BMP is not accepted here; use JPG or PNG",
    ),
    (
        "mov to labeling",
        lambda t: lambda c: c.media_labeling(_write(t, "clip.mov", _mov_bytes()), "A14", "video"),
        "clip.mov: MOV is not accepted here; use MP4",
    ),
    (
        "m4a to video liveness",
        lambda t: lambda c: c.video_liveness_detect(_write(t, "song.mp4", _branded(b"M4A "))),
        "this is an audio file, not a video",
    ),
    (
        "sound-only mp4 to video liveness",
        lambda t: (
            lambda c: c.video_liveness_detect(
                _write(t, "voice.mp4", mp4_bytes(3).replace(b"vide", b"soun"))
            )
        ),
        "this is an audio file, not a video",
    ),
    (
        "heic to photo liveness",
        lambda t: lambda c: c.photo_liveness_detect(_write(t, "IMG_0001.jpg", _heic_bytes())),
        "IMG_0001.jpg: this is a HEIC/AVIF photo; convert it to JPG",
    ),
    (
        "avif to face_compare",
        lambda t: (
            lambda c: c.face_compare(
                str(jpeg(t / "a.jpg")), _write(t, "b.avif", _branded(b"avif")), "2"
            )
        ),
        "HEIC/AVIF photo; convert it to JPG",
    ),
    (
        "heic declared a video for labeling",
        lambda t: lambda c: c.media_labeling(_write(t, "h.mp4", _heic_bytes()), "A14", "video"),
        "HEIC/AVIF photo, not a video",
    ),
    (
        "mp4 without a video track",
        lambda t: lambda c: c.video_liveness_detect(str(mp4(t / "nv.mp4", video=False))),
        "no video track",
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
    chinese = err.value.text("zh")
    assert chinese and chinese != str(err.value), f"{case}: no Chinese message"
    assert emu.count() == 0, f"{case}: a request reached the server"


def test_label_errors_are_label_errors(client, tmp_path):
    with pytest.raises(LabelError):
        client.media_labeling(str(jpeg(tmp_path / "a.jpg")), "B99")


def test_bmp_travels_to_ocr(client, emu, tmp_path):
    """OCR takes BMP (PROTOCOL §5): the same file refused for a face goes through for a card."""
    result = client.bank_card_ocr(_bmp(tmp_path, "card.bmp"))
    assert result.ok, result.message
    assert emu.count("call") == 1


def test_mp4_and_png_travel_to_labeling(client, emu, tmp_path):
    """Labeling takes JPG, PNG and MP4: the formats it refuses above are the only ones."""
    assert client.media_labeling(str(mp4(tmp_path / "clip.mp4")), "A14", "video").ok
    assert client.media_labeling(str(png(tmp_path / "a.png")), "A14", "image").ok
    assert emu.count("call") == 2
