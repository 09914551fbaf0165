"""Liveness plus face comparison in one call (API 3.0): a result code, a similarity, best frames.

Upstream's ``Result`` is "Success" (live, same person) or "FailedOperation.CompareLowSimilarity"
(live, not the same person): both billed, both answers. Its other ``FailedOperation`` codes are
failures, which the API 3.0 protocol turns into failed replies before they reach a kind. The
sandbox's answer about a file that is not one of its samples comes as ``Result.example`` and is
explained as an example (``ekyc.explain``), never as a verdict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..api3_result import describe
from ..capabilities import Capability
from . import Kind
from .api3_text import billing, frame_kb, say
from .markdown import code, colon, number, parens

SUCCESS = "Success"
LOW_SIMILARITY = "FailedOperation.CompareLowSimilarity"


def _similarity(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        score = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return score if math.isfinite(score) and 0 <= score <= 100 else None


def normalise(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    data: dict[str, Any] = {}
    unparsed: list[Any] = []
    result = answer.get("Result")
    if isinstance(result, str):
        data["result"] = result
    elif result is not None:
        unparsed.append({"Result": result})
    if "Sim" in answer:
        data["similarity"] = _similarity(answer["Sim"])
        if data["similarity"] is None and answer["Sim"] is not None:
            unparsed.append({"Sim": answer["Sim"]})
    frame = answer.get("BestFrameBase64")
    data["bestFrameBase64"] = frame if isinstance(frame, str) and frame else None
    frames = answer.get("BestFrameList")
    if isinstance(frames, list):
        data["bestFrameList"] = [f for f in frames if isinstance(f, str) and f]
    description = answer.get("Description")
    if isinstance(description, str):
        data["description"] = description
    return data, unparsed


def explain(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    score = data.get("similarity")
    shown = number(score) if isinstance(score, (int, float)) else "?"
    result = data.get("result")
    if result == SUCCESS:
        head = f"✅ **{say('pass', lang)}**{parens(shown, lang)}"
    elif result == LOW_SIMILARITY:
        head = f"❌ **{say('low', lang)}**{parens(shown, lang)}"
    else:
        message, action, _ = describe(str(result), "", lang)
        head = f"⚠️ **{title}{colon(lang)}{say('unknown_result', lang, code=code(result))}**"
        return head, [f"- {message}"] + ([f"- {action}"] if action else [])
    body = [f"- {say('similarity', lang, value=shown)}"]
    kb = frame_kb(data.get("bestFrameBase64"))
    body.append(f"- {say('best_frame', lang, kb=kb) if kb else say('no_frame', lang)}")
    more = data.get("bestFrameList") or []
    if more:
        body.append(f"- {say('best_frames', lang, n=len(more))}")
    body.append(f"- {billing(result, lang)}")
    return head, body


KIND = Kind(name="face_liveness", normalise=normalise, explain=explain)
