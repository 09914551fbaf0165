"""Face comparison: a similarity score out of 100, read against the catalogue's bands."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .. import catalog
from ..capabilities import Capability
from . import Kind
from .markdown import code, colon, number, parens, t
from .reading import NUMBER, find


def _similarity(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            score = float(value)
        except OverflowError:
            return None
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not NUMBER.fullmatch(text):
            return None
        score = float(text)
    else:
        return None
    if not math.isfinite(score) or not 0.0 <= score <= 100.0:
        return None
    return score


def normalise(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    data: dict[str, Any] = {}
    found, value = find(answer, "similarity")
    if found:
        data["similarity"] = _similarity(value)
        if data["similarity"] is None:
            data["similarity_raw"] = value
    return data, []


def explain(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    score = data.get("similarity")
    valid = False
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        try:
            score = float(score)
        except OverflowError:
            pass
        else:
            valid = math.isfinite(score) and 0 <= score <= 100
    if not valid:
        head = f"⚠️ **{title}{colon(lang)}{t('no_similarity', lang)}**"
        raw = data.get("similarity_raw", score)
        body = [f"- {t('raw_value', lang, value=code(raw))}"] if raw is not None else []
        return head, body
    band = next(b for b in catalog.SIMILARITY_BANDS if b["min"] is None or score >= b["min"])
    verdict, detail = band[lang]
    shown = number(score)
    if lang == "en":
        verdict = verdict[0].upper() + verdict[1:]
    head = f"{band['icon']} **{verdict}**{parens(t('similarity', lang, value=shown), lang)}"
    body = [
        f"- {t('similarity_line', lang, value=shown)}",
        f"- {detail}",
        f"- {t('thresholds', lang)}",
    ]
    return head, body


KIND = Kind(name="compare", normalise=normalise, explain=explain)
