"""The one declarative table of the eight capabilities.

The client, the CLI, the web page and the emulator are all driven by ``CAPABILITIES``; nothing
else in the project lists the eight calls one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Host = Literal["kyc1", "mini", "kyc2"]
# What an answer means, and so how it is parsed and explained.
AnswerKind = Literal["compare", "liveness", "ocr", "labeling"]
KeySet = Literal["A", "B"]
MediaKind = Literal["image", "video", "by_type"]


@dataclass(frozen=True)
class Choice:
    """One allowed value of an option: what the user passes, what travels, how it reads."""

    value: str
    wire: str
    zh: str
    en: str


@dataclass(frozen=True)
class Option:
    """A non-file input. ``default`` None means the user must choose (never defaulted silently)."""

    name: str
    wire: str
    zh: str
    en: str
    choices: tuple[Choice, ...]
    default: str | None = None

    def wire_value(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.wire
        raise KeyError(value)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True)
class FileInput:
    """A file input, the body field its base64 travels in, and the formats upstream takes."""

    name: str
    wire: str
    kind: MediaKind
    zh: str
    en: str
    formats: tuple[str, ...] = ()  # as ekyc.media.sniff names them


# Formats by use (PROTOCOL §4-5, §7 400502): BMP for OCR only; labeling takes JPG, PNG, MP4.
FACE_IMAGE = ("jpeg", "png")
DOCUMENT_IMAGE = ("jpeg", "png", "bmp")
VIDEO = ("mp4", "mov")
LABELING_MEDIA = ("jpeg", "png", "mp4")


@dataclass(frozen=True)
class Capability:
    name: str
    kind: AnswerKind
    zh: str
    en: str
    host: Host
    path: str
    order_in_query: bool
    appid_field: str
    files: tuple[FileInput, ...]
    options: tuple[Option, ...] = ()
    fixed: dict[str, object] = field(default_factory=dict)
    answer_fields: tuple[str, ...] = ()
    sensitive_fields: tuple[str, ...] = ()
    poll_path: str | None = None
    has_labels: bool = False
    webcam: bool = False  # a selfie makes sense: the page offers the camera

    @property
    def key_set(self) -> KeySet:
        return "B" if self.host == "kyc2" else "A"

    @property
    def asynchronous(self) -> bool:
        return self.poll_path is not None

    def option(self, name: str) -> Option:
        for opt in self.options:
            if opt.name == name:
                return opt
        raise KeyError(name)


def _face_image(name: str, wire: str, zh: str, en: str) -> FileInput:
    return FileInput(name, wire, "image", zh, en, FACE_IMAGE)


ID_SIDE = Option(
    "side",
    "cardType",
    "证件面",
    "card side",
    (
        Choice("0", "0", "人像面", "portrait side"),
        Choice("1", "1", "国徽面", "emblem side"),
    ),
)
VEHICLE_SIDE = Option(
    "side",
    "vehicleLicenseSide",
    "行驶证页",
    "license page",
    (
        Choice("1", "1", "主页", "main page"),
        Choice("2", "2", "副页", "supplementary page"),
    ),
)
SOURCE_PHOTO_TYPE = Option(
    "source_photo_type",
    "sourcePhotoType",
    "参照照片类型",
    "reference photo kind",
    (
        Choice("1", "1", "带网纹的证件照", "watermarked ID photo"),
        Choice("2", "2", "高清照片", "high-definition photo"),
    ),
    default="2",
)
MEDIA_TYPE = Option(
    "type",
    "fileType",
    "文件类型",
    "file type",
    (Choice("image", "0", "图片", "image"), Choice("video", "1", "视频", "video")),
    default="image",
)
_YES_NO = (Choice("1", "1", "是", "yes"), Choice("0", "0", "否", "no"))
DO_LIVE = Option("do_live", "doLive", "活体检测", "liveness check", _YES_NO, default="1")
DO_COMPARE = Option(
    "do_compare", "doCompare", "人脸一致性", "face consistency", _YES_NO, default="1"
)

ID_CARD_FIELDS = ("name", "sex", "nation", "birth", "idcard", "address", "authority", "validDate")
DRIVER_FIELDS = (
    "licenseNo",
    "name",
    "sex",
    "nationality",
    "address",
    "birth",
    "fetchDate",
    "driveClass",
    "validDateFrom",
    "validDateTo",
)
VEHICLE_FIELDS = (
    "plateNo",
    "vehicleType",
    "owner",
    "useCharacter",
    "address",
    "model",
    "vin",
    "engineNo",
    "registeDate",
    "issueDate",
    "authorizedCarryCapacity",
    "authorizedLoadQuality",
    "fileNumber",
    "total",
    "inspectionRecord",
    "externalDimensions",
    "curbWeight",
)

CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        "face_compare",
        "compare",
        "人脸比对",
        "Face comparison",
        "mini",
        "/api/paas/easycompare",
        True,
        "appId",
        (
            _face_image("photo1", "photoStr", "待核验照片", "photo to check"),
            _face_image("photo2", "sourcePhotoStr", "参照照片", "reference photo"),
        ),
        (SOURCE_PHOTO_TYPE,),
        answer_fields=("similarity",),
        webcam=True,
    ),
    Capability(
        "photo_liveness_detect",
        "liveness",
        "照片活体检测",
        "Photo liveness",
        "kyc1",
        "/api/v2/paas/detectAIFakeFace",
        True,
        "appId",
        (FileInput("file", "faceInput", "image", "人脸照片", "face photo", FACE_IMAGE),),
        fixed={"faceInputType": 1},
        answer_fields=("riskLevel", "riskTag"),
        webcam=True,
    ),
    Capability(
        "video_liveness_detect",
        "liveness",
        "视频活体检测",
        "Video liveness",
        "kyc1",
        "/api/v2/paas/detectAIFakeFace",
        True,
        "appId",
        (FileInput("file", "faceInput", "video", "人脸视频", "face video", VIDEO),),
        fixed={"faceInputType": 2},
        answer_fields=("riskLevel", "riskTag"),
    ),
    Capability(
        "id_card_ocr",
        "ocr",
        "身份证识别",
        "ID card OCR",
        "kyc1",
        "/api/paas/idcardocrapp",
        True,
        "appId",
        (FileInput("image", "idcardStr", "image", "身份证照片", "ID card image", DOCUMENT_IMAGE),),
        (ID_SIDE,),
        answer_fields=ID_CARD_FIELDS,
        sensitive_fields=("name", "idcard", "address", "birth"),
    ),
    Capability(
        "bank_card_ocr",
        "ocr",
        "银行卡识别",
        "Bank card OCR",
        "kyc1",
        "/api/paas/bankcardocrapp",
        False,
        "appId",
        (
            FileInput(
                "image", "bankcardStr", "image", "银行卡照片", "bank card image", DOCUMENT_IMAGE
            ),
        ),
        answer_fields=("bankcardNo", "bankcardValidDate"),
        sensitive_fields=("bankcardNo",),
    ),
    Capability(
        "driver_license_ocr",
        "ocr",
        "驾驶证识别",
        "Driver license OCR",
        "mini",
        "/api/v2/ocrpaas/driverlicenseupload",
        False,
        "webankAppId",
        (
            FileInput(
                "image",
                "imageStr",
                "image",
                "驾驶证主页照片",
                "driver license main page",
                DOCUMENT_IMAGE,
            ),
        ),
        answer_fields=DRIVER_FIELDS,
        sensitive_fields=("licenseNo", "name", "address", "birth"),
    ),
    Capability(
        "vehicle_license_ocr",
        "ocr",
        "行驶证识别",
        "Vehicle license OCR",
        "mini",
        "/api/v2/ocrpaas/vehiclelicenseupload",
        False,
        "webankAppId",
        (
            FileInput(
                "image", "imageStr", "image", "行驶证照片", "vehicle license image", DOCUMENT_IMAGE
            ),
        ),
        (VEHICLE_SIDE,),
        answer_fields=VEHICLE_FIELDS,
        sensitive_fields=("owner", "address", "vin", "engineNo", "plateNo", "fileNumber"),
    ),
    Capability(
        "media_labeling",
        "labeling",
        "图片/视频标签",
        "Media labeling",
        "kyc2",
        "/idap-ac/server/fileModeration",
        True,
        "appId",
        (FileInput("file", "fileStr", "by_type", "图片或视频", "image or video", LABELING_MEDIA),),
        (MEDIA_TYPE, DO_LIVE, DO_COMPARE),
        answer_fields=("labels", "liveStatus", "compareStatus"),
        poll_path="/idap-ac/server/getFileModeration",
        has_labels=True,
    ),
)

BY_NAME: dict[str, Capability] = {c.name: c for c in CAPABILITIES}

# Key sets: which variables each needs and where to get them.
KEY_SETS: dict[KeySet, dict[str, str]] = {
    "A": {
        "appid": "KYC_APPID",
        "secret": "KYC_SECRET",
        "zh": "在腾讯云慧眼（FaceID）控制台申请",
        "en": "get them from the Tencent Cloud FaceID console",
    },
    "B": {
        "appid": "LABEL_APPID",
        "secret": "LABEL_SECRET",
        "zh": "向服务商技术支持申请",
        "en": "ask the vendor's technical support for them",
    },
}

HOSTS: tuple[Host, ...] = ("kyc1", "mini", "kyc2")


def get(name: str) -> Capability:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown capability {name!r}; choose one of {', '.join(BY_NAME)}") from None
