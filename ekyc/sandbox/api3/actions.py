"""The five actions: check the parameters as upstream does, then answer from the scripts.

Each handler takes the JSON parameters and returns the ``Response`` fields, or raises
``ApiError`` with upstream's code. Pure API failures of a known sample (no face, too short,
replayed, ...) are answers, in ``Result``, as upstream gives them; malformed requests are errors.
The parameter checks are in ``params``, the HTML5 flow's result in ``web_result``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from ...result import EXAMPLE_MARK
from . import answers
from .answers import SIMULATED
from .params import (
    LANGUAGES,
    URL,
    ApiError,
    best_frame_num,
    choice,
    decode,
    int_option,
    is_image,
    is_video,
    known,
    text,
    validate_data,
)
from .samples import Samples
from .state import Api3State
from .web_result import result_fields, sample_result


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
        image = decode(params, "ImageBase64", answers.IMAGE_LIMIT)
        video = decode(params, "VideoBase64", answers.VIDEO_LIMIT)
        if not is_image(image):
            return self._answer("FailedOperation.LifePhotoSizeError", 0.0)
        if not is_video(video):
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
        known(params, {"ImageBase64", "VideoBase64", "LivenessType", "ValidateData"})
        liveness_type = choice(params, "LivenessType", ("SILENT", "ACTION"))
        validate = text(params, "ValidateData", required=liveness_type == "ACTION")
        validate_data(liveness_type, validate)
        media = self._media(params)
        if isinstance(media, dict):
            return media
        return self._judge(*media, liveness_type)

    def liveness_compare(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        known(params, {"ImageBase64", "VideoBase64", "LivenessType", "ValidateData", "Optional"})
        liveness_type = choice(params, "LivenessType", ("LIP", "ACTION", "SILENT"))
        validate = text(params, "ValidateData", required=liveness_type != "SILENT")
        validate_data(liveness_type, validate)
        frames = best_frame_num(text(params, "Optional"))
        media = self._media(params)
        answer = media if isinstance(media, dict) else self._judge(*media, liveness_type)
        best = answer["BestFrameBase64"]
        answer["BestFrameList"] = [best] * frames if best and frames else None
        return answer

    def get_live_code(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        known(params, set())
        return {"LiveCode": "".join(secrets.choice("0123456789") for _ in range(4))}

    # ---- the HTML5 flow -------------------------------------------------------------------

    def apply_web_verification(self, secret_id: str, params: dict[str, Any]) -> dict[str, Any]:
        known(params, {"CompareImageBase64", "RedirectURL", "Extra", "Config"})
        config = params.get("Config") or {}
        if not isinstance(config, dict):
            raise ApiError("InvalidParameter", "`Config` must be an object.")
        check_mode = int_option(config, "CheckMode", 2, (1, 2, 3, 4))
        if check_mode in (1, 4):
            raise ApiError(
                "UnsupportedOperation", "CheckMode 1 and 4 (document OCR) are not emulated."
            )
        security_level = int_option(config, "SecurityLevel", 3, (1, 2, 3, 4))
        language = config.get("Language") or "en"
        if language not in LANGUAGES:
            raise ApiError("InvalidParameterValue", f"`Config.Language` is one of {LANGUAGES}.")
        image = decode(params, "CompareImageBase64", answers.COMPARE_IMAGE_LIMIT, check_mode == 2)
        if image and not is_image(image):
            raise ApiError("InvalidParameterValue", "`CompareImageBase64` is not a JPG or PNG.")
        redirect = text(params, "RedirectURL", required=True)
        if not URL.fullmatch(redirect):
            raise ApiError("InvalidParameterValue", "`RedirectURL` must be an http(s) URL.")
        extra = text(params, "Extra")
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
        known(params, {"BizToken"})
        value = text(params, "BizToken", required=True)
        if value == answers.SAMPLE_TOKEN:
            return sample_result(self.state.now(), self.samples)
        token = self.state.token(value)
        if token is None or token.secret_id != secret_id:
            raise ApiError("InvalidParameterValue", "The BizToken is unknown or has expired.")
        return result_fields(token, self.state.now(), self.samples)
