"""The HTML5 verification flow's first step (API 3.0 ApplyWebVerificationBizTokenIntl): a link
for the phone, its BizToken and when the token expires."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ..capabilities import Capability
from . import Kind
from .api3_text import say
from .markdown import code, colon

TOKEN_LIFETIME = 600  # s a BizToken is valid (the SDK's documents: 10 minutes)


def normalise_link(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    token, url = answer.get("BizToken"), answer.get("VerificationURL")
    if not (isinstance(token, str) and token and isinstance(url, str) and url):
        return {}, [{"BizToken": token, "VerificationURL": url}]
    return {
        "bizToken": token,
        "verificationUrl": url,
        "expiresAt": time.time() + TOKEN_LIFETIME,
    }, []


def explain_link(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    url, token = data.get("verificationUrl"), data.get("bizToken")
    if not url or not token:
        return f"⚠️ **{title}{colon(lang)}?**", []
    until = time.strftime("%H:%M:%S", time.gmtime(float(data.get("expiresAt") or 0)))
    return f"✅ **{say('link', lang)}**", [
        f"- {say('link_open', lang, url=code(url))}",
        f"- {say('link_token', lang, token=code(token))}",
        f"- {say('link_valid', lang, minutes=TOKEN_LIFETIME // 60, until=until)}",
    ]


KIND = Kind(name="verification_link", normalise=normalise_link, explain=explain_link)
