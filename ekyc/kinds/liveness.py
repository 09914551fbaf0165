"""Liveness: a risk level (1-3) and risk tags, read against the catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .. import catalog
from ..capabilities import Capability
from . import Kind
from .markdown import as_text, code, colon, t
from .reading import find, scalar_text

_TAG_SPLIT = re.compile(r"[,;|，；\s]+")


def _risk_level(value: Any) -> str | None:
    text = scalar_text(value)
    return None if text is None else text.strip()


def _tag_token(text: str) -> str:
    text = text.strip()
    return text.zfill(2) if text.isascii() and text.isdigit() and len(text) == 1 else text


def _risk_tag(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        parts = [_risk_tag(item) for item in value]
        if any(p is None for p in parts):
            return None
        return ",".join(p for p in parts if p)
    text = scalar_text(value)
    if text is None:
        return None
    return ",".join(_tag_token(t) for t in _TAG_SPLIT.split(text.strip()) if t)


# r.data name <- the names upstream may use, first is the documented one
_FIELDS: tuple[tuple[str, tuple[str, ...], Callable[[Any], str | None]], ...] = (
    ("riskLevel", ("livenessInfoLevel", "riskLevel", "level"), _risk_level),
    ("riskTag", ("livenessInfoTag", "riskTag", "tag"), _risk_tag),
)


def normalise(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    data: dict[str, Any] = {}
    unparsed: list[Any] = []
    for target, names, convert in _FIELDS:
        found, value = find(answer, *names)
        if not found or value is None:
            continue
        text = convert(value)
        if text is None:
            unparsed.append({names[0]: value})
        else:
            data[target] = text
    return data, unparsed


def _level_key(level: str) -> str:
    return str(int(level)) if level.isascii() and level.isdigit() and len(level) <= 3 else level


def _head(level: str | None, title: str, lang: str) -> tuple[str, list[str]]:
    if level is None or level == "":
        return f"⚠️ **{title}{colon(lang)}{t('no_level', lang)}**", []
    key = _level_key(level)
    if key not in catalog.RISK_LEVELS:
        return f"⚠️ **{title}{colon(lang)}{t('unknown_level', lang, level=code(level))}**", []
    meaning, advice = catalog.RISK_LEVELS[key][lang]
    icon = catalog.RISK_LEVEL_ICONS[key]
    head = f"{icon} **{title}{colon(lang)}{meaning}** — {t('advice', lang, advice=advice)}"
    return head, [f"- {t('risk_level_line', lang, level=key, meaning=meaning)}"]


def explain(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    head, body = _head(as_text(data.get("riskLevel")), title, lang)
    tag = data.get("riskTag")
    tags: list[Any] = []
    for item in tag if isinstance(tag, (list, tuple)) else [] if tag is None else [tag]:
        text = as_text(item)
        if text is None:
            tags.append(item)  # shown raw as an unknown tag
        else:
            tags += [part for part in _TAG_SPLIT.split(text) if part]
    if not tags:
        body.append(f"- {t('no_tag', lang)}")
    for item in tags:
        key = _tag_token(item) if isinstance(item, str) else None
        if key in catalog.RISK_TAGS:
            meaning = catalog.RISK_TAGS[key][lang]
            body.append(f"- {t('risk_tag_line', lang, tag=key, meaning=meaning)}")
        else:
            body.append(f"- {t('unknown_tag', lang, tag=code(item))}")
    return head, body


KIND = Kind(name="liveness", normalise=normalise, explain=explain)
