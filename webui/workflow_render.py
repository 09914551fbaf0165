"""The journey and batch results as the page shows them: HTML cards, chips and tables.

Every value that came from upstream or from a file name is escaped. Nothing here calls anything.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from ekyc.capabilities import BY_NAME
from ekyc.catalog import FIELD_LABELS, PHRASES
from ekyc.workflows import JourneyResult, rules
from ekyc.workflows.texts import STATUS, STEP_TITLES, VERDICT, VERDICT_ICON

COLOURS = {
    "pass": ("#e3f9e5", "#0e5a1a"),
    "review": ("#fff3c4", "#7c5e10"),
    "fail": ("#ffe3e3", "#8a1c1c"),
    "example": ("#e6f0ff", "#1c3d8a"),
}
CHIP = {"done": "#e3f9e5", "failed": "#ffe3e3", "skipped": "#e4e7eb"}
WORDS = {
    "rules": {"en": "Verdict rules", "zh": "判定规则"},
    "sandbox": {
        "en": "🧪 Sandbox: simulated answers for the bundled samples, not recognition.",
        "zh": "🧪 沙箱：自带样本的模拟应答，并非真实识别。",
    },
    "placeholder": {
        "en": "The verdict appears here: add the ID card and a selfie, or pick a scenario.",
        "zh": "结论将显示在这里：添加身份证和自拍，或选择一个场景。",
    },
}


def _card(kind: str, title: str, body: str = "") -> str:
    background, colour = COLOURS[kind]
    return (
        f'<div class="journey-verdict" data-verdict="{kind}" style="background:{background};'
        f'color:{colour};padding:.8em 1em;border-radius:.5em">'
        f'<div style="font-size:1.5em;font-weight:700">{VERDICT_ICON[kind]} {html.escape(title)}'
        f"</div>{body}</div>"
    )


def placeholder(lang: str) -> str:
    text = html.escape(WORDS["placeholder"][lang])
    return f'<div class="journey-verdict" data-verdict="">{text}</div>'


def message(text: str) -> str:
    """A refusal (bad input, call limit) in place of a verdict."""
    return (
        '<div class="journey-verdict" data-verdict="refused" style="background:#fff3c4;'
        f'color:#7c5e10;padding:.8em 1em;border-radius:.5em">⚠️ {html.escape(text)}</div>'
    )


def journey_card(result: JourneyResult, lang: str, mask: bool) -> str:
    """Verdict, reasons, a chip per step (status, time, explanation), the notice."""
    shown = "example" if result.example else result.verdict
    reasons = "".join(
        f"<li>{VERDICT_ICON[r['outcome']]} {html.escape(r['text'])}</li>"
        for r in result.reasons_in(lang)
    )
    body = f'<ul style="margin:.4em 0 0 1em;padding:0">{reasons}</ul>'
    steps = []
    fields = {s["name"]: s["fields"] for s in result.to_json(lang, mask)["steps"]}
    for step in result.steps:
        read = ""
        if BY_NAME[step.capability].kind == "ocr" and fields.get(step.name):  # a document read
            colon = "：" if lang == "zh" else ": "
            pairs = (
                f"{html.escape(FIELD_LABELS.get(k, {}).get(lang, k))}{colon}{html.escape(str(v))}"
                for k, v in fields[step.name].items()
            )
            read = "<br><small>" + " · ".join(pairs) + "</small>"
        steps.append(
            f'<li class="journey-step" data-step="{step.name}" data-status="{step.status}" '
            f'style="margin:.3em 0"><span style="background:{CHIP[step.status]};color:#1f2933;'
            f'padding:0 .6em;border-radius:1em">{html.escape(STATUS[step.status][lang])}</span> '
            f"<b>{html.escape(STEP_TITLES[step.name][lang])}</b> · {step.seconds:.2f} s<br>"
            f"{html.escape(step.explanation(lang, mask))}{read}</li>"
        )
    notes = [WORDS["sandbox"][lang]] if result.sandbox else []
    notes.append(PHRASES["notice"][lang])
    return (
        _card(shown, VERDICT[shown][lang], body)
        + f'<ul style="list-style:none;padding:0;margin:.8em 0">{"".join(steps)}</ul>'
        + "".join(f'<p style="font-size:.9em;margin:.2em 0">{html.escape(n)}</p>' for n in notes)
    )


def rules_markdown(lang: str, table: Sequence[rules.Rule] = rules.RULES) -> str:
    """The rule table in words, for the accordion beside the result."""
    lines = [f"**{WORDS['rules'][lang]}**", ""]
    for outcome in ("pass", "review", "fail"):
        items = [row["text"] for row in rules.table(table, lang) if row["outcome"] == outcome]
        lines.append(f"- {VERDICT_ICON[outcome]} **{VERDICT[outcome][lang]}**: " + "; ".join(items))
    return "\n".join(lines)


def batch_rows(table: list[list[Any]]) -> list[list[Any]]:
    """Table cells as plain strings (a gr.Dataframe shows text, never HTML)."""
    return [[str(cell) for cell in row] for row in table]
