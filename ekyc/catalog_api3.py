"""API 3.0 result codes (PROTOCOL-API3): message in Chinese and English, suggested action, billed.

Pure data. ``RESULTS`` are the pure API calls' ``Result`` values and their errors; ``HTML5`` the
``ErrorCode`` of the HTML5 verification flow; ``COMMON`` the errors every API 3.0 call can answer
(authentication, parameters, rate) and the SDK's local failures. "billed" is as the integration
guide states it: only a completed comparison is charged.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Code(NamedTuple):
    zh: str
    en: str
    action_zh: str
    action_en: str
    billed: bool = False


_RETRY_ZH, _RETRY_EN = "请稍后重试", "Try again later"
_RECORD_ZH = "请在光线充足处重新录制，正对镜头"
_RECORD_EN = "Record again in good light, facing the camera"
_PHOTO_ZH, _PHOTO_EN = "请换一张清晰的正面单人照片", "Use a clear, frontal photo of one person"
_CONSOLE_ZH = "请在腾讯云控制台检查账号与服务状态"
_CONSOLE_EN = "Check the account and the service in the Tencent Cloud console"

#: Pure API calls (CompareFaceLiveness, LivenessCompare): ``Result`` and error codes.
RESULTS: Final[dict[str, Code]] = {
    "Success": Code("活体检测通过，且为同一人", "Liveness passed and same person", "", "", True),
    "FailedOperation.CompareLowSimilarity": Code(
        "活体检测通过，但相似度未达到通过标准（低于 70）",
        "Liveness passed, but the similarity is below the pass mark (70)",
        "确认照片与视频是否为同一人",
        "Check that the photo and the video show the same person",
        True,
    ),
    "FailedOperation.ActionCloseEye": Code(
        "未检测到眨眼动作", "No blink detected", "请按提示眨眼", "Blink when asked"
    ),
    "FailedOperation.ActionFaceClose": Code(
        "脸离镜头太近", "Face too close to the camera", "请离远一些", "Move a little further away"
    ),
    "FailedOperation.ActionFaceFar": Code(
        "脸离镜头太远", "Face too far from the camera", "请靠近一些", "Move a little closer"
    ),
    "FailedOperation.ActionFaceLeft": Code(
        "脸偏左", "Face too far left", "请让脸位于画面中央", "Keep your face in the centre"
    ),
    "FailedOperation.ActionFaceRight": Code(
        "脸偏右", "Face too far right", "请让脸位于画面中央", "Keep your face in the centre"
    ),
    "FailedOperation.ActionFirstAction": Code(
        "未检测到第一个动作",
        "The first action was not detected",
        "请按顺序完成要求的动作",
        "Do the requested actions, in order",
    ),
    "FailedOperation.ActionLightDark": Code(
        "光线太暗", "Too dark", "请到光线充足处重新录制", "Record again in better light"
    ),
    "FailedOperation.ActionLightStrong": Code(
        "光线太强", "Too bright", "请避开强光重新录制", "Record again away from strong light"
    ),
    "FailedOperation.ActionNodetectFace": Code(
        "未检测到完整人脸", "No full face detected", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.ActionOpenMouth": Code(
        "未检测到张嘴动作",
        "No mouth opening detected",
        "请按提示张嘴",
        "Open your mouth when asked",
    ),
    "FailedOperation.CompareFail": Code("比对失败", "Comparison failed", _RETRY_ZH, _RETRY_EN),
    "FailedOperation.CompareSystemError": Code(
        "比对引擎出错", "Comparison engine error", _RETRY_ZH, _RETRY_EN
    ),
    "FailedOperation.DownLoadError": Code(
        "文件下载失败", "File download failed", _RETRY_ZH, _RETRY_EN
    ),
    "FailedOperation.DownLoadTimeoutError": Code(
        "文件下载超时", "File download timed out", _RETRY_ZH, _RETRY_EN
    ),
    "FailedOperation.LifePhotoDetectFaces": Code(
        "照片中检测到多张人脸", "Several faces in the photo", _PHOTO_ZH, _PHOTO_EN
    ),
    "FailedOperation.LifePhotoDetectFake": Code(
        "照片疑似翻拍或伪造",
        "The photo looks re-shot or fake",
        "请使用本人原始照片",
        "Use an original photo of the person",
    ),
    "FailedOperation.LifePhotoDetectNoFaces": Code(
        "照片中未检测到完整人脸", "No full face in the photo", _PHOTO_ZH, _PHOTO_EN
    ),
    "FailedOperation.LifePhotoPoorQuality": Code(
        "照片质量太差", "The photo's quality is too poor", _PHOTO_ZH, _PHOTO_EN
    ),
    "FailedOperation.LifePhotoSizeError": Code(
        "照片过大、过小或格式不对",
        "The photo is too large, too small or not a JPG/PNG",
        "请使用 3 MB 以内的 JPG 或 PNG 照片",
        "Use a JPG or PNG photo under 3 MB",
    ),
    "FailedOperation.LipFaceIncomplete": Code(
        "脸部未完整露出", "The face is not fully visible", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.LipMoveSmall": Code(
        "嘴唇动作幅度太小",
        "Lip movement too small",
        "请清晰地读出数字",
        "Read the digits clearly",
    ),
    "FailedOperation.LipNetFailed": Code(
        "视频获取失败", "Could not fetch the video", _RETRY_ZH, _RETRY_EN
    ),
    "FailedOperation.LipSizeError": Code(
        "视频为空或大小不合适",
        "The video is empty or of the wrong size",
        "请使用 8 MB 以内的 MP4 视频",
        "Use an MP4 video under 8 MB",
    ),
    "FailedOperation.LipVideoInvalid": Code(
        "视频格式有误",
        "The video format is not supported",
        "请使用 MP4、AVI 或 FLV 视频",
        "Use an MP4, AVI or FLV video",
    ),
    "FailedOperation.LipVideoQuaility": Code(
        "视频清晰度太低", "The video resolution is too low", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.LipVoiceDetect": Code(
        "未检测到声音",
        "No voice detected",
        "请录制有声视频并大声读出四位数字",
        "Record with sound and read the four digits aloud",
    ),
    "FailedOperation.LipVoiceLow": Code(
        "声音太小", "The voice is too quiet", "请大声读出数字", "Read the digits louder"
    ),
    "FailedOperation.LipVoiceRecognize": Code(
        "读出的数字与验证码不符",
        "The digits read do not match the code",
        "请重新获取验证码并准确读出",
        "Get a new code and read it exactly",
    ),
    "FailedOperation.LivessBestFrameError": Code(
        "无法从视频中提取最佳人脸帧",
        "No usable face frame in the video",
        _RECORD_ZH,
        _RECORD_EN,
    ),
    "FailedOperation.LivessDetectFail": Code(
        "活体检测未通过", "Liveness detection failed", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.LivessDetectFake": Code(
        "疑似非真人录制（翻拍或伪造）",
        "Suspected not a live person (replay or fake)",
        "请本人现场录制",
        "The person must record themselves, live",
    ),
    "FailedOperation.LivessSystemError": Code(
        "活体检测引擎出错", "Liveness engine error", _RETRY_ZH, _RETRY_EN
    ),
    "FailedOperation.LivessUnknownError": Code(
        "视频活体检测未通过", "Video liveness check failed", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentDetectFail": Code(
        "静默活体检测未通过", "Silent liveness failed", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentEyeLiveFail": Code(
        "眼部检测未通过", "Eye check failed", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentFaceDetectFail": Code(
        "视频中未检测到人脸", "No face in the video", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentFaceQualityFail": Code(
        "人脸质量太差", "Face quality too poor", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentFaceWithMaskFail": Code(
        "检测到口罩遮挡",
        "A mask covers the face",
        "请摘下口罩重新录制",
        "Remove the mask, record again",
    ),
    "FailedOperation.SilentMouthLiveFail": Code(
        "嘴部检测未通过", "Mouth check failed", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentMultiFaceFail": Code(
        "视频中检测到多张人脸",
        "Several faces in the video",
        "请确保画面中只有一人",
        "Only one person in the picture",
    ),
    "FailedOperation.SilentPictureLiveFail": Code(
        "视频疑似翻拍（屏幕或照片）",
        "The video looks like a replay of a screen or photo",
        "请本人现场录制",
        "The person must record themselves, live",
    ),
    "FailedOperation.SilentThreshold": Code(
        "静默活体未达到通过标准", "Silent liveness below the pass mark", _RECORD_ZH, _RECORD_EN
    ),
    "FailedOperation.SilentTooShort": Code(
        "视频太短（需 2 秒以上）",
        "The video is too short (2 s or more needed)",
        "请录制 2 秒以上的视频",
        "Record a video of at least 2 seconds",
    ),
    "FailedOperation.UnKnown": Code("内部未知错误", "Unknown internal error", _RETRY_ZH, _RETRY_EN),
    "UnauthorizedOperation.Arrears": Code(
        "账号已欠费", "The account is in arrears", "请为腾讯云账号充值", "Top up the account"
    ),
    "UnauthorizedOperation.NonAuthorize": Code(
        "账号未完成实名认证",
        "The account's identity is not verified",
        _CONSOLE_ZH,
        _CONSOLE_EN,
    ),
    "UnauthorizedOperation.Nonactivated": Code(
        "未开通此服务",
        "The service is not activated",
        "请在控制台开通人脸核身服务",
        "Activate the eKYC (faceid) service in the console",
    ),
}

#: The HTML5 verification flow's ``ErrorCode`` (GetWebVerificationResultIntl).
HTML5: Final[dict[int, Code]] = {
    0: Code("验证通过，且为同一人", "Verified: live and the same person", "", "", True),
    1001: Code("系统错误", "System error", _RETRY_ZH, _RETRY_EN),
    1004: Code(
        "活体检测与比对均未通过",
        "Liveness and comparison both failed",
        "请本人重新验证",
        "Verify again, in person",
    ),
    1301: Code(
        "真人检测未通过",
        "Real person detection failed",
        "请本人在光线充足处重试",
        "Try again in person, in good light",
    ),
    1302: Code(
        "真人检测未达到通过标准",
        "Below the liveness pass mark",
        "请本人在光线充足处重试",
        "Try again in person, in good light",
    ),
    1303: Code(
        "视频不足 2 秒", "Video shorter than 2 s", "请完整完成录制", "Complete the recording"
    ),
    1401: Code(
        "光线活体检测未通过",
        "Reflection (light) liveness failed",
        "请避开强光并保持屏幕亮度",
        "Avoid strong light; keep the screen bright",
    ),
    2001: Code("比对引擎出错", "Comparison engine error", _RETRY_ZH, _RETRY_EN),
    2004: Code(
        "比对照过大或过小", "The reference photo is too large or small", _PHOTO_ZH, _PHOTO_EN
    ),
    2010: Code("比对照中有多张人脸", "Several faces in the reference photo", _PHOTO_ZH, _PHOTO_EN),
    2011: Code(
        "真人比对未通过", "Real person comparison failed", "请本人重试", "Try again in person"
    ),
    2012: Code("未检测到完整人脸", "No full face", _RECORD_ZH, _RECORD_EN),
    2013: Code("比对照中未检测到人脸", "No face in the reference photo", _PHOTO_ZH, _PHOTO_EN),
    2014: Code("比对照分辨率太低", "Reference photo resolution too low", _PHOTO_ZH, _PHOTO_EN),
    2015: Code("比对失败", "Comparison failed", _PHOTO_ZH, _PHOTO_EN),
    2016: Code(
        "相似度未达到通过标准",
        "Similarity below the pass mark",
        "确认比对照与验证者是否为同一人",
        "Check that the reference photo shows the person verifying",
        True,
    ),
    -999: Code(
        "用户未完成验证（链接已过期）",
        "The verification was not finished (the link expired)",
        "请重新发起验证",
        "Start a new verification",
    ),
}

#: Errors any API 3.0 call can answer, and the SDK's local failures.
COMMON: Final[dict[str, Code]] = {
    "AuthFailure.SecretIdNotFound": Code(
        "SecretId 不存在",
        "The SecretId does not exist",
        "检查 TENCENTCLOUD_SECRET_ID（控制台“访问密钥”）",
        "Check TENCENTCLOUD_SECRET_ID (console: API keys)",
    ),
    "AuthFailure.SignatureFailure": Code(
        "签名错误",
        "Signature check failed",
        "检查 TENCENTCLOUD_SECRET_KEY 是否与 SecretId 配对",
        "Check that TENCENTCLOUD_SECRET_KEY belongs to the SecretId",
    ),
    "AuthFailure.SignatureExpire": Code(
        "签名已过期（本机时间与服务器相差超过 5 分钟）",
        "Signature expired (this machine's clock is over 5 minutes off)",
        "校准本机时间后重试",
        "Set this machine's clock right and retry",
    ),
    "AuthFailure.InvalidAuthorization": Code(
        "Authorization 请求头格式错误", "Malformed Authorization header", _RETRY_ZH, _RETRY_EN
    ),
    "AuthFailure.InvalidSecretId": Code(
        "SecretId 无效",
        "Invalid SecretId",
        "检查 TENCENTCLOUD_SECRET_ID",
        "Check TENCENTCLOUD_SECRET_ID",
    ),
    "AuthFailure.TokenFailure": Code(
        "临时凭证无效", "Invalid temporary token", "重新获取凭证", "Get new credentials"
    ),
    "AuthFailure.UnauthorizedOperation": Code(
        "该密钥无权调用此接口", "This key may not call the action", _CONSOLE_ZH, _CONSOLE_EN
    ),
    "InvalidAction": Code("接口不存在", "The action does not exist", "", ""),
    "NoSuchVersion": Code("接口版本不存在", "The API version does not exist", "", ""),
    "UnsupportedRegion": Code(
        "该地域不支持此接口",
        "The region does not support the action",
        "检查 EKYC_API3_REGION",
        "Check EKYC_API3_REGION",
    ),
    "UnsupportedOperation": Code("不支持的操作", "Unsupported operation", "", ""),
    "MissingParameter": Code("缺少参数", "A parameter is missing", "", ""),
    "InvalidParameter": Code("参数错误", "A parameter is malformed", "", ""),
    "InvalidParameterValue": Code("参数取值错误", "A parameter's value is not allowed", "", ""),
    "UnknownParameter": Code("未知参数", "Unknown parameter", "", ""),
    "RequestLimitExceeded": Code(
        "请求频率超限", "Too many requests", "请稍后重试", "Wait a moment and retry"
    ),
    "RequestSizeLimitExceeded": Code(
        "请求包过大", "The request is too large", "请缩小文件", "Use smaller files"
    ),
    "InternalError": Code("服务内部错误", "Internal error of the service", _RETRY_ZH, _RETRY_EN),
    "UnauthorizedOperation": Code("未授权操作", "Unauthorized operation", _CONSOLE_ZH, _CONSOLE_EN),
}


def entry(code: str | int) -> Code | None:
    """The entry of a pure API code, an HTML5 ErrorCode or a common error (``X.Y`` falls back
    to ``X``: upstream refines common codes, e.g. InvalidParameterValue.BizTokenExpired)."""
    if isinstance(code, int) or str(code).strip().lstrip("-").isdigit():
        return HTML5.get(int(code))
    text = str(code).strip()
    found = RESULTS.get(text) or COMMON.get(text)
    if found is None and "." in text:
        found = COMMON.get(text.split(".", 1)[0])
    return found


#: Sentences of the API 3.0 kinds' explanations: key -> {"zh": ..., "en": ...}.
PHRASES: Final[dict[str, dict[str, str]]] = {
    "pass": {"zh": "活体检测通过，且为同一人", "en": "Live, and the same person"},
    "low": {"zh": "活体检测通过，但不是同一人", "en": "Live, but not the same person"},
    "similarity": {
        "zh": "相似度 {value}（70 分对应误识率约 0.1%，80 分约 0.01%）",
        "en": "similarity {value} (70 ≈ 0.1 % false accepts, 80 ≈ 0.01 %)",
    },
    "best_frame": {"zh": "最佳帧：JPG 图片，{kb} KB", "en": "best frame: a JPG image, {kb} KB"},
    "best_frames": {"zh": "另有 {n} 张最佳帧", "en": "{n} more best frames"},
    "no_frame": {"zh": "未返回最佳帧", "en": "no best frame came back"},
    "billed": {"zh": "此次调用计费", "en": "this call is billed"},
    "not_billed": {"zh": "此次调用不计费", "en": "this call is not billed"},
    "unknown_result": {"zh": "未知结果 {code}", "en": "unknown result {code}"},
    "live_code": {"zh": "数字验证码：{digits}", "en": "Code to read aloud: {digits}"},
    "live_code_how": {
        "zh": "请录制 2-5 秒的视频，正对镜头清晰读出这四个数字，然后以 LIP 模式调用 "
        "liveness_compare 并填入此验证码",
        "en": "Record a 2-5 s video of yourself reading these four digits aloud, facing the "
        "camera, then run liveness_compare in LIP mode with this code",
    },
    "no_live_code": {"zh": "未返回验证码", "en": "no code came back"},
    "link": {"zh": "验证链接已生成", "en": "Verification link ready"},
    "link_open": {
        "zh": "请在手机上打开：{url}",
        "en": "Open it on a phone: {url}",
    },
    "link_token": {"zh": "BizToken：{token}", "en": "BizToken: {token}"},
    "link_valid": {
        "zh": "有效期 {minutes} 分钟（至 {until} UTC）",
        "en": "valid for {minutes} minutes (until {until} UTC)",
    },
    "pending": {"zh": "等待用户完成验证", "en": "Waiting for the user to finish"},
    "passed": {"zh": "验证通过：真人且为同一人", "en": "Verified: live and the same person"},
    "failed": {"zh": "验证未通过：{reason}", "en": "Not verified: {reason}"},
    "expired": {
        "zh": "用户未在有效期内完成验证",
        "en": "The user did not finish before the link expired",
    },
    "attempt": {
        "zh": "第 {n} 次尝试：{outcome}",
        "en": "attempt {n}: {outcome}",
    },
    "attempt_ok": {"zh": "通过", "en": "passed"},
    "extra": {"zh": "Extra：{extra}", "en": "Extra: {extra}"},
    "action_line": {"zh": "建议：{action}", "en": "What to do: {action}"},
}
