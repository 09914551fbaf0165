"""The preview of an image-or-video input (media labeling): which one shows, for what bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from webui.file_preview import show

ASSETS = Path(__file__).resolve().parents[1] / "assets"


@pytest.mark.parametrize(
    ("name", "shown"),
    [("labels/hat_in_car.jpg", "image"), ("video/face_pan.mp4", "video")],
)
def test_the_preview_matching_the_bytes_shows_the_file(name: str, shown: str) -> None:
    path = str(ASSETS / name)
    image, video = show(path)
    expected = {"image": image, "video": video}
    other = video if shown == "image" else image
    assert expected[shown]["visible"] is True and expected[shown]["value"] == path
    assert other["visible"] is False and other["value"] is None


def test_a_video_named_like_an_image_is_previewed_as_a_video(tmp_path: Path) -> None:
    renamed = tmp_path / "clip.jpg"
    renamed.write_bytes((ASSETS / "video/face_pan.mp4").read_bytes())
    image, video = show(str(renamed))
    assert (image["visible"], video["visible"]) == (False, True)


@pytest.mark.parametrize("content", [b"hello, not an image", b""])
def test_a_file_that_is_neither_hides_both(tmp_path: Path, content: bytes) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(content)
    for update in show(str(fake)):
        assert update["visible"] is False and update["value"] is None


def test_no_file_hides_both() -> None:
    for update in show(None):
        assert update["visible"] is False
