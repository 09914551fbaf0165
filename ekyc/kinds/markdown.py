"""Writing explanations: the Markdown helpers every kind's ``explain`` shares.

Values that came from upstream go through ``code`` (a code span that shows them literally) or
``escape``, so that they can never turn into Markdown or HTML.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .. import catalog

MAX_SHOWN = 200


def t(key: str, lang: str, **values: object) -> str:
    """A sentence of ``catalog.PHRASES`` in ``lang``, filled in."""
    text = catalog.PHRASES[key][lang]
    return text.format(**values) if values else text


def plain(value: Any) -> str:
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError, RecursionError):
            try:
                text = str(value)
            except Exception:
                text = "?"
    text = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def code(value: Any) -> str:
    """``value`` as a Markdown code span: shown literally, whatever it contains."""
    text = plain(value)
    if not text.strip():
        return '""'
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|~#])", r"\\\1", plain(text))


def as_text(value: Any) -> str | None:
    """A short string or whole number as text; None for anything else."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if abs(value) < 10**6 else None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value)) if abs(value) < 1e6 else None
    return None


def number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def parens(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def field_label(name: Any, lang: str) -> str | None:
    """A field's caption from ``catalog.FIELD_LABELS``, None when it has none."""
    if not isinstance(name, str):
        return None
    return catalog.FIELD_LABELS.get(name, {}).get(lang)
