"""The API 3.0 kinds' sentences (``catalog_api3.PHRASES``) and code descriptions, in a language."""

from __future__ import annotations

from .. import catalog_api3
from ..api3_result import describe


def say(key: str, lang: str, **values: object) -> str:
    text = catalog_api3.PHRASES[key]["zh" if lang == "zh" else "en"]
    return text.format(**values) if values else text


def billing(code: str | int, lang: str) -> str:
    """ "this call is (not) billed", as the integration guide states for ``code``."""
    return say("billed" if describe(code, "", lang)[2] else "not_billed", lang)


def frame_kb(b64: object) -> int | None:
    """Size in KB of a base64 JPEG, None when there is none."""
    if not isinstance(b64, str) or not b64:
        return None
    return max(1, round(len(b64) * 3 / 4 / 1024))
