"""A Result in plain language (Markdown, zh or en), by the answer's kind (``ekyc.kinds``).

The first line is always the verdict (✅ / ⚠️ / ❌). Values that came from upstream are shown in
code spans so that they can never turn into Markdown or HTML. Sensitive fields are masked by
default (``ekyc.masking``; ``mask_data``, ``mask_raw`` and ``mask_value`` are re-exported here).
"""

from __future__ import annotations

from typing import Any

from . import capabilities, catalog, kinds
from .kinds.markdown import code, colon, escape, field_label, plain, t
from .masking import has_sensitive, mask_data, mask_raw, mask_value
from .result import Result

__all__ = ["explain", "mask_data", "mask_raw", "mask_value"]

_MAX_UNPARSED_SHOWN = 5


def _failure(result: Result, title: str, lang: str) -> tuple[str, list[str]]:
    code_ = plain(result.code).strip() if result.code is not None else ""
    raw = result.raw
    upstream = raw.get("msg") if isinstance(raw, dict) else None
    if not isinstance(upstream, str) or not upstream.strip():
        upstream = result.message if isinstance(result.message, str) else ""
    if code_ in catalog.ERRORS:
        message, action = catalog.describe_error(code_, "", lang)
    else:
        message, action = catalog.describe_error(escape(code_), escape(upstream), lang)
    head = f"❌ **{t('failed', lang, title=title, message=message)}**"
    body = [f"- {t('action', lang, action=action)}", f"- {t('code', lang, code=code(code_))}"]
    return head, body


def _generic(data: dict, title: str, lang: str) -> tuple[str, list[str]]:
    """A result of no known capability: every field, literally."""
    body = []
    for key, value in data.items():
        if key == "unparsed":
            continue
        body.append(f"- {field_label(key, lang) or code(key)}{colon(lang)}{code(value)}")
    return f"✅ **{t('done', lang, title=title)}**", body


def _unparsed(data: dict, lang: str) -> list[str]:
    pieces = data.get("unparsed")
    if not isinstance(pieces, list) or not pieces:
        return []
    lines = [t("unparsed", lang, n=len(pieces))]
    lines += [f"  - {code(piece)}" for piece in pieces[:_MAX_UNPARSED_SHOWN]]
    if len(pieces) > _MAX_UNPARSED_SHOWN:
        lines.append("  - …")
    return lines


def _explain(result: Result, lang: str, mask: bool) -> str:
    cap_name = result.capability if isinstance(result.capability, str) else ""
    cap = capabilities.BY_NAME.get(cap_name)
    title = getattr(cap, lang) if cap else t("request", lang)
    data: dict[str, Any] = result.data if isinstance(result.data, dict) else {}
    kind = kinds.of(cap) if cap else None
    if mask:
        data = kind.mask(cap, data) if kind and cap else mask_data(cap_name, data)
    extra: list[str] = []
    if not result.ok:
        head, body = _failure(result, title, lang)
    elif getattr(result, "example", False):  # a file the sandbox does not know: no verdict
        _, shape = kind.explain(cap, data, title, lang) if kind and cap else ("", [])
        head = t("not_recognised", lang, title=title)
        body = [t("only_samples", lang), ""]
        body += [t("example_fields", lang), *(f"> {line}" for line in shape if line.strip())]
    else:
        if kind is None or cap is None:
            head, body = _generic(data, title, lang)
        else:
            head, body = kind.explain(cap, data, title, lang)
        body += _unparsed(data, lang)
        if mask and has_sensitive(cap or cap_name, data):
            extra.append(t("masked", lang))
    parts = [head]
    if result.sandbox:
        parts.append(f"> {t('sandbox', lang)}")
    if body:
        parts.append("\n".join(body))
    parts += extra
    parts.append(f"_{t('notice', lang)}_")
    return "\n\n".join(parts) + "\n"


def explain(result: Result, lang: str = "zh", mask: bool = True) -> str:
    """Plain-language Markdown for ``result`` in ``lang`` ("zh" or "en").

    First line: the verdict (for a sandbox answer about a file it does not recognise, a line
    saying so instead, and the fields marked as an example). Then, if simulated, the sandbox
    notice; the details; the reference-only notice. Sensitive fields are masked unless ``mask``
    is False.
    """
    language = catalog.language(lang)
    try:
        return _explain(result, language, bool(mask))
    except Exception:  # never a traceback on the page; the raw JSON stays one click away
        parts = [f"⚠️ **{t('unreadable', language)}**"]
        if getattr(result, "sandbox", False):
            parts.append(f"> {t('sandbox', language)}")
        parts.append(f"_{t('notice', language)}_")
        return "\n\n".join(parts) + "\n"
