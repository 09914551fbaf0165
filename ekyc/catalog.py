"""Pure data, in Chinese and English: error codes, risk levels and tags, labels, field names.

Nothing here computes anything except ``describe_error``, a lookup with a fallback. The wording
follows PROTOCOL.md §6-§7. Every text table maps a key to ``{"zh": ..., "en": ...}``.
"""

from __future__ import annotations

from . import catalog_api3

LANGS = ("zh", "en")

# ---------------------------------------------------------------------------------------------
# Error codes (PROTOCOL §7) and the client's own pseudo-codes.
# Each entry: {"zh": (message, action), "en": (message, action)}.
# ---------------------------------------------------------------------------------------------

_CREDENTIALS = {
    "zh": (
        "凭证配置有误（AppID 或密钥不正确）",
        "检查 .env 中的 KYC_APPID / KYC_SECRET（图片/视频标签为 LABEL_APPID / LABEL_SECRET）",
    ),
    "en": (
        "credentials misconfigured (wrong app id or secret)",
        "check KYC_APPID / KYC_SECRET in .env (LABEL_APPID / LABEL_SECRET for media labeling)",
    ),
}
_TOO_MANY = {
    "zh": ("请求过于频繁", "等待约 10 秒后重试"),
    "en": ("too many requests", "wait about 10 seconds and try again"),
}
_NETWORK_BUSY = {
    "zh": ("网络繁忙（已自动重试）", "请几分钟后再试"),
    "en": ("network busy (retried automatically)", "try again in a few minutes"),
}
_NO_PROPER_FACE = {
    "zh": ("未检测到合适的人脸", "请正对镜头、在光线充足处重新拍摄"),
    "en": ("no proper face found", "face the camera in good light and capture again"),
}
_ANGLE = {
    "zh": ("证件角度不正或未拍全", "调整拍摄角度，让整张证件完整出现在画面中"),
    "en": (
        "document at an angle or cut off",
        "adjust the angle so that the whole document is in the frame",
    ),
}
_RETRY_LATER = {
    "zh": "稍后重试；若持续出现请联系技术支持",
    "en": "try again later; contact support if it persists",
}

ERRORS: dict[str, dict[str, tuple[str, str]]] = {
    # All capabilities
    "1101": _CREDENTIALS,
    "1102": _CREDENTIALS,
    "1103": {
        "zh": ("本机 IP 未加入白名单", "在腾讯云慧眼控制台把本机的出口 IP 加入白名单"),
        "en": (
            "this machine's IP address is not whitelisted",
            "add this machine's outbound IP to the whitelist in the Tencent Cloud FaceID console",
        ),
    },
    "1104": {
        "zh": (
            "签名已过期或无效",
            "已自动刷新票据并重试一次；若仍失败，请检查系统时间和密钥后重试",
        ),
        "en": (
            "signature expired or invalid",
            "the ticket was refreshed and the call retried once; if it still fails, "
            "check the system clock and the secret, then try again",
        ),
    },
    "1106": {
        "zh": ("请求不合法", "检查上传的内容后重试；若持续出现请联系技术支持"),
        "en": ("invalid request", "check the upload and try again; contact support if it persists"),
    },
    "1107": {
        "zh": ("请求参数不合法", "检查上传的文件和所选选项后重试"),
        "en": ("invalid parameters", "check the uploaded file and the chosen options, then retry"),
    },
    "1502": {
        "zh": ("接口版本号必须为 1.0.0", "这是客户端的问题，请联系技术支持"),
        "en": ("the API version must be 1.0.0", "this is a client problem: contact support"),
    },
    "1503": {
        "zh": ("数据校验失败", "重新上传文件后重试"),
        "en": ("checksum error", "upload the file again and retry"),
    },
    "1505": {
        "zh": ("该 AppID 未获授权使用此能力", "在控制台开通该能力，或联系服务商技术支持"),
        "en": (
            "this app id is not authorised for this capability",
            "enable the capability in the console or ask the vendor's technical support",
        ),
    },
    "1506": _TOO_MANY,
    "1507": _TOO_MANY,
    "1601": {
        "zh": ("请求体过大", "压缩或缩小文件（不超过 20 MiB）后重试"),
        "en": ("request body too large", "compress or shrink the file (20 MiB at most) and retry"),
    },
    "1602": {
        "zh": ("请求体参数错误", "检查上传的文件后重试"),
        "en": ("error in the request body", "check the uploaded file and try again"),
    },
    "999999": _NETWORK_BUSY,
    "999998": _NETWORK_BUSY,
    "999997": _NETWORK_BUSY,
    # Face and liveness (1-3); 66660016 also serves media labeling.
    "66660016": {
        "zh": (
            "图片或视频文件异常（已损坏、格式不支持或过大）",
            "换一个完整的 JPG/PNG 图片或 MP4 视频后重试",
        ),
        "en": (
            "abnormal image or video file (corrupt, unsupported format or too large)",
            "try again with an intact JPG/PNG image or MP4 video",
        ),
    },
    "66660023": _NO_PROPER_FACE,
    "66660048": _NO_PROPER_FACE,
    "66660037": {
        "zh": ("检测到多张人脸", "确保画面中只有一个人后重试"),
        "en": ("more than one face found", "make sure only one person is in the frame and retry"),
    },
    "66660041": {
        "zh": ("人脸被遮挡或闭眼", "去掉遮挡物、睁眼正对镜头后重试"),
        "en": (
            "face occluded or eyes closed",
            "remove anything covering the face, open the eyes, face the camera and retry",
        ),
    },
    "66660078": {
        "zh": ("未检测到人脸", "上传包含清晰人脸的照片或视频"),
        "en": ("no face found", "upload a photo or video with a clear face"),
    },
    "1603": {
        "zh": ("视频无效", "换一个可正常播放、不超过 20 秒的 MP4 视频后重试"),
        "en": ("invalid video", "try again with a playable MP4 video of 20 s at most"),
    },
    "1606": {
        "zh": ("应答解密失败", "请重试"),
        "en": ("response decryption failed", "try again"),
    },
    "1607": {
        "zh": ("未找到结果，订单已过期", "请重新发起请求"),
        "en": ("result not found: the order has expired", "submit the request again"),
    },
    "FailedOperation.CoveredFace": {
        "zh": ("人脸被遮挡", "露出完整面部后重试"),
        "en": ("the face is covered", "uncover the whole face and try again"),
    },
    "FailedOperation.IncompleteFace": {
        "zh": ("人脸不完整", "让整张脸出现在画面中后重试"),
        "en": ("the face is incomplete", "get the whole face in the frame and try again"),
    },
    "FailedOperation.PoorImageQuality": {
        "zh": ("图像质量太差", "在光线充足处拍摄清晰的照片后重试"),
        "en": ("image quality too poor", "take a sharp photo in good light and try again"),
    },
    "FailedOperation.ImageDecodeFailed": {
        "zh": ("图片解码失败", "换一张完整的 JPG/PNG 图片"),
        "en": ("the image could not be decoded", "use an intact JPG/PNG image"),
    },
    "FailedOperation.VideoDecodeFailed": {
        "zh": ("视频解码失败", "换一个可正常播放的 MP4 视频"),
        "en": ("the video could not be decoded", "use a playable MP4 video"),
    },
    "FailedOperation.VideoDurationExceeded": {
        "zh": ("视频过长（最长 20 秒）", "剪辑到 20 秒以内后重试"),
        "en": ("video too long (20 s at most)", "trim it to 20 s or less and try again"),
    },
    "FailedOperation.DetectEngineSystemError": {
        "zh": ("检测引擎系统错误", _RETRY_LATER["zh"]),
        "en": ("detection engine system error", _RETRY_LATER["en"]),
    },
    "FailedOperation.UnKnown": {
        "zh": ("检测服务内部未知错误", _RETRY_LATER["zh"]),
        "en": ("unknown error in the detection service", _RETRY_LATER["en"]),
    },
    # OCR (4-7)
    "-1102": {
        "zh": ("图片解码失败", "换一张完整的 JPG/PNG/BMP 图片"),
        "en": ("the image could not be decoded", "use an intact JPG/PNG/BMP image"),
    },
    "-1300": {
        "zh": ("图片为空", "重新选择图片"),
        "en": ("empty image", "choose the image again"),
    },
    "-1301": {
        "zh": ("缺少参数", "检查所选的证件面或页后重试"),
        "en": ("missing parameter", "check the chosen side or page and try again"),
    },
    "-1304": {
        "zh": ("参数过长", "缩小图片后重试"),
        "en": ("parameter too long", "use a smaller image and try again"),
    },
    "-9001": {
        "zh": ("证件面或类型无效", "选择正确的证件面（或行驶证页）后重试"),
        "en": ("invalid side or type", "choose the right card side (or license page) and retry"),
    },
    "-9002": {
        "zh": ("识别失败", "在光线充足处重新拍摄完整的证件"),
        "en": ("recognition failed", "retake the photo of the whole document in good light"),
    },
    "-9005": {
        "zh": (
            "图片无效或不受支持（驾驶证仅支持主页）",
            "上传清晰的证件照片；驾驶证请上传主页",
        ),
        "en": (
            "invalid or unsupported image (driver license: main page only)",
            "upload a clear photo of the document; for a driver license, its main page",
        ),
    },
    "-9006": {
        "zh": ("图片预处理失败", "重新拍摄清晰的证件照片后重试"),
        "en": ("image preprocessing failed", "retake a clear photo of the document and retry"),
    },
    "66661001": {
        "zh": ("不是身份证，或图片不清晰", "上传清晰的身份证照片"),
        "en": ("not an ID card, or not clear enough", "upload a clear photo of an ID card"),
    },
    "66661013": _ANGLE,
    "66661005": _ANGLE,
    # Media labeling (8)
    "66660000": {
        "zh": ("订单号无效", "重新提交"),
        "en": ("invalid orderNo", "submit again"),
    },
    "66660001": {
        "zh": ("AppID 无效", "检查 .env 中的 LABEL_APPID"),
        "en": ("invalid appId", "check LABEL_APPID in .env"),
    },
    "66660002": {
        "zh": ("请求已过期", "校准本机系统时间后重试"),
        "en": ("request expired", "check this machine's clock and try again"),
    },
    "66660003": {
        "zh": ("试用额度已用完", "联系服务商技术支持开通正式额度"),
        "en": ("trial quota exceeded", "ask the vendor's technical support for more quota"),
    },
    "66660004": {
        "zh": ("并发数超限（同一时间只能处理一个标签任务）", "等当前任务完成后再提交"),
        "en": (
            "concurrency limit reached (one labeling job at a time)",
            "wait for the running job to finish, then submit again",
        ),
    },
    "66660013": {
        "zh": ("参数无效", "检查文件类型和所选标签后重试"),
        "en": ("invalid parameters", "check the file type and the chosen labels, then retry"),
    },
    "66661014": {
        "zh": ("未找到结果", "重新提交文件"),
        "en": ("result not found", "submit the file again"),
    },
    "66661015": {
        "zh": ("仍在处理中", "稍后再次查询（客户端会自动轮询）"),
        "en": ("still processing", "ask again shortly (the client polls automatically)"),
    },
    "66661016": {
        "zh": ("标签超过 5 个", "最多选择 5 个标签"),
        "en": ("more than 5 labels", "choose at most 5 labels"),
    },
    "66661018": {
        "zh": ("未知的标签编码", "只使用标签目录中的编码"),
        "en": ("unknown label code", "use codes from the label catalogue only"),
    },
    "66661019": {
        "zh": ("未指定标签", "至少选择一个标签"),
        "en": ("no label given", "choose at least one label"),
    },
    "66661020": {
        "zh": ("标签编码格式错误（应形如 A01）", "使用形如 A01 的标签编码"),
        "en": ("malformed label code (format A01)", "use label codes like A01"),
    },
    "66661021": {
        "zh": ("该 AppID 未开通标签能力", "联系服务商技术支持开通"),
        "en": (
            "this appId is not authorised for labeling",
            "ask the vendor's technical support to enable it",
        ),
    },
    "66661022": {
        "zh": ("处理失败", "重新提交文件"),
        "en": ("processing failed", "submit the file again"),
    },
    "66661023": {
        "zh": ("图片预检未通过", "换一张清晰、完整的图片后重试"),
        "en": ("image pre-check failed", "try again with a clear, intact image"),
    },
    "400101": {
        "zh": ("缺少参数", "检查所选文件和标签后重试"),
        "en": ("missing parameter", "check the chosen file and labels, then try again"),
    },
    "400103": {
        "zh": ("参数取值无效", "检查所选文件、类型和标签后重试"),
        "en": ("invalid value", "check the chosen file, type and labels, then try again"),
    },
    "400105": {
        "zh": (
            "AppID 与凭证组不匹配（A 组与 B 组混用）",
            "图片/视频标签使用 LABEL_APPID / LABEL_SECRET，其余能力使用 KYC_APPID / KYC_SECRET",
        ),
        "en": (
            "the appid does not match the credential set (Key A vs Key B)",
            "use LABEL_APPID / LABEL_SECRET for media labeling, KYC_APPID / KYC_SECRET otherwise",
        ),
    },
    "400106": {
        "zh": (
            "签名校验失败",
            "已自动刷新票据并重试一次；若仍失败，请检查 LABEL_SECRET 和系统时间",
        ),
        "en": (
            "signature verification failed",
            "the ticket was refreshed and the call retried once; if it still fails, "
            "check LABEL_SECRET and the system clock",
        ),
    },
    "400501": {
        "zh": ("上传失败", "请重试"),
        "en": ("upload failed", "try again"),
    },
    "400502": {
        "zh": ("文件格式不支持（支持 JPG、PNG、MP4）", "转换为 JPG、PNG 或 MP4 后重试"),
        "en": ("unsupported format (JPG, PNG, MP4)", "convert to JPG, PNG or MP4 and try again"),
    },
    "400505": {
        "zh": ("处理超时", "使用更小的文件重试"),
        "en": ("processing timeout", "try again with a smaller file"),
    },
    "400506": {
        "zh": ("文件为空或已损坏", "换一个完整的文件"),
        "en": ("empty or corrupt file", "use an intact file"),
    },
    "400601": {
        "zh": ("服务暂不可用", "稍后重试"),
        "en": ("service unavailable", "try again later"),
    },
    "400602": {
        "zh": ("额度已用完", "联系服务商技术支持增加额度"),
        "en": ("quota exceeded", "ask the vendor's technical support for more quota"),
    },
    # The client's own pseudo-codes, for failures with no upstream code.
    "NETWORK": {
        "zh": (
            "无法连接到服务（连接被拒绝、域名解析失败或连接中断）",
            "检查网络连接和代理设置后重试",
        ),
        "en": (
            "could not reach the service (connection refused, DNS failure or dropped connection)",
            "check the network connection and proxy settings, then try again",
        ),
    },
    "CONNECTION_LOST": {
        "zh": (
            "请求发出后连接中断：服务可能已处理（并计费）",
            "重试前请先核对调用记录或用量，确认未处理后再重试",
        ),
        "en": (
            "the connection broke after the request was sent: it may have been processed "
            "(and billed)",
            "check the call records or usage before retrying, and retry only if it was not",
        ),
    },
    "TIMEOUT": {
        "zh": (
            "请求超时：服务可能已处理（并计费）",
            "重试前请先核对调用记录或用量；较大的文件请先压缩",
        ),
        "en": (
            "the request timed out: it may have been processed (and billed)",
            "check the call records or usage before retrying; compress large files first",
        ),
    },
    "HTTP_ERROR": {
        "zh": ("服务返回了错误（HTTP 5xx 或非 JSON 应答）", "稍后重试"),
        "en": ("the service answered with an error (HTTP 5xx or not JSON)", "try again later"),
    },
    "BAD_ANSWER": {
        "zh": ("服务的应答格式无法识别", _RETRY_LATER["zh"]),
        "en": ("the service's answer had an unexpected shape", _RETRY_LATER["en"]),
    },
    "LABEL_TIMEOUT": {
        "zh": ("标签任务未在等待时间内完成", "稍后重新提交，或使用更小的文件"),
        "en": (
            "the labeling job did not finish in time",
            "submit again later or use a smaller file",
        ),
    },
}

PSEUDO_CODES = (
    "NETWORK",
    "CONNECTION_LOST",
    "TIMEOUT",
    "HTTP_ERROR",
    "BAD_ANSWER",
    "LABEL_TIMEOUT",
)

UNKNOWN_ERROR = {
    "zh": ("意外错误（{code}，{msg}）", "请联系技术支持"),
    "en": ("unexpected error ({code}, {msg})", "contact support"),
}


def language(lang: object) -> str:
    """ "zh" for any Chinese tag ("zh", "zh-CN" ...), else "en"."""
    return "zh" if isinstance(lang, str) and lang.strip().lower().startswith("zh") else "en"


def describe_error(code: str, upstream_msg: str = "", lang: str = "en") -> tuple[str, str]:
    """``(message, action)`` for an error code in ``lang`` ("zh" or "en").

    An unlisted code gets "unexpected error (code, message)" / "contact support".
    """
    chosen = language(lang)
    key = str(code).strip() if code is not None else ""
    entry = ERRORS.get(key)
    if entry is not None:
        return entry[chosen]
    api3 = catalog_api3.entry(key) if key and not key.lstrip("-").isdigit() else None
    if api3 is not None:  # an API 3.0 code (ekyc.catalog_api3)
        return (api3.zh, api3.action_zh) if chosen == "zh" else (api3.en, api3.action_en)
    message, action = UNKNOWN_ERROR[chosen]
    msg = str(upstream_msg).strip() if upstream_msg else ""
    if not msg:
        msg = "无说明" if chosen == "zh" else "no message"
    return message.format(code=key or "?", msg=msg), action


# ---------------------------------------------------------------------------------------------
# Liveness (PROTOCOL §6). Levels: {"zh": (meaning, advice), "en": (meaning, advice)}.
# ---------------------------------------------------------------------------------------------

RISK_LEVELS: dict[str, dict[str, tuple[str, str]]] = {
    "1": {
        "zh": ("无攻击风险", "可以通过"),
        "en": ("no attack risk", "can be accepted"),
    },
    "2": {
        "zh": ("中度疑似攻击", "换一次拍摄后重试"),
        "en": ("medium suspicion of an attack", "retry with another capture"),
    },
    "3": {
        "zh": ("高度疑似攻击（伪造或 AI 生成）", "拒绝"),
        "en": ("high suspicion of an attack (forged or AI-generated)", "reject"),
    },
}
RISK_LEVEL_ICONS = {"1": "✅", "2": "⚠️", "3": "❌"}

RISK_TAGS: dict[str, dict[str, str]] = {
    "01": {"zh": "闭眼", "en": "eyes closed"},
    "02": {"zh": "未完成指定动作", "en": "action not completed"},
    "03": {"zh": "疑似翻拍（屏幕或打印件）", "en": "suspected replay (re-shot screen or print)"},
    "04": {"zh": "疑似合成人脸", "en": "suspected synthetic face"},
    "05": {"zh": "疑似黑产模板", "en": "suspected fraud template"},
    "06": {"zh": "疑似存在水印", "en": "suspected watermark"},
    "07": {"zh": "反光校验未通过", "en": "reflection check failed"},
    "08": {"zh": "存在多张人脸", "en": "multiple faces"},
    "09": {"zh": "人脸质量差", "en": "poor face quality"},
    "10": {"zh": "距离校验未通过", "en": "distance check failed"},
    "11": {"zh": "疑似对抗样本", "en": "suspected adversarial sample"},
    "12": {"zh": "人脸有攻击痕迹", "en": "attack traces on the face"},
}

# ---------------------------------------------------------------------------------------------
# Face comparison bands (PROTOCOL §6), highest first; ``min`` None is the catch-all.
# ---------------------------------------------------------------------------------------------

SIMILARITY_HIGH = 80.0
SIMILARITY_SAME = 70.0

SIMILARITY_BANDS: tuple[dict, ...] = (
    {
        "min": SIMILARITY_HIGH,
        "icon": "✅",
        "zh": ("高置信度为同一人", "误识率约万分之一"),
        "en": ("same person, high confidence", "False accept rate about 1 in 10,000"),
    },
    {
        "min": SIMILARITY_SAME,
        "icon": "✅",
        "zh": ("同一人", "误识率约千分之一；阈值可按业务场景调整"),
        "en": (
            "same person",
            "False accept rate about 1 in 1,000; the threshold can be adjusted per scenario",
        ),
    },
    {
        "min": None,
        "icon": "❌",
        "zh": ("不是同一人", "如有疑问，请使用更清晰的正脸照片重试"),
        "en": ("not the same person", "If in doubt, try again with clearer, front-facing photos"),
    },
)

# ---------------------------------------------------------------------------------------------
# Media labeling (PROTOCOL §6): the 15 label codes, in the catalogue's order.
# ---------------------------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "A01": {"zh": "面部面膜", "en": "facial sheet mask"},
    "A02": {"zh": "口罩遮脸", "en": "medical mask covering face"},
    "A04": {"zh": "戴耳机", "en": "wearing headphones"},
    "A05": {"zh": "裸露", "en": "nudity"},
    "A06": {"zh": "戴太阳镜", "en": "wearing sunglasses"},
    "A09": {"zh": "受胁迫", "en": "under coercion"},
    "A10": {"zh": "昏迷/入睡", "en": "unconscious or asleep"},
    "A11": {"zh": "打电话", "en": "on the phone"},
    "A13": {"zh": "纹身", "en": "tattoo"},
    "A14": {"zh": "戴帽子", "en": "wearing a hat"},
    "A15": {"zh": "危重病人", "en": "critically ill patient"},
    "B02": {"zh": "多人", "en": "multiple people"},
    "B03": {"zh": "在乘用车内", "en": "inside a passenger car"},
    "B06": {"zh": "在酒店", "en": "in a hotel room"},
    "B07": {"zh": "在汽车经销商处", "en": "at a car dealership"},
}
LABEL_CODES: tuple[str, ...] = tuple(LABELS)
MAX_LABELS = 5

LABEL_VALUES = {
    "1": {"icon": "✅", "zh": "有", "en": "present"},
    "0": {"icon": "❌", "zh": "无", "en": "absent"},
    "": {"icon": "⚠️", "zh": "未能识别，建议重试", "en": "not recognised – retry"},
}

# liveStatus / compareStatus of a labeling answer.
STATUSES: dict[str, dict[str, dict[str, str]]] = {
    "liveStatus": {
        "title": {"zh": "活体检测", "en": "Liveness"},
        "1": {"zh": "真人（活体）", "en": "live person"},
        "0": {"zh": "非活体", "en": "not live"},
    },
    "compareStatus": {
        "title": {"zh": "人脸一致性", "en": "Face consistency"},
        "1": {"zh": "同一张人脸", "en": "same face"},
        "0": {"zh": "不是同一张人脸", "en": "different faces"},
    },
}

# ---------------------------------------------------------------------------------------------
# OCR fields: how each reads, which matter most, and how a sensitive one is masked.
# ---------------------------------------------------------------------------------------------

FIELD_LABELS: dict[str, dict[str, str]] = {
    "name": {"zh": "姓名", "en": "Name"},
    "sex": {"zh": "性别", "en": "Sex"},
    "nation": {"zh": "民族", "en": "Ethnicity"},
    "birth": {"zh": "出生日期", "en": "Date of birth"},
    "idcard": {"zh": "身份证号", "en": "ID number"},
    "address": {"zh": "住址", "en": "Address"},
    "authority": {"zh": "签发机关", "en": "Issuing authority"},
    "validDate": {"zh": "有效期限", "en": "Valid period"},
    "bankcardNo": {"zh": "卡号", "en": "Card number"},
    "bankcardValidDate": {"zh": "有效期", "en": "Expiry date"},
    "licenseNo": {"zh": "证号", "en": "License number"},
    "nationality": {"zh": "国籍", "en": "Nationality"},
    "fetchDate": {"zh": "初次领证日期", "en": "First issue date"},
    "driveClass": {"zh": "准驾车型", "en": "Permitted vehicle class"},
    "validDateFrom": {"zh": "有效起始日期", "en": "Valid from"},
    "validDateTo": {"zh": "有效截止日期", "en": "Valid until"},
    "plateNo": {"zh": "号牌号码", "en": "Plate number"},
    "vehicleType": {"zh": "车辆类型", "en": "Vehicle type"},
    "owner": {"zh": "所有人", "en": "Owner"},
    "useCharacter": {"zh": "使用性质", "en": "Use"},
    "model": {"zh": "品牌型号", "en": "Make and model"},
    "vin": {"zh": "车辆识别代号", "en": "VIN"},
    "engineNo": {"zh": "发动机号码", "en": "Engine number"},
    "registeDate": {"zh": "注册日期", "en": "Registration date"},
    "issueDate": {"zh": "发证日期", "en": "Issue date"},
    "authorizedCarryCapacity": {"zh": "核定载人数", "en": "Authorised passengers"},
    "authorizedLoadQuality": {"zh": "核定载质量", "en": "Authorised load"},
    "fileNumber": {"zh": "档案编号", "en": "File number"},
    "total": {"zh": "总质量", "en": "Gross mass"},
    "inspectionRecord": {"zh": "检验记录", "en": "Inspection record"},
    "externalDimensions": {"zh": "外廓尺寸", "en": "External dimensions"},
    "curbWeight": {"zh": "整备质量", "en": "Curb weight"},
    "curbWeright": {"zh": "整备质量", "en": "Curb weight"},
    "similarity": {"zh": "相似度", "en": "Similarity"},
    "riskLevel": {"zh": "风险等级", "en": "Risk level"},
    "riskTag": {"zh": "风险标签", "en": "Risk tag"},
}

# How a sensitive field is masked: "name" keeps the first character of each word, "address"
# keeps the first characters, "date" hides every digit (a birth date beside a masked ID number
# would give most of it back), "number" (the default) keeps a short head and tail.
MASK_STYLE: dict[str, str] = {
    "name": "name",
    "owner": "name",
    "address": "address",
    "birth": "date",
}
MASK_CHAR = "*"
ADDRESS_KEEP = 6
NUMBER_KEEP = 4

# ---------------------------------------------------------------------------------------------
# Sentences of the explanation. ``{...}`` are filled in by explain.py.
# ---------------------------------------------------------------------------------------------

PHRASES: dict[str, dict[str, str]] = {
    "sandbox": {
        "zh": "🧪 **沙箱模式：这是模拟应答，并非真实识别。**",
        "en": "🧪 **Sandbox: simulated answer, not recognition.**",
    },
    "not_recognised": {
        "zh": "ℹ️ **{title}：沙箱不认识这个文件，不对它作任何判断**",
        "en": "ℹ️ **{title}: the sandbox does not recognise this file and judges nothing about it**",
    },
    "only_samples": {
        "zh": "沙箱只认识自带的示例文件；要检测您自己的文件，请配置密钥调用真实服务。"
        "也可以试试自带的示例（页面上的示例图库，或命令行下 assets/ 中的文件），"
        "看看真实应答的样子。",
        "en": "The sandbox recognises only its bundled samples; to check your own file, set the "
        "keys for the real service. Or try a bundled sample (the page's gallery, or the files "
        "under assets/ on the command line) to see a real-looking answer.",
    },
    "example_fields": {
        "zh": "**示例**：真实应答包含以下内容（示例数据，与您的文件无关）：",
        "en": "**Example**: a real answer holds fields like these (example data, not about "
        "your file):",
    },
    "notice": {
        "zh": "ℹ️ 结果仅供参考，不构成法律意义上的身份确认；高风险决策需要人工复核。",
        "en": (
            "ℹ️ For reference only, not legal identity confirmation; "
            "high-stakes decisions need human review."
        ),
    },
    "masked": {
        "zh": (
            "🔒 敏感字段已打码；查看完整内容请勾选“显示敏感字段”（网页）"
            "或使用 --no-mask（命令行）。"
        ),
        "en": (
            '🔒 Sensitive fields are masked; tick "Show sensitive fields" (page) or use '
            "--no-mask (command line) to reveal them."
        ),
    },
    "request": {"zh": "请求", "en": "Request"},
    "failed": {"zh": "{title}未完成：{message}", "en": "{title} did not complete: {message}"},
    "action": {"zh": "建议：{action}", "en": "What to do: {action}"},
    "code": {"zh": "错误码：{code}", "en": "Error code: {code}"},
    "similarity": {"zh": "相似度 {value}", "en": "similarity {value}"},
    "similarity_line": {
        "zh": "相似度：{value}（满分 100）",
        "en": "Similarity: {value} out of 100",
    },
    "no_similarity": {
        "zh": "应答中没有可用的相似度",
        "en": "the answer carries no usable similarity",
    },
    "raw_value": {"zh": "原始值：{value}", "en": "Raw value: {value}"},
    "thresholds": {
        "zh": "判断标准：≥ 80 高置信度同一人；70–79.99 同一人；< 70 不是同一人。",
        "en": (
            "Bands: ≥ 80 same person, high confidence; 70–79.99 same person; "
            "< 70 not the same person."
        ),
    },
    "risk_level_line": {"zh": "风险等级 {level}：{meaning}", "en": "Risk level {level}: {meaning}"},
    "advice": {"zh": "建议：{advice}", "en": "advice: {advice}"},
    "no_level": {
        "zh": "应答中没有可识别的风险等级",
        "en": "the answer carries no recognisable risk level",
    },
    "unknown_level": {"zh": "未知的风险等级 {level}", "en": "unknown risk level {level}"},
    "risk_tag_line": {"zh": "风险标签 {tag}：{meaning}", "en": "Risk tag {tag}: {meaning}"},
    "unknown_tag": {
        "zh": "风险标签 {tag}：未收录的标签",
        "en": "Risk tag {tag}: not in the catalogue",
    },
    "no_tag": {"zh": "无风险标签", "en": "No risk tag"},
    "ocr_ok": {"zh": "{title}：识别出 {n} 个字段", "en": "{title}: {n} fields recognised"},
    "ocr_empty": {
        "zh": "{title}：未识别出任何字段，请在光线充足处重新拍摄完整证件",
        "en": "{title}: no fields recognised; retake the whole document in good light",
    },
    "empty_value": {"zh": "（空）", "en": "(empty)"},
    "no_expiry": {
        "zh": "（空：卡面未印有效期）",
        "en": "(empty: the card prints none)",
    },
    "labels_ok": {
        "zh": "标签识别完成：{present} 个有，{absent} 个无",
        "en": "Labeling done: {present} present, {absent} absent",
    },
    "labels_retry": {
        "zh": "标签识别完成，但有 {n} 个未能识别，建议重试",
        "en": "Labeling done, but {n} not recognised – retry",
    },
    "labels_none": {
        "zh": "应答中没有标签结果",
        "en": "the answer carries no label results",
    },
    "not_in_catalogue": {"zh": "（不在标签目录中）", "en": "(not in the label catalogue)"},
    "status_unknown": {"zh": "未知取值 {value}", "en": "unknown value {value}"},
    "unparsed": {
        "zh": "⚠️ 应答中有 {n} 处内容无法解析（见技术详情）：",
        "en": "⚠️ {n} part(s) of the answer could not be read (see technical details):",
    },
    "done": {"zh": "{title}已完成", "en": "{title} done"},
    "unreadable": {
        "zh": "无法显示这个结果，请查看技术详情",
        "en": "this result could not be displayed; see the technical details",
    },
}
