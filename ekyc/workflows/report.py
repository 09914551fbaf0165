"""The journey's report: a JSON object and a self-contained printable HTML page (no external
resource, no script), both masked unless the user chose to reveal sensitive fields."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any, Final

from ..catalog import FIELD_LABELS, PHRASES, language
from . import rules
from .journey import JourneyResult
from .texts import STATUS, STEP_TITLES, VERDICT, VERDICT_ICON

WORDS: Final[dict[str, dict[str, str]]] = {
    "title": {"en": "Onboarding journey report", "zh": "身份核验流程报告"},
    "generated": {"en": "Generated", "zh": "生成时间"},
    "reasons": {"en": "Why", "zh": "原因"},
    "steps": {"en": "Steps", "zh": "步骤"},
    "step": {"en": "Step", "zh": "步骤"},
    "status": {"en": "Status", "zh": "状态"},
    "time": {"en": "Time", "zh": "耗时"},
    "explanation": {"en": "Explanation", "zh": "说明"},
    "fields": {"en": "Fields read", "zh": "识别字段"},
    "rules": {"en": "Verdict rules", "zh": "判定规则"},
    "masked": {
        "en": "Sensitive fields are masked.",
        "zh": "敏感字段已打码。",
    },
    "revealed": {
        "en": "Sensitive fields are shown in full at the user's request: handle this page as "
        "personal data.",
        "zh": "应用户要求显示完整敏感字段：请按个人信息妥善处理本页。",
    },
    "sandbox": {
        "en": "Sandbox: simulated answers, not recognition.",
        "zh": "沙箱：模拟应答，并非真实识别。",
    },
    "outcome": {"en": "Outcome", "zh": "结果"},
    "rule": {"en": "Condition", "zh": "条件"},
}
CSS: Final = """
body{font-family:"Noto Sans","Noto Sans CJK SC",system-ui,sans-serif;max-width:52em;margin:2em auto;
color:#1f2933;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}.meta{color:#52606d;font-size:.9em}
.verdict{font-size:1.6em;font-weight:700;padding:.5em .8em;border-radius:.4em;margin:1em 0}
.pass{background:#e3f9e5;color:#0e5a1a}.review{background:#fff3c4;color:#7c5e10}
.fail{background:#ffe3e3;color:#8a1c1c}.example{background:#e6f0ff;color:#1c3d8a}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.2em}
th,td{border:1px solid #cbd2d9;padding:.35em .5em;text-align:left;vertical-align:top;
font-size:.92em}
th{background:#f5f7fa}.chip{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.85em}
.done{background:#e3f9e5}.failed{background:#ffe3e3}.skipped{background:#e4e7eb}
.notice{border-top:1px solid #cbd2d9;margin-top:2em;padding-top:.8em;font-size:.85em;color:#52606d}
@media print{body{margin:0;max-width:none}.verdict{border:2px solid #1f2933}}
"""


def report_json(result: JourneyResult, lang: str, mask: bool = True) -> dict[str, Any]:
    """The journey as a JSON object, with when it was made, the masking and the notice."""
    lang = language(lang)
    return {
        **result.to_json(lang, mask),
        "generated": _now(),
        "masked": mask,
        "notice": PHRASES["notice"][lang].removeprefix("ℹ️ "),
    }


def report_html(result: JourneyResult, lang: str, mask: bool = True) -> str:
    """A printable page: verdict, reasons, steps with times, fields (masked), rules, notice."""
    lang = language(lang)
    e = html.escape
    w = {key: words[lang] for key, words in WORDS.items()}
    shown = "example" if result.example else result.verdict
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{e(w['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(w['title'])}</h1>",
        f'<p class="meta">{e(w["generated"])}{"：" if lang == "zh" else ": "}{e(_now())} · '
        f"{e(w['masked'] if mask else w['revealed'])}"
        + (f" · {e(w['sandbox'])}" if result.sandbox else "")
        + "</p>",
        f'<div class="verdict {shown}">{VERDICT_ICON[shown]} {e(VERDICT[shown][lang])}</div>',
        f"<h2>{e(w['reasons'])}</h2><ul>",
    ]
    parts += [
        f"<li>{VERDICT_ICON[r['outcome']]} {e(r['text'])}</li>" for r in result.reasons_in(lang)
    ]
    parts.append(
        f"</ul><h2>{e(w['steps'])}</h2><table><tr><th>{e(w['step'])}</th>"
        f"<th>{e(w['status'])}</th><th>{e(w['time'])}</th><th>{e(w['explanation'])}</th></tr>"
    )
    steps = result.to_json(lang, mask)["steps"]
    for step in steps:
        parts.append(
            f"<tr><td>{e(STEP_TITLES[step['name']][lang])}</td>"
            f'<td><span class="chip {step["status"]}">{e(STATUS[step["status"]][lang])}</span>'
            f"</td><td>{step['seconds']:.2f} s</td><td>{e(step['explanation'])}</td></tr>"
        )
    parts.append("</table>")
    fields = [(s, name, value) for s in steps for name, value in s["fields"].items()]
    if fields:
        parts.append(f"<h2>{e(w['fields'])}</h2><table>")
        for step, name, value in fields:
            label = FIELD_LABELS.get(name, {}).get(lang, name)
            parts.append(
                f"<tr><td>{e(STEP_TITLES[step['name']][lang])}</td><td>{e(label)}</td>"
                f"<td>{e(str(value))}</td></tr>"
            )
        parts.append("</table>")
    parts.append(
        f"<h2>{e(w['rules'])}</h2><table><tr><th>{e(w['outcome'])}</th><th>{e(w['rule'])}</th></tr>"
    )
    for row in rules.table(result.rules, lang):
        outcome = row["outcome"]
        parts.append(
            f'<tr><td><span class="chip {_chip(outcome)}">{VERDICT_ICON[outcome]} '
            f"{e(VERDICT[outcome][lang])}</span></td><td>{e(row['text'])}</td></tr>"
        )
    parts.append(f'</table><p class="notice">{e(PHRASES["notice"][lang])}</p></body></html>')
    return "".join(parts)


def _chip(outcome: str) -> str:
    return {"pass": "done", "review": "skipped", "fail": "failed"}[outcome]


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
