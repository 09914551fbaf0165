"""Is a file one of the bundled samples? The sandbox gives real-looking answers to those only,
so a workflow never presents an answer about any other file as a verdict."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".mp4", ".mov")


@functools.cache
def sample_digests() -> frozenset[str]:
    """SHA-256 of every bundled sample: the files present and those sample_data.json records."""
    digests: set[str] = set()
    try:
        recorded = json.loads((ASSETS / "sample_data.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    if isinstance(recorded, dict):
        for entry in recorded.values():
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
                digests.add(entry["sha256"].lower())
    if ASSETS.is_dir():
        for path in ASSETS.rglob("*"):
            if path.is_file() and path.suffix.lower() in MEDIA_SUFFIXES:
                digests.add(hashlib.sha256(path.read_bytes()).hexdigest())
    return frozenset(digests)


def is_sample(path: str | os.PathLike[str]) -> bool:
    """True when the file's bytes are those of a bundled sample (False when unreadable)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() in sample_digests()
