"""What the emulator sends back: replies, upstream's envelope, and refusals with their codes."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any, NoReturn

from . import codes

JSON_TYPE = "application/json;charset=UTF-8"
AUTH_MESSAGE = "请求成功（沙箱）/ success (sandbox)"
_BEIJING = 8 * 3600


def stamp(t: float) -> str:
    """``YYYYMMDDHHMMSS`` in Beijing time, as upstream writes transactionTime and expire_time."""
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(t + _BEIJING))


@dataclass
class Reply:
    status: int
    body: bytes
    code: str = ""
    content_type: str = JSON_TYPE
    close: bool = False


def json_reply(payload: dict[str, Any], status: int = 200) -> Reply:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, str(payload.get("code", "")))


def envelope(now: float, code: str, msg: str, **extra: Any) -> dict[str, Any]:
    """Upstream's answer envelope: code, msg, a 32-digit bizSeqNo and the transaction time."""
    bizseq = "".join(secrets.choice("0123456789") for _ in range(32))
    return {"code": code, "msg": msg, "bizSeqNo": bizseq, "transactionTime": stamp(now), **extra}


class Refusal(Exception):
    def __init__(self, code: str, detail: str = "", status: int = 200) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.status = status


@dataclass
class Context:
    """Which code family a refusal belongs to, and the orderNo to echo once known."""

    key_set: str  # "A" | "B"
    timestamped: bool = False  # the host's signatures cover unixTimeStamp (Key B)
    family: str | None = None  # "face" | "ocr" | "label" for calls
    order_no: str | None = None

    def refuse(self, check: str, detail: str = "", *specific: str, status: int = 200) -> NoReturn:
        keys = (*specific, *((self.family,) if self.family else ()), self.key_set)
        raise Refusal(codes.refusal_code(check, *keys), detail, status)
