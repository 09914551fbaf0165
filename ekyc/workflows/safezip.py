"""Reading the media inside a ZIP that may be hostile.

Refused as a whole: not a ZIP, too many entries, a member name that points outside the archive
(absolute, ``..``, a drive letter), a declared or actual size past the limits, a compression
ratio no photo or video reaches (a bomb). Skipped one by one, with the reason: folders (silently),
links, encrypted members, nested archives, system metadata, empty or oversize members, anything
that is not an image or video. Sizes are counted while reading, never trusted from the headers.
Accepted members are written under new names (``0001.jpg`` ...) in a folder the caller owns.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final

from ..errors import InputError
from ..media_files import MAX_FILE_BYTES
from ..media_formats import IMAGE_FORMATS, VIDEO_FORMATS, ZH_WHAT, sniff
from .texts import SKIP_REASONS, ZIP_REFUSED

MIB: Final = 1024 * 1024
MAX_ENTRIES: Final = 500
MAX_MEMBER_BYTES: Final = MAX_FILE_BYTES  # what the client accepts for one file
MAX_TOTAL_BYTES: Final = 512 * MIB
#: JPEG, PNG and MP4 are compressed already: they shrink by a few percent in a ZIP. A member
#: that unpacks to more than this many times its packed size is not a photo or a video.
MAX_RATIO: Final = 50
RATIO_FLOOR: Final = 1 * MIB  # small members may compress well (a flat test image)
CHUNK: Final = 1 << 16
ARCHIVE_SUFFIXES: Final = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".jar")
ARCHIVE_MAGIC: Final = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
)
SUFFIX: Final = {"jpeg": ".jpg", "png": ".png", "bmp": ".bmp", "mp4": ".mp4", "mov": ".mov"}
_DRIVE = re.compile(r"^[A-Za-z]:")


class ZipRefused(InputError):
    """The whole archive is refused; the message says why, in both languages."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(
            ZIP_REFUSED[key]["en"].format(**values), zh=ZIP_REFUSED[key]["zh"].format(**values)
        )
        self.key = key


@dataclass(frozen=True)
class Skipped:
    """A file or member not run, and why (a key of texts.SKIP_REASONS and its values)."""

    name: str
    reason: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        values = dict(self.values)
        if "what" in values:
            values["what"] = _what(str(values["what"]), lang)
        return SKIP_REASONS[self.reason]["zh" if lang == "zh" else "en"].format(**values)


def _what(fmt: str, lang: str) -> str:
    if fmt == "unknown":
        return "未知内容" if lang == "zh" else "unknown content"
    return ZH_WHAT.get(fmt, fmt) if lang == "zh" else fmt


@dataclass(frozen=True)
class Extracted:
    name: str  # as shown: archive name / member name
    path: Path  # the copy written under a new name


def unsafe_name(name: str) -> bool:
    """A member name that could land outside a folder it were extracted into."""
    if "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return ".." in PurePosixPath(name.replace("\\", "/")).parts


def media_format(head: bytes) -> str:
    """``jpeg`` ... ``mov`` for media, else what ``sniff`` says it is."""
    return sniff(head)


def is_archive(name: str, head: bytes) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES) or head.startswith(ARCHIVE_MAGIC)


def is_metadata(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    base = parts[-1] if parts else name
    return "__MACOSX" in parts or base.startswith("._") or base in (".DS_Store", "Thumbs.db")


def read_zip(archive: str | os.PathLike[str], dest: Path) -> tuple[list[Extracted], list[Skipped]]:
    """The image and video members of ``archive``, copied into ``dest``; and what was skipped.

    Raises ZipRefused (an InputError) when the archive as a whole is refused; then nothing is
    left in ``dest`` by this call.
    """
    shown = Path(archive).name
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            _check_archive(shown, infos)
            return _extract(zf, shown, infos, dest)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        raise ZipRefused("not_zip", name=shown) from None


def _check_archive(shown: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ZipRefused("too_many_entries", name=shown, count=len(infos), limit=MAX_ENTRIES)
    for info in infos:
        if unsafe_name(info.filename):
            raise ZipRefused("traversal", name=shown, member=info.filename[:80])
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise ZipRefused("too_large", name=shown, limit=MAX_TOTAL_BYTES // MIB)
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ZipRefused("bomb", name=shown)


def _skip_reason(info: zipfile.ZipInfo) -> tuple[str, dict[str, Any]] | None:
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "link", {}
    if info.flag_bits & 0x1:
        return "encrypted", {}
    if is_metadata(info.filename):
        return "metadata", {}
    if info.file_size > MAX_MEMBER_BYTES:
        return "too_large", {"limit": MAX_MEMBER_BYTES // MIB}
    if info.file_size == 0:
        return "empty", {}
    return None


def _extract(
    zf: zipfile.ZipFile, shown: str, infos: list[zipfile.ZipInfo], dest: Path
) -> tuple[list[Extracted], list[Skipped]]:
    found: list[Extracted] = []
    skipped: list[Skipped] = []
    written: list[Path] = []
    total = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            name = f"{shown}/{info.filename}"
            reason = _skip_reason(info)
            if reason:
                skipped.append(Skipped(name, *reason))
                continue
            with zf.open(info) as member:
                head = member.read(64)
                fmt = media_format(head)
                if is_archive(info.filename, head):
                    skipped.append(Skipped(name, "nested_archive"))
                    continue
                if fmt not in IMAGE_FORMATS + VIDEO_FORMATS:
                    skipped.append(Skipped(name, "not_media", {"what": fmt}))
                    continue
                target = dest / f"{len(written) + 1:04d}{SUFFIX[fmt]}"
                written.append(target)
                size = _copy(member, head, target, info.file_size, shown)
            total += size
            if total > MAX_TOTAL_BYTES:
                raise ZipRefused("too_large", name=shown, limit=MAX_TOTAL_BYTES // MIB)
            found.append(Extracted(name, target))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return found, skipped


def _copy(member: Any, head: bytes, target: Path, declared: int, shown: str) -> int:
    """Copy a member, counting: more bytes than declared means lying headers (a bomb)."""
    size = len(head)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(head)
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > declared or size > MAX_MEMBER_BYTES:
                raise ZipRefused("bomb", name=shown)
            out.write(chunk)
    return size
