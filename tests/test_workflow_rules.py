"""The journey's verdict rules and the ID card facts they read (pure functions, no calls)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ekyc.workflows import idcard, rules

GOOD = {
    "example": False,
    "not_id_card": False,
    "refused": [],
    "fields_missing": [],
    "check_digit_ok": True,
    "back_given": True,
    "expired": False,
    "validity_unreadable": False,
    "valid_date": "2020.01.01-2040.01.01",
    "liveness_level": "1",
    "similarity": 92.5,
}


def verdict(**changes: object) -> str:
    return rules.evaluate({**GOOD, **changes})[0]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("990101199001010027", True),  # the bundled sample card
        ("990101199001010028", False),
        ("11010519491231002X", True),  # the standard's own example
        ("11010519491231002x", True),
        ("110105194912310021", False),
        ("110105491231002", False),  # 15 digits: no check digit
        ("", False),
        (None, False),
        ("99010119900101002A", False),
    ],
)
def test_gb11643_check_digit(number, valid):
    assert idcard.valid_id_number(number) is valid


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2020.01.01-2040.01.01", dt.date(2040, 1, 1)),
        ("2006.03.15-长期", "long-term"),
        ("2010-01-01至2020-01-01", dt.date(2020, 1, 1)),
        ("20100101-20200101", dt.date(2020, 1, 1)),
        ("2020.01.01", None),
        ("2020.01.01-2040.13.01", None),
        ("", None),
    ],
)
def test_validity_end(period, end):
    assert idcard.validity_end(period) == end


def test_a_card_is_valid_through_its_last_day():
    assert idcard.expired("2010.01.01-2020.01.01", dt.date(2020, 1, 1)) is False
    assert idcard.expired("2010.01.01-2020.01.01", dt.date(2020, 1, 2)) is True
    assert idcard.expired("2010.01.01-长期", dt.date(2099, 1, 1)) is False
    assert idcard.expired("garbled", dt.date(2020, 1, 1)) is None


def test_all_good_passes_with_a_reason_per_check():
    outcome, reasons = rules.evaluate(GOOD)
    assert outcome == "pass"
    assert {r["rule"] for r in reasons} == {
        "fields_missing",
        "check_digit_ok",
        "expired",
        "liveness_level",
        "similarity",
    }


@pytest.mark.parametrize(
    ("similarity", "expected"),
    [(100, "pass"), (80.0, "pass"), (79.99, "review"), (70.0, "review"), (69.99, "fail")],
)
def test_similarity_bands(similarity, expected):
    assert verdict(similarity=similarity) == expected


@pytest.mark.parametrize(("level", "expected"), [("1", "pass"), ("2", "review"), ("3", "fail")])
def test_liveness_levels(level, expected):
    assert verdict(liveness_level=level) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"fields_missing": ["address"]}, "review"),
        ({"back_given": False, "expired": None, "validity_unreadable": None}, "review"),
        ({"validity_unreadable": True, "expired": None}, "review"),
        ({"expired": True}, "fail"),
        ({"check_digit_ok": False}, "fail"),
        ({"not_id_card": True}, "fail"),
        ({"refused": ["Selfie liveness"]}, "fail"),
        ({"example": True}, "review"),
        # a fail outweighs a review
        ({"similarity": 75.0, "liveness_level": "3"}, "fail"),
    ],
)
def test_review_and_fail_conditions(changes, expected):
    assert verdict(**changes) == expected


def test_an_unknown_fact_cannot_pass():
    outcome, reasons = rules.evaluate({**GOOD, "similarity": None, "liveness_level": "7"})
    assert outcome == "review"
    assert reasons[-1]["rule"] == "unchecked"
    assert "similarity" in reasons[-1]["text"] and "liveness_level" in reasons[-1]["text"]


def test_the_table_is_configurable():
    strict = tuple(
        dataclasses.replace(rule, limit=90.0)
        if rule.fact == "similarity" and rule.test == "ge"
        else dataclasses.replace(rule, limit=(70.0, 90.0))
        if rule.fact == "similarity" and rule.test == "range"
        else rule
        for rule in rules.RULES
    )
    facts = {**GOOD, "similarity": 85.0}
    assert rules.evaluate(facts)[0] == "pass"
    assert rules.evaluate(facts, strict)[0] == "review"


def test_reasons_in_both_languages_carry_the_values():
    facts = {**GOOD, "similarity": 31.2, "fields_missing": ["住址"]}
    _, zh = rules.evaluate(facts, lang="zh")
    _, en = rules.evaluate(facts, lang="en")
    assert "相似度 31.2 < 70" in " ".join(r["text"] for r in zh)
    assert "Similarity 31.2 < 70" in " ".join(r["text"] for r in en)
    assert any("住址" in r["text"] for r in zh)


def test_table_rows_for_display():
    rows = rules.table(lang="zh")
    assert len(rows) == len(rules.RULES)
    assert {row["outcome"] for row in rows} == {"pass", "review", "fail"}
    assert all("{" not in row["text"] for row in rows)
