"""Pure parsing: the labels argument in, upstream answers out (``r.data`` of DESIGN.md).

``parse_labels`` refuses anything but 1-5 known label codes with a ``LabelError``.
``normalise`` never raises on JSON-ish input: what it cannot read goes under ``unparsed``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from . import capabilities, catalog
from .errors import LabelError
from .result import lookup

# ---------------------------------------------------------------------------------------------
# Labels argument
# ---------------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[,;，；、\s]+")
_CODE = re.compile(r"[A-Z][0-9]{2}")
_TOKEN = re.compile(r"[A-Z0-9]+")


def _short(token: object, limit: int = 24) -> str:
    text = repr(token)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _valid_codes() -> str:
    return ", ".join(catalog.LABEL_CODES)


def _norm_token(token: str) -> str:
    return unicodedata.normalize("NFKC", token).strip().upper()


def _check_token(token: str) -> str:
    code = _norm_token(token)
    if not _TOKEN.fullmatch(code):
        raise LabelError(
            f"label {_short(token)} contains characters not allowed in a label code; "
            f"use codes such as A14,B03 (valid: {_valid_codes()})",
            zh=f"标签 {_short(token)} 含有不允许的字符，请使用 A14,B03 这样的代码"
            f"（可用：{_valid_codes()}）",
        )
    if not _CODE.fullmatch(code):
        raise LabelError(
            f"malformed label {_short(token)}: a code is a letter and two digits such as A14 "
            f"(valid: {_valid_codes()})",
            zh=f"标签 {_short(token)} 格式错误：应为一个字母加两位数字，如 A14"
            f"（可用：{_valid_codes()}）",
        )
    if code not in catalog.LABELS:
        raise LabelError(
            f"unknown label code {_short(token)} (valid: {_valid_codes()})",
            zh=f"未知的标签代码 {_short(token)}（可用：{_valid_codes()}）",
        )
    return code


def parse_labels(labels: str | list[str] | tuple[str, ...]) -> list[str]:
    """1 to 5 known label codes, upper-cased, de-duplicated, in the order given.

    Accepts ``"A14,B03"``, ``"a14; b03"``, ``"A14 B03"``, ``"A14，B03"`` or a list/tuple of codes.
    Raises ``LabelError`` naming the bad token otherwise.
    """
    if isinstance(labels, str):
        tokens = [t for t in _SEPARATORS.split(labels) if t]
    elif isinstance(labels, (list, tuple)):
        tokens = []
        for item in labels:
            if not isinstance(item, str):
                raise LabelError(
                    f"each label must be a code string such as 'A14', not {_short(item)} "
                    f"(valid: {_valid_codes()})"
                )
            if item.strip():
                tokens.append(item)
    else:
        raise LabelError(
            "labels must be a string such as 'A14,B03' or a list of codes, "
            f"not {type(labels).__name__} (valid: {_valid_codes()})"
        )
    codes: list[str] = []
    for token in tokens:
        code = _check_token(token)
        if code not in codes:
            codes.append(code)
    if not codes:
        raise LabelError(
            f"choose at least one label (valid: {_valid_codes()})",
            zh=f"请至少选择一个标签（可用：{_valid_codes()}）",
        )
    if len(codes) > catalog.MAX_LABELS:
        raise LabelError(
            f"at most {catalog.MAX_LABELS} labels per request, got {len(codes)}: {','.join(codes)}",
            zh=f"每次最多 {catalog.MAX_LABELS} 个标签，当前 {len(codes)} 个：{','.join(codes)}",
        )
    return codes


# ---------------------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------------------

_MAX_DEPTH = 12
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_CODE_KEYS = ("labelCode", "code", "label", "labelId", "name", "key", "id")
_VALUE_KEYS = ("labelValue", "value", "result", "score", "status", "flag", "val")
_PAIR_SPLIT = re.compile(r"\s*([:=：])\s*")
_PAIR = re.compile(r"([^:=：]+)[:=：](.*)")
_TAG_SPLIT = re.compile(r"[,;|，；\s]+")


def _maybe_json(text: str) -> Any:
    """The parsed value of a JSON object/array/string held in ``text``, else the text itself."""
    stripped = text.strip()
    if stripped[:1] in ("{", "[", '"'):
        try:
            return json.loads(stripped)
        except (ValueError, RecursionError):
            return text
    return text


def _find(answer: dict, *names: str) -> tuple[bool, Any]:
    """First of ``names`` present at the top level or inside ``result`` (top level first)."""
    inner = answer.get("result")
    for name in names:
        if name in answer or (isinstance(inner, dict) and name in inner):
            return True, lookup(answer, name)
    return False, None


def _scalar_text(value: Any) -> str | None:
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


def _flag(value: Any) -> str | None:
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
        if _NUMBER.fullmatch(text):
            try:
                number = float(text)
            except ValueError:
                return None
            if number in (0.0, 1.0):
                return str(int(number))
    return None


def _label_code(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    code = _norm_token(value)
    return code if _CODE.fullmatch(code) else None


def _similarity(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            return None
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not _NUMBER.fullmatch(text):
            return None
        number = float(text)
    else:
        return None
    if not math.isfinite(number) or not 0.0 <= number <= 100.0:
        return None
    return number


def _risk_level(value: Any) -> str | None:
    text = _scalar_text(value)
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
    text = _scalar_text(value)
    if text is None:
        return None
    return ",".join(_tag_token(t) for t in _TAG_SPLIT.split(text.strip()) if t)


class _Labels:
    """Collects ``(code, value)`` pairs from any of the shapes ``fileLabel`` may take."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.unparsed: list[Any] = []

    def add(self, code: str, value: Any, piece: Any) -> None:
        flag = _flag(value)
        if flag is None:
            self.pairs.append((code, ""))
            self.unparsed.append(piece)
        else:
            self.pairs.append((code, flag))

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
        parsed = _maybe_json(node)
        if parsed is not node:
            self.collect(parsed, depth + 1)
            return
        for piece in _SEPARATORS.split(_PAIR_SPLIT.sub(r"\1", node)):
            if piece:
                self._string_piece(piece)

    def _string_piece(self, piece: str) -> None:
        match = _PAIR.fullmatch(piece)
        code = _label_code(match.group(1)) if match else None
        if match is None or code is None:
            self.unparsed.append(piece)
            return
        self.add(code, match.group(2), piece)

    def _object(self, node: dict, depth: int) -> None:
        for key in _CODE_KEYS:
            code = _label_code(node.get(key))
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
            code = _label_code(key)
            if code is not None:
                if isinstance(value, dict):
                    inner = [value[k] for k in _VALUE_KEYS if k in value]
                    self.add(code, inner[0] if inner else object(), {key: value})
                else:
                    self.add(code, value, {key: value})
            elif isinstance(value, (list, dict)) or (
                isinstance(value, str) and _maybe_json(value) is not value
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
        code = _label_code(node[0])
        if code is None or isinstance(node[1], (list, dict, tuple)):
            return False
        self.add(code, node[1], list(node))
        return True


def _labels(found: bool, file_label: Any, requested: list[str] | None) -> tuple[dict, list]:
    order: list[str] = []
    for item in requested or ():
        code = _label_code(item)
        if code is not None and code not in order:
            order.append(code)
    labels: dict[str, str] = dict.fromkeys(order, "")
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


def _ocr(cap: capabilities.Capability, answer: dict, data: dict, unparsed: list) -> None:
    for name in cap.answer_fields:
        names = ("curbWeright", "curbWeight") if name == "curbWeight" else (name,)
        found, value = _find(answer, *names)
        if not found or value is None:
            continue
        text = _scalar_text(value)
        if text is None:
            unparsed.append({name: value})
            continue
        for alias in names:
            data[alias] = text


def _normalise(
    capability_name: str, answer: Any, requested_labels: list[str] | None = None
) -> dict:
    cap = capabilities.get(capability_name)
    data: dict[str, Any] = {}
    unparsed: list[Any] = []
    if isinstance(answer, str):
        answer = _maybe_json(answer)
    if isinstance(answer, dict):
        inner = answer.get("result")
        if isinstance(inner, str) and isinstance(_maybe_json(inner), dict):
            answer = {**answer, "result": _maybe_json(inner)}
    else:
        if answer not in (None, "", [], {}):
            unparsed.append(answer)
        answer = {}

    if cap.kind == "compare":
        found, value = _find(answer, "similarity")
        if found:
            data["similarity"] = _similarity(value)
            if data["similarity"] is None:
                data["similarity_raw"] = value
    elif cap.kind == "liveness":
        for target, names, convert in (
            ("riskLevel", ("livenessInfoLevel", "riskLevel", "level"), _risk_level),
            ("riskTag", ("livenessInfoTag", "riskTag", "tag"), _risk_tag),
        ):
            found, value = _find(answer, *names)
            if not found or value is None:
                continue
            text = convert(value)
            if text is None:
                unparsed.append({names[0]: value})
            else:
                data[target] = text
    elif cap.has_labels:
        found, value = _find(answer, "fileLabel", "fileLabels", "labels")
        data["labels"], label_unparsed = _labels(found, value, requested_labels)
        unparsed.extend(label_unparsed)
        for name in ("liveStatus", "compareStatus"):
            found, value = _find(answer, name)
            if not found or value is None:
                continue
            flag = _flag(value)
            text = flag if flag is not None else _scalar_text(value)
            if text is None:
                unparsed.append({name: value})
            else:
                data[name] = text.strip()
    else:
        _ocr(cap, answer, data, unparsed)
    if unparsed:
        data["unparsed"] = unparsed
    return data


def normalise(
    capability_name: str, answer: Any, requested_labels: list[str] | None = None
) -> dict[str, Any]:
    """``r.data`` for an upstream answer (DESIGN.md "The public Python API").

    Fields are looked up at the top level first, then inside ``result``. Only fields present in
    the answer appear (empty strings kept). Never raises for any JSON-ish ``answer``; raises
    ``KeyError`` only for an unknown ``capability_name``.
    """
    capabilities.get(capability_name)
    try:
        return _normalise(capability_name, answer, requested_labels)
    except Exception:  # last resort: an answer is never worth a traceback
        data: dict[str, Any] = {"unparsed": [answer]}
        if capabilities.get(capability_name).has_labels:
            data["labels"], _ = _labels(False, None, requested_labels)
        return data
