"""A lip-reading code (API 3.0 GetLiveCode): four digits for the user to read aloud on video."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..capabilities import Capability
from . import Kind
from .api3_text import say
from .markdown import colon

DIGITS = re.compile(r"[0-9]{4}")


def normalise(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    code = answer.get("LiveCode")
    if isinstance(code, str) and DIGITS.fullmatch(code):
        return {"liveCode": code}, []
    return {}, [] if code is None else [{"LiveCode": code}]


def explain(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    digits = data.get("liveCode")
    if not digits:
        return f"⚠️ **{title}{colon(lang)}{say('no_live_code', lang)}**", []
    spaced = " ".join(digits)
    return f"✅ **{say('live_code', lang, digits=spaced)}**", [f"- {say('live_code_how', lang)}"]


KIND = Kind(name="live_code", normalise=normalise, explain=explain)
