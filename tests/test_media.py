import base64
import io
import os

import pytest
from PIL import Image

from ekyc import InputError
from ekyc.capabilities import DOCUMENT_IMAGE, FACE_IMAGE, LABELING_MEDIA, VIDEO
from ekyc.media import load
from ekyc.media_formats import AUDIO_MP4, HEIF_IMAGE, sniff
from tests.support import ASSETS, jpeg, mp4, mp4_bytes, noisy_photo, png

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
        (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00M4A mp42isom", AUDIO_MP4),
        (b"\x00\x00\x00\x1cftypM4B ", AUDIO_MP4),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", HEIF_IMAGE),
        (b"\x00\x00\x00\x18ftypmif1", HEIF_IMAGE),
        (b"\x00\x00\x00\x1cftypavif", HEIF_IMAGE),
        (b"\x00\x00\x00\x18ftypM4V ", "mp4"),
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


# ---- formats by capability -------------------------------------------------------------------


def _bmp(path):
    Image.new("RGB", (40, 30), "navy").save(path, "BMP")
    return path


def _with_brand(data: bytes, brand: bytes) -> bytes:
    """The same ISO file under another major brand (the first ftyp of mp4_bytes is isom)."""
    assert data[4:12] == b"ftypisom"
    return data[:8] + brand + data[12:]


def _mov_bytes() -> bytes:
    """A QuickTime movie: ftyp qt, then the moov (with its video track) and mdat of mp4_bytes."""
    return b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + mp4_bytes(3)[32:]


def _heic_bytes() -> bytes:
    """The head of a HEIC photo: ftyp heic, then meta (no moov, no video)."""
    ftyp = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    return ftyp + b"\x00\x00\x00\x0cmeta\x00\x00\x00\x00" + b"\x00" * 64


def test_bmp_is_refused_for_faces_and_accepted_for_documents(tmp_path):
    bmp = _bmp(tmp_path / "face.bmp")
    with pytest.raises(InputError) as err:
        load(bmp, "image", formats=FACE_IMAGE)
    assert str(err.value) == "face.bmp: BMP is not accepted here; use JPG or PNG"
    assert err.value.text("zh") == "face.bmp：这里不接受 BMP 格式，请使用 JPG 或 PNG"
    assert load(bmp, "image", formats=DOCUMENT_IMAGE).format == "bmp"
    assert load(bmp, "image").format == "bmp"  # no formats given: every image format


def test_labeling_takes_mp4_but_not_mov(tmp_path):
    mov = tmp_path / "clip.mov"
    mov.write_bytes(_mov_bytes())
    assert load(mov, "video", formats=VIDEO).format == "mov"
    assert load(mov, "video").format == "mov"
    with pytest.raises(InputError, match=r"MOV is not accepted here; use MP4$"):
        load(mov, "video", formats=LABELING_MEDIA)
    assert load(mp4(tmp_path / "clip.mp4"), "video", formats=LABELING_MEDIA).format == "mp4"
    with pytest.raises(InputError, match="BMP is not accepted here; use JPG or PNG"):
        load(_bmp(tmp_path / "a.bmp"), "image", formats=LABELING_MEDIA)


def test_kind_messages_name_what_the_capability_takes(tmp_path):
    clip = mp4(tmp_path / "clip.mp4")
    with pytest.raises(InputError, match=r"this is a video, but an image \(JPG/PNG\) is needed"):
        load(clip, "image", formats=FACE_IMAGE)
    with pytest.raises(InputError, match=r"this is a video, but an image \(JPG/PNG/BMP\)"):
        load(clip, "image", formats=DOCUMENT_IMAGE)
    with pytest.raises(InputError, match=r"this is an image, but a video \(MP4\) is needed"):
        load(jpeg(tmp_path / "a.jpg"), "video", formats=LABELING_MEDIA)
    gif = tmp_path / "a.gif"
    Image.new("RGB", (40, 30)).save(gif, "GIF")
    with pytest.raises(InputError, match=r"not a JPG or PNG image \(the content is a GIF image\)"):
        load(gif, "image", formats=FACE_IMAGE)


def test_formats_of_the_other_kind_only_are_a_table_mistake(tmp_path):
    with pytest.raises(ValueError, match="no video format"):
        load(jpeg(tmp_path / "a.jpg"), "video", formats=FACE_IMAGE)


# ---- containers: brand and tracks --------------------------------------------------------------


def test_bundled_sample_video_passes_every_video_format_list():
    sample = ASSETS / "video" / "face_pan.mp4"
    for formats in (None, VIDEO, LABELING_MEDIA):
        media = load(sample, "video", formats=formats)
        assert media.format == "mp4" and 0 < media.duration <= 20


def test_mp4_without_a_video_track_is_refused(tmp_path):
    with pytest.raises(InputError, match="no video track") as err:
        load(mp4(tmp_path / "empty.mp4", video=False), "video")
    assert "视频轨道" in err.value.text("zh")


def test_sound_only_mp4_is_an_audio_file(tmp_path):
    path = tmp_path / "voice.mp4"
    path.write_bytes(mp4_bytes(3).replace(b"vide", b"soun"))
    with pytest.raises(InputError, match="no video track, only sound: this is an audio file"):
        load(path, "video")


@pytest.mark.parametrize("brand", [b"M4A ", b"M4B ", b"M4P "])
def test_m4a_is_refused_as_audio(tmp_path, brand):
    path = tmp_path / "song.mp4"
    path.write_bytes(_with_brand(mp4_bytes(3), brand))  # even with a video track inside
    with pytest.raises(InputError, match="this is an audio file, not a video"):
        load(path, "video")
    with pytest.raises(InputError, match="this is an audio file, but an image"):
        load(path, "image")


@pytest.mark.parametrize("brand", [b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis"])
def test_heic_and_avif_are_refused_as_photos(tmp_path, brand):
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(_with_brand(mp4_bytes(3), brand))
    with pytest.raises(InputError) as err:
        load(path, "image")
    assert str(err.value) == "IMG_0001.jpg: this is a HEIC/AVIF photo; convert it to JPG"
    assert err.value.text("zh") == "IMG_0001.jpg：这是 HEIC/AVIF 照片，请先转换为 JPG"
    with pytest.raises(InputError, match="this is a HEIC/AVIF photo, not a video"):
        load(path, "video")


def test_a_real_heic_head_is_a_photo_not_a_video(tmp_path):
    path = tmp_path / "IMG_0002.HEIC"
    path.write_bytes(_heic_bytes())
    with pytest.raises(InputError, match="HEIC/AVIF photo; convert it to JPG"):
        load(path, "image", formats=FACE_IMAGE)


# ---- every refusal speaks Chinese too ----------------------------------------------------------


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _sideways(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "sideways.jpg"
    path.write_bytes(noisy_photo((400, 300)))
    Image.open(path).save(path, "JPEG", exif=exif)
    return path


def _big_png(tmp_path):
    path = tmp_path / "poster.png"
    Image.new("1", (10000, 7000)).save(path, "PNG")  # 70 MP: over our limit, under Pillow's
    return path


def _sparse(tmp_path, size):
    path = tmp_path / "big.mp4"
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# (case id, builder(tmp_path) -> (path, kind, formats, max_image_base64), English fragment)
BAD_FILES = [
    ("no path", lambda t: ("", "image", None, 3 * MIB), "no file was given"),
    ("missing", lambda t: (t / "nope.jpg", "image", None, 3 * MIB), "not found"),
    ("folder", lambda t: (t, "image", None, 3 * MIB), "folder"),
    (
        "path through a file",
        lambda t: (jpeg(t / "a.jpg") / "x.jpg", "image", None, 3 * MIB),
        "cannot read",
    ),
    ("empty", lambda t: (_write(t, "e.jpg", b""), "image", None, 3 * MIB), "empty"),
    ("over 20 MiB", lambda t: (_sparse(t, 21 * MIB), "video", None, 3 * MIB), "20 MiB"),
    ("70 MP png", lambda t: (_big_png(t), "image", None, 3 * MIB), "megapixels"),
    (
        "bomb png",
        lambda t: (
            (lambda p: (Image.new("1", (20000, 20000)).save(p, "PNG"), p)[1])(t / "b.png"),
            "image",
            None,
            3 * MIB,
        ),
        "too large",
    ),
    (
        "corrupt jpeg",
        lambda t: (_write(t, "c.jpg", noisy_photo((200, 150))[:3000]), "image", None, 3 * MIB),
        "corrupt",
    ),
    ("tiny", lambda t: (jpeg(t / "tiny.jpg", (8, 8)), "image", None, 3 * MIB), "too small"),
    ("cannot fit", lambda t: (_sideways(t), "image", None, 40), "cannot be compressed"),
    ("video as image", lambda t: (mp4(t / "v.jpg"), "image", FACE_IMAGE, 3 * MIB), "is a video"),
    ("image as video", lambda t: (jpeg(t / "i.mp4"), "video", VIDEO, 3 * MIB), "is an image"),
    ("pdf", lambda t: (_write(t, "p.jpg", b"%PDF-1.4"), "image", None, 3 * MIB), "PDF"),
    ("junk as video", lambda t: (_write(t, "j.mp4", b"junk"), "video", None, 3 * MIB), "not an"),
    ("bmp face", lambda t: (_bmp(t / "f.bmp"), "image", FACE_IMAGE, 3 * MIB), "BMP is not"),
    (
        "mov labeling",
        lambda t: (
            _write(t, "m.mov", _mov_bytes()),
            "video",
            LABELING_MEDIA,
            3 * MIB,
        ),
        "MOV is not",
    ),
    ("heic", lambda t: (_write(t, "h.jpg", _heic_bytes()), "image", None, 3 * MIB), "HEIC"),
    (
        "heic as video",
        lambda t: (_write(t, "h.mp4", _heic_bytes()), "video", None, 3 * MIB),
        "HEIC",
    ),
    (
        "m4a",
        lambda t: (_write(t, "a.m4a", _with_brand(mp4_bytes(3), b"M4A ")), "video", None, 3 * MIB),
        "audio",
    ),
    (
        "m4a as image",
        lambda t: (_write(t, "a.jpg", _with_brand(mp4_bytes(3), b"M4A ")), "image", None, 3 * MIB),
        "audio",
    ),
    (
        "corrupt video",
        lambda t: (
            _write(t, "c.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 50),
            "video",
            None,
            3 * MIB,
        ),
        "corrupt",
    ),
    (
        "no video track",
        lambda t: (mp4(t / "n.mp4", video=False), "video", None, 3 * MIB),
        "no video track",
    ),
    (
        "sound only",
        lambda t: (
            _write(t, "s.mp4", mp4_bytes(3).replace(b"vide", b"soun")),
            "video",
            None,
            3 * MIB,
        ),
        "only sound",
    ),
    ("zero seconds", lambda t: (mp4(t / "z.mp4", seconds=0), "video", None, 3 * MIB), "playable"),
    ("25 seconds", lambda t: (mp4(t / "l.mp4", seconds=25), "video", None, 3 * MIB), "20 s"),
]


@pytest.mark.parametrize("case, build, fragment", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_every_refusal_has_its_own_chinese_text(tmp_path, case, build, fragment):
    path, kind, formats, cap = build(tmp_path)
    with pytest.raises(InputError) as err:
        load(path, kind, max_image_base64=cap, formats=formats)
    english, chinese = str(err.value), err.value.text("zh")
    assert fragment.lower() in english.lower()
    assert chinese and chinese != english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
    if path:
        name = os.fsdecode(path).rsplit("/", 1)[-1]
        assert english.startswith(f"{name}: ") and chinese.startswith(f"{name}：")
