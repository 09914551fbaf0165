"""Media labeling: a present / absent / not-recognised flag per requested label code, plus the
liveness and face-consistency statuses of a video.

``fileLabel`` comes in many shapes (objects, maps, "A14:1" strings, JSON inside strings); the
collector reads them all and keeps what it cannot read under ``unparsed``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import catalog
from ..capabilities import Capability
from ..labels import SEPARATORS, label_code
from . import Kind
from . import markdown as md
from .markdown import as_text, colon, t
from .reading import find, flag, maybe_json, scalar_text

_MAX_DEPTH = 12
_CODE_KEYS = ("labelCode", "code", "label", "labelId", "name", "key", "id")
_VALUE_KEYS = ("labelValue", "value", "result", "score", "status", "flag", "val")
_PAIR_SPLIT = re.compile(r"\s*([:=：])\s*")
_PAIR = re.compile(r"([^:=：]+)[:=：](.*)")
_LABELS = ("fileLabel", "fileLabels", "labels")


class _Labels:
    """Collects ``(code, value)`` pairs from any of the shapes ``fileLabel`` may take."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.unparsed: list[Any] = []

    def add(self, code: str, value: Any, piece: Any) -> None:
        read = flag(value)
        if read is None:
            self.pairs.append((code, ""))
            self.unparsed.append(piece)
        else:
            self.pairs.append((code, read))

    def collect(self, node: Any, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            self.unparsed.append(node)
        elif node is None or node == "":
            return
        elif isinstance(node, str):
            self._string(node, depth)
        elif isinstance(node, dict):
            self._object(node, depth)
        elif isinstance(node, (list, tuple)):
            self._array(node, depth)
        else:
            self.unparsed.append(node)

    def _string(self, node: str, depth: int) -> None:
        parsed = maybe_json(node)
        if parsed is not node:
            self.collect(parsed, depth + 1)
            return
        for piece in SEPARATORS.split(_PAIR_SPLIT.sub(r"\1", node)):
            if piece:
                self._string_piece(piece)

    def _string_piece(self, piece: str) -> None:
        match = _PAIR.fullmatch(piece)
        code = label_code(match.group(1)) if match else None
        if match is None or code is None:
            self.unparsed.append(piece)
            return
        self.add(code, match.group(2), piece)

    def _object(self, node: dict, depth: int) -> None:
        for key in _CODE_KEYS:
            code = label_code(node.get(key))
            if code is not None:
                for value_key in _VALUE_KEYS:
                    if value_key in node:
                        self.add(code, node[value_key], node)
                        return
                self.pairs.append((code, ""))
                self.unparsed.append(node)
                return
        wrapper = any(isinstance(v, (list, dict)) for v in node.values())
        if not wrapper and any(k in node for k in _CODE_KEYS + _VALUE_KEYS):
            self.unparsed.append(node)  # a label object without a readable code
            return
        for key, value in node.items():
            code = label_code(key)
            if code is not None:
                if isinstance(value, dict):
                    inner = [value[k] for k in _VALUE_KEYS if k in value]
                    self.add(code, inner[0] if inner else object(), {key: value})
                else:
                    self.add(code, value, {key: value})
            elif isinstance(value, (list, dict)) or (
                isinstance(value, str) and maybe_json(value) is not value
            ):
                self.collect(value, depth + 1)
            else:
                self.unparsed.append({key: value})

    def _array(self, node: list | tuple, depth: int) -> None:
        if self._pair(node):
            return
        for item in node:
            if isinstance(item, (list, tuple)) and self._pair(item):
                continue
            self.collect(item, depth + 1)

    def _pair(self, node: list | tuple) -> bool:
        if len(node) != 2:
            return False
        code = label_code(node[0])
        if code is None or isinstance(node[1], (list, dict, tuple)):
            return False
        self.add(code, node[1], list(node))
        return True


def _labels(found: bool, file_label: Any, requested: Sequence[str] | None) -> tuple[dict, list]:
    """Requested codes first, in request order, "" until the answer says otherwise."""
    labels: dict[str, str] = dict.fromkeys(requested or (), "")
    collector = _Labels()
    if found:
        collector.collect(file_label)
    seen: set[str] = set()
    for code, value in collector.pairs:
        if code not in seen or labels.get(code, "") == "":
            labels[code] = value
            seen.add(code)
        elif value not in ("", labels[code]):
            collector.unparsed.append({code: value})
    return labels, collector.unparsed


def _requested(requested: Sequence[str] | None) -> list[str]:
    order: list[str] = []
    for item in requested or ():
        code = label_code(item)
        if code is not None and code not in order:
            order.append(code)
    return order


def normalise(
    cap: Capability, answer: dict, requested: Sequence[str] | None
) -> tuple[dict[str, Any], list[Any]]:
    data: dict[str, Any] = {}
    found, value = find(answer, *_LABELS)
    data["labels"], unparsed = _labels(found, value, _requested(requested))
    for name in catalog.STATUSES:
        found, value = find(answer, name)
        if not found or value is None:
            continue
        read = flag(value)
        text = read if read is not None else scalar_text(value)
        if text is None:
            unparsed.append({name: value})
        else:
            data[name] = text.strip()
    return data, unparsed


def empty(cap: Capability, requested: Sequence[str] | None) -> dict[str, Any]:
    return {"labels": _labels(False, None, _requested(requested))[0]}


def explain(cap: Capability, data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    labels = data.get("labels")
    labels = labels if isinstance(labels, dict) else {}
    body: list[str] = []
    counts = {"1": 0, "0": 0, "": 0}
    for code, value in labels.items():
        key = value if value in ("1", "0") else ""
        counts[key] += 1
        entry = catalog.LABEL_VALUES[key]
        shown = code if label_code(code) == code else None
        names = catalog.LABELS.get(shown) if shown else None
        name = names[lang] if names else t("not_in_catalogue", lang)
        body.append(f"- {entry['icon']} {shown or md.code(code)} {name}{colon(lang)}{entry[lang]}")
    if not labels:
        head = f"⚠️ **{t('labels_none', lang)}**"
    elif counts[""]:
        head = f"⚠️ **{t('labels_retry', lang, n=counts[''])}**"
    else:
        head = f"✅ **{t('labels_ok', lang, present=counts['1'], absent=counts['0'])}**"
    for name, table in catalog.STATUSES.items():
        if name not in data:
            continue
        value = as_text(data[name])
        if value in ("1", "0"):
            meaning = table[value][lang]
        elif value == "":
            meaning = t("empty_value", lang)
        else:
            meaning = t("status_unknown", lang, value=md.code(data[name]))
        body.append(f"- {table['title'][lang]}{colon(lang)}{meaning}")
    return head, body


KIND = Kind(name="labeling", normalise=normalise, explain=explain, empty=empty)
