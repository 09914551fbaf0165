"""OCR: the document fields of the row's ``answer_fields``, as text, key fields first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..capabilities import Capability
from . import Kind
from .markdown import code, colon, field_label, t
from .reading import find, scalar_text


def normalise(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    """Each answer field as text; a field with an alias is looked up under both spellings and
    given under both (``curbWeight`` beside upstream's ``curbWeright``)."""
    data: dict[str, Any] = {}
    unparsed: list[Any] = []
    for name in cap.answer_fields:
        alias = cap.aliases.get(name)
        names = (alias, name) if alias else (name,)
        found, value = find(answer, *names)
        if not found or value is None:
            continue
        text = scalar_text(value)
        if text is None:
            unparsed.append({name: value})
            continue
        for spelling in names:
            data[spelling] = text
    return data, unparsed


def _order(cap: Capability, data: dict) -> list[str]:
    order: list[str] = []
    for name in (*cap.key_fields, *cap.answer_fields):
        if name not in order:
            order.append(name)
    for name, alias in cap.aliases.items():
        if name in order and name not in data:
            order.append(alias)  # only the upstream spelling came back
    return order


def explain(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    present = [name for name in _order(cap, data) if name in data]
    if not present:
        return f"⚠️ **{t('ocr_empty', lang, title=title)}**", []
    head = f"✅ **{t('ocr_ok', lang, title=title, n=len(present))}**"
    body = []
    for name in present:
        label = field_label(name, lang) or name
        value = data[name]
        if value is None or value == "":
            shown = t(cap.blank_means.get(name, "empty_value"), lang)
        else:
            shown = code(value)
        body.append(f"- **{label}**{colon(lang)}{shown}")
    return head, body


KIND = Kind(name="ocr", normalise=normalise, explain=explain)
