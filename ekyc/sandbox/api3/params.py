"""The parameters of an API 3.0 action, checked as upstream checks them.

Each check raises ``ApiError`` with upstream's code (``MissingParameter``, ``InvalidParameter``,
``InvalidParameterValue``, ``UnknownParameter``) and a message naming the parameter, so that a
client mistake shows here as it would against the real service.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from . import answers

ACTION_ORDER = re.compile(r"[1-4](,[1-4])?")
LIVE_CODE = re.compile(r"[0-9]{4}")
URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)
LANGUAGES = ("en", "zh-cn", "zh-tc", "th", "id")


class ApiError(Exception):
    """A refusal with upstream's error code, answered as the ``Error`` of a ``Response``."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message or answers.ERRORS.get(code, code)


def known(params: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ApiError("UnknownParameter", f"The parameter `{unknown[0]}` is not recognised.")


def text(params: dict[str, Any], name: str, required: bool = False) -> str:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise ApiError("MissingParameter", f"The parameter `{name}` is missing.")
        return ""
    if not isinstance(value, str):
        raise ApiError("InvalidParameter", f"The parameter `{name}` must be a string.")
    return value


def decode(params: dict[str, Any], name: str, limit: int, required: bool = True) -> bytes:
    value = text(params, name, required)
    if not value:
        return b""
    if len(value) > limit:
        raise ApiError(
            "InvalidParameterValue", f"`{name}` is larger than {limit // (1024 * 1024)} MB."
        )
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError("InvalidParameterValue", f"`{name}` is not valid base64.") from None


def is_image(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))


def is_video(data: bytes) -> bool:
    mp4 = data[4:8] == b"ftyp"
    avi = data[:4] == b"RIFF" and data[8:12] == b"AVI "
    return mp4 or avi or data.startswith(b"FLV")


def choice(params: dict[str, Any], name: str, allowed: tuple[str, ...]) -> str:
    value = text(params, name, required=True)
    if value not in allowed:
        raise ApiError("InvalidParameterValue", f"`{name}` must be one of {', '.join(allowed)}.")
    return value


def validate_data(liveness_type: str, value: str) -> None:
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


def int_option(config: dict[str, Any], name: str, default: int, allowed: tuple[int, ...]) -> int:
    value = config.get(name, default)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
        raise ApiError("InvalidParameterValue", f"`Config.{name}` is one of {allowed}.")
    return value


def best_frame_num(optional: str) -> int:
    if not optional:
        return 0
    try:
        value = json.loads(optional).get("BestFrameNum", 0)
    except (ValueError, AttributeError):
        raise ApiError("InvalidParameterValue", "`Optional` must be a JSON object.") from None
    if not isinstance(value, int) or isinstance(value, bool) or not 2 <= value <= 10:
        raise ApiError("InvalidParameterValue", "`Optional.BestFrameNum` is 2 to 10.")
    return value
