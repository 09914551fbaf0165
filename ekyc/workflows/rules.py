"""The journey's verdict rules: one data table, shown on the page beside the result.

Each row tests one fact that ``journey.py`` reads from the answers and, when the test holds,
contributes its outcome and its explanation. The verdict is the worst outcome contributed; it is
"pass" only when every fact in ``REQUIRED_FOR_PASS`` has contributed a "pass". To change a
threshold or an outcome, edit the table here, or pass a modified copy to ``client.journey(rules=)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

Outcome = Literal["pass", "review", "fail"]
Test = Literal["true", "false", "empty", "nonempty", "eq", "ge", "lt", "range"]
SEVERITY: Final[dict[str, int]] = {"pass": 0, "review": 1, "fail": 2}


@dataclass(frozen=True)
class Rule:
    """When ``test`` holds for facts[``fact``] (against ``limit``), the outcome applies.

    ``range`` holds for lo <= value < hi with ``limit`` = (lo, hi). ``en``/``zh`` are format
    strings over the facts (by name) and ``limit``.
    """

    fact: str
    test: Test
    outcome: Outcome
    en: str
    zh: str
    limit: Any = None

    def holds(self, value: Any) -> bool:
        if value is None:
            return False  # an unknown fact proves nothing either way
        if self.test == "true":
            return value is True
        if self.test == "false":
            return value is False
        if self.test == "empty":
            return len(value) == 0
        if self.test == "nonempty":
            return len(value) > 0
        if self.test == "eq":
            return str(value) == str(self.limit)
        number = float(value)
        if self.test == "ge":
            return number >= self.limit
        if self.test == "lt":
            return number < self.limit
        low, high = self.limit
        return low <= number < high


SIMILARITY_PASS: Final = 80.0
SIMILARITY_REVIEW: Final = 70.0

RULES: Final[tuple[Rule, ...]] = (
    # -- any step ----------------------------------------------------------------------------
    Rule(
        "refused", "nonempty", "fail",
        "Refused or failed: {refused}",
        "未成功的步骤：{refused}",
    ),
    Rule(
        "example", "true", "review",
        "Sandbox: it recognises only its bundled samples, so it gives no verdict about this file",
        "沙箱只认得自带样本，因此不对此文件给出结论",
    ),
    # -- ID card, portrait side --------------------------------------------------------------
    Rule(
        "not_id_card", "true", "fail",
        "The portrait side is not a resident ID card (or cannot be read)",
        "人像面不是居民身份证（或无法识别）",
    ),
    Rule(
        "fields_missing", "empty", "pass",
        "All six fields of the portrait side were read",
        "人像面六个字段全部识别",
    ),
    Rule(
        "fields_missing", "nonempty", "review",
        "Fields missing on the portrait side: {fields_missing}",
        "人像面缺少字段：{fields_missing}",
    ),
    Rule(
        "check_digit_ok", "true", "pass",
        "The ID number's check digit is valid (GB 11643)",
        "身份证号校验码正确（GB 11643）",
    ),
    Rule(
        "check_digit_ok", "false", "fail",
        "The ID number's check digit is wrong (GB 11643)",
        "身份证号校验码错误（GB 11643）",
    ),
    # -- ID card, emblem side ----------------------------------------------------------------
    Rule(
        "back_given", "false", "review",
        "No emblem side: the validity period was not checked",
        "未提供国徽面：未核对有效期限",
    ),
    Rule(
        "expired", "false", "pass",
        "The card is valid (period {valid_date})",
        "证件在有效期内（{valid_date}）",
    ),
    Rule(
        "expired", "true", "fail",
        "The card has expired (period {valid_date})",
        "证件已过期（{valid_date}）",
    ),
    Rule(
        "validity_unreadable", "true", "review",
        "The validity period could not be read",
        "无法读取有效期限",
    ),
    # -- selfie ------------------------------------------------------------------------------
    Rule(
        "liveness_level", "eq", "pass",
        "Liveness level 1: no attack risk",
        "活体风险等级 1：无攻击风险",
        "1",
    ),
    Rule(
        "liveness_level", "eq", "review",
        "Liveness level 2: medium suspicion, take the selfie again",
        "活体风险等级 2：中度可疑，请重新自拍",
        "2",
    ),
    Rule(
        "liveness_level", "eq", "fail",
        "Liveness level 3: high suspicion of a forged or replayed selfie",
        "活体风险等级 3：高度怀疑伪造或翻拍",
        "3",
    ),
    Rule(
        "similarity", "ge", "pass",
        "Similarity {similarity} ≥ {limit}: the same person",
        "相似度 {similarity} ≥ {limit}：同一人",
        SIMILARITY_PASS,
    ),
    Rule(
        "similarity", "range", "review",
        "Similarity {similarity} is between 70 and 80: probably the same person, check by eye",
        "相似度 {similarity} 介于 70 与 80 之间：可能是同一人，请人工核对",
        (SIMILARITY_REVIEW, SIMILARITY_PASS),
    ),
    Rule(
        "similarity", "lt", "fail",
        "Similarity {similarity} < {limit}: not the same person",
        "相似度 {similarity} < {limit}：不是同一人",
        SIMILARITY_REVIEW,
    ),
)  # fmt: skip

#: Facts that must each contribute a "pass" for the verdict to be "pass".
REQUIRED_FOR_PASS: Final = ("fields_missing", "check_digit_ok", "liveness_level", "similarity")

NOT_CHECKED: Final = {
    "en": "Could not be checked: {facts}",
    "zh": "无法核对：{facts}",
}


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _text(template: str, facts: Mapping[str, Any], limit: Any) -> str:
    values = {name: _shown(value) for name, value in facts.items()}
    values["limit"] = _shown(limit)
    try:
        return template.format_map(_Default(values))
    except (ValueError, IndexError):
        return template


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def evaluate(
    facts: Mapping[str, Any], rules: Iterable[Rule] = RULES, lang: str = "en"
) -> tuple[Outcome, list[dict[str, str]]]:
    """The verdict and the reasons (rule by rule, in table order) for ``facts``."""
    reasons: list[dict[str, str]] = []
    passed: set[str] = set()
    worst: Outcome = "pass"
    for rule in rules:
        try:
            holds = rule.holds(facts.get(rule.fact))
        except (TypeError, ValueError):
            holds = False  # a fact of an unexpected shape proves nothing
        if not holds:
            continue
        if rule.outcome == "pass":
            passed.add(rule.fact)
        if SEVERITY[rule.outcome] > SEVERITY[worst]:
            worst = rule.outcome
        template = rule.zh if lang == "zh" else rule.en
        reasons.append(
            {"rule": rule.fact, "outcome": rule.outcome, "text": _text(template, facts, rule.limit)}
        )
    unchecked = [fact for fact in REQUIRED_FOR_PASS if fact not in passed]
    if worst == "pass" and unchecked:
        worst = "review"
        text = NOT_CHECKED["zh" if lang == "zh" else "en"].format(facts=", ".join(unchecked))
        reasons.append({"rule": "unchecked", "outcome": "review", "text": text})
    return worst, reasons


def table(rules: Sequence[Rule] = RULES, lang: str = "en") -> list[dict[str, str]]:
    """The rules as rows for display: outcome, then the condition in words."""
    rows = []
    for rule in rules:
        template = rule.zh if lang == "zh" else rule.en
        placeholders = {rule.fact: "…", "valid_date": "…", "similarity": "…", "refused": "…"}
        rows.append({"outcome": rule.outcome, "text": _text(template, placeholders, rule.limit)})
    return rows
