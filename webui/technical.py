"""The "technical details" box: always a JSON object (or nothing), whatever upstream sent.

Gradio's JSON output parses a string it is given and fails the whole event ("Invalid JSON
string") when the string is not JSON, so a proxy's HTML page, a cut answer or a dropped
connection would hide the explanation too. Anything that is not a JSON object is wrapped in one
that says what came back, beside the code and message the explanation was made from.
"""

from __future__ import annotations

import json
from typing import Any

from ekyc import Result


def technical_details(result: Result, raw: Any) -> dict[str, Any] | None:
    """``raw`` (upstream's answer, possibly masked) as a JSON-serialisable object or None."""
    if isinstance(raw, dict) and _serialisable(raw):
        return raw
    details: dict[str, Any] = {"code": result.code, "message": result.message}
    if result.order_no:
        details["orderNo"] = result.order_no
    if raw is None:
        details["answer"] = None  # nothing came back: the connection failed or timed out
    elif isinstance(raw, str):
        details["answer"] = raw  # a text answer (an HTML page's text, a description)
    elif _serialisable(raw):
        details["answer"] = raw  # a JSON value that is not an object
    else:
        details["answer"] = f"(a {type(raw).__name__}, not shown)"
    return details


def _serialisable(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True
