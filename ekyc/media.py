"""Reading and checking uploads before any call is spent (PROTOCOL §5).

The type is sniffed from the bytes, never from the name, and checked against the formats the
capability takes (PROTOCOL §5, §7 400502: BMP for OCR only). Images are decoded fully with Pillow so
truncated or corrupt files are refused here. A video's container is parsed with mutagen: its brand
must not be an audio or still-image one, it must hold a video track, and its duration is read.
Every refusal is an InputError with an English and a Chinese message.
"""

from __future__ import annotations

import base64
import io
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mutagen import MutagenError
from mutagen.mp4 import MP4, AtomError, Atoms
from PIL import Image, UnidentifiedImageError

from . import imaging
from .errors import InputError

MIB = 1024 * 1024
MAX_FILE_BYTES = 20 * MIB
MAX_VIDEO_SECONDS = 20.0
MAX_IMAGE_PIXELS = 60_000_000  # more than any phone camera; larger is treated as a bomb
# PNG and BMP can only be decoded whole (4 bytes a pixel): 4096x4096, more than any screenshot
# or scan of a card or a face needs.
MAX_LOSSLESS_PIXELS = 4096 * 4096
IMAGE_FORMATS = ("jpeg", "png", "bmp")
VIDEO_FORMATS = ("mp4", "mov")

Kind = Literal["image", "video"]

# ISO base media files (ftyp) that are not videos, by major brand.
AUDIO_MP4 = "MP4 audio file (M4A)"
HEIF_IMAGE = "HEIC/AVIF photo"
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P "})
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
    | {b"avif", b"avis"}
)

# Leading bytes -> what the file is; used both to accept and to explain a refusal.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"BM", 0, "bmp"),
    (b"ftypqt  ", 4, "mov"),
    (b"ftyp", 4, "mp4"),
    (b"moov", 4, "mov"),
    (b"mdat", 4, "mov"),
    (b"wide", 4, "mov"),
    (b"%PDF", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive"),
    (b"GIF8", 0, "GIF image"),
    (b"RIFF", 0, "RIFF (WEBP/AVI) file"),
    (b"\x1a\x45\xdf\xa3", 0, "WebM/MKV video"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
)

_SHOWN = {"jpeg": "JPG", "png": "PNG", "bmp": "BMP", "mp4": "MP4", "mov": "MOV"}
_ZH_WHAT = {
    "PDF document": "PDF 文档",
    "ZIP archive": "ZIP 压缩包",
    "GIF image": "GIF 图片",
    "RIFF (WEBP/AVI) file": "RIFF（WEBP/AVI）文件",
    "WebM/MKV video": "WebM/MKV 视频",
    "TIFF image": "TIFF 图片",
    "HTML/XML document": "HTML/XML 文档",
}


@dataclass(frozen=True)
class Media:
    """A checked upload, ready to travel as base64."""

    kind: Kind
    format: str
    base64: bytes
    original_bytes: int
    reencoded: bool = False
    duration: float | None = None
    size: tuple[int, int] | None = None


def sniff(head: bytes) -> str:
    """The format named by the leading bytes, or a description of what else it is."""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _AUDIO_BRANDS:
            return AUDIO_MP4
        if brand in _HEIF_BRANDS:
            return HEIF_IMAGE
    for magic, offset, name in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return name
    text = head[:64].lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg")):
        return "HTML/XML document"
    return "unknown"


def kind_of(path: str | os.PathLike[str] | None) -> Kind | None:
    """ "video" or "image" from the file's leading bytes, None when unreadable or neither."""
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            fmt = sniff(handle.read(64))
    except OSError:
        return None
    if fmt in VIDEO_FORMATS:
        return "video"
    return "image" if fmt in IMAGE_FORMATS else None


def load(
    path: str | os.PathLike[str],
    kind: Kind,
    max_image_base64: int = 3 * MIB,
    formats: Sequence[str] | None = None,
) -> Media:
    """Read and check one file; raise InputError with a clear message if it cannot be sent.

    ``formats`` are the formats the capability takes, as ``sniff`` names them (those of the other
    kind are ignored); none given means every image or every video format.
    """
    accepted = _accepted(kind, formats)
    en, zh = _listing(accepted), "/".join(_SHOWN[f] for f in accepted)
    data = _read(path)
    name = shown_name(path)
    fmt = sniff(data[:64])
    if fmt == HEIF_IMAGE:
        if kind == "image":
            raise InputError(
                f"{name}: this is a HEIC/AVIF photo; convert it to JPG",
                zh=f"{name}：这是 HEIC/AVIF 照片，请先转换为 JPG",
            )
        raise InputError(
            f"{name}: this is a HEIC/AVIF photo, not a video; a video ({en}) is needed",
            zh=f"{name}：这是 HEIC/AVIF 照片，不是视频，这里需要视频（{zh}）",
        )
    if fmt == AUDIO_MP4:
        if kind == "image":
            raise InputError(
                f"{name}: this is an audio file, but an image ({zh}) is needed",
                zh=f"{name}：这是音频文件，这里需要图片（{zh}）",
            )
        raise InputError(
            f"{name}: this is an audio file, not a video; a video ({en}) is needed",
            zh=f"{name}：这是音频文件，不是视频，这里需要视频（{zh}）",
        )
    if kind == "image":
        if fmt in VIDEO_FORMATS:
            raise InputError(
                f"{name}: this is a video, but an image ({zh}) is needed",
                zh=f"{name}：这是视频，这里需要图片（{zh}）",
            )
        if fmt not in IMAGE_FORMATS:
            raise InputError(
                f"{name}: not a {en} image ({_what(fmt)})",
                zh=f"{name}：不是 {zh} 图片（{_what_zh(fmt)}）",
            )
    else:
        if fmt in IMAGE_FORMATS:
            raise InputError(
                f"{name}: this is an image, but a video ({zh}) is needed",
                zh=f"{name}：这是图片，这里需要视频（{zh}）",
            )
        if fmt not in VIDEO_FORMATS:
            raise InputError(
                f"{name}: not an {en} video ({_what(fmt)})",
                zh=f"{name}：不是 {zh} 视频（{_what_zh(fmt)}）",
            )
    if fmt not in accepted:
        raise InputError(
            f"{name}: {_SHOWN[fmt]} is not accepted here; use {en}",
            zh=f"{name}：这里不接受 {_SHOWN[fmt]} 格式，请使用 {_listing(accepted, 'zh')}",
        )
    if kind == "image":
        return _image(name, data, fmt, max_image_base64)
    return _video(name, data, fmt)


def _accepted(kind: Kind, formats: Sequence[str] | None) -> tuple[str, ...]:
    of_kind = IMAGE_FORMATS if kind == "image" else VIDEO_FORMATS
    if not formats:
        return of_kind
    accepted = tuple(f for f in formats if f in of_kind)
    if not accepted:  # a capability table mistake, not bad input
        raise ValueError(f"no {kind} format among {tuple(formats)!r}")
    return accepted


def _listing(formats: Sequence[str], lang: str = "en") -> str:
    """The formats as a sentence lists them: "JPG, PNG or BMP", "JPG、PNG 或 BMP"."""
    shown = [_SHOWN[f] for f in formats]
    if len(shown) == 1:
        return shown[0]
    sep, last = ("、", " 或 ") if lang == "zh" else (", ", " or ")
    return sep.join(shown[:-1]) + last + shown[-1]


def shown_name(path: str | os.PathLike[str]) -> str:
    """The file name as it may appear in a message: valid UTF-8, one line, no control characters.

    A name is whatever bytes the file system holds: undecodable bytes (``b"\\xff.jpg"`` arrives as
    lone surrogates, which no UTF-8 writer, JSON encoder or web page accepts), a newline that
    would split a message, escape sequences that would drive a terminal. Show a safe rendering.
    """
    name = Path(path).name or str(path)
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    name = "".join(ch if ch.isprintable() else "?" for ch in raw.decode("utf-8", "replace"))
    return name if len(name) <= 120 else f"{name[:80]}…{name[-30:]}"


def _what(fmt: str) -> str:
    return "the content is not recognisable" if fmt == "unknown" else f"the content is a {fmt}"


def _what_zh(fmt: str) -> str:
    return "无法识别文件内容" if fmt == "unknown" else f"文件内容是 {_ZH_WHAT.get(fmt, fmt)}"


def _read(path: str | os.PathLike[str]) -> bytes:
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InputError("no file was given", zh="没有选择文件")
    file = Path(path)
    name = shown_name(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name}: file not found", zh=f"{name}：找不到文件") from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if file.is_dir():
        raise InputError(f"{name}: is a folder, not a file", zh=f"{name}：这是文件夹，不是文件")
    if size == 0:
        raise InputError(f"{name}: the file is empty", zh=f"{name}：文件为空")
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{name}: {size / MIB:.1f} MiB is over the 20 MiB limit; compress or trim it first",
            zh=f"{name}：文件大小 {size / MIB:.1f} MiB，超过 20 MiB 上限，请先压缩或剪短",
        )
    try:
        return file.read_bytes()
    except OSError as exc:
        raise _unreadable(name, exc) from None


def _unreadable(name: str, exc: OSError) -> InputError:
    reason = exc.strerror or "error"
    return InputError(
        f"{name}: cannot read the file ({reason})", zh=f"{name}：无法读取文件（{reason}）"
    )


def _image(name: str, data: bytes, fmt: str, max_base64: int) -> Media:
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
                return Media("image", fmt, base64.b64encode(data), len(data), size=(width, height))
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
    return Media("image", "jpeg", base64.b64encode(encoded), len(data), reencoded=True, size=size)


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
        shown, limit = _SHOWN[fmt], MAX_LOSSLESS_PIXELS // 1_000_000
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


def _video(name: str, data: bytes, fmt: str) -> Media:
    try:
        duration = float(MP4(io.BytesIO(data)).info.length)
        handlers = _track_handlers(data)
    except (MutagenError, AtomError, ValueError, TypeError, OverflowError, IndexError, KeyError):
        raise InputError(
            f"{name}: the video is corrupt or unreadable", zh=f"{name}：视频已损坏或无法读取"
        ) from None
    if b"vide" not in handlers:
        if b"soun" in handlers:
            raise InputError(
                f"{name}: no video track, only sound: this is an audio file, not a video",
                zh=f"{name}：没有视频轨道，只有声音：这是音频文件，不是视频",
            )
        raise InputError(f"{name}: the file has no video track", zh=f"{name}：文件中没有视频轨道")
    if duration <= 0:
        raise InputError(
            f"{name}: the video has no playable content", zh=f"{name}：视频没有可播放的内容"
        )
    if duration > MAX_VIDEO_SECONDS:
        raise InputError(
            f"{name}: {duration:.1f} s is over the 20 s limit; trim the video first",
            zh=f"{name}：视频时长 {duration:.1f} 秒，超过 20 秒上限，请先剪短",
        )
    return Media("video", fmt, base64.b64encode(data), len(data), duration=duration)


def _track_handlers(data: bytes) -> set[bytes]:
    """The handler types of the tracks in moov (b"vide", b"soun", ...), read with mutagen's atom
    parser: each moov/trak/mdia/hdlr payload holds version and flags (4 bytes), pre_defined (4)
    and then the handler type (4)."""
    stream = io.BytesIO(data)
    handlers: set[bytes] = set()
    for trak in Atoms(stream)[b"moov"].findall(b"trak"):
        try:
            hdlr = trak[b"mdia", b"hdlr"]
        except KeyError:
            continue
        complete, payload = hdlr.read(stream)
        if complete and len(payload) >= 12:
            handlers.add(payload[8:12])
    return handlers
