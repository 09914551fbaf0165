"""The five actions: check the parameters as upstream does, then answer from the scripts.

Each handler takes the JSON parameters and returns the ``Response`` fields, or raises
``ApiError`` with upstream's code. Pure API failures of a known sample (no face, too short,
replayed, ...) are answers, in ``Result``, as upstream gives them; malformed requests are errors.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from collections.abc import Callable
from typing import Any

from ...result import EXAMPLE_MARK
from . import answers
from .answers import SIMULATED
from .samples import Samples
from .state import Api3State, BizToken

ACTION_ORDER = re.compile(r"[1-4](,[1-4])?")
LIVE_CODE = re.compile(r"[0-9]{4}")
URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)
LANGUAGES = ("en", "zh-cn", "zh-tc", "th", "id")


class ApiError(Exception):
    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message or answers.ERRORS.get(code, code)


# ---- parameter checks ---------------------------------------------------------------------


def _known(params: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ApiError("UnknownParameter", f"The parameter `{unknown[0]}` is not recognised.")


def _text(params: dict[str, Any], name: str, required: bool = False) -> str:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise ApiError("MissingParameter", f"The parameter `{name}` is missing.")
        return ""
    if not isinstance(value, str):
        raise ApiError("InvalidParameter", f"The parameter `{name}` must be a string.")
    return value


def _decode(params: dict[str, Any], name: str, limit: int, required: bool = True) -> bytes:
    text = _text(params, name, required)
    if not text:
        return b""
    if len(text) > limit:
        raise ApiError(
            "InvalidParameterValue", f"`{name}` is larger than {limit // (1024 * 1024)} MB."
        )
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError("InvalidParameterValue", f"`{name}` is not valid base64.") from None


def _is_image(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))


def _is_video(data: bytes) -> bool:
    mp4 = data[4:8] == b"ftyp"
    avi = data[:4] == b"RIFF" and data[8:12] == b"AVI "
    return mp4 or avi or data.startswith(b"FLV")


def _choice(params: dict[str, Any], name: str, allowed: tuple[str, ...]) -> str:
    value = _text(params, name, required=True)
    if value not in allowed:
        raise ApiError("InvalidParameterValue", f"`{name}` must be one of {', '.join(allowed)}.")
    return value


def _validate_data(liveness_type: str, value: str) -> None:
    if liveness_type == "ACTION" and not ACTION_ORDER.fullmatch(value):
        raise ApiError(
            "InvalidParameterValue",
            "`ValidateData` for ACTION is one or two actions of 1-4 separated by a comma, "
            "e.g. 4,2.",
        )
    if liveness_type == "LIP" and not LIVE_CODE.fullmatch(value):
        raise ApiError(
            "InvalidParameterValue", "`ValidateData` for LIP is the 4-digit code of GetLiveCode."
        )


def _description(code: str, example: bool = False) -> str:
    if example:
        return (
            f"{EXAMPLE_MARK}: 这不是沙箱的样本，结果仅为示例 / not a bundled sample ({SIMULATED})"
        )
    zh, en = answers.DESCRIPTIONS.get(code, (code, code))
    return f"{zh} / {en} ({SIMULATED})"


# ---- the pure API calls -------------------------------------------------------------------


class Actions:
    def __init__(self, state: Api3State, samples: Samples, public_url: Callable[[], str]) -> None:
        self.state = state
        self.samples = samples
        self.public_url = public_url

    def handler(self, action: str) -> Callable[[str, dict[str, Any]], dict[str, Any]] | None:
        return {
            "CompareFaceLiveness": self.compare_face_liveness,
            "LivenessCompare": self.liveness_compare,
            "GetLiveCode": self.get_live_code,
            "ApplyWebVerificationBizTokenIntl": self.apply_web_verification,
            "GetWebVerificationResultIntl": self.get_web_verification_result,
        }.get(action)

    def _media(self, params: dict[str, Any]) -> tuple[str | None, str | None] | dict[str, Any]:
        """(photo sample, video sample); or a failure answer for a wrong size or format."""
        image = _decode(params, "ImageBase64", answers.IMAGE_LIMIT)
        video = _decode(params, "VideoBase64", answers.VIDEO_LIMIT)
        if not _is_image(image):
            return self._answer("FailedOperation.LifePhotoSizeError", 0.0)
        if not _is_video(video):
            return self._answer("FailedOperation.LipVideoInvalid", 0.0)
        return self.samples.find(image), self.samples.find(video)

    def _answer(
        self, code: str, sim: float, frame: str | None = None, example: bool = False
    ) -> dict[str, Any]:
        return {
            "Result": code,
            "Description": _description(code, example),
            "Sim": sim,
            "BestFrameBase64": self.samples.base64_of(frame),
        }

    def _judge(self, photo: str | None, video: str | None, liveness_type: str) -> dict[str, Any]:
        photo_script = answers.PHOTOS.get(photo or "")
        video_script = answers.VIDEOS.get(video or "")
        if photo_script and photo_script.error:
            return self._answer(photo_script.error, 0.0)
        failure = video_script.failures.get(liveness_type) if video_script else None
        if failure:
            return self._answer(failure, 0.0)
        if photo_script and video_script and photo_script.person and video_script.person:
            if photo_script.person == video_script.person:
                sim = answers.SIMILARITY["same_person"]
                return self._answer("Success", sim, video_script.best_frame)
            sim = answers.SIMILARITY["different_people"]
            code = "FailedOperation.CompareLowSimilarity"
            return self._answer(code, sim, video_script.best_frame)
        return self._answer("Success", answers.EXAMPLE_SIMILARITY, example=True)

    def compare_face_liveness(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        _known(params, {"ImageBase64", "VideoBase64", "LivenessType", "ValidateData"})
        liveness_type = _choice(params, "LivenessType", ("SILENT", "ACTION"))
        validate = _text(params, "ValidateData", required=liveness_type == "ACTION")
        _validate_data(liveness_type, validate)
        media = self._media(params)
        if isinstance(media, dict):
            return media
        return self._judge(*media, liveness_type)

    def liveness_compare(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        _known(params, {"ImageBase64", "VideoBase64", "LivenessType", "ValidateData", "Optional"})
        liveness_type = _choice(params, "LivenessType", ("LIP", "ACTION", "SILENT"))
        validate = _text(params, "ValidateData", required=liveness_type != "SILENT")
        _validate_data(liveness_type, validate)
        frames = _best_frame_num(_text(params, "Optional"))
        media = self._media(params)
        answer = media if isinstance(media, dict) else self._judge(*media, liveness_type)
        best = answer["BestFrameBase64"]
        answer["BestFrameList"] = [best] * frames if best and frames else None
        return answer

    def get_live_code(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        _known(params, set())
        return {"LiveCode": "".join(secrets.choice("0123456789") for _ in range(4))}

    # ---- the HTML5 flow -------------------------------------------------------------------

    def apply_web_verification(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        _known(params, {"CompareImageBase64", "RedirectURL", "Extra", "Config"})
        config = params.get("Config") or {}
        if not isinstance(config, dict):
            raise ApiError("InvalidParameter", "`Config` must be an object.")
        check_mode = _int_option(config, "CheckMode", 2, (1, 2, 3, 4))
        if check_mode in (1, 4):
            raise ApiError(
                "UnsupportedOperation", "CheckMode 1 and 4 (document OCR) are not emulated."
            )
        security_level = _int_option(config, "SecurityLevel", 3, (1, 2, 3, 4))
        language = config.get("Language") or "en"
        if language not in LANGUAGES:
            raise ApiError("InvalidParameterValue", f"`Config.Language` is one of {LANGUAGES}.")
        image = _decode(params, "CompareImageBase64", answers.COMPARE_IMAGE_LIMIT, check_mode == 2)
        if image and not _is_image(image):
            raise ApiError("InvalidParameterValue", "`CompareImageBase64` is not a JPG or PNG.")
        redirect = _text(params, "RedirectURL", required=True)
        if not URL.fullmatch(redirect):
            raise ApiError("InvalidParameterValue", "`RedirectURL` must be an http(s) URL.")
        extra = _text(params, "Extra")
        if len(extra) > answers.EXTRA_LIMIT:
            raise ApiError("InvalidParameterValue", "`Extra` is longer than 1000 characters.")
        token = self.state.new_token(
            secret_id,
            redirect_url=redirect,
            extra=extra,
            check_mode=check_mode,
            security_level=security_level,
            language=language,
            photo=self.samples.find(image) if image else None,
        )
        url = f"{self.public_url()}/faceid-h5/verify?token={token.value}"
        return {"BizToken": token.value, "VerificationURL": url}

    def get_web_verification_result(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        _known(params, {"BizToken"})
        value = _text(params, "BizToken", required=True)
        if value == answers.SAMPLE_TOKEN:
            return self._sample_result()
        token = self.state.token(value)
        if token is None or token.secret_id != secret_id:
            raise ApiError("InvalidParameterValue", "The BizToken is unknown or has expired.")
        return result_fields(token, self.state.now(), self.samples)

    def _sample_result(self) -> dict[str, Any]:
        now = self.state.now()
        attempt = {
            "ErrorCode": 0,
            "ErrorMsg": _html5_msg(0, False),
            "LivenessErrorCode": 0,
            "LivenessErrorMsg": _html5_msg(0, False),
            "CompareErrorCode": 0,
            "CompareErrorMsg": _html5_msg(0, False),
            "ReqTimestamp": int((now - 60) * 1000),
            "Similarity": answers.SIMILARITY["same_person"],
            "Seq": "sandbox-sample",
        }
        return {
            "ErrorCode": 0,
            "ErrorMsg": _html5_msg(0, False),
            "VerificationDetailList": [attempt],
            "VideoBase64": None,
            "BestFrameBase64": self.samples.base64_of(answers.SAMPLE_TOKEN_FRAME),
            "Extra": "",
        }


def result_fields(token: BizToken, now: float, samples: Samples) -> dict[str, Any]:
    """What GetWebVerificationResultIntl answers for a token at ``now``."""
    final = token.final
    code: int | None = final.error_code if final else None
    if final is None and now >= token.expires_at:
        code = -999  # the token expired before the user finished
    zh_msg = token.language.startswith("zh")
    details = []
    for attempt in token.attempts:
        details.append(
            {
                "ErrorCode": attempt.error_code,
                "ErrorMsg": _html5_msg(attempt.error_code, zh_msg),
                "LivenessErrorCode": attempt.liveness_code,
                "LivenessErrorMsg": _html5_msg(attempt.liveness_code, zh_msg),
                "CompareErrorCode": attempt.compare_code,
                "CompareErrorMsg": _html5_msg(attempt.compare_code, zh_msg),
                "ReqTimestamp": int(attempt.at * 1000),
                "Similarity": attempt.similarity,
                "Seq": attempt.seq,
            }
        )
    passed = final is not None and final.error_code == 0
    return {
        "ErrorCode": code,
        "ErrorMsg": _html5_msg(code, zh_msg),
        "VerificationDetailList": details,
        "VideoBase64": None,
        "BestFrameBase64": samples.sandbox_frame() if passed else None,
        "Extra": token.extra,
    }


def _html5_msg(code: int | None, zh: bool) -> str | None:
    if code is None:
        return None
    zh_text, en_text, _ = answers.HTML5_CODES.get(code, ("未知错误", "Unknown error", ""))
    return f"{zh_text if zh else en_text} ({SIMULATED})"


def _int_option(config: dict[str, Any], name: str, default: int, allowed: tuple[int, ...]) -> int:
    value = config.get(name, default)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
        raise ApiError("InvalidParameterValue", f"`Config.{name}` is one of {allowed}.")
    return value


def _best_frame_num(optional: str) -> int:
    if not optional:
        return 0
    try:
        value = json.loads(optional).get("BestFrameNum", 0)
    except (ValueError, AttributeError):
        raise ApiError("InvalidParameterValue", "`Optional` must be a JSON object.") from None
    if not isinstance(value, int) or isinstance(value, bool) or not 2 <= value <= 10:
        raise ApiError("InvalidParameterValue", "`Optional.BestFrameNum` is 2 to 10.")
    return value
