"""Which bundled sample an upload is, by the SHA-256 of its bytes (never by looking inside)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from functools import cache
from pathlib import Path

from . import answers

ASSETS_DIR = Path(__file__).resolve().parents[3] / "assets"
SAMPLE_DATA = "sample_data.json"


class Samples:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = ASSETS_DIR if folder is None else Path(folder)
        self.by_hash: dict[str, str] = {}
        self._frames: dict[str, str] = {}
        recorded = _recorded_hashes(self.folder)
        for relpath in [*answers.PHOTOS, *answers.VIDEOS]:
            for digest in {recorded.get(relpath), _hash_file(self.folder / relpath)} - {None}:
                self.by_hash[digest] = relpath

    def find(self, data: bytes) -> str | None:
        """The relative path of the bundled sample with these bytes, or None."""
        return self.by_hash.get(hashlib.sha256(data).hexdigest())

    def base64_of(self, relpath: str | None) -> str | None:
        """A bundled file (a best frame) as base64, or None when it is absent locally."""
        if relpath is None:
            return None
        if relpath not in self._frames:
            try:
                self._frames[relpath] = base64.b64encode(
                    (self.folder / relpath).read_bytes()
                ).decode("ascii")
            except OSError:
                return None
        return self._frames[relpath]

    def sandbox_frame(self) -> str:
        """The "best frame" of the simulated HTML5 page: a drawn card, since no camera was used."""
        return _placeholder_frame()


@cache
def _placeholder_frame() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 400), (70, 78, 92))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 70, 220, 210), fill=(150, 160, 175))  # head
    draw.rounded_rectangle((60, 230, 260, 400), 60, fill=(150, 160, 175))  # shoulders
    draw.rectangle((0, 330, 320, 400), fill=(20, 24, 30))
    draw.text((20, 345), "SANDBOX: no camera was used", fill=(255, 255, 255))
    draw.text((20, 365), "simulated, not a capture", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return base64.b64encode(out.getvalue()).decode("ascii")


def _recorded_hashes(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / SAMPLE_DATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        path: entry["sha256"].lower()
        for path, entry in data.items()
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
    }


def _hash_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
