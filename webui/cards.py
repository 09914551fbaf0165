"""A Result as a card people would rather look at than read (HTML for gr.HTML).

The verdict's colour and icon come from the first line of the plain-language explanation (the
one place that decides it); the card adds the picture: a similarity gauge with the 70 and 80
bands, a risk-level badge with the tag's meaning, label chips, OCR fields as a table (masked
unless asked). Every value from upstream is escaped. A sandbox answer about a file it does not
recognise gets a grey "not recognised" card, and its fields sit in a box marked "example".
"""

from __future__ import annotations

import html
from typing import Any

from ekyc import Result, capabilities, catalog, kinds
from ekyc.explain import explain, mask_data
from ekyc.kinds.markdown import field_label

from .card_texts import CARD

LEVELS = {"✅": "pass", "⚠": "review", "❌": "fail", "ℹ": "info"}
ICONS = {"pass": "✅", "review": "⚠️", "fail": "❌", "info": "ℹ️"}
CSS = """
.card {border-radius: 12px; padding: 14px 16px; border: 1px solid; margin-bottom: 8px}
.card.pass {background: #ecfdf5; border-color: #10b981}
.card.review {background: #fffbeb; border-color: #f59e0b}
.card.fail {background: #fef2f2; border-color: #ef4444}
.card.info {background: #f1f5f9; border-color: #94a3b8}
.card .headline {font-size: 1.15rem; font-weight: 700; display: flex; gap: 8px}
.card .sub {margin-top: 4px; color: #475569; font-size: 0.9rem}
.card .example {border: 2px dashed #94a3b8; border-radius: 10px; padding: 8px 10px;
  margin-top: 10px; background: #fff}
.card .example-tag {display: inline-block; background: #64748b; color: #fff; font-size: 0.7rem;
  font-weight: 700; letter-spacing: .05em; padding: 1px 6px; border-radius: 4px}
.gauge {position: relative; height: 14px; border-radius: 7px; margin: 12px 0 18px;
  background: linear-gradient(to right, #fecaca 0 70%, #fde68a 70% 80%, #a7f3d0 80% 100%)}
.gauge .mark {position: absolute; top: -5px; width: 4px; height: 24px; background: #0f172a;
  border-radius: 2px; transform: translateX(-2px)}
.gauge .tick {position: absolute; top: 16px; font-size: 0.7rem; color: #475569;
  transform: translateX(-50%)}
.gauge-value {font-size: 1.6rem; font-weight: 800}
.badge {display: inline-block; padding: 3px 10px; border-radius: 999px; font-weight: 700;
  font-size: 0.85rem; color: #fff}
.badge.l1 {background: #059669} .badge.l2 {background: #d97706} .badge.l3 {background: #dc2626}
.chips {display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px}
.chip {padding: 3px 10px; border-radius: 999px; font-size: 0.85rem; border: 1px solid}
.chip.present {background: #dcfce7; border-color: #16a34a; color: #14532d}
.chip.absent {background: #f1f5f9; border-color: #cbd5e1; color: #475569}
.chip.unknown {background: #fef3c7; border-color: #d97706; color: #78350f}
.fields {width: 100%; border-collapse: collapse; margin-top: 8px; font-size: 0.9rem}
.fields th {text-align: left; color: #475569; font-weight: 600; padding: 4px 8px 4px 0;
  white-space: nowrap; vertical-align: top; width: 35%}
.fields td {padding: 4px 0; font-family: ui-monospace, monospace; word-break: break-all}
.fields tr + tr {border-top: 1px solid #e2e8f0}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def level_of(text: str) -> str:
    first = text.lstrip()[:1]
    return LEVELS.get(first, "info")


def _headline(text: str) -> str:
    """The explanation's first line without its icon and Markdown emphasis."""
    line = text.lstrip().splitlines()[0] if text.strip() else ""
    for icon in ("✅", "⚠️", "⚠", "❌", "ℹ️", "ℹ"):
        line = line.removeprefix(icon)
    return line.replace("**", "").replace("\\", "").strip()


def under_card(text: str) -> str:
    """The explanation as the page shows it under the card: without its headline and the
    sandbox notice, which the card already shows; the details and notices that follow stay."""
    paragraphs = text.strip().split("\n\n")
    kept = [p for p in paragraphs[1:] if not p.lstrip("> ").startswith("🧪")]
    return "\n\n".join(kept) + "\n"


def render_card(result: Result | None, lang: str, show_sensitive: bool) -> str:
    """The card's HTML; empty before the first run."""
    if result is None:
        return ""
    words = CARD[lang]
    text = explain(result, lang=lang, mask=not show_sensitive)
    level = level_of(text)
    cap = capabilities.BY_NAME.get(result.capability)
    data = result.data if isinstance(result.data, dict) else {}
    if cap is not None and not show_sensitive:
        kind = kinds.REGISTRY.get(cap.kind)
        data = kind.mask(cap, data) if kind else mask_data(cap.name, data)
    parts = [
        f'<div class="card {level}" data-level="{level}">',
        f'<div class="headline"><span>{ICONS[level]}</span>',
        f"<span>{_e(_headline(text))}</span></div>",
    ]
    example = bool(getattr(result, "example", False))
    if example:
        parts.append(f'<div class="sub">{_e(words["only_samples"])}</div>')
    elif result.sandbox:
        parts.append(f'<div class="sub">🧪 {_e(words["simulated"])}</div>')
    body = _picture(cap.kind if cap else "", data, lang) if result.ok and cap else ""
    if body and example:
        parts.append(
            f'<div class="example"><span class="example-tag">{_e(words["example"])}</span>'
            f'<div class="sub">{_e(words["example_note"])}</div>{body}</div>'
        )
    elif body:
        parts.append(body)
    parts.append("</div>")
    return "".join(parts)


def _picture(kind: str, data: dict, lang: str) -> str:
    if kind == "compare":
        return _gauge(data, lang)
    if kind == "liveness":
        return _risk(data, lang)
    if kind == "labeling":
        return _chips(data, lang)
    if kind == "ocr":
        return _table(data, lang)
    return ""


def _gauge(data: dict, lang: str) -> str:
    try:
        value = float(data.get("similarity"))
    except (TypeError, ValueError):
        return ""
    position = max(0.0, min(100.0, value))
    words = CARD[lang]
    ticks = "".join(
        f'<span class="tick" style="left:{n}%">{n}</span>'
        for n in (int(catalog.SIMILARITY_SAME), int(catalog.SIMILARITY_HIGH))
    )
    return (
        f'<div class="gauge-value">{_e(f"{value:g}")}<small> / 100</small></div>'
        f'<div class="gauge" role="meter" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{position:g}" aria-label="{_e(words["similarity"])}">'
        f'<span class="mark" style="left:{position:g}%"></span>{ticks}</div>'
        f'<div class="sub">{_e(words["bands"])}</div>'
    )


def _risk(data: dict, lang: str) -> str:
    level = str(data.get("riskLevel") or "")
    tag = str(data.get("riskTag") or "")
    if level not in catalog.RISK_LEVELS:
        return ""
    meaning, advice = catalog.RISK_LEVELS[level][lang]
    words = CARD[lang]
    out = (
        f'<div><span class="badge l{_e(level)}">{_e(words["risk"].format(level=level))}</span> '
        f"{_e(meaning)}</div>"
        f'<div class="sub">{_e(words["advice"])}{_e(advice)}</div>'
    )
    if tag and tag in catalog.RISK_TAGS:
        said = words["tag"].format(tag=tag) + catalog.RISK_TAGS[tag][lang]
        out += f'<div class="sub">{_e(said)}</div>'
    return out


def _chips(data: dict, lang: str) -> str:
    labels = data.get("labels")
    if not isinstance(labels, dict):
        return ""
    chips = []
    for code, value in labels.items():
        state = {"1": "present", "0": "absent"}.get(str(value), "unknown")
        name = catalog.LABELS.get(str(code), {}).get(lang, "")
        said = catalog.LABEL_VALUES.get(str(value) if value in ("1", "0") else "", {}).get(lang, "")
        chips.append(
            f'<span class="chip {state}" title="{_e(said)}">'
            f"{_e(code)} {_e(name)} · {_e(said)}</span>"
        )
    statuses = []
    for key in ("liveStatus", "compareStatus"):
        if data.get(key) not in (None, ""):
            entry = catalog.STATUSES[key]
            value = entry.get(str(data[key]), {}).get(lang, str(data[key]))
            statuses.append(f'<div class="sub">{_e(entry["title"][lang])}: {_e(value)}</div>')
    return f'<div class="chips">{"".join(chips)}</div>{"".join(statuses)}'


def _table(data: dict, lang: str) -> str:
    rows = []
    for key, value in data.items():
        if key == "unparsed" or value in (None, "") or isinstance(value, (dict, list)):
            continue
        label = field_label(key, lang) or key
        rows.append(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>")
    return f'<table class="fields">{"".join(rows)}</table>' if rows else ""
