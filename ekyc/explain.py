"""A Result in plain language (Markdown, zh or en), and masking of sensitive fields.

The first line is always the verdict (✅ / ⚠️ / ❌). Values that came from upstream are shown in
code spans so that they can never turn into Markdown or HTML. Masking is on by default and covers
``r.data`` (``mask_data``) as well as the raw upstream JSON (``mask_raw``).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from . import capabilities, catalog
from .result import Result

_MAX_DEPTH = 64
_MAX_SHOWN = 200
_MAX_UNPARSED_SHOWN = 5
_SENSITIVE_ALL = frozenset(f.lower() for c in capabilities.CAPABILITIES for f in c.sensitive_fields)


def _t(key: str, lang: str, **values: object) -> str:
    text = catalog.PHRASES[key][lang]
    return text.format(**values) if values else text


# ---------------------------------------------------------------------------------------------
# Masking
# ---------------------------------------------------------------------------------------------


def _sensitive_for(capability_name: str) -> frozenset[str]:
    cap = capabilities.BY_NAME.get(capability_name) if isinstance(capability_name, str) else None
    if cap is None:
        return _SENSITIVE_ALL
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
    if not isinstance(field, str) or field.lower() not in _SENSITIVE_ALL:
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


def mask_raw(capability_name: str, raw: Any) -> Any:
    """A copy of upstream JSON with the capability's sensitive fields masked wherever they sit.

    Walks any nesting (and JSON held in strings); other keys and values are left untouched.
    An unknown capability masks the sensitive fields of all capabilities.
    """
    sensitive = _sensitive_for(capability_name)
    if not sensitive:
        return raw
    return _walk(raw, sensitive, 0)


def mask_data(capability_name: str, data: dict) -> dict:
    """A copy of ``r.data`` with sensitive fields masked."""
    if not isinstance(data, dict):
        return {}
    masked = mask_raw(capability_name, data)
    return masked if isinstance(masked, dict) else {}


# ---------------------------------------------------------------------------------------------
# Rendering helpers
# ---------------------------------------------------------------------------------------------


def _plain(value: Any) -> str:
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
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _code(value: Any) -> str:
    """``value`` as a Markdown code span: shown literally, whatever it contains."""
    text = _plain(value)
    if not text.strip():
        return '""'
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|~#])", r"\\\1", _plain(text))


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if abs(value) < 10**6 else None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value)) if abs(value) < 1e6 else None
    return None


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _parens(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


# ---------------------------------------------------------------------------------------------
# One section per kind of capability: each returns (verdict line, body lines).
# ---------------------------------------------------------------------------------------------


def _failure(result: Result, title: str, lang: str) -> tuple[str, list[str]]:
    code = _plain(result.code).strip() if result.code is not None else ""
    raw = result.raw
    upstream = raw.get("msg") if isinstance(raw, dict) else None
    if not isinstance(upstream, str) or not upstream.strip():
        upstream = result.message if isinstance(result.message, str) else ""
    if code in catalog.ERRORS:
        message, action = catalog.describe_error(code, "", lang)
    else:
        message, action = catalog.describe_error(_escape(code), _escape(upstream), lang)
    head = f"❌ **{_t('failed', lang, title=title, message=message)}**"
    body = [f"- {_t('action', lang, action=action)}", f"- {_t('code', lang, code=_code(code))}"]
    return head, body


def _face_compare(data: dict, title: str, lang: str) -> tuple[str, list[str]]:
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
        head = f"⚠️ **{title}{_colon(lang)}{_t('no_similarity', lang)}**"
        raw = data.get("similarity_raw", score)
        body = [f"- {_t('raw_value', lang, value=_code(raw))}"] if raw is not None else []
        return head, body
    band = next(b for b in catalog.SIMILARITY_BANDS if b["min"] is None or score >= b["min"])
    verdict, detail = band[lang]
    shown = _number(score)
    if lang == "en":
        verdict = verdict[0].upper() + verdict[1:]
    head = f"{band['icon']} **{verdict}**{_parens(_t('similarity', lang, value=shown), lang)}"
    body = [
        f"- {_t('similarity_line', lang, value=shown)}",
        f"- {detail}",
        f"- {_t('thresholds', lang)}",
    ]
    return head, body


def _level_key(level: str) -> str:
    return str(int(level)) if level.isascii() and level.isdigit() and len(level) <= 3 else level


def _tag_key(tag: str) -> str:
    return tag.zfill(2) if tag.isascii() and tag.isdigit() and len(tag) == 1 else tag


def _liveness(data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    level = _as_text(data.get("riskLevel"))
    body: list[str] = []
    if level is None or level == "":
        head = f"⚠️ **{title}{_colon(lang)}{_t('no_level', lang)}**"
    elif _level_key(level) in catalog.RISK_LEVELS:
        key = _level_key(level)
        meaning, advice = catalog.RISK_LEVELS[key][lang]
        icon = catalog.RISK_LEVEL_ICONS[key]
        head = f"{icon} **{title}{_colon(lang)}{meaning}** — {_t('advice', lang, advice=advice)}"
        body.append(f"- {_t('risk_level_line', lang, level=key, meaning=meaning)}")
    else:
        head = f"⚠️ **{title}{_colon(lang)}{_t('unknown_level', lang, level=_code(level))}**"
    tag = data.get("riskTag")
    tags: list[Any] = []
    for item in tag if isinstance(tag, (list, tuple)) else [] if tag is None else [tag]:
        text = _as_text(item)
        if text is None:
            tags.append(item)  # shown raw as an unknown tag
        else:
            tags += [t for t in re.split(r"[,;|，；\s]+", text) if t]
    if not tags:
        body.append(f"- {_t('no_tag', lang)}")
    for item in tags:
        key = _tag_key(item) if isinstance(item, str) else None
        if key in catalog.RISK_TAGS:
            meaning = catalog.RISK_TAGS[key][lang]
            body.append(f"- {_t('risk_tag_line', lang, tag=key, meaning=meaning)}")
        else:
            body.append(f"- {_t('unknown_tag', lang, tag=_code(item))}")
    return head, body


def _ocr(cap: capabilities.Capability, data: dict, title: str, lang: str):
    order: list[str] = []
    for name in catalog.KEY_FIELDS.get(cap.name, ()) + cap.answer_fields:
        if name not in order:
            order.append(name)
    if "curbWeight" in order and "curbWeight" not in data:
        order.append("curbWeright")
    present = [name for name in order if name in data]
    if not present:
        return f"⚠️ **{_t('ocr_empty', lang, title=title)}**", []
    head = f"✅ **{_t('ocr_ok', lang, title=title, n=len(present))}**"
    body = []
    for name in present:
        label = catalog.FIELD_LABELS.get(name, {}).get(lang, name)
        value = data[name]
        if value is None or value == "":
            shown = _t("no_expiry" if name == "bankcardValidDate" else "empty_value", lang)
        else:
            shown = _code(value)
        body.append(f"- **{label}**{_colon(lang)}{shown}")
    return head, body


def _labels(data: dict, lang: str) -> tuple[str, list[str]]:
    labels = data.get("labels")
    labels = labels if isinstance(labels, dict) else {}
    body: list[str] = []
    counts = {"1": 0, "0": 0, "": 0}
    for code, value in labels.items():
        key = value if value in ("1", "0") else ""
        counts[key] += 1
        entry = catalog.LABEL_VALUES[key]
        shown = code if isinstance(code, str) and re.fullmatch(r"[A-Z][0-9]{2}", code) else None
        names = catalog.LABELS.get(shown) if shown else None
        name = names[lang] if names else _t("not_in_catalogue", lang)
        body.append(f"- {entry['icon']} {shown or _code(code)} {name}{_colon(lang)}{entry[lang]}")
    if not labels:
        head = f"⚠️ **{_t('labels_none', lang)}**"
    elif counts[""]:
        head = f"⚠️ **{_t('labels_retry', lang, n=counts[''])}**"
    else:
        head = f"✅ **{_t('labels_ok', lang, present=counts['1'], absent=counts['0'])}**"
    for name, table in catalog.STATUSES.items():
        if name not in data:
            continue
        value = _as_text(data[name])
        if value in ("1", "0"):
            meaning = table[value][lang]
        elif value == "":
            meaning = _t("empty_value", lang)
        else:
            meaning = _t("status_unknown", lang, value=_code(data[name]))
        body.append(f"- {table['title'][lang]}{_colon(lang)}{meaning}")
    return head, body


def _generic(data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    body = []
    for key, value in data.items():
        if key == "unparsed":
            continue
        label = catalog.FIELD_LABELS.get(key, {}).get(lang) if isinstance(key, str) else None
        body.append(f"- {label or _code(key)}{_colon(lang)}{_code(value)}")
    return f"✅ **{_t('done', lang, title=title)}**", body


def _unparsed(data: dict, lang: str) -> list[str]:
    pieces = data.get("unparsed")
    if not isinstance(pieces, list) or not pieces:
        return []
    lines = [_t("unparsed", lang, n=len(pieces))]
    lines += [f"  - {_code(piece)}" for piece in pieces[:_MAX_UNPARSED_SHOWN]]
    if len(pieces) > _MAX_UNPARSED_SHOWN:
        lines.append("  - …")
    return lines


def _has_sensitive(cap_name: str, data: dict) -> bool:
    sensitive = _sensitive_for(cap_name)
    return any(
        isinstance(k, str) and k.lower() in sensitive and v not in (None, "")
        for k, v in data.items()
    )


def _explain(result: Result, lang: str, mask: bool) -> str:
    cap_name = result.capability if isinstance(result.capability, str) else ""
    cap = capabilities.BY_NAME.get(cap_name)
    title = getattr(cap, lang) if cap else _t("request", lang)
    data = result.data if isinstance(result.data, dict) else {}
    if mask:
        data = mask_data(cap_name, data)
    extra: list[str] = []
    if not result.ok:
        head, body = _failure(result, title, lang)
    else:
        if cap is None:
            head, body = _generic(data, title, lang)
        elif cap.kind == "compare":
            head, body = _face_compare(data, title, lang)
        elif cap.kind == "liveness":
            head, body = _liveness(data, title, lang)
        elif cap.kind == "labeling":
            head, body = _labels(data, lang)
        else:
            head, body = _ocr(cap, data, title, lang)
        body += _unparsed(data, lang)
        if mask and _has_sensitive(cap_name, data):
            extra.append(_t("masked", lang))
    parts = [head]
    if result.sandbox:
        parts.append(f"> {_t('sandbox', lang)}")
    if body:
        parts.append("\n".join(body))
    parts += extra
    parts.append(f"_{_t('notice', lang)}_")
    return "\n\n".join(parts) + "\n"


def explain(result: Result, lang: str = "zh", mask: bool = True) -> str:
    """Plain-language Markdown for ``result`` in ``lang`` ("zh" or "en").

    First line: the verdict. Then, if simulated, the sandbox notice; the details; the
    reference-only notice. Sensitive fields are masked unless ``mask`` is False.
    """
    language = catalog.language(lang)
    try:
        return _explain(result, language, bool(mask))
    except Exception:  # never a traceback on the page; the raw JSON stays one click away
        parts = [f"⚠️ **{_t('unreadable', language)}**"]
        if getattr(result, "sandbox", False):
            parts.append(f"> {_t('sandbox', language)}")
        parts.append(f"_{_t('notice', language)}_")
        return "\n\n".join(parts) + "\n"
