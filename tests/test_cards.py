"""The result card and the explanation shown under it (no browser): each thing said once."""

from __future__ import annotations

import pytest

from ekyc.explain import explain
from tests.support import ASSETS, jpeg
from webui.cards import render_card, under_card

PERSON_A1, PERSON_A2 = ASSETS / "faces/person_a_1.jpg", ASSETS / "faces/person_a_2.jpg"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_under_the_card_the_explanation_keeps_its_details_not_its_headline(client, lang):
    result = client.face_compare(PERSON_A1, PERSON_A2)
    text = explain(result, lang=lang)
    headline, notice = text.split("\n\n")[:2]
    shown = under_card(text)
    assert headline not in shown and notice not in shown  # the card says both
    assert "92.5" in shown and shown.rstrip().endswith("_")  # details and the reference line
    card = render_card(result, lang, False)
    assert ("Same person, high confidence" if lang == "en" else "高置信度为同一人") in card


def test_an_example_answer_keeps_its_example_under_the_card(client, tmp_path):
    result = client.bank_card_ocr(jpeg(tmp_path / "mine.jpg"))
    shown = under_card(explain(result, lang="en"))
    assert "does not recognise this file" not in shown.split("\n\n")[0]
    assert "example data, not about your file" in shown
    assert "recognises only its bundled samples" in shown


def test_a_text_of_one_paragraph_leaves_nothing_to_repeat():
    assert under_card("✅ **Done**\n") == "\n"
