"""Reading upstream values: the tolerant conversions every kind's ``normalise`` shares.

None of these raises on JSON-ish input: a value they cannot read comes back as None.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..result import lookup

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def maybe_json(text: str) -> Any:
    """The parsed value of a JSON object/array/string held in ``text``, else the text itself."""
    stripped = text.strip()
    if stripped[:1] in ("{", "[", '"'):
        try:
            return json.loads(stripped)
        except (ValueError, RecursionError):
            return text
    return text


def find(answer: dict, *names: str) -> tuple[bool, Any]:
    """First of ``names`` present at the top level or inside ``result`` (top level first)."""
    inner = answer.get("result")
    for name in names:
        if name in answer or (isinstance(inner, dict) and name in inner):
            return True, lookup(answer, name)
    return False, None


def scalar_text(value: Any) -> str | None:
    """A string for a string or number (not bool); None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # beyond the int-to-str digit limit
            return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    return None


def flag(value: Any) -> str | None:
    """A label or status value as "1", "0" or ""; None when it is none of them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        if value == 1:
            return "1"
        if value == 0:
            return "0"
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "1", "0"):
            return text
        if text in ("true", "false"):
            return "1" if text == "true" else "0"
        if NUMBER.fullmatch(text):
            try:
                number = float(text)
            except ValueError:
                return None
            if number in (0.0, 1.0):
                return str(int(number))
    return None
