"""Reading and checking uploads before any call is spent (PROTOCOL §5).

The type is sniffed from the bytes, never from the name (``media_formats``), and checked
against the formats the capability takes (PROTOCOL §5, §7 400502: BMP for OCR only). Images are
decoded fully with Pillow so truncated or corrupt files are refused here (``media_images``). A
video's container is parsed with mutagen: its brand must not be an audio or still-image one, it
must hold a video track, and its duration is read (``media_videos``). Every refusal is an
InputError with an English and a Chinese message.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .errors import InputError
from .media_files import MIB, read_upload, shown_name
from .media_formats import (
    AUDIO_MP4,
    HEIF_IMAGE,
    IMAGE_FORMATS,
    SHOWN,
    VIDEO_FORMATS,
    Kind,
    listing,
    sniff,
    what,
    what_zh,
)
from .media_images import check_image
from .media_videos import check_video


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


class _Words(NamedTuple):
    """How refusals name a kind, so one check serves an image wanted and a video wanted."""

    formats: tuple[str, ...]
    noun: str  # with its article, as in "this is a video"
    article: str  # before a format listing, as in "not an MP4 or MOV video"
    zh: str


_KINDS: dict[str, _Words] = {
    "image": _Words(IMAGE_FORMATS, "an image", "a", "图片"),
    "video": _Words(VIDEO_FORMATS, "a video", "an", "视频"),
}

# ISO media files that are not videos, as refusals name them (a space before a Latin word in
# Chinese).
_NOT_VIDEOS: dict[str, tuple[str, str]] = {
    HEIF_IMAGE: ("a HEIC/AVIF photo", " HEIC/AVIF 照片"),
    AUDIO_MP4: ("an audio file", "音频文件"),
}


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
    en, zh = listing(accepted), "/".join(SHOWN[f] for f in accepted)
    data = read_upload(path)
    name = shown_name(path)
    fmt = sniff(data[:64])
    _refuse_photo_or_audio(name, fmt, kind, en, zh)
    _refuse_other_kind(name, fmt, kind, en, zh)
    if fmt not in accepted:
        raise InputError(
            f"{name}: {SHOWN[fmt]} is not accepted here; use {en}",
            zh=f"{name}：这里不接受 {SHOWN[fmt]} 格式，请使用 {listing(accepted, 'zh')}",
        )
    if kind == "image":
        sent = check_image(name, data, fmt, max_image_base64)
        return Media(
            "image",
            sent.format,
            base64.b64encode(sent.data),
            len(data),
            reencoded=sent.reencoded,
            size=sent.size,
        )
    duration = check_video(name, data)
    return Media("video", fmt, base64.b64encode(data), len(data), duration=duration)


def _accepted(kind: Kind, formats: Sequence[str] | None) -> tuple[str, ...]:
    of_kind = _KINDS[kind].formats
    if not formats:
        return of_kind
    accepted = tuple(f for f in formats if f in of_kind)
    if not accepted:  # a capability table mistake, not bad input
        raise ValueError(f"no {kind} format among {tuple(formats)!r}")
    return accepted


def _refuse_photo_or_audio(name: str, fmt: str, kind: Kind, en: str, zh: str) -> None:
    """ISO media files that are not videos (HEIC/AVIF photos, M4A audio): say what they are."""
    if fmt not in _NOT_VIDEOS:
        return
    noun, zh_noun = _NOT_VIDEOS[fmt]
    if kind == "video":
        raise InputError(
            f"{name}: this is {noun}, not a video; a video ({en}) is needed",
            zh=f"{name}：这是{zh_noun}，不是视频，这里需要视频（{zh}）",
        )
    if fmt == HEIF_IMAGE:  # a photo after all: only its format is wrong
        raise InputError(
            f"{name}: this is a HEIC/AVIF photo; convert it to JPG",
            zh=f"{name}：这是 HEIC/AVIF 照片，请先转换为 JPG",
        )
    raise InputError(
        f"{name}: this is {noun}, but an image ({zh}) is needed",
        zh=f"{name}：这是{zh_noun}，这里需要图片（{zh}）",
    )


def _refuse_other_kind(name: str, fmt: str, kind: Kind, en: str, zh: str) -> None:
    """A video where an image is wanted (or the reverse), or neither."""
    own = _KINDS[kind]
    other = _KINDS["video" if kind == "image" else "image"]
    if fmt in other.formats:
        raise InputError(
            f"{name}: this is {other.noun}, but {own.noun} ({zh}) is needed",
            zh=f"{name}：这是{other.zh}，这里需要{own.zh}（{zh}）",
        )
    if fmt not in own.formats:
        raise InputError(
            f"{name}: not {own.article} {en} {kind} ({what(fmt)})",
            zh=f"{name}：不是 {zh} {own.zh}（{what_zh(fmt)}）",
        )
