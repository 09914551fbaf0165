"""API 3.0 codes in words, and a failed API 3.0 exchange as a ``Result``."""

from __future__ import annotations

from .catalog import describe_error, language
from .catalog_api3 import Code, entry
from .result import SIMULATED_MARK, Result
from .transport import Reply

SANDBOX_REQUEST_ID = "sandbox-"


def code_entry(code: str | int) -> Code | None:
    """The catalogue entry of a pure API code, an HTML5 ErrorCode or a common error."""
    return entry(code)


def describe(code: str | int, upstream_msg: str = "", lang: str = "en") -> tuple[str, str, bool]:
    """``(message, suggested action, billed)`` in ``lang``; unknown codes say so plainly."""
    zh = language(lang) == "zh"
    entry = code_entry(code)
    if entry is not None:
        return (
            (entry.zh, entry.action_zh, entry.billed)
            if zh
            else (
                entry.en,
                entry.action_en,
                entry.billed,
            )
        )
    message, action = describe_error(str(code), upstream_msg, lang)
    return message, action, False


def is_simulated(reply: Reply) -> bool:
    """Whether an answer came from the bundled emulator (its marks are in the content)."""
    payload = reply.payload or {}
    request_id = str(payload.get("RequestId") or "")
    return request_id.startswith(SANDBOX_REQUEST_ID) or SIMULATED_MARK in reply.msg


def failure(reply: Reply, capability: str, lang: str = "en", sandbox: bool = False) -> Result:
    """A Result for an exchange that failed (upstream error or local pseudo-code)."""
    message, action, _ = describe(reply.code, reply.msg, lang)
    return Result(
        False,
        reply.code,
        f"{message} — {action}" if action else message,
        {},
        reply.raw,
        capability,
        "",
        sandbox or is_simulated(reply),
    )
