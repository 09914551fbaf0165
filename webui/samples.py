"""The bundled samples of each tab, as a gallery of thumbnails: one click loads and runs one.

Columns of a sample row follow the tab's inputs: files, then labels (labeling only), then
options. Thumbnails are drawn once per process from the sample files (two files side by side;
a video as a poster) into a private temporary folder.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import gradio as gr
from PIL import Image, ImageDraw

from ekyc.capabilities import Capability

from .language import language
from .sample_table import EXAMPLES, Sample

ASSETS = Path(__file__).resolve().parents[1] / "assets"
THUMB = (240, 180)
BACKGROUND = (241, 245, 249)


def available(capability: str, file_count: int) -> list[Sample]:
    """The samples of a capability whose files are all present."""
    return [
        s
        for s in EXAMPLES.get(capability, [])
        if all((ASSETS / str(p)).is_file() for p in s.row[:file_count])
    ]


def rows(capability: str, file_count: int) -> tuple[list[list[object]], list[str]]:
    """Example rows with absolute paths, and their English captions."""
    found = available(capability, file_count)
    examples = [
        [str(ASSETS / str(p)) for p in s.row[:file_count]] + _values(s.row[file_count:])
        for s in found
    ]
    return examples, [s.en for s in found]


def _values(values: tuple[object, ...]) -> list[object]:
    """Labels are stored as tuples (the table is frozen); inputs take lists."""
    return [list(v) if isinstance(v, tuple) else v for v in values]


@cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ekyc-thumbs-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _tile(path: Path, size: tuple[int, int]) -> Image.Image:
    if path.suffix.lower() in (".mp4", ".mov"):
        return _poster(size)
    with Image.open(path) as image:
        picture = image.convert("RGB")
    picture.thumbnail(size)
    tile = Image.new("RGB", size, BACKGROUND)
    tile.paste(picture, ((size[0] - picture.width) // 2, (size[1] - picture.height) // 2))
    return tile


def _poster(size: tuple[int, int]) -> Image.Image:
    """A video's thumbnail: a dark frame with a play sign (no video decoder is needed)."""
    tile = Image.new("RGB", size, (30, 41, 59))
    draw = ImageDraw.Draw(tile)
    cx, cy, r = size[0] // 2, size[1] // 2, min(size) // 5
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255))
    draw.polygon(
        [(cx - r // 3, cy - r // 2), (cx - r // 3, cy + r // 2), (cx + r // 2, cy)],
        fill=(30, 41, 59),
    )
    return tile


@cache
def thumbnail(*relative: str) -> str:
    """One picture for a sample: its file, or its two files side by side."""
    files = [ASSETS / p for p in relative]
    width = THUMB[0] // len(files)
    tile = Image.new("RGB", THUMB, BACKGROUND)
    for i, file in enumerate(files):
        tile.paste(_tile(file, (width - 2, THUMB[1])), (i * width + 1, 0))
    target = _folder() / ("-".join(Path(p).stem for p in relative) + ".jpg")
    tile.save(target, "JPEG", quality=85)
    return str(target)


def _items(cap: Capability, lang: str) -> list[tuple[str, str]]:
    count = len(cap.files)
    return [
        (thumbnail(*(str(p) for p in s.row[:count])), getattr(s, lang))
        for s in available(cap.name, count)
        if count  # a row without files has no picture to show
    ]


def gallery(cap: Capability, i18n: gr.I18n) -> gr.Gallery | None:
    """The tab's sample gallery (English captions until the language is known), or None."""
    items = _items(cap, "en")
    if not items:
        return None
    gr.Markdown(i18n("samples"), elem_classes="samples-title")
    return gr.Gallery(
        items,
        label=i18n("samples"),
        show_label=False,
        columns=4,
        rows=1,
        height=110,
        allow_preview=False,
        object_fit="cover",
        buttons=[],
        fit_columns=False,
        interactive=False,
        elem_id=f"samples-{cap.name}",
        elem_classes="samples",
    )


def captions(cap: Capability) -> Callable[..., Any]:
    """The gallery again, captioned in the page's language."""

    def update(lang: str, _show: bool) -> Any:
        return gr.update(value=_items(cap, language(lang)))

    return update


def loader(cap: Capability) -> Callable[[gr.SelectData], list[Any]]:
    """The inputs' values for the clicked sample: absolute paths, then labels and options."""
    count = len(cap.files)

    def load(event: gr.SelectData) -> list[Any]:
        sample = available(cap.name, count)[event.index]
        row = [str(ASSETS / str(p)) for p in sample.row[:count]] + _values(sample.row[count:])
        return row if len(row) > 1 else row[0]  # Gradio: one output, one value

    return load
