"""API 3.0 codes in words, and whether an answer came from the bundled emulator."""

from __future__ import annotations

from .catalog import describe_error, language
from .catalog_api3 import entry
from .result import SIMULATED_MARK
from .transport import Reply

SANDBOX_REQUEST_ID = "sandbox-"


def describe(code: str | int, upstream_msg: str = "", lang: str = "en") -> tuple[str, str, bool]:
    """``(message, suggested action, billed)`` in ``lang``; unknown codes say so plainly."""
    found = entry(code)
    if found is None:
        message, action = describe_error(str(code), upstream_msg, lang)
        return message, action, False
    if language(lang) == "zh":
        return found.zh, found.action_zh, found.billed
    return found.en, found.action_en, found.billed


def is_simulated(reply: Reply) -> bool:
    """Whether an answer came from the bundled emulator (its marks are in the content)."""
    payload = reply.payload or {}
    request_id = str(payload.get("RequestId") or "")
    return request_id.startswith(SANDBOX_REQUEST_ID) or SIMULATED_MARK in reply.msg
