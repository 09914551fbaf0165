#!/usr/bin/env python3
"""Generate the bundled sample library in ``assets/``.

Run once by a developer, then commit the outputs::

    python scripts/make_assets.py

Generation-time requirements (the project's runtime and tests need none of them):
Pillow, numpy, scikit-image (public-domain ``astronaut`` and CC0 ``coffee`` photos),
matplotlib (public-domain ``grace_hopper.jpg`` sample), mutagen (video check), a CJK font
(Debian ``fonts-noto-cjk``) and ffmpeg with libx264 (Debian ``ffmpeg`` or pip ``imageio-ffmpeg``).

Everything is deterministic (fixed seeds, fixed encoder settings). The SHA-256 of each output is
written to ``assets/sample_data.json``; it may change with other Pillow/libjpeg/x264 versions, so
consumers read the hashes from that file instead of hard-coding them.

All personal data on the documents is invented and obviously fake; every document carries a
"SAMPLE 样本" watermark.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
SEED = 20240601
JPEG_QUALITY = 90
MAX_IMAGE_BYTES = 400 * 1024
MAX_VIDEO_BYTES = 1024 * 1024
MAX_TOTAL_BYTES = 10 * 1024 * 1024

Point = tuple[float, float]
Box = tuple[int, int, int, int]
RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
Kind = Literal["image", "video"]

# ---------------------------------------------------------------------------------------------
# Check digits
# ---------------------------------------------------------------------------------------------

ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, ...
ID_CHECK_CHARS = "10X98765432"


def gb11643_check_digit(body: str) -> str:
    """Check character of an 18-character resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)."""
    if len(body) != 17 or not body.isdigit():
        raise ValueError(f"ID body must be 17 digits: {body!r}")
    total = sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def is_valid_id_number(number: str) -> bool:
    """Independent check: sum(a_i * 2^(18-i)) over all 18 characters (X = 10) is 1 modulo 11."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    values = [int(c) for c in number[:17]] + [10 if number[17] == "X" else int(number[17])]
    return sum(v * pow(2, 17 - i, 11) for i, v in enumerate(values)) % 11 == 1


def luhn_check_digit(partial: str) -> str:
    """Digit that makes ``partial + digit`` pass the Luhn check."""
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:  # these digits are doubled once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str(-total % 10)


def is_luhn_valid(number: str) -> bool:
    digits = [int(c) for c in reversed(number)]
    return sum(d if i % 2 == 0 else sum(divmod(d * 2, 10)) for i, d in enumerate(digits)) % 10 == 0


VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit(vin: str) -> str:
    """ISO 3779 / FMVSS 565 check character (position 9) of a 17-character VIN."""
    if len(vin) != 17 or any(c not in VIN_VALUES for c in vin.upper()):
        raise ValueError(f"VIN must be 17 characters without I, O, Q: {vin!r}")
    total = sum(VIN_VALUES[c] * w for c, w in zip(vin.upper(), VIN_WEIGHTS, strict=True))
    return "X" if total % 11 == 10 else str(total % 11)


def with_id_check(body: str) -> str:
    return body + gb11643_check_digit(body)


def with_luhn_check(partial: str) -> str:
    return partial + luhn_check_digit(partial)


def with_vin_check(vin_with_placeholder: str) -> str:
    """Fill position 9 (any placeholder there; its weight is 0) with the check character."""
    head, tail = vin_with_placeholder[:8], vin_with_placeholder[9:]
    return head + vin_check_digit(head + "0" + tail) + tail


# ---------------------------------------------------------------------------------------------
# The fake data (tables only; the drawing code below never invents a value)
# ---------------------------------------------------------------------------------------------

# Region 990101 does not exist (no province code 99), so the number cannot belong to anyone.
ID_NUMBER = with_id_check("990101" + "19900101" + "002")  # sequence 002: even -> female
NAME = "样本测试"
ADDRESS = "示例省测试市样本区演示路1号"

ID_CARD_FRONT: dict[str, str] = {
    "name": NAME,
    "sex": "女",
    "nation": "汉",
    "birth": "19900101",
    "idcard": ID_NUMBER,
    "address": ADDRESS,
}
ID_CARD_BACK: dict[str, str] = {
    "authority": "测试市公安局样本分局",
    "validDate": "2020.01.01-2040.01.01",
}
BANK_CARD: dict[str, str] = {
    "bankcardNo": with_luhn_check("620000001234567890"),  # 19 digits, test BIN 6200 0000
    "bankcardValidDate": "12/30",
}
BANK_PRINTED: dict[str, str] = {
    "bank_zh": "样本测试银行",
    "bank_en": "SAMPLE TEST BANK",
    "holder": "SAMPLE TEST",
    "network": "TEST PAY",
}
DRIVER_LICENSE_MAIN: dict[str, str] = {
    "licenseNo": ID_NUMBER,
    "name": NAME,
    "sex": "女",
    "nationality": "中国",
    "address": ADDRESS,
    "birth": "1990-01-01",
    "fetchDate": "2012-06-01",
    "driveClass": "C1",
    "validDateFrom": "2018-06-01",
    "validDateTo": "2028-06-01",
}
# Printed on the supplementary page; upstream refuses that page (-9005), so it has no fields.
DRIVER_SUPPLEMENTARY_PRINTED: dict[str, str] = {
    "licenseNo": ID_NUMBER,
    "name": NAME,
    "fileNumber": "990100000001",
    "record": "样本记录 SAMPLE RECORD",
}
VEHICLE_LICENSE_MAIN: dict[str, str] = {
    "plateNo": "测A12345",
    "vehicleType": "小型轿车",
    "owner": NAME,
    "useCharacter": "非营运",
    "address": ADDRESS,
    "model": "样本牌SAMPLE001",
    "vin": with_vin_check("LSAMPLE0?LT000001"),
    "engineNo": "TEST0001",
    "registeDate": "2020-06-01",
    "issueDate": "2020-06-01",
}
VEHICLE_LICENSE_SUPPLEMENTARY: dict[str, str] = {
    "plateNo": "测A12345",
    "authorizedCarryCapacity": "5人",
    "authorizedLoadQuality": "--",
    "fileNumber": "990100000001",
    "total": "1850kg",
    "inspectionRecord": "检验有效期至2026年06月",
    "externalDimensions": "4650×1820×1480mm",
    "curbWeright": "1420kg",  # sic: upstream field name
}

# Table layouts: rows of cells (Chinese label, English label, value template over the fields).
Cell = tuple[str, str, str]
Layout = list[list[Cell]]

DRIVER_MAIN_LAYOUT: Layout = [
    [("证号", "License No.", "{licenseNo}")],
    [("姓名", "Name", "{name}"), ("性别", "Sex", "{sex}")],
    [("国籍", "Nationality", "{nationality}")],
    [("住址", "Address", "{address}")],
    [("出生日期", "Date of Birth", "{birth}")],
    [("初次领证日期", "Date of First Issue", "{fetchDate}")],
    [("准驾车型", "Class", "{driveClass}")],
    [("有效期限", "Valid Period", "{validDateFrom} 至 {validDateTo}")],
]
DRIVER_SUPPLEMENTARY_LAYOUT: Layout = [
    [("证号", "License No.", "{licenseNo}")],
    [("姓名", "Name", "{name}")],
    [("档案编号", "File No.", "{fileNumber}")],
    [("记录", "Record", "{record}")],
    [("", "", "")],
    [("", "", "")],
]
VEHICLE_MAIN_LAYOUT: Layout = [
    [("号牌号码", "Plate No.", "{plateNo}"), ("车辆类型", "Vehicle Type", "{vehicleType}")],
    [("所有人", "Owner", "{owner}")],
    [("住址", "Address", "{address}")],
    [("使用性质", "Use Character", "{useCharacter}"), ("品牌型号", "Model", "{model}")],
    [("车辆识别代号", "VIN", "{vin}")],
    [("发动机号码", "Engine No.", "{engineNo}")],
    [("注册日期", "Register Date", "{registeDate}"), ("发证日期", "Issue Date", "{issueDate}")],
]
VEHICLE_SUPPLEMENTARY_LAYOUT: Layout = [
    [("号牌号码", "Plate No.", "{plateNo}"), ("档案编号", "File No.", "{fileNumber}")],
    [
        ("核定载人数", "Approved Passengers", "{authorizedCarryCapacity}"),
        ("总质量", "Gross Mass", "{total}"),
    ],
    [
        ("整备质量", "Unladen Mass", "{curbWeright}"),
        ("核定载质量", "Approved Load", "{authorizedLoadQuality}"),
    ],
    [("外廓尺寸", "Overall Dimension", "{externalDimensions}")],
    [("备注", "Remarks", "样本证件 仅供测试 SAMPLE ONLY")],
    [("检验记录", "Inspection Record", "{inspectionRecord}")],
]

NOT_REAL = "样本 SAMPLE · 非真实证件 NOT A REAL DOCUMENT"
WATERMARK = "SAMPLE 样本"

SCENARIOS: dict[str, str] = {
    "faces/person_a_1.jpg": (
        "face_compare vs faces/person_a_2.jpg: similarity 92.5 (high-confidence same person); "
        "vs faces/person_b.jpg: 31.2 (not the same person); "
        "photo_liveness_detect: level 1 (no risk)"
    ),
    "faces/person_a_2.jpg": "face_compare vs faces/person_a_1.jpg: similarity 92.5 (same person)",
    "faces/person_b.jpg": (
        "face_compare vs faces/person_a_1.jpg: similarity 31.2 (not the same person)"
    ),
    "faces/no_face.jpg": "face_compare / photo_liveness_detect: error 66660078 (no face)",
    "faces/two_faces.jpg": "face_compare / photo_liveness_detect: error 66660037 (multiple faces)",
    "faces/screen_replay.jpg": (
        "photo_liveness_detect: level 3, tag 03 (suspected replay, re-shot screen); "
        "face_compare with Person A: similarity 92.5"
    ),
    "video/face_pan.mp4": "video_liveness_detect: level 1 (no risk)",
    "video/face_pan_frame.jpg": (
        "the frame at 2 s of video/face_pan.mp4: the BestFrameBase64 of its API 3.0 answers"
    ),
    "video/face_short.mp4": (
        "compare_face_liveness / liveness_compare: FailedOperation.SilentTooShort (under 2 s)"
    ),
    "video/screen_replay.mp4": (
        "compare_face_liveness / liveness_compare: FailedOperation.SilentPictureLiveFail "
        "(SILENT) or LivessDetectFake (replayed screen)"
    ),
    "video/no_face.mp4": (
        "compare_face_liveness / liveness_compare: FailedOperation.SilentFaceDetectFail (no face)"
    ),
    "docs/id_card_front.jpg": (
        "id_card_ocr cardType 0 (portrait side): the fields; face_compare with "
        "faces/person_a_1.jpg or faces/screen_replay.jpg: similarity 92.5 (its portrait is "
        "Person A), with faces/person_b.jpg: 31.2"
    ),
    "docs/id_card_back.jpg": "id_card_ocr cardType 1 (emblem side): the fields",
    "docs/bank_card.jpg": "bank_card_ocr: the fields; face_compare: error 66660078 (no face)",
    "docs/driver_license_main.jpg": "driver_license_ocr (main page): the fields",
    "docs/driver_license_supplementary.jpg": (
        "driver_license_ocr: error -9005 (supplementary page not supported)"
    ),
    "docs/vehicle_license_main.jpg": (
        "vehicle_license_ocr vehicleLicenseSide 1 (main page): the fields"
    ),
    "docs/vehicle_license_supplementary.jpg": (
        "vehicle_license_ocr vehicleLicenseSide 2 (supplementary page): the fields"
    ),
    "labels/hat_in_car.jpg": (
        'media_labeling: A14 (hat) "1", B03 (in a car) "1", A02 (mask) "0", '
        'any other requested label "" (not recognised)'
    ),
}


def validate_data() -> None:
    """Assert the invariants of the fake data: check digits and internal consistency."""
    number = ID_CARD_FRONT["idcard"]
    require(is_valid_id_number(number), f"ID checksum: {number}")
    require(number[6:14] == ID_CARD_FRONT["birth"], "ID number embeds the birth date")
    require((int(number[16]) % 2 == 0) == (ID_CARD_FRONT["sex"] == "女"), "ID sex digit")
    require(is_valid_id_number(DRIVER_LICENSE_MAIN["licenseNo"]), "license number checksum")
    require(DRIVER_LICENSE_MAIN["birth"].replace("-", "") == ID_CARD_FRONT["birth"], "birth")
    card = BANK_CARD["bankcardNo"]
    require(16 <= len(card) <= 19 and card.startswith("62000000"), f"bank card: {card}")
    require(is_luhn_valid(card), f"Luhn: {card}")
    require(not is_luhn_valid(card[:-1] + str((int(card[-1]) + 1) % 10)), "Luhn sanity")
    vin = VEHICLE_LICENSE_MAIN["vin"]
    require(len(vin) == 17 and not set(vin) & set("IOQ"), f"VIN: {vin}")
    require(vin[8] == vin_check_digit(vin), f"VIN check digit: {vin}")
    require(vin_check_digit("1M8GDM9AXKP042788") == "X", "VIN check digit (known example)")
    require(is_valid_id_number("11010519491231002X"), "ID checksum (known example)")
    require(is_luhn_valid("79927398713"), "Luhn (known example)")
    same_plate = VEHICLE_LICENSE_SUPPLEMENTARY["plateNo"] == VEHICLE_LICENSE_MAIN["plateNo"]
    require(same_plate, "both vehicle pages show one plate")


def require(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# ---------------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------------

FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/local/share/fonts",
)
FONT_FILES = {"regular": "NotoSansCJK-Regular.ttc", "bold": "NotoSansCJK-Bold.ttc"}
FONT_STYLES = {
    "sans": ("regular", "Noto Sans CJK SC"),
    "sans-bold": ("bold", "Noto Sans CJK SC"),
    "mono": ("regular", "Noto Sans Mono CJK SC"),
    "mono-bold": ("bold", "Noto Sans Mono CJK SC"),
}
FONT_HELP = (
    "No Noto Sans CJK font found. Install Debian's fonts-noto-cjk "
    "(apt-get install fonts-noto-cjk) or point EKYC_CJK_FONT_DIR at a folder holding "
    "NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc."
)


def find_font_file(filename: str) -> Path | None:
    dirs = [os.environ.get("EKYC_CJK_FONT_DIR", ""), *FONT_DIRS]
    for folder in filter(None, dirs):
        candidate = Path(folder) / filename
        if candidate.is_file():
            return candidate
    fc_list = shutil.which("fc-list")
    if fc_list:
        listing = subprocess.run(
            [fc_list, ":", "file"], capture_output=True, text=True, check=False
        )
        for line in listing.stdout.splitlines():
            candidate = Path(line.split(":", 1)[0].strip())
            if candidate.name == filename and candidate.is_file():
                return candidate
    return None


@cache
def font_file(weight: str) -> Path:
    found = find_font_file(FONT_FILES[weight])
    if found is None and weight == "bold":
        return font_file("regular")
    if found is None:
        raise SystemExit(FONT_HELP)
    return found


@cache
def face_index(path: Path, family: str) -> int:
    for index in range(32):
        try:
            name = ImageFont.truetype(str(path), 12, index=index).getname()[0]
        except OSError:
            break
        if name == family:
            return index
    raise SystemExit(f"{path} has no face {family!r}. {FONT_HELP}")


@cache
def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    weight, family = FONT_STYLES[style]
    path = font_file(weight)
    return ImageFont.truetype(str(path), size, index=face_index(path, family))


def text_width(text: str, style: str, size: int) -> float:
    return font(style, size).getlength(text)


def fit_size(text: str, style: str, size: int, max_width: float, min_size: int = 14) -> int:
    while size > min_size and text_width(text, style, size) > max_width:
        size -= 1
    return size


def value_style(text: str) -> str:
    """Codes (ID, VIN, engine and file numbers) in bold monospace, everything else in sans."""
    is_code = (
        len(text) >= 8 and text.isascii() and text.isalnum() and any(c.isdigit() for c in text)
    )
    return "mono-bold" if is_code else "sans"


# ---------------------------------------------------------------------------------------------
# Source photos (public domain / CC0, shipped inside PyPI packages)
# ---------------------------------------------------------------------------------------------


@cache
def astronaut() -> Image.Image:
    """Eileen Collins, NASA portrait, public domain (scikit-image ``data.astronaut``)."""
    from skimage import data

    return Image.fromarray(data.astronaut()).convert("RGB")


@cache
def coffee() -> Image.Image:
    """Coffee cup, CC0 by Rachel Michetti (scikit-image ``data.coffee``)."""
    from skimage import data

    return Image.fromarray(data.coffee()).convert("RGB")


@cache
def grace_hopper() -> Image.Image:
    """Commodore Grace M. Hopper, US Navy portrait, public domain (matplotlib sample data)."""
    from matplotlib import cbook

    path = Path(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    if not path.is_file():
        raise SystemExit("matplotlib's sample data lacks grace_hopper.jpg: pip install matplotlib")
    with Image.open(path) as image:
        return image.convert("RGB")


def crop_resize(image: Image.Image, box: Box, size: tuple[int, int]) -> Image.Image:
    return image.crop(box).resize(size, Image.Resampling.LANCZOS)


def person_a_portrait(size: tuple[int, int] = (480, 600)) -> Image.Image:
    return crop_resize(astronaut(), (64, 0, 384, 400), size)


def document_portrait(size: tuple[int, int]) -> Image.Image:
    """Person A's head, lightly desaturated, as printed on a document."""
    head = crop_resize(astronaut(), (105, 5, 345, 305), size)
    return ImageEnhance.Color(head).enhance(0.75)


# ---------------------------------------------------------------------------------------------
# Drawing helpers
# ---------------------------------------------------------------------------------------------


def vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    t = np.linspace(0.0, 1.0, size[1])[:, None, None]
    rows = (1 - t) * np.array(top, float) + t * np.array(bottom, float)
    return Image.fromarray(np.repeat(rows, size[0], axis=1).astype(np.uint8))


def diagonal_gradient(size: tuple[int, int], start: RGB, end: RGB) -> Image.Image:
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    t = ((xx / w + yy / h) / 2)[..., None]
    pixels = (1 - t) * np.array(start, float) + t * np.array(end, float)
    return Image.fromarray(pixels.astype(np.uint8))


def draw_guilloche(image: Image.Image, color: RGBA, seed: int, lines: int = 36) -> None:
    """Security-print style interlaced sine curves (decoration only)."""
    rng = np.random.default_rng(seed)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    w, h = image.size
    xs = np.linspace(0, w, 240)
    for i in range(lines):
        base = h * (i + 0.5) / lines
        amp, period, phase = rng.uniform(8, 26), rng.uniform(160, 420), rng.uniform(0, 2 * math.pi)
        ys = base + amp * np.sin(2 * math.pi * xs / period + phase)
        draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=color, width=1)
    image.alpha_composite(overlay)


def star_points(center: Point, outer: float, inner: float, n: int = 5) -> list[Point]:
    cx, cy = center
    points = []
    for k in range(2 * n):
        r = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / n
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def supersampled(size: int, paint: Callable[[ImageDraw.ImageDraw, float], None]) -> Image.Image:
    """An RGBA square drawn at 4x and downsampled, for smooth circles and stars."""
    scale = 4
    big = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    paint(ImageDraw.Draw(big), size * scale)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def placeholder_emblem(size: int) -> Image.Image:
    """A generic red disc with a gold ring and one star: deliberately not the national emblem."""

    def paint(draw: ImageDraw.ImageDraw, s: float) -> None:
        gold, red = (222, 170, 40, 255), (196, 28, 36, 255)
        draw.ellipse((0, 0, s - 1, s - 1), fill=gold)
        draw.ellipse((s * 0.07, s * 0.07, s * 0.93, s * 0.93), fill=red)
        draw.ellipse((s * 0.14, s * 0.14, s * 0.86, s * 0.86), outline=gold, width=int(s * 0.02))
        draw.polygon(star_points((s / 2, s * 0.52), s * 0.3, s * 0.12), fill=gold)

    return supersampled(size, paint)


def placeholder_seal(size: int, text: str) -> Image.Image:
    """A generic red ring stamp with a star and a word (no real authority's seal)."""

    def paint(draw: ImageDraw.ImageDraw, s: float) -> None:
        red = (210, 30, 40, 150)
        draw.ellipse((s * 0.03, s * 0.03, s * 0.97, s * 0.97), outline=red, width=int(s * 0.05))
        draw.polygon(star_points((s / 2, s * 0.42), s * 0.17, s * 0.07), fill=red)
        label = font("sans-bold", int(s * 0.16))
        draw.text((s / 2, s * 0.72), text, font=label, fill=red, anchor="mm")

    return supersampled(size, paint)


def paste_rgba(base: Image.Image, overlay: Image.Image, xy: tuple[int, int]) -> None:
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    layer.paste(overlay, xy)
    base.alpha_composite(layer)


def add_watermark(image: Image.Image, color: RGBA = (215, 20, 30, 72)) -> None:
    """The diagonal semi-transparent "SAMPLE 样本" watermark across the whole document."""
    w, h = image.size
    size = int(w / 6.2)
    mark_font = font("sans-bold", size)
    width = int(mark_font.getlength(WATERMARK)) + 40
    layer = Image.new("RGBA", (width, int(size * 1.6)), (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((20, size * 0.15), WATERMARK, font=mark_font, fill=color)
    angle = math.degrees(math.atan2(h, w))
    rotated = layer.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    paste_rgba(image, rotated, ((w - rotated.width) // 2, (h - rotated.height) // 2))


def rounded_mask(size: tuple[int, int], radius: int) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius, fill=255)
    return mask


def mount(card: Image.Image, margin: int = 20, radius: int = 34) -> Image.Image:
    """Place a card with rounded corners and a soft shadow on a neutral scanner background."""
    w, h = card.size
    canvas = Image.new("RGB", (w + 2 * margin, h + 2 * margin), (104, 108, 116))
    shadow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(shadow).rounded_rectangle(
        (margin + 4, margin + 6, margin + w + 4, margin + h + 6), radius, fill=120
    )
    canvas.paste((40, 42, 48), (0, 0), shadow.filter(ImageFilter.GaussianBlur(6)))
    canvas.paste(card.convert("RGB"), (margin, margin), rounded_mask(card.size, radius))
    return canvas


def paper(size: tuple[int, int], top: RGB, bottom: RGB, ink: RGBA, seed: int) -> Image.Image:
    card = vertical_gradient(size, top, bottom).convert("RGBA")
    draw_guilloche(card, ink, seed)
    return card


def draw_not_real_notice(image: Image.Image, y: int, fill: RGBA = (120, 120, 120, 255)) -> None:
    ImageDraw.Draw(image).text(
        (image.width / 2, y), NOT_REAL, font=font("sans", 16), fill=fill, anchor="mm"
    )


def draw_spaced(
    draw: ImageDraw.ImageDraw, xy: Point, text: str, style: str, size: int, fill: RGB, gap: float
) -> None:
    x, y = xy
    for char in text:
        draw.text((x, y), char, font=font(style, size), fill=fill, anchor="ls")
        x += text_width(char, style, size) + gap


def wrap_chars(text: str, style: str, size: int, max_width: float) -> list[str]:
    lines, current = [], ""
    for char in text:
        if current and text_width(current + char, style, size) > max_width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------

CARD_SIZE = (1000, 630)  # 85.6 x 54 mm (ID-1)
LICENSE_SIZE = (1000, 682)  # 88 x 60 mm (driver and vehicle licenses)
LABEL_BLUE = (38, 92, 160)
INK = (24, 24, 28)


def id_birth_printed(birth: str) -> str:
    """YYYYMMDD -> '1990 年 1 月 1 日' as the card prints it."""
    return f"{birth[:4]} 年 {int(birth[4:6])} 月 {int(birth[6:])} 日"


def make_id_card_front() -> Image.Image:
    f = ID_CARD_FRONT
    card = paper(CARD_SIZE, (247, 244, 232), (232, 238, 240), (90, 150, 200, 36), SEED + 1)
    draw = ImageDraw.Draw(card)

    def label(y: float, text: str, x: float = 70) -> None:
        draw.text((x, y), text, font=font("sans", 24), fill=LABEL_BLUE, anchor="ls")

    def value(y: float, text: str, x: float = 165, size: int = 30) -> None:
        draw.text((x, y), text, font=font("sans", size), fill=INK, anchor="ls")

    label(105, "姓 名")
    value(105, f["name"], size=34)
    label(175, "性 别")
    value(175, f["sex"])
    label(175, "民 族", x=300)
    value(175, f["nation"], x=395)
    label(245, "出 生")
    value(245, id_birth_printed(f["birth"]))
    label(315, "住 址")
    for i, line in enumerate(wrap_chars(f["address"], "sans", 30, 420)):
        value(315 + i * 44, line)
    label(540, "公民身份号码")
    draw_spaced(draw, (300, 542), f["idcard"], "mono-bold", 40, INK, gap=4)
    card.paste(document_portrait((270, 338)), (660, 70))
    draw_not_real_notice(card, 602)
    add_watermark(card)
    return card


def make_id_card_back() -> Image.Image:
    f = ID_CARD_BACK
    card = paper(CARD_SIZE, (236, 244, 246), (246, 244, 232), (60, 160, 150, 36), SEED + 2)
    draw = ImageDraw.Draw(card)
    paste_rgba(card, placeholder_emblem(170), (70, 55))
    draw.text((620, 120), "中华人民共和国", font=font("sans-bold", 50), fill=INK, anchor="mm")
    draw_spaced(draw, (355, 290), "居民身份证", "sans-bold", 70, INK, gap=18)
    for y, title, text in ((440, "签发机关", f["authority"]), (515, "有效期限", f["validDate"])):
        draw.text((190, y), title, font=font("sans", 26), fill=LABEL_BLUE, anchor="ls")
        draw.text((330, y), text, font=font("sans", 30), fill=INK, anchor="ls")
    draw_not_real_notice(card, 595)
    add_watermark(card)
    return card


def draw_chip(card: Image.Image, xy: tuple[int, int]) -> None:
    x, y = xy
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle((x, y, x + 120, y + 92), 14, fill=(214, 180, 96), outline=(150, 120, 60))
    for dy in (30, 62):
        draw.line((x, y + dy, x + 120, y + dy), fill=(150, 120, 60), width=2)
    draw.line((x + 60, y, x + 60, y + 30), fill=(150, 120, 60), width=2)
    draw.line((x + 60, y + 62, x + 60, y + 92), fill=(150, 120, 60), width=2)


def group_card_number(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def make_bank_card() -> Image.Image:
    f, p = BANK_CARD, BANK_PRINTED
    card = diagonal_gradient(CARD_SIZE, (20, 50, 112), (18, 128, 140)).convert("RGBA")
    draw_guilloche(card, (255, 255, 255, 22), SEED + 3, lines=28)
    draw = ImageDraw.Draw(card)
    light = (246, 246, 240)
    draw.text((70, 95), p["bank_zh"], font=font("sans-bold", 46), fill=light, anchor="ls")
    draw.text((72, 135), p["bank_en"], font=font("sans", 24), fill=light, anchor="ls")
    draw_chip(card, (100, 215))
    number = group_card_number(f["bankcardNo"])
    size = fit_size(number, "mono-bold", 62, 860)
    draw.text((70, 415), number, font=font("mono-bold", size), fill=light, anchor="ls")
    draw.text((330, 478), "VALID\nTHRU", font=font("sans", 14), fill=light, anchor="ls", spacing=0)
    draw.text(
        (395, 482), f["bankcardValidDate"], font=font("mono-bold", 36), fill=light, anchor="ls"
    )
    draw.text((70, 560), p["holder"], font=font("mono", 32), fill=light, anchor="ls")
    draw.rounded_rectangle((760, 500, 930, 580), 10, fill=(250, 250, 250, 230))
    draw.text((845, 540), p["network"], font=font("sans-bold", 30), fill=(20, 60, 120), anchor="mm")
    draw_not_real_notice(card, 610, fill=(214, 222, 230, 255))
    add_watermark(card, color=(255, 255, 255, 70))
    return card


@dataclass(frozen=True)
class TableStyle:
    line: RGB = (150, 150, 150)
    label: RGB = (60, 60, 60)
    value: RGB = INK
    value_size: int = 28


TABLE = TableStyle()


def label_width(cell: Cell) -> float:
    zh, en, _ = cell
    return max(text_width(zh, "sans-bold", 19), text_width(en, "sans", 12))


def draw_cell(
    draw: ImageDraw.ImageDraw, box: Box, cell: Cell, fields: dict[str, str], value_x: float
) -> None:
    """Two-line label (Chinese over English), then the value at ``value_x`` from the cell edge."""
    zh, en, template = cell
    x0, y0, x1, y1 = box
    mid = (y0 + y1) / 2
    draw.text((x0 + 10, mid - 3), zh, font=font("sans-bold", 19), fill=TABLE.label, anchor="ls")
    draw.text((x0 + 10, mid + 17), en, font=font("sans", 12), fill=TABLE.label, anchor="ls")
    value = template.format(**fields)
    style = value_style(value)
    size = fit_size(value, style, TABLE.value_size, x1 - x0 - value_x - 10)
    draw.text((x0 + value_x, mid), value, font=font(style, size), fill=TABLE.value, anchor="lm")


def draw_table(image: Image.Image, box: Box, layout: Layout, fields: dict[str, str]) -> None:
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = box
    row_h = (y1 - y0) / len(layout)
    value_x = 10 + max(label_width(cell) for row in layout for cell in row) + 22
    draw.rectangle(box, outline=TABLE.line, width=2)
    for r, row in enumerate(layout):
        top = y0 + r * row_h
        if r:
            draw.line((x0, top, x1, top), fill=TABLE.line, width=1)
        cell_w = (x1 - x0) / len(row)
        for c, cell in enumerate(row):
            left = x0 + c * cell_w
            if c:
                draw.line((left, top, left, top + row_h), fill=TABLE.line, width=1)
            cell_box = (int(left), int(top), int(left + cell_w), int(top + row_h))
            draw_cell(draw, cell_box, cell, fields, value_x)


def draw_header(image: Image.Image, zh: str, en: str) -> None:
    draw = ImageDraw.Draw(image)
    draw.text((image.width / 2, 58), zh, font=font("sans-bold", 38), fill=INK, anchor="ms")
    draw.text((image.width / 2, 88), en, font=font("sans", 18), fill=(70, 70, 70), anchor="ms")


@dataclass(frozen=True)
class PageStyle:
    tint: RGB  # paper colour at the bottom edge
    ink: RGBA  # guilloche colour
    seed: int


DRIVER_PAGE = PageStyle((236, 222, 226), (200, 110, 140, 46), SEED + 4)
VEHICLE_PAGE = PageStyle((222, 236, 226), (90, 160, 120, 46), SEED + 5)


def license_page(
    title: tuple[str, str], layout: Layout, fields: dict[str, str], style: PageStyle, right: int
) -> Image.Image:
    page = paper(LICENSE_SIZE, (250, 250, 246), style.tint, style.ink, style.seed)
    draw_header(page, *title)
    draw_table(page, (40, 112, right, 630), layout, fields)
    draw_not_real_notice(page, 656)
    return page


def make_driver_license_main() -> Image.Image:
    title = ("中华人民共和国机动车驾驶证", "Driving License of the People's Republic of China")
    page = license_page(title, DRIVER_MAIN_LAYOUT, DRIVER_LICENSE_MAIN, DRIVER_PAGE, 730)
    page.paste(document_portrait((200, 250)), (760, 130))
    paste_rgba(page, placeholder_seal(170, "样本"), (775, 420))
    add_watermark(page)
    return page


def make_driver_license_supplementary() -> Image.Image:
    title = ("中华人民共和国机动车驾驶证副页", "Driving License (Supplementary Page)")
    fields = DRIVER_SUPPLEMENTARY_PRINTED
    page = license_page(title, DRIVER_SUPPLEMENTARY_LAYOUT, fields, DRIVER_PAGE, 960)
    add_watermark(page)
    return page


def make_vehicle_license_main() -> Image.Image:
    title = ("中华人民共和国机动车行驶证", "Vehicle License of the People's Republic of China")
    page = license_page(title, VEHICLE_MAIN_LAYOUT, VEHICLE_LICENSE_MAIN, VEHICLE_PAGE, 960)
    paste_rgba(page, placeholder_seal(100, "样本"), (870, 6))
    add_watermark(page)
    return page


def make_vehicle_license_supplementary() -> Image.Image:
    title = ("机动车行驶证副页", "Vehicle License (Supplementary Page)")
    fields = VEHICLE_LICENSE_SUPPLEMENTARY
    page = license_page(title, VEHICLE_SUPPLEMENTARY_LAYOUT, fields, VEHICLE_PAGE, 960)
    add_watermark(page)
    return page


# ---------------------------------------------------------------------------------------------
# Faces
# ---------------------------------------------------------------------------------------------


def make_person_a_1() -> Image.Image:
    return person_a_portrait()


def balance(image: Image.Image, gains: tuple[float, float, float]) -> Image.Image:
    pixels = np.asarray(image, dtype=float) * np.array(gains)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def make_person_a_2() -> Image.Image:
    """Tighter crop, 5 degree tilt, brighter and warmer than person_a_1."""
    tilted = astronaut().rotate(
        5, resample=Image.Resampling.BICUBIC, center=(225, 110), fillcolor=(196, 190, 184)
    )
    head = crop_resize(tilted, (100, 14, 350, 326), (400, 500))
    head = ImageEnhance.Brightness(head).enhance(1.12)
    head = ImageEnhance.Contrast(head).enhance(0.9)
    return balance(head, (1.06, 1.0, 0.88))


def make_person_b() -> Image.Image:
    return grace_hopper().crop((40, 0, 490, 540))


def make_no_face() -> Image.Image:
    return coffee()


def make_two_faces() -> Image.Image:
    left = crop_resize(astronaut(), (44, 0, 404, 432), (400, 480))
    right = crop_resize(grace_hopper(), (86, 0, 486, 480), (400, 480))
    both = Image.new("RGB", (800, 480))
    both.paste(left, (0, 0))
    both.paste(right, (400, 0))
    return both


def perspective_coeffs(src: Sequence[Point], dst: Sequence[Point]) -> list[float]:
    """Coefficients for ``Image.transform(PERSPECTIVE)`` taking output points dst to input src."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, float), np.array(src, float).reshape(8))
    return solution.tolist()


def screen_content(portrait: Image.Image) -> Image.Image:
    """What the monitor displays: an image viewer showing person A (400x300 display pixels)."""
    screen = vertical_gradient((400, 300), (46, 48, 54), (30, 31, 36))
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, 399, 17), fill=(210, 212, 218))
    draw.text((8, 9), "person_a.jpg", font=font("sans", 11), fill=(40, 40, 40), anchor="lm")
    shown = portrait.resize((226, 282), Image.Resampling.LANCZOS)
    screen.paste(shown, ((400 - 226) // 2, 18))
    return screen


def subpixel_panel(screen: Image.Image, factor: int = 4) -> Image.Image:
    """Magnify each display pixel into visible RGB stripes with a dark gap (the pixel grid)."""
    pixels = np.asarray(screen, dtype=float)
    big = np.repeat(np.repeat(pixels, factor, axis=0), factor, axis=1)
    mask = np.full((factor, factor, 3), 0.35)
    for channel in range(3):
        mask[:, channel, channel] = 1.0
    mask[factor - 1, :, :] *= 0.45  # horizontal gap between pixel rows: scanlines
    tiled = np.tile(mask, (pixels.shape[0], pixels.shape[1], 1))
    return Image.fromarray(np.clip(big * tiled * 1.9, 0, 255).astype(np.uint8))


def with_bezel(panel: Image.Image, border: int = 70) -> Image.Image:
    w, h = panel.size
    monitor = Image.new("RGBA", (w + 2 * border, h + 2 * border + 30), (0, 0, 0, 0))
    draw = ImageDraw.Draw(monitor)
    draw.rounded_rectangle(
        (0, 0, monitor.width - 1, monitor.height - 1), 28, fill=(22, 22, 25, 255)
    )
    draw.rounded_rectangle((8, 8, monitor.width - 9, monitor.height - 9), 24, outline=(60, 60, 66))
    monitor.paste(panel, (border, border))
    cx, by = monitor.width / 2, monitor.height - 45
    draw.text((cx, by), "SAMPLE", font=font("sans-bold", 26), fill=(120, 120, 128), anchor="mm")
    draw.ellipse((monitor.width - 120, by - 7, monitor.width - 106, by + 7), fill=(40, 180, 90))
    return monitor


def room_background(size: tuple[int, int]) -> Image.Image:
    wall = vertical_gradient(size, (86, 80, 74), (58, 54, 50))
    desk = vertical_gradient((size[0], 120), (120, 92, 66), (92, 70, 50))
    wall.paste(desk, (0, size[1] - 120))
    return wall.convert("RGBA")


def add_glare(image: Image.Image, center: Point, radius: float, strength: float) -> Image.Image:
    w, h = image.size
    yy, xx = np.mgrid[0:h, 0:w]
    d2 = ((xx - center[0]) / radius) ** 2 + ((yy - center[1]) / (radius * 0.6)) ** 2
    streak = np.exp(-(((xx - yy * 0.9 - 260) / 40.0) ** 2)) * 0.25
    glow = (np.exp(-d2) + streak)[..., None] * strength
    pixels = np.asarray(image.convert("RGB"), dtype=float)
    return Image.fromarray(np.clip(pixels + (255 - pixels) * glow, 0, 255).astype(np.uint8))


def add_moire_and_noise(image: Image.Image, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    w, h = image.size
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    bands = 1 + 0.07 * np.sin(0.11 * xx + 0.05 * yy + 0.00012 * (xx - 400) ** 2)
    pixels = np.asarray(image, dtype=float) * bands[..., None] * np.array([0.93, 0.99, 1.07])
    pixels += rng.normal(0, 5.0, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def make_screen_replay() -> Image.Image:
    """Person A shown on a monitor and photographed: bezel, pixel grid/moire, glare, tilt."""
    out_size = (800, 600)
    monitor = with_bezel(subpixel_panel(screen_content(person_a_portrait())))
    mw, mh = monitor.size
    quad = [(70, 40), (742, 78), (728, 548), (86, 580)]
    coeffs = perspective_coeffs([(0, 0), (mw, 0), (mw, mh), (0, mh)], quad)
    warped = monitor.transform(
        out_size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    scene = room_background(out_size)
    scene.alpha_composite(warped)
    photo = add_glare(scene, (560, 170), 170, 0.45)
    photo = add_moire_and_noise(photo, SEED + 7)
    return photo.filter(ImageFilter.GaussianBlur(0.6))


# ---------------------------------------------------------------------------------------------
# Video
# ---------------------------------------------------------------------------------------------

VIDEO_SIZE = 480
VIDEO_FPS = 15
VIDEO_SECONDS = 4


def ease(t: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * t)


def pan_zoom_frames(source: Image.Image, count: int, size: int) -> Iterator[Image.Image]:
    """Slow zoom from head-and-shoulders to the face, with a gentle sideways pan."""
    start, end = (240.0, 200.0, 400.0), (232.0, 135.0, 260.0)  # centre x, centre y, window side
    for i in range(count):
        t = ease(i / (count - 1))
        cx, cy, side = (a + (b - a) * t for a, b in zip(start, end, strict=True))
        cx += 12 * math.sin(2 * math.pi * i / count)
        box = (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
        yield source.transform((size, size), Image.Transform.EXTENT, box, Image.Resampling.BICUBIC)


def ffmpeg_executable() -> str:
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise SystemExit(
            "ffmpeg not found: apt-get install ffmpeg or pip install imageio-ffmpeg"
        ) from exc
    return imageio_ffmpeg.get_ffmpeg_exe()


def encode_mp4(frames: Iterator[Image.Image], path: Path, size: int, fps: int) -> None:
    """H.264 (yuv420p, faststart), single-threaded and bit-exact for reproducible bytes."""
    command = [
        ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{size}x{size}", "-r", str(fps), "-i", "-",
        "-an", "-c:v", "libx264", "-preset", "slow", "-crf", "23", "-profile:v", "main",
        "-pix_fmt", "yuv420p", "-threads", "1", "-movflags", "+faststart",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", str(path),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.PIPE)
    assert process.stdin is not None
    for frame in frames:
        process.stdin.write(frame.convert("RGB").tobytes())
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit(f"ffmpeg failed with exit status {process.returncode}")


def write_face_pan(path: Path) -> None:
    count = VIDEO_FPS * VIDEO_SECONDS
    encode_mp4(pan_zoom_frames(astronaut(), count, VIDEO_SIZE), path, VIDEO_SIZE, VIDEO_FPS)
    from mutagen.mp4 import MP4

    length = MP4(str(path)).info.length
    require(0 < length <= 5.0, f"{path.name}: duration {length:.2f} s")


def drift_frames(
    source: Image.Image, count: int, size: int, centre: Point, sides: tuple[float, float]
) -> Iterator[Image.Image]:
    """A slow zoom around ``centre`` with a small sideways sway, as a hand-held phone films."""
    for i in range(count):
        t = ease(i / max(count - 1, 1))
        side = sides[0] + (sides[1] - sides[0]) * t
        cx = centre[0] + 8 * math.sin(2 * math.pi * i / count)
        box = (cx - side / 2, centre[1] - side / 2, cx + side / 2, centre[1] + side / 2)
        yield source.transform((size, size), Image.Transform.EXTENT, box, Image.Resampling.BICUBIC)


def video_from_asset(
    relpath: str, seconds: float, centre: Point, sides: tuple[float, float]
) -> Callable[[Path], None]:
    """A video made from a bundled still (written earlier in the same run)."""

    def write(path: Path) -> None:
        with Image.open(ASSETS / relpath) as still:
            source = still.convert("RGB")
        count = round(VIDEO_FPS * seconds)
        frames = drift_frames(source, count, VIDEO_SIZE, centre, sides)
        encode_mp4(frames, path, VIDEO_SIZE, VIDEO_FPS)
        from mutagen.mp4 import MP4

        length = MP4(str(path)).info.length
        require(abs(length - seconds) < 0.2, f"{path.name}: duration {length:.2f} s")

    return write


def write_face_pan_frame(path: Path) -> None:
    """The frame at 2 s of the bundled face video, as a JPEG (the scripted best frame)."""
    command = [
        ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y", "-ss", "2",
        "-i", str(ASSETS / "video/face_pan.mp4"), "-frames:v", "1", "-f", "rawvideo",
        "-pix_fmt", "rgb24", "-",
    ]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    frame = Image.frombytes("RGB", (VIDEO_SIZE, VIDEO_SIZE), raw)
    frame.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)


# ---------------------------------------------------------------------------------------------
# Media labeling
# ---------------------------------------------------------------------------------------------

CAR_PAINT = (58, 92, 140)
WINDOW = [(60, 60), (470, 60), (610, 460), (60, 460)]


def car_body(size: tuple[int, int]) -> Image.Image:
    """Door panel, roof rail, B-pillar, mirror and handle, with the side window cut out."""
    body = vertical_gradient(size, (72, 110, 160), CAR_PAINT).convert("RGBA")
    draw = ImageDraw.Draw(body)
    draw.rectangle((0, 40, 40, 480), fill=(18, 18, 20))  # B-pillar
    draw.line((0, 520, size[0], 505), fill=(40, 66, 104), width=4)  # body crease
    draw.rounded_rectangle((150, 540, 270, 566), 12, fill=(190, 194, 200))  # door handle
    draw.polygon([(600, 390), (700, 372), (712, 440), (620, 462)], fill=(48, 78, 120))  # mirror
    draw.polygon([(620, 400), (690, 388), (698, 430), (632, 446)], fill=(170, 190, 210))
    draw.ellipse((455, 575, 745, 865), fill=(26, 26, 30))  # wheel arch
    draw.ellipse((480, 600, 720, 840), fill=(44, 44, 48))  # tyre
    draw.ellipse((530, 650, 670, 790), fill=(176, 180, 188), outline=(120, 124, 130), width=6)
    cut = Image.new("L", size, 255)
    ImageDraw.Draw(cut).polygon(WINDOW, fill=0)
    body.putalpha(cut)
    ImageDraw.Draw(body).line([*WINDOW, WINDOW[0]], fill=(200, 204, 210), width=10)  # chrome
    return body


def interior_overlay(size: tuple[int, int]) -> Image.Image:
    """Seat belt, steering-wheel rim and glass reflections, drawn over the person."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.polygon(WINDOW, fill=(20, 40, 70, 40))  # tinted glass
    draw.polygon([(470, 330), (512, 348), (330, 470), (280, 470)], fill=(28, 28, 32, 235))
    draw.arc((430, 330, 760, 660), 180, 280, fill=(24, 24, 26, 255), width=26)
    draw.polygon([(150, 60), (215, 60), (60, 300), (60, 200)], fill=(255, 255, 255, 38))
    draw.polygon([(300, 60), (330, 60), (120, 460), (90, 460)], fill=(255, 255, 255, 26))
    return layer


def make_hat_in_car() -> Image.Image:
    """Person B (wearing her cap) seen through a drawn car side window."""
    size = (720, 680)
    scene = Image.new("RGBA", size, (30, 30, 34, 255))
    person = grace_hopper().resize((540, 633), Image.Resampling.LANCZOS)
    scene.paste(person, (60, 40))
    scene.alpha_composite(interior_overlay(size))
    scene.alpha_composite(car_body(size))
    return scene


# ---------------------------------------------------------------------------------------------
# Output and manifest
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetSpec:
    path: str  # relative to assets/
    kind: Kind
    fields: dict[str, str]
    write: Callable[[Path], None]


def jpeg_writer(make: Callable[[], Image.Image], mounted: bool = False) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        image = make()
        image = mount(image) if mounted else image.convert("RGB")
        image.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)

    return write


ASSET_SPECS: list[AssetSpec] = [
    AssetSpec("faces/person_a_1.jpg", "image", {}, jpeg_writer(make_person_a_1)),
    AssetSpec("faces/person_a_2.jpg", "image", {}, jpeg_writer(make_person_a_2)),
    AssetSpec("faces/person_b.jpg", "image", {}, jpeg_writer(make_person_b)),
    AssetSpec("faces/no_face.jpg", "image", {}, jpeg_writer(make_no_face)),
    AssetSpec("faces/two_faces.jpg", "image", {}, jpeg_writer(make_two_faces)),
    AssetSpec("faces/screen_replay.jpg", "image", {}, jpeg_writer(make_screen_replay)),
    AssetSpec("video/face_pan.mp4", "video", {}, write_face_pan),
    AssetSpec("video/face_pan_frame.jpg", "image", {}, write_face_pan_frame),
    AssetSpec(
        "video/face_short.mp4",
        "video",
        {},
        video_from_asset("faces/person_a_1.jpg", 1.2, (240, 250), (440, 380)),
    ),
    AssetSpec(
        "video/screen_replay.mp4",
        "video",
        {},
        video_from_asset("faces/screen_replay.jpg", 3.0, (400, 300), (560, 500)),
    ),
    AssetSpec(
        "video/no_face.mp4",
        "video",
        {},
        video_from_asset("faces/no_face.jpg", 3.0, (300, 200), (380, 320)),
    ),
    AssetSpec(
        "docs/id_card_front.jpg", "image", ID_CARD_FRONT, jpeg_writer(make_id_card_front, True)
    ),
    AssetSpec("docs/id_card_back.jpg", "image", ID_CARD_BACK, jpeg_writer(make_id_card_back, True)),
    AssetSpec("docs/bank_card.jpg", "image", BANK_CARD, jpeg_writer(make_bank_card, True)),
    AssetSpec(
        "docs/driver_license_main.jpg",
        "image",
        DRIVER_LICENSE_MAIN,
        jpeg_writer(make_driver_license_main, True),
    ),
    AssetSpec(
        "docs/driver_license_supplementary.jpg",
        "image",
        {},
        jpeg_writer(make_driver_license_supplementary, True),
    ),
    AssetSpec(
        "docs/vehicle_license_main.jpg",
        "image",
        VEHICLE_LICENSE_MAIN,
        jpeg_writer(make_vehicle_license_main, True),
    ),
    AssetSpec(
        "docs/vehicle_license_supplementary.jpg",
        "image",
        VEHICLE_LICENSE_SUPPLEMENTARY,
        jpeg_writer(make_vehicle_license_supplementary, True),
    ),
    AssetSpec("labels/hat_in_car.jpg", "image", {}, jpeg_writer(make_hat_in_car)),
]


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_output(spec: AssetSpec, path: Path) -> None:
    size = path.stat().st_size
    limit = MAX_VIDEO_BYTES if spec.kind == "video" else MAX_IMAGE_BYTES
    require(0 < size < limit, f"{spec.path}: {size} bytes (limit {limit})")
    if spec.kind == "image":
        with Image.open(path) as image:
            image.load()
            require(image.format == "JPEG" and image.mode == "RGB", f"{spec.path}: not RGB JPEG")


def build_manifest(specs: Sequence[AssetSpec]) -> dict[str, dict[str, object]]:
    require({s.path for s in specs} == set(SCENARIOS), "every asset has a scenario")
    return {
        spec.path: {
            "sha256": sha256_file(ASSETS / spec.path),
            "kind": spec.kind,
            "fields": dict(spec.fields),
            "scenario": SCENARIOS[spec.path],
        }
        for spec in sorted(specs, key=lambda s: s.path)
    }


def main(argv: Sequence[str] = ()) -> int:
    """Write every asset, or only those named (``--only video/face_short.mp4 ...``)."""
    only = set(argv[1:]) if argv[:1] == ["--only"] else None
    require(only is None or only <= set(SCENARIOS), "--only names assets of ASSET_SPECS")
    validate_data()
    total = 0
    for spec in ASSET_SPECS:
        path = ASSETS / spec.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if only is None or spec.path in only:
            spec.write(path)
        check_output(spec, path)
        total += path.stat().st_size
        print(f"{path.stat().st_size / 1024:8.1f} KiB  assets/{spec.path}")
    manifest = build_manifest(ASSET_SPECS)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (ASSETS / "sample_data.json").write_text(text, encoding="utf-8")
    require(total < MAX_TOTAL_BYTES, f"assets total {total} bytes")
    print(f"{total / 1024:8.1f} KiB  total; wrote assets/sample_data.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
