"""Masking of sensitive fields, in ``r.data`` and in the raw upstream JSON alike.

Which fields are sensitive is the capability row's ``sensitive_fields``; how each is masked is
``catalog.MASK_STYLE`` (names, addresses, dates, numbers).
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import capabilities, catalog
from .capabilities import Capability

_MAX_DEPTH = 64


def sensitive_fields(cap: Capability | str | None) -> frozenset[str]:
    """Lower-cased sensitive field names of ``cap``; those of every capability if unknown."""
    if isinstance(cap, str):
        cap = capabilities.BY_NAME.get(cap)
    if not isinstance(cap, Capability):
        return frozenset(f.lower() for c in capabilities.CAPABILITIES for f in c.sensitive_fields)
    return frozenset(f.lower() for f in cap.sensitive_fields)


def _style(field: str) -> str:
    styles = {k.lower(): v for k, v in catalog.MASK_STYLE.items()}
    return styles.get(field.lower(), "number")


def _mask_number(text: str) -> str:
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    count = len(positions)
    keep = min(catalog.NUMBER_KEEP, max(0, (count - 1) // 3))
    chars = list(text)
    for i in positions[keep : count - keep]:
        chars[i] = catalog.MASK_CHAR
    return "".join(chars)


def _mask_name(text: str) -> str:
    def word(match: re.Match) -> str:
        w = match.group(0)
        return w[0] + catalog.MASK_CHAR * (len(w) - 1) if len(w) > 1 else catalog.MASK_CHAR

    return re.sub(r"\S+", word, text)


def _mask_address(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return text
    keep = min(catalog.ADDRESS_KEEP, len(stripped) // 2)
    return stripped[:keep] + catalog.MASK_CHAR * 3


def _mask(field: str, value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        return catalog.MASK_CHAR * 3
    if value is None or isinstance(value, bool) or value == "":
        return value
    if isinstance(value, (int, float)):
        try:
            value = str(value)
        except ValueError:
            return catalog.MASK_CHAR * 3
    if isinstance(value, str):
        style = _style(field)
        if style == "name":
            return _mask_name(value)
        if style == "address":
            return _mask_address(value)
        if style == "date":
            return re.sub(r"\d", catalog.MASK_CHAR, value)
        return _mask_number(value)
    if isinstance(value, dict):
        return {k: _mask(field, v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_mask(field, v, depth + 1) for v in value]
    return catalog.MASK_CHAR * 3


def mask_value(field: str, value: str) -> str:
    """``value`` masked if ``field`` is a sensitive field of any capability, else unchanged.

    Numbers (ID, card, license, VIN, engine ...) keep a short head and tail
    (``110101199001011234`` → ``1101**********1234``); names keep the first character of each
    word (``样例测`` → ``样**``); addresses keep the first 6 characters, then ``***``.
    """
    if not isinstance(field, str) or field.lower() not in sensitive_fields(None):
        return value
    return _mask(field, value)


def _walk(node: Any, sensitive: frozenset[str], depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return catalog.MASK_CHAR * 3
    if isinstance(node, dict):
        return {
            k: (
                _mask(k, v)
                if isinstance(k, str) and k.lower() in sensitive
                else _walk(v, sensitive, depth + 1)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_walk(v, sensitive, depth + 1) for v in node]
    if isinstance(node, tuple):
        return tuple(_walk(v, sensitive, depth + 1) for v in node)
    if isinstance(node, str) and node.strip()[:1] in ("{", "["):
        try:
            parsed = json.loads(node)
        except (ValueError, RecursionError):
            return node
        masked = _walk(parsed, sensitive, depth + 1)
        if masked == parsed:
            return node
        try:
            return json.dumps(masked, ensure_ascii=False)
        except (ValueError, TypeError, RecursionError):
            return catalog.MASK_CHAR * 3
    return node


def mask_raw(capability: Capability | str, raw: Any) -> Any:
    """A copy of upstream JSON with the capability's sensitive fields masked wherever they sit.

    Walks any nesting (and JSON held in strings); other keys and values are left untouched.
    An unknown capability masks the sensitive fields of all capabilities.
    """
    sensitive = sensitive_fields(capability)
    if not sensitive:
        return raw
    return _walk(raw, sensitive, 0)


def mask_data(capability: Capability | str, data: dict) -> dict:
    """A copy of ``r.data`` with sensitive fields masked."""
    if not isinstance(data, dict):
        return {}
    masked = mask_raw(capability, data)
    return masked if isinstance(masked, dict) else {}


def has_sensitive(capability: Capability | str, data: dict) -> bool:
    """Whether ``data`` holds a non-empty value of a sensitive field."""
    sensitive = sensitive_fields(capability)
    return any(
        isinstance(k, str) and k.lower() in sensitive and v not in (None, "")
        for k, v in data.items()
    )
