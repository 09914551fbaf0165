"""What an upload is, from its leading bytes, never from its name (PROTOCOL §5).

The same signatures accept a file and explain a refusal ("the content is a PDF document"), so
they name what else a file may be, not only the formats that can be sent.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Literal

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

SHOWN = {"jpeg": "JPG", "png": "PNG", "bmp": "BMP", "mp4": "MP4", "mov": "MOV"}
# What ``sniff`` names in English -> the same in Chinese, for refusals in both languages.
ZH_WHAT = {
    "PDF document": "PDF 文档",
    "ZIP archive": "ZIP 压缩包",
    "GIF image": "GIF 图片",
    "RIFF (WEBP/AVI) file": "RIFF（WEBP/AVI）文件",
    "WebM/MKV video": "WebM/MKV 视频",
    "TIFF image": "TIFF 图片",
    "HTML/XML document": "HTML/XML 文档",
}


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


def listing(formats: Sequence[str], lang: str = "en") -> str:
    """The formats as a sentence lists them: "JPG, PNG or BMP", "JPG、PNG 或 BMP"."""
    shown = [SHOWN[f] for f in formats]
    if len(shown) == 1:
        return shown[0]
    sep, last = ("、", " 或 ") if lang == "zh" else (", ", " or ")
    return sep.join(shown[:-1]) + last + shown[-1]


def what(fmt: str) -> str:
    """What ``sniff`` found, as the end of an English refusal."""
    return "the content is not recognisable" if fmt == "unknown" else f"the content is a {fmt}"


def what_zh(fmt: str) -> str:
    return "无法识别文件内容" if fmt == "unknown" else f"文件内容是 {ZH_WHAT.get(fmt, fmt)}"
