"""The labels argument: 1 to 5 known label codes, whatever way the caller wrote them.

``parse_labels`` refuses anything else with a ``LabelError`` naming the bad token, before any
call is spent; ``label_code`` reads one code out of an answer without judging it.
"""

from __future__ import annotations

import re
import unicodedata

from . import catalog
from .errors import LabelError

SEPARATORS = re.compile(r"[,;，；、\s]+")
CODE = re.compile(r"[A-Z][0-9]{2}")
_TOKEN = re.compile(r"[A-Z0-9]+")


def _short(token: object, limit: int = 24) -> str:
    text = repr(token)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _valid_codes() -> str:
    return ", ".join(catalog.LABEL_CODES)


def _norm_token(token: str) -> str:
    return unicodedata.normalize("NFKC", token).strip().upper()


def label_code(value: object) -> str | None:
    """``value`` as a label code (letter + two digits, upper-cased), None if it is not one."""
    if not isinstance(value, str):
        return None
    code = _norm_token(value)
    return code if CODE.fullmatch(code) else None


def _refused(en: str, zh: str) -> LabelError:
    """A refusal of one label, with the list of valid codes in both languages."""
    return LabelError(f"{en} (valid: {_valid_codes()})", zh=f"{zh}（可用：{_valid_codes()}）")


def _check_token(token: str) -> str:
    code, shown = _norm_token(token), _short(token)
    if not _TOKEN.fullmatch(code):
        raise _refused(
            f"label {shown} contains characters not allowed in a label code; "
            "use codes such as A14,B03",
            f"标签 {shown} 含有不允许的字符，请使用 A14,B03 这样的代码",
        )
    if not CODE.fullmatch(code):
        raise _refused(
            f"malformed label {shown}: a code is a letter and two digits such as A14",
            f"标签 {shown} 格式错误：应为一个字母加两位数字，如 A14",
        )
    if code not in catalog.LABELS:
        raise _refused(f"unknown label code {shown}", f"未知的标签代码 {shown}")
    return code


def parse_labels(labels: str | list[str] | tuple[str, ...]) -> list[str]:
    """1 to 5 known label codes, upper-cased, de-duplicated, in the order given.

    Accepts ``"A14,B03"``, ``"a14; b03"``, ``"A14 B03"``, ``"A14，B03"`` or a list/tuple of codes.
    Raises ``LabelError`` naming the bad token otherwise.
    """
    if isinstance(labels, str):
        tokens = [t for t in SEPARATORS.split(labels) if t]
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
        raise _refused("choose at least one label", "请至少选择一个标签")
    if len(codes) > catalog.MAX_LABELS:
        raise LabelError(
            f"at most {catalog.MAX_LABELS} labels per request, got {len(codes)}: {','.join(codes)}",
            zh=f"每次最多 {catalog.MAX_LABELS} 个标签，当前 {len(codes)} 个：{','.join(codes)}",
        )
    return codes
