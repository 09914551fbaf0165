"""Which files a batch runs: files, folders and ZIPs expanded into media files, and everything
else listed as skipped with the reason. ZIP members are copied into a private temporary folder,
removed by ``Plan.close``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..media_formats import IMAGE_FORMATS, VIDEO_FORMATS, sniff
from .safezip import Skipped, ZipRefused, is_archive, is_metadata, read_zip

FilePath = str | os.PathLike[str]
MAX_FILES = 200
MAX_FOLDER_DEPTH = 4


@dataclass(frozen=True)
class Item:
    name: str  # as shown: the path given, or archive/member
    path: Path


@dataclass
class Plan:
    """What a batch will run and what it skips; ``close`` removes the ZIP members' copies."""

    items: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    workdir: Path | None = None

    @property
    def calls(self) -> int:
        return len(self.items)

    def close(self) -> None:
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def plan(paths: Sequence[FilePath], max_files: int = MAX_FILES) -> Plan:
    """Expand files, folders and ZIPs into the media files to run; the rest is listed as
    skipped with the reason. A refused ZIP is one skipped entry; the other paths still run."""
    result = Plan()
    try:
        for given in paths:
            path = Path(given)
            if path.is_dir():
                _folder(result, path, path.name or str(path), 0)
            else:
                _file(result, path, path.name)
        if len(result.items) > max_files:
            for item in result.items[max_files:]:
                result.skipped.append(Skipped(item.name, "too_many", {"limit": max_files}))
            del result.items[max_files:]
    except BaseException:
        result.close()
        raise
    return result


def _folder(result: Plan, folder: Path, shown: str, depth: int) -> None:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        result.skipped.append(Skipped(shown, "unreadable"))
        return
    for entry in entries:
        name = f"{shown}/{entry.name}"
        if entry.is_symlink():
            result.skipped.append(Skipped(name, "link"))
        elif entry.is_dir():
            if depth < MAX_FOLDER_DEPTH:
                _folder(result, entry, name, depth + 1)
        else:
            _file(result, entry, name)


def _file(result: Plan, path: Path, shown: str) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        result.skipped.append(Skipped(shown, "unreadable"))
        return
    if is_metadata(shown):
        result.skipped.append(Skipped(shown, "metadata"))
    elif head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        _zip(result, path, shown)
    elif is_archive(shown, head):
        result.skipped.append(Skipped(shown, "nested_archive"))
    elif not head:
        result.skipped.append(Skipped(shown, "empty"))
    elif sniff(head) in IMAGE_FORMATS + VIDEO_FORMATS:
        result.items.append(Item(shown, path))
    else:
        result.skipped.append(Skipped(shown, "not_media", {"what": sniff(head)}))


def _zip(result: Plan, path: Path, shown: str) -> None:
    if result.workdir is None:
        result.workdir = Path(tempfile.mkdtemp(prefix="ekyc-batch-"))
    dest = Path(tempfile.mkdtemp(dir=result.workdir))
    try:
        found, skipped = read_zip(path, dest)
    except ZipRefused as exc:
        result.skipped.append(Skipped(shown, "refused", {"en": str(exc), "zh": exc.zh or ""}))
        return
    result.items += [Item(e.name.replace(path.name, shown, 1), e.path) for e in found]
    result.skipped += [
        Skipped(s.name.replace(path.name, shown, 1), s.reason, s.values) for s in skipped
    ]
