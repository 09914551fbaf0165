"""What GetWebVerificationResultIntl answers: a token's attempts, or the sample token's pass.

The page records the attempts on the token (``state``); this only reads them.
"""

from __future__ import annotations

from typing import Any

from . import answers
from .answers import SIMULATED
from .samples import Samples
from .state import BizToken


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
                "ErrorMsg": html5_message(attempt.error_code, zh_msg),
                "LivenessErrorCode": attempt.liveness_code,
                "LivenessErrorMsg": html5_message(attempt.liveness_code, zh_msg),
                "CompareErrorCode": attempt.compare_code,
                "CompareErrorMsg": html5_message(attempt.compare_code, zh_msg),
                "ReqTimestamp": int(attempt.at * 1000),
                "Similarity": attempt.similarity,
                "Seq": attempt.seq,
            }
        )
    passed = final is not None and final.error_code == 0
    return {
        "ErrorCode": code,
        "ErrorMsg": html5_message(code, zh_msg),
        "VerificationDetailList": details,
        "VideoBase64": None,
        "BestFrameBase64": samples.sandbox_frame() if passed else None,
        "Extra": token.extra,
    }


def html5_message(code: int | None, zh: bool) -> str | None:
    if code is None:
        return None
    zh_text, en_text, _ = answers.HTML5_CODES.get(code, ("未知错误", "Unknown error", ""))
    return f"{zh_text if zh else en_text} ({SIMULATED})"


def sample_result(now: float, samples: Samples) -> dict[str, Any]:
    """What GetWebVerificationResultIntl answers for the documented sample BizToken."""
    attempt = {
        "ErrorCode": 0,
        "ErrorMsg": html5_message(0, False),
        "LivenessErrorCode": 0,
        "LivenessErrorMsg": html5_message(0, False),
        "CompareErrorCode": 0,
        "CompareErrorMsg": html5_message(0, False),
        "ReqTimestamp": int((now - 60) * 1000),
        "Similarity": answers.SIMILARITY["same_person"],
        "Seq": "sandbox-sample",
    }
    return {
        "ErrorCode": 0,
        "ErrorMsg": html5_message(0, False),
        "VerificationDetailList": [attempt],
        "VideoBase64": None,
        "BestFrameBase64": samples.base64_of(answers.SAMPLE_TOKEN_FRAME),
        "Extra": "",
    }
