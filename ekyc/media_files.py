"""Reading one upload from disk: its size limit, and its name made safe for a message."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

MIB = 1024 * 1024
MAX_FILE_BYTES = 20 * MIB


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


def read_upload(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; refused before reading when it is missing, a folder, empty or too big."""
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
