"""The one declarative table: capabilities as keyword rows, hosts and key sets as entries.

The client, the CLI, the web page and the emulator are all driven by ``CAPABILITIES`` and
``HOST_TABLE``; nothing else in the project lists the calls one by one. Code never asks for an
option or an answer field by its name: it asks for a *role* (``cap.option_for("side")``,
``cap.aliases``, ``host.key_set``). Pure data; the shapes live in ``ekyc.table``.
"""

from __future__ import annotations

from .table import (
    AnswerKind,
    Capability,
    Choice,
    FileInput,
    Host,
    HostName,
    KeySet,
    LabelsInput,
    MediaKind,
    Option,
    OptionRole,
    Registry,
)

__all__ = [
    "BY_NAME",
    "CAPABILITIES",
    "DOCUMENT_IMAGE",
    "FACE_IMAGE",
    "HOSTS",
    "HOST_TABLE",
    "KEY_SETS",
    "LABELING_MEDIA",
    "MEDIA_TYPE",
    "REGISTRY",
    "VIDEO",
    "AnswerKind",
    "Capability",
    "Choice",
    "FileInput",
    "Host",
    "HostName",
    "KeySet",
    "LabelsInput",
    "MediaKind",
    "Option",
    "OptionRole",
    "get",
    "host",
]

# ---- key sets and hosts -----------------------------------------------------------------------

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
    "C": {
        "appid": "TENCENTCLOUD_SECRET_ID",
        "secret": "TENCENTCLOUD_SECRET_KEY",
        "zh": "在腾讯云控制台“访问管理 > API 密钥管理”中创建",
        "en": "create them in the Tencent Cloud console under Access management > API keys",
    },
}

# A host: where its calls go, which key set signs them, and which protocol (envelope, auth and
# signing scheme; see ekyc.protocols) speaks to it. A new host type is a new entry here plus its
# protocol module.
HOST_TABLE: tuple[Host, ...] = (
    Host(
        name="kyc1",
        key_set="A",
        protocol="paas",
        auth="ticket",
        base_url="https://kyc1.qcloud.com",
        base_url_variable="EKYC_KYC1_BASE_URL",
    ),
    Host(
        name="mini",
        key_set="A",
        protocol="paas",
        auth="ticket",
        base_url="https://miniprogram-kyc.tencentcloudapi.com",
        base_url_variable="EKYC_MINI_BASE_URL",
    ),
    Host(
        name="kyc2",
        key_set="B",
        protocol="paas",
        auth="timestamped_ticket",
        base_url="https://kyc2.qcloud.com",
        base_url_variable="EKYC_KYC2_BASE_URL",
    ),
    # API 3.0 (PROTOCOL-API3): TC3-HMAC-SHA256 through the official SDK; the China site's calls
    # may go without a region.
    Host(
        name="faceid_intl",
        key_set="C",
        protocol="api3",
        auth="tc3",
        base_url="https://faceid.intl.tencentcloudapi.com",
        base_url_variable="EKYC_FACEID_INTL_ENDPOINT",
    ),
    Host(
        name="faceid",
        key_set="C",
        protocol="api3",
        auth="tc3_no_region",
        base_url="https://faceid.tencentcloudapi.com",
        base_url_variable="EKYC_FACEID_ENDPOINT",
    ),
)

# ---- inputs -----------------------------------------------------------------------------------

# Formats by use (PROTOCOL §4-5, §7 400502): BMP for OCR only; labeling takes JPG, PNG, MP4.
FACE_IMAGE = ("jpeg", "png")
DOCUMENT_IMAGE = ("jpeg", "png", "bmp")
VIDEO = ("mp4", "mov")
LABELING_MEDIA = ("jpeg", "png", "mp4")


def _face_image(name: str, wire: str, zh: str, en: str) -> FileInput:
    return FileInput(name=name, wire=wire, kind="image", zh=zh, en=en, formats=FACE_IMAGE)


def _document(wire: str, zh: str, en: str) -> FileInput:
    return FileInput(name="image", wire=wire, kind="image", zh=zh, en=en, formats=DOCUMENT_IMAGE)


def _choices(*choices: tuple[str, str, str]) -> tuple[Choice, ...]:
    """(value, zh, en) triples of choices that travel as they are given."""
    return tuple(Choice(value=value, wire=value, zh=zh, en=en) for value, zh, en in choices)


ID_SIDE = Option(
    name="side",
    wire="cardType",
    zh="证件面",
    en="card side",
    role="side",
    choices=_choices(("0", "人像面", "portrait side"), ("1", "国徽面", "emblem side")),
)
VEHICLE_SIDE = Option(
    name="side",
    wire="vehicleLicenseSide",
    zh="行驶证页",
    en="license page",
    role="side",
    choices=_choices(("1", "主页", "main page"), ("2", "副页", "supplementary page")),
)
SOURCE_PHOTO_TYPE = Option(
    name="source_photo_type",
    wire="sourcePhotoType",
    zh="参照照片类型",
    en="reference photo kind",
    choices=_choices(
        ("1", "带网纹的证件照", "watermarked ID photo"), ("2", "高清照片", "high-definition photo")
    ),
    default="2",
)
MEDIA_TYPE = Option(
    name="type",
    wire="fileType",
    zh="文件类型",
    en="file type",
    role="media_type",
    choices=(
        Choice(value="image", wire="0", zh="图片", en="image"),
        Choice(value="video", wire="1", zh="视频", en="video"),
    ),
    default="image",
)
_YES_NO = _choices(("1", "是", "yes"), ("0", "否", "no"))
DO_LIVE = Option(
    name="do_live",
    wire="doLive",
    zh="活体检测",
    en="liveness check",
    role="live_check",
    choices=_YES_NO,
    default="1",
)
DO_COMPARE = Option(
    name="do_compare",
    wire="doCompare",
    zh="人脸一致性",
    en="face consistency",
    role="compare_check",
    choices=_YES_NO,
    default="1",
)
LABELS = LabelsInput(wire="labelList", zh="标签", en="labels")

# ---- API 3.0 (Key C): the international eKYC service and the China site's faceid calls ----------

API3_IMAGE = ("jpeg", "png")  # PROTOCOL-API3: JPG/PNG photos
API3_VIDEO = ("mp4",)  # MP4/AVI/FLV upstream; MP4 is what ekyc.media reads and checks
_ACTION_NAMES = {
    "1": ("张嘴", "open mouth"),
    "2": ("眨眼", "blink"),
    "3": ("点头", "nod"),
    "4": ("摇头", "shake head"),
}


def _action_choice(sequence: str) -> Choice:
    steps = sequence.split(",")
    return Choice(
        value=sequence,
        wire=sequence,
        zh="，然后".join(_ACTION_NAMES[s][0] for s in steps),
        en=", then ".join(_ACTION_NAMES[s][1] for s in steps),
    )


_SEQUENCES = [a for a in "1234"] + [f"{a},{b}" for a in "1234" for b in "1234" if a != b]
ACTIONS = Option(
    name="actions",
    wire="ValidateData",
    zh="动作序列",
    en="action sequence",
    choices=(
        Choice(value="none", wire="", zh="无（静默活体）", en="none (silent liveness)"),
        *(_action_choice(s) for s in _SEQUENCES),
    ),
    default="none",
)
_SILENT = Choice(value="silent", wire="SILENT", zh="静默活体", en="silent")
_ACTION = Choice(value="action", wire="ACTION", zh="动作活体", en="action")
_LIP = Choice(value="lip", wire="LIP", zh="数字读数活体", en="lip reading (read 4 digits)")
INTL_LIVENESS_TYPE = Option(
    name="liveness_type",
    wire="LivenessType",
    zh="活体类型",
    en="liveness type",
    choices=(_SILENT, _ACTION),
    default="silent",
)
LIVENESS_TYPE = Option(
    name="liveness_type",
    wire="LivenessType",
    zh="活体类型",
    en="liveness type",
    choices=(_SILENT, _ACTION, _LIP),
    default="silent",
)
VALIDATE_DATA = Option(
    name="validate_data",
    wire="ValidateData",
    zh="验证码或动作序列",
    en="code or action sequence",
    role="live_code",
    choices=(),
    pattern=r"[0-9]{4}|[1-4](,[1-4])?",
    example="1234 / 4,2",
    default="",
)
REDIRECT_URL = Option(
    name="redirect_url",
    wire="RedirectURL",
    zh="完成后跳转地址",
    en="page the phone returns to",
    role="return_url",
    choices=(),
    pattern=r"https?://\S{1,1000}",
    example="https://example.com/done",
)
SECURITY_LEVEL = Option(
    name="security_level",
    wire="Config.SecurityLevel",
    zh="安全等级",
    en="security level",
    choices=(
        Choice(value="1", wire="1", zh="静默活体", en="silent liveness"),
        Choice(value="2", wire="2", zh="动作活体", en="action liveness"),
        Choice(value="3", wire="3", zh="光线活体", en="reflection (light) liveness"),
        Choice(value="4", wire="4", zh="动作 + 光线活体", en="action + reflection liveness"),
    ),
    default="3",
)
PAGE_LANGUAGE = Option(
    name="language",
    wire="Config.Language",
    zh="手机页面语言",
    en="phone page language",
    choices=(
        Choice(value="en", wire="en", zh="英语", en="English"),
        Choice(value="zh-cn", wire="zh-cn", zh="简体中文", en="Simplified Chinese"),
        Choice(value="zh-tc", wire="zh-tc", zh="繁体中文", en="Traditional Chinese"),
        Choice(value="th", wire="th", zh="泰语", en="Thai"),
        Choice(value="id", wire="id", zh="印尼语", en="Indonesian"),
    ),
    default="en",
)
EXTRA = Option(
    name="extra",
    wire="Extra",
    zh="附加信息（原样返回）",
    en="extra data (echoed back)",
    choices=(),
    pattern=r"(?s).{1,1000}",
    example="order-42",
    default="",
)
BIZ_TOKEN = Option(
    name="biz_token",
    wire="BizToken",
    zh="BizToken",
    en="BizToken",
    role="verification_token",
    choices=(),
    pattern=r"[A-Za-z0-9-]{8,64}",
    example="CE661F1A-0F1E-45BD-BE13-34C05CEA7681",
)


def _api3_photo(wire: str) -> FileInput:
    return FileInput(
        name="photo", wire=wire, kind="image", zh="人脸照片", en="face photo", formats=API3_IMAGE
    )


_API3_VIDEO = FileInput(
    name="video",
    wire="VideoBase64",
    kind="video",
    zh="自拍视频",
    en="selfie video",
    formats=API3_VIDEO,
)
FACE_LIVENESS_FIELDS = (
    "result",
    "similarity",
    "bestFrameBase64",
    "bestFrameList",
    "description",
)

# ---- answers ----------------------------------------------------------------------------------

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
LIVENESS_FIELDS = ("riskLevel", "riskTag")

# ---- the capabilities -------------------------------------------------------------------------

_ROWS: tuple[Capability, ...] = (
    Capability(
        name="face_compare",
        kind="compare",
        zh="人脸比对",
        en="Face comparison",
        tab_en="Face match",
        tab_zh="人脸比对",
        host="mini",
        path="/api/paas/easycompare",
        order_in_query=True,
        appid_field="appId",
        files=(
            _face_image("photo1", "photoStr", "待核验照片", "photo to check"),
            _face_image("photo2", "sourcePhotoStr", "参照照片", "reference photo"),
        ),
        options=(SOURCE_PHOTO_TYPE,),
        answer_fields=("similarity",),
        webcam=True,
    ),
    Capability(
        name="photo_liveness_detect",
        kind="liveness",
        zh="照片活体检测",
        en="Photo liveness",
        tab_en="Photo liveness",
        tab_zh="照片活体",
        host="kyc1",
        path="/api/v2/paas/detectAIFakeFace",
        order_in_query=True,
        appid_field="appId",
        files=(_face_image("file", "faceInput", "人脸照片", "face photo"),),
        fixed={"faceInputType": 1},
        answer_fields=LIVENESS_FIELDS,
        webcam=True,
    ),
    Capability(
        name="video_liveness_detect",
        kind="liveness",
        zh="视频活体检测",
        en="Video liveness",
        tab_en="Video liveness",
        tab_zh="视频活体",
        host="kyc1",
        path="/api/v2/paas/detectAIFakeFace",
        order_in_query=True,
        appid_field="appId",
        files=(
            FileInput(
                name="file",
                wire="faceInput",
                kind="video",
                zh="人脸视频",
                en="face video",
                formats=VIDEO,
            ),
        ),
        fixed={"faceInputType": 2},
        answer_fields=LIVENESS_FIELDS,
    ),
    Capability(
        name="id_card_ocr",
        kind="ocr",
        zh="身份证识别",
        en="ID card OCR",
        tab_en="ID card",
        tab_zh="身份证",
        host="kyc1",
        path="/api/paas/idcardocrapp",
        order_in_query=True,
        appid_field="appId",
        files=(_document("idcardStr", "身份证照片", "ID card image"),),
        options=(ID_SIDE,),
        answer_fields=ID_CARD_FIELDS,
        key_fields=("idcard", "name", "validDate"),
        sensitive_fields=("name", "idcard", "address", "birth"),
    ),
    Capability(
        name="bank_card_ocr",
        kind="ocr",
        zh="银行卡识别",
        en="Bank card OCR",
        tab_en="Bank card",
        tab_zh="银行卡",
        host="kyc1",
        path="/api/paas/bankcardocrapp",
        order_in_query=False,
        appid_field="appId",
        files=(_document("bankcardStr", "银行卡照片", "bank card image"),),
        answer_fields=("bankcardNo", "bankcardValidDate"),
        key_fields=("bankcardNo", "bankcardValidDate"),
        sensitive_fields=("bankcardNo",),
        blank_means={"bankcardValidDate": "no_expiry"},
    ),
    Capability(
        name="driver_license_ocr",
        kind="ocr",
        zh="驾驶证识别",
        en="Driver license OCR",
        tab_en="Driver license",
        tab_zh="驾驶证",
        host="mini",
        path="/api/v2/ocrpaas/driverlicenseupload",
        order_in_query=False,
        appid_field="webankAppId",
        files=(_document("imageStr", "驾驶证主页照片", "driver license main page"),),
        answer_fields=DRIVER_FIELDS,
        key_fields=("licenseNo", "name", "driveClass", "validDateFrom", "validDateTo"),
        sensitive_fields=("licenseNo", "name", "address", "birth"),
    ),
    Capability(
        name="vehicle_license_ocr",
        kind="ocr",
        zh="行驶证识别",
        en="Vehicle license OCR",
        tab_en="Vehicle license",
        tab_zh="行驶证",
        host="mini",
        path="/api/v2/ocrpaas/vehiclelicenseupload",
        order_in_query=False,
        appid_field="webankAppId",
        files=(_document("imageStr", "行驶证照片", "vehicle license image"),),
        options=(VEHICLE_SIDE,),
        answer_fields=VEHICLE_FIELDS,
        key_fields=("plateNo", "owner", "vin", "engineNo", "vehicleType", "model"),
        sensitive_fields=("owner", "address", "vin", "engineNo", "plateNo", "fileNumber"),
        # Upstream misspells it; r.data carries both spellings (DESIGN.md).
        aliases={"curbWeight": "curbWeright"},
    ),
    Capability(
        name="media_labeling",
        kind="labeling",
        zh="图片/视频标签",
        en="Media labeling",
        host="kyc2",
        path="/idap-ac/server/fileModeration",
        order_in_query=True,
        appid_field="appId",
        files=(
            FileInput(
                name="file",
                wire="fileStr",
                kind="by_type",
                zh="图片或视频",
                en="image or video",
                formats=LABELING_MEDIA,
            ),
        ),
        labels=LABELS,
        options=(MEDIA_TYPE, DO_LIVE, DO_COMPARE),
        answer_fields=("labels", "liveStatus", "compareStatus"),
        poll_path="/idap-ac/server/getFileModeration",
    ),
    Capability(
        name="compare_face_liveness",
        kind="face_liveness",
        zh="活体人脸比对（国际版）",
        en="Liveness + face comparison (international)",
        host="faceid_intl",
        path="CompareFaceLiveness",
        files=(_api3_photo("ImageBase64"), _API3_VIDEO),
        options=(INTL_LIVENESS_TYPE, ACTIONS),
        answer_fields=FACE_LIVENESS_FIELDS,
        webcam=True,
    ),
    Capability(
        name="get_live_code",
        kind="live_code",
        zh="获取数字验证码",
        en="Get a lip-reading code",
        host="faceid",
        path="GetLiveCode",
        files=(),
        answer_fields=("liveCode",),
    ),
    Capability(
        name="liveness_compare",
        kind="face_liveness",
        zh="视频活体人脸比对",
        en="Video liveness + face comparison",
        host="faceid",
        path="LivenessCompare",
        files=(_api3_photo("ImageBase64"), _API3_VIDEO),
        options=(LIVENESS_TYPE, VALIDATE_DATA),
        answer_fields=FACE_LIVENESS_FIELDS,
        webcam=True,
    ),
    Capability(
        name="web_verification_start",
        kind="verification_link",
        zh="手机 H5 核身：发起",
        en="Mobile HTML5 verification: start",
        host="faceid_intl",
        path="ApplyWebVerificationBizTokenIntl",
        files=(_api3_photo("CompareImageBase64"),),
        options=(REDIRECT_URL, SECURITY_LEVEL, PAGE_LANGUAGE, EXTRA),
        answer_fields=("bizToken", "verificationUrl", "expiresAt"),
    ),
    Capability(
        name="web_verification_result",
        kind="verification_result",
        zh="手机 H5 核身：结果",
        en="Mobile HTML5 verification: result",
        host="faceid_intl",
        path="GetWebVerificationResultIntl",
        files=(),
        options=(BIZ_TOKEN,),
        answer_fields=(
            "status",
            "errorCode",
            "errorMsg",
            "similarity",
            "attempts",
            "bestFrameBase64",
            "extra",
        ),
    ),
)

# The live registry: iterate it like a tuple of rows. A row added with ``REGISTRY.add`` (or for a
# while with ``REGISTRY.extended``) shows up in every view below and in every reader.
REGISTRY = Registry(_ROWS, HOST_TABLE)
CAPABILITIES = REGISTRY
BY_NAME = REGISTRY.by_name
HOSTS = REGISTRY.host_names


def get(name: str) -> Capability:
    return REGISTRY.get(name)


def by_kind(kind: str) -> Capability:
    """The first row whose answers are of ``kind`` (code that needs a row of a kind, such as the
    HTML5 flow's start and result, finds it so rather than by name)."""
    return next(cap for cap in REGISTRY if cap.kind == kind)


def host(name: str) -> Host:
    return REGISTRY.host(name)
