"""The HTML5 verification flow's result (API 3.0 GetWebVerificationResultIntl): pending until the
user finishes on the phone, then the ErrorCode, each attempt, the similarity and the best frame."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..api3_result import describe
from ..capabilities import Capability
from . import Kind
from .api3_text import billing, frame_kb, say
from .markdown import escape, number, parens

PASSED, LOW_SIMILARITY, NOT_FINISHED = 0, 2016, -999


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _attempt(item: Any) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    return {
        "errorCode": _int(item.get("ErrorCode")),
        "livenessErrorCode": _int(item.get("LivenessErrorCode")),
        "compareErrorCode": _int(item.get("CompareErrorCode")),
        "similarity": _float(item.get("Similarity")),
        "reqTimestamp": _int(item.get("ReqTimestamp")),
        "seq": item.get("Seq") if isinstance(item.get("Seq"), str) else None,
    }


def status_of(error_code: int | None) -> str:
    """ "pending" | "passed" | "low_similarity" | "expired" | "failed"."""
    if error_code is None:
        return "pending"
    return {PASSED: "passed", LOW_SIMILARITY: "low_similarity", NOT_FINISHED: "expired"}.get(
        error_code, "failed"
    )


def normalise_result(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    unparsed: list[Any] = []
    raw_code = answer.get("ErrorCode")
    error_code = _int(raw_code)
    if raw_code is not None and error_code is None:
        unparsed.append({"ErrorCode": raw_code})
    attempts = []
    for item in answer.get("VerificationDetailList") or []:
        attempt = _attempt(item)
        if attempt is None:
            unparsed.append(item)
        else:
            attempts.append(attempt)
    scores = [a["similarity"] for a in attempts if a["similarity"] is not None]
    data: dict[str, Any] = {
        "status": status_of(error_code),
        "errorCode": error_code,
        "errorMsg": answer.get("ErrorMsg") if isinstance(answer.get("ErrorMsg"), str) else None,
        "similarity": scores[-1] if scores else None,
        "attempts": attempts,
        "bestFrameBase64": answer.get("BestFrameBase64") or None,
        "extra": answer.get("Extra") if isinstance(answer.get("Extra"), str) else "",
    }
    return data, unparsed


def _outcome(code_value: int | None, lang: str) -> str:
    if code_value == PASSED:
        return say("attempt_ok", lang)
    message = describe(code_value if code_value is not None else "", "", lang)[0]
    return f"{message}{parens(str(code_value), lang)}"


def explain_result(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    status, error_code = data.get("status"), data.get("errorCode")
    score = data.get("similarity")
    shown = parens(number(score), lang) if isinstance(score, (int, float)) else ""
    if status == "pending":
        return f"⏳ **{say('pending', lang)}**", []
    if status == "passed":
        head = f"✅ **{say('passed', lang)}**{shown}"
    elif status == "expired":
        head = f"⌛ **{say('expired', lang)}**"
    else:
        reason, _, _ = describe(error_code if error_code is not None else "", "", lang)
        head = f"❌ **{say('failed', lang, reason=reason)}**{shown}"
    body: list[str] = []
    if status not in ("passed", "expired"):
        action = describe(error_code if error_code is not None else "", "", lang)[1]
        if action:
            body.append(f"- {say('action_line', lang, action=action)}")
    for n, attempt in enumerate(data.get("attempts") or [], 1):
        body.append(f"- {say('attempt', lang, n=n, outcome=_outcome(attempt['errorCode'], lang))}")
    kb = frame_kb(data.get("bestFrameBase64"))
    if kb:
        body.append(f"- {say('best_frame', lang, kb=kb)}")
    if data.get("extra"):
        body.append(f"- {say('extra', lang, extra=escape(data['extra']))}")
    if error_code is not None:
        body.append(f"- {billing(error_code, lang)}")
    return head, body


KIND = Kind(name="verification_result", normalise=normalise_result, explain=explain_result)
