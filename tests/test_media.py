import base64
import io

import pytest
from PIL import Image

from ekyc import InputError
from ekyc.media import load, sniff
from tests.support import jpeg, mp4, noisy_photo, png

MIB = 1024 * 1024


def decode(media):
    return Image.open(io.BytesIO(base64.b64decode(media.base64)))


def test_small_upright_image_travels_as_original_bytes(tmp_path):
    path = jpeg(tmp_path / "a.jpg")
    media = load(path, "image")
    assert base64.b64decode(media.base64) == path.read_bytes()
    assert not media.reencoded and media.format == "jpeg"


def test_png_and_bmp_are_images(tmp_path):
    assert load(png(tmp_path / "a.png"), "image").format == "png"
    bmp = tmp_path / "a.bmp"
    Image.new("RGB", (40, 30)).save(bmp, "BMP")
    assert load(bmp, "image").format == "bmp"


def test_exif_orientation_is_applied(tmp_path):
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90° clockwise to view
    Image.new("RGB", (300, 100), "red").save(path, "JPEG", exif=exif)
    media = load(path, "image")
    assert media.reencoded
    assert decode(media).size == (100, 300)


def test_oversize_photo_is_reencoded_to_fit_keeping_long_side_large(tmp_path):
    path = tmp_path / "phone.jpg"
    path.write_bytes(noisy_photo((2000, 1500)))
    cap = 600 * 1024
    media = load(path, "image", max_image_base64=cap)
    assert 0.9 * cap <= len(media.base64) <= cap  # as large as the cap allows, not smaller
    width, height = decode(media).size
    assert width / height == pytest.approx(4 / 3, rel=0.01)
    # Noise is the worst case for JPEG; the long side still stays well above a token thumbnail.
    assert 500 < width < 2000


def test_video_duration_read_from_container(tmp_path):
    media = load(mp4(tmp_path / "clip.mp4", seconds=4.5), "video")
    assert media.duration == pytest.approx(4.5)


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"%PDF-1.7", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"<!DOCTYPE html><html>", "HTML/XML document"),
        (b"\x00\x00\x00\x18ftypmp42", "mp4"),
        (b"\x00\x00\x00\x14ftypqt  ", "mov"),
        (b"hello", "unknown"),
    ],
)
def test_sniff(head, expected):
    assert sniff(head) == expected


def test_bomb_png_is_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (10000, 10000)).save(path, "PNG")  # 100 MP, a few KB on disk
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError, match="too large"):
        load(path, "image")


def test_file_over_20_mib_refused_without_reading(tmp_path):
    path = tmp_path / "huge.mp4"
    with path.open("wb") as handle:
        handle.truncate(20 * MIB + 1)
    with pytest.raises(InputError, match="20 MiB"):
        load(path, "video")
