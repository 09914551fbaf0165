"""Hostile and broken input through the page's handlers: refused, explained, nothing sent.

tests/test_input_refusals.py drives the client with a table of bad inputs; this module drives
``Page.run``, what the run buttons and the page's HTTP API call, with files as they arrive from
an upload (copies in the upload cache) plus what only a hand-made API call can send: odd and
undecodable file names, named pipes, paths outside the cache, label lists that are not lists.

Each case must come back as the page's "input refused" Markdown carrying its own clear reason,
with no request to upstream, no traceback, and text any browser can receive (valid UTF-8, one
line); files outside the upload cache are never touched. A hypothesis fuzz
feeds random bytes to ``media.load``, which may only accept them or raise InputError.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ekyc import Client, InputError
from ekyc.capabilities import get
from ekyc.media import load
from ekyc.media_files import shown_name
from ekyc.sandbox import Emulator
from tests.support import ASSETS, mp4_bytes, settings_for
from webui.handlers import Page

MIB = 1024 * 1024
REFUSED = "❌ **The input was refused** (nothing was sent): "
LABELING = {"type": "image", "do_live": "1", "do_compare": "1"}


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "gradio"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def shared_emu() -> Iterator[Emulator]:
    with Emulator(processing_time=0.2) as emulator:
        yield emulator


@pytest.fixture
def emu(shared_emu: Emulator) -> Emulator:
    """One emulator for the module (the refusals never reach it); a clean request log per test."""
    shared_emu.clear_requests()
    return shared_emu


@pytest.fixture
def page(emu: Emulator, cache: Path) -> Iterator[Page]:
    with Client(settings_for(emu)) as client:
        yield Page(client, cache_dir=cache)


def uploaded(cache: Path, name: str | bytes, data: bytes | None = None, size: int = 0) -> str:
    """A file in the upload cache, in its own folder as Gradio stores uploads.

    ``data`` is written as it is; without it, a sparse file of ``size`` bytes is made.
    """
    folder = Path(tempfile.mkdtemp(dir=cache))
    path = os.path.join(os.fsencode(folder), name) if isinstance(name, bytes) else folder / name
    with open(path, "wb") as handle:
        if data is None:
            handle.truncate(size)
        else:
            handle.write(data)
    return os.fsdecode(path)


def _image_bytes(fmt: str, size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "teal" if mode == "RGB" else 0).save(out, fmt)
    return out.getvalue()


def _truncated_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: len(out.getvalue()) // 2]


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


def _fifo(cache: Path) -> str:
    folder = Path(tempfile.mkdtemp(dir=cache))
    os.mkfifo(folder / "pipe.jpg")  # reading it would block forever
    return str(folder / "pipe.jpg")


PHOTO = _image_bytes("JPEG")
SAMPLE_VIDEO = ASSETS / "video" / "face_pan.mp4"

# (case, capability, files(cache) -> paths, options, labels, what the refusal must say)
Files = Callable[[Path], list[Any]]
Case = tuple[str, str, Files, dict[str, Any], Any, str]


def _case(
    case: str,
    capability: str,
    files: Files,
    reason: str,
    options: dict[str, Any] | None = None,
    labels: Any = None,
) -> Case:
    return case, capability, files, {} if options is None else options, labels, reason


def _one(
    name: str | bytes, data: bytes | Callable[[], bytes] | None = None, size: int = 0
) -> Files:
    """One upload: ``data`` (or what it makes, when the case runs), else ``size`` sparse bytes."""
    return lambda c: [uploaded(c, name, data() if callable(data) else data, size)]


def _labeling(case: str, labels: Any, reason: str, options: dict[str, Any] = LABELING) -> Case:
    """A photo to label, refused for its labels or labeling options."""
    return _case(case, "media_labeling", _one("a.jpg", PHOTO), reason, options, labels)


CASES: list[Case] = [
    _case("zero-byte file", "bank_card_ocr", _one("z.jpg", b""), "empty"),
    _case(
        "truncated jpeg", "bank_card_ocr", _one("t.jpg", _truncated_jpeg), "corrupt or truncated"
    ),
    _case(
        "decompression-bomb png",
        "photo_liveness_detect",
        _one("bomb.png", lambda: _image_bytes("PNG", (12000, 12000), "1")),
        "too large",
    ),
    _case(
        "pdf renamed jpg",
        "bank_card_ocr",
        _one("p.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj"),
        "PDF document",
    ),
    _case(
        "html renamed jpg",
        "id_card_ocr",
        _one("h.jpg", b"<!DOCTYPE html><html><script>alert(1)</script>"),
        "HTML/XML document",
        {"side": "0"},
    ),
    _case("zip renamed jpg", "driver_license_ocr", _one("z.jpg", _zip), "ZIP"),
    _case(
        "gif renamed jpg", "bank_card_ocr", _one("g.jpg", lambda: _image_bytes("GIF")), "GIF image"
    ),
    _case(
        "webp renamed jpg",
        "photo_liveness_detect",
        _one("w.jpg", lambda: _image_bytes("WEBP")),
        "RIFF (WEBP/AVI)",
    ),
    _case(
        "video renamed jpg",
        "photo_liveness_detect",
        _one("v.jpg", lambda: mp4_bytes(3)),
        "this is a video, but an image",
    ),
    _case(
        "video as the reference photo",
        "face_compare",
        lambda c: [uploaded(c, "a.jpg", PHOTO), uploaded(c, "b.jpg", mp4_bytes(3))],
        "this is a video, but an image",
        {"source_photo_type": "2"},
    ),
    _case(
        "image passed as video",
        "video_liveness_detect",
        _one("i.mp4", PHOTO),
        "this is an image, but a video",
    ),
    _case(
        "25 s video",
        "video_liveness_detect",
        _one("long.mp4", lambda: mp4_bytes(25)),
        "25.0 s is over the 20 s limit",
    ),
    _case(
        "25 s video to labeling",
        "media_labeling",
        _one("long.mp4", lambda: mp4_bytes(25)),
        "over the 20 s limit",
        {**LABELING, "type": "video"},
        "A14",
    ),
    _case(
        "video declared an image for labeling",
        "media_labeling",
        _one("clip.mp4", lambda: mp4_bytes(3)),
        "this is a video, but an image",
        LABELING,
        "A14",
    ),
    _case(
        "corrupt mp4",
        "video_liveness_detect",
        _one("c.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 64),
        "corrupt or unreadable",
    ),
    _case(
        "100 MB sparse file",
        "video_liveness_detect",
        _one("big.mp4", size=100 * MIB),
        "100.0 MiB is over the 20 MiB limit",
    ),
    _case(
        "100 MB sparse file as a photo",
        "bank_card_ocr",
        _one("big.jpg", size=100 * MIB),
        "over the 20 MiB limit",
    ),
    _case(
        "8x8 pixel photo",
        "face_compare",
        lambda c: [uploaded(c, "a.jpg", _image_bytes("JPEG", (8, 8))), uploaded(c, "b.jpg", PHOTO)],
        "too small",
        {"source_photo_type": "2"},
    ),
    _case(
        "non-utf-8 file name",
        "bank_card_ocr",
        _one(b"\xff\xfe\xfd.jpg", b"junk junk"),
        "\ufffd\ufffd\ufffd.jpg: not a JPG",
    ),
    _case(
        "file name with newlines",
        "bank_card_ocr",
        _one("a\nb\r\n# c.jpg", b""),
        "a?b??# c.jpg: the file is empty",
    ),
    _case(
        "file name with terminal escapes",
        "bank_card_ocr",
        _one("\x1b]0;pwned\x07\x1b[2J.jpg", b""),
        "?]0;pwned??[2J.jpg: the file is empty",
    ),
    _case(
        "file name with shell characters",
        "bank_card_ocr",
        _one("$(rm -rf ~);`id`|&>x'\".jpg", b"junk"),
        "$(rm -rf ~);`id`|&>x'\".jpg: not a JPG",
    ),
    _case(  # 240 bytes: near the file-system limit
        "240-byte file name", "bank_card_ocr", _one("名" * 80, b""), "the file is empty"
    ),
    _case(
        "named pipe renamed jpg",
        "bank_card_ocr",
        lambda c: [_fifo(c)],
        "has been removed from the server",
    ),
    _case(
        "folder instead of a file",
        "bank_card_ocr",
        lambda c: [tempfile.mkdtemp(dir=c)],
        "has been removed from the server",
    ),
    _case(
        "file that does not exist",
        "bank_card_ocr",
        lambda c: [str(c / "gone" / "x.jpg")],
        "has been removed from the server",
    ),
    _case("no file at all", "photo_liveness_detect", lambda c: [None], "Please add"),
    _case("empty path", "photo_liveness_detect", lambda c: [""], "Please add"),
    _case(
        "second photo missing",
        "face_compare",
        lambda c: [uploaded(c, "a.jpg", PHOTO), None],
        "Please add the reference photo",
        {"source_photo_type": "2"},
    ),
    _labeling(
        "six labels",
        ["A01", "A02", "A04", "A05", "A06", "A09"],
        "at most 5 labels per request, got 6",
    ),
    _labeling(
        "six labels after case folding and de-duplication",
        "a01,A02;a04 A05，a06、A09,a01",
        "got 6",
    ),
    _labeling(
        "ten labels, each twice",
        ",".join(["A01", "A02", "A04", "A05", "A06", "A09", "A10", "A11", "A13", "A14"] * 2),
        "got 10",
    ),
    _labeling("label with shell command", "A14;rm -rf /", "malformed label 'rm'"),
    _labeling(
        "label with command substitution",
        ["A14", "$(reboot)"],
        "'$(reboot)' contains characters not allowed",
    ),
    _labeling("label with pipe", "A14|B03", "'A14|B03'"),
    _labeling("label list of one comma string", ["A14,B03"], "'A14,B03'"),
    _labeling("separators only", " ,;，、\t\n", "choose at least one label"),
    _labeling("no labels", [], "choose at least one label"),
    _labeling("unknown label code", ["A03"], "'A03'"),
    _labeling("label that is a number", ["A14", 14], "not 14"),
    _labeling("labels as a dict", {"A14": "1"}, "not dict"),
    _labeling(
        "labeling type pdf",
        "A14",
        "must be one of image (image), video (video), not 'pdf'",
        {**LABELING, "type": "pdf"},
    ),
    _case(
        "id card side not chosen",
        "id_card_ocr",
        _one("a.jpg", PHOTO),
        "Please choose the card side first",
        {"side": None},
    ),
    _case(
        "id card side with a shell command",
        "id_card_ocr",
        _one("a.jpg", PHOTO),
        "not '0; rm -rf /'",
        {"side": "0; rm -rf /"},
    ),
    _case(
        "vehicle license side 3",
        "vehicle_license_ocr",
        _one("a.jpg", PHOTO),
        "must be one of 1 (main page), 2 (supplementary page), not '3'",
        {"side": "3"},
    ),
    _case(
        "source photo type 9",
        "face_compare",
        lambda c: [uploaded(c, "a.jpg", PHOTO), uploaded(c, "b.jpg", PHOTO)],
        "not '9'",
        {"source_photo_type": "9"},
    ),
]


@pytest.mark.parametrize(
    ("capability", "files", "options", "labels", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_refused_on_the_page_without_any_request(
    page: Page, emu: Emulator, cache: Path, capability, files, options, labels, reason
) -> None:
    paths = files(cache)
    text, raw = page.run(get(capability), paths, options, labels, "en", False, "visitor")

    assert text.startswith(REFUSED), text
    assert reason in re.sub(r"\\(.)", r"\1", text), text  # as shown, Markdown escapes undone
    assert raw is None
    assert "Traceback" not in text and str(cache) not in text  # no internals, no server paths
    text.encode("utf-8")  # a browser can receive it: no lone surrogates
    assert "\n" not in text and "\x1b" not in text  # one paragraph, no terminal escapes
    assert emu.count() == 0, "a request reached upstream"
    assert page.calls("visitor") == 0  # a refusal does not use up the visitor's quota


# ---- what is normalised rather than refused ----------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ("a14, b03", ["A14", "B03"]),  # lower case
        ("A14,A14,a14", ["A14"]),  # duplicates
        (["b03", "B03", "a14 "], ["B03", "A14"]),
        ("A01,A02,A04,A05,A06,A01", ["A01", "A02", "A04", "A05", "A06"]),  # 6 entries, 5 labels
    ],
)
def test_lower_case_and_duplicate_labels_are_normalised(page, emu, cache, labels, expected):
    photo = uploaded(cache, "a.jpg", PHOTO)
    text, _ = page.run(get("media_labeling"), [photo], LABELING, labels, "en", False, "v")
    assert text.startswith("ℹ️"), text  # not a sample: the sandbox's example, no verdict
    assert emu.count("call", "kyc2") == 1
    for code in expected:
        assert f" {code} " in text
    assert not Path(photo).exists()


# ---- the page deletes uploads, and only uploads ----------------------------------------------


def test_paths_outside_the_cache_are_never_deleted(page, emu, cache, tmp_path) -> None:
    """A hand-made API call may name any path: refuse it, but never delete what is not ours."""
    outside = tmp_path / "precious.jpg"
    outside.write_bytes(b"not an image, but precious")
    (cache / "x").mkdir()
    traversal = cache / "x" / ".." / ".." / "precious.jpg"
    link = cache / "link.jpg"
    link.symlink_to(outside)
    for path in (outside, traversal, link):
        text, _ = page.run(get("bank_card_ocr"), [str(path)], {}, None, "en", False, "v")
        assert text.startswith(REFUSED) and "not a JPG" in text
    assert outside.read_bytes() == b"not an image, but precious"
    assert emu.count() == 0


def test_a_good_photo_after_hostile_ones_still_works(page, emu, cache) -> None:
    for data in (b"", b"%PDF-1.4", mp4_bytes(3)):
        page.run(get("bank_card_ocr"), [uploaded(cache, "x.jpg", data)], {}, None, "en", False, "v")
    photo = uploaded(cache, "card.jpg", PHOTO)
    text, raw = page.run(get("bank_card_ocr"), [photo], {}, None, "en", False, "v")
    assert text.startswith("ℹ️") and raw["code"] == "0"  # sent; an example answer, no verdict
    assert emu.count("call") == 1 and page.calls("v") == 1


def test_a_file_name_cannot_inject_markdown(page, cache) -> None:
    path = uploaded(cache, "[click here](https:⁄⁄evil.example) **urgent**.jpg", b"junk")
    text, _ = page.run(get("bank_card_ocr"), [path], {}, None, "en", False, "v")
    assert "not a JPG" in text
    assert "[click here](" not in text and "**urgent**" not in text


# ---- media.load on random bytes: accepted or InputError, nothing else -------------------------

_MAGIC = st.sampled_from(
    [
        b"",
        b"\xff\xd8\xff\xe0",
        b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00",
        b"\x89PNG\r\n\x1a\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"BM",
        b"\x00\x00\x00\x18ftypmp42",
        b"\x00\x00\x00\x14ftypqt  ",
        b"\x00\x00\x00\x08moov",
        b"GIF89a",
        b"RIFF\x00\x00\x00\x00WEBP",
    ]
)
_SEEDS = [PHOTO, _image_bytes("PNG"), _image_bytes("BMP"), mp4_bytes(3)]
if SAMPLE_VIDEO.is_file():
    _SEEDS.append(SAMPLE_VIDEO.read_bytes()[:8192])


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


FUZZ_EXAMPLES = 400


@pytest.fixture(scope="module")
def fuzz_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="ekyc-fuzz-"))
    yield folder
    shutil.rmtree(folder)


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    data=st.one_of(st.tuples(_MAGIC, st.binary(max_size=2048)).map(b"".join), _mutated()),
    kind=st.sampled_from(["image", "video"]),
)
def test_media_load_on_random_bytes_raises_only_input_error(fuzz_dir, data, kind) -> None:
    path = fuzz_dir / "fuzz.jpg"
    path.write_bytes(data)
    try:
        media = load(path, kind)
    except InputError as error:
        message = str(error)
        assert message and "Traceback" not in message
        return
    assert media.kind == kind and media.base64  # random bytes that happen to be valid media


@given(name=st.text(max_size=300) | st.binary(max_size=300).map(os.fsdecode))
@settings(max_examples=200, deadline=None)
def test_shown_name_is_always_one_printable_utf8_line(name: str) -> None:
    shown = shown_name(name.replace("/", "_") or "x")
    shown.encode("utf-8")
    assert shown.isprintable() and len(shown) <= 120
