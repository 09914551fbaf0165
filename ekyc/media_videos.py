"""Checking a video upload: its MP4/MOV container parsed with mutagen, never decoded.

Its brand is checked by ``media_formats.sniff`` before; here it must hold a video track (an
audio-only MP4 is a common mistake) and last between zero and 20 seconds.
"""

from __future__ import annotations

import io

from mutagen import MutagenError
from mutagen.mp4 import MP4, AtomError, Atoms

from .errors import InputError

MAX_VIDEO_SECONDS = 20.0


def check_video(name: str, data: bytes) -> float:
    """The video's duration in seconds; InputError when it cannot be sent."""
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
    return duration


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
