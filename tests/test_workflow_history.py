"""Journey and batch runs in the session's history: listed, exported, reopened (no browser;
the browser test is in test_browser_history)."""

from __future__ import annotations

import csv
import io
import json

from tests.support import ASSETS, jpeg
from webui import history, workflow_history
from webui.snippets import Call

FRONT, BACK = ASSETS / "docs/id_card_front.jpg", ASSETS / "docs/id_card_back.jpg"
PERSON_A, PERSON_B = ASSETS / "faces/person_a_1.jpg", ASSETS / "faces/person_b.jpg"


def _journey_run(client, selfie=PERSON_A):
    result = client.journey(FRONT, selfie, BACK)
    workflow = workflow_history.journey_workflow(result)
    call = Call("journey", ("id_card_front.jpg", "id_card_back.jpg", selfie.name))
    return result, history.record(None, call, None, "", result.seconds, workflow=workflow)


def test_a_journey_is_listed_with_its_verdict_in_both_languages(client):
    _, runs = _journey_run(client, PERSON_B)
    (row,) = history.rows(runs, "en")
    assert row[2:5] == ["Onboarding journey", "id_card_front.jpg, id_card_back.jpg, person_b.jpg",
                        "❌ Fail"]  # fmt: skip
    assert history.rows(runs, "zh")[0][2:5:2] == ["开户流程", "❌ 不通过"]


def test_a_journey_exports_as_a_workflow_record(client):
    result, runs = _journey_run(client)
    (record,) = json.loads(history.export_json(runs))
    assert record["capability"] == "journey" and record["outcome"] == "ok"
    assert record["detail"] == "pass" and record["seconds"] == result.seconds
    table = list(csv.DictReader(io.StringIO(history.export_csv(runs))))
    assert table[0]["capability"] == "journey" and table[0]["detail"] == "pass"


def test_reopening_a_journey_renders_it_again_masked_unless_asked(client):
    _, runs = _journey_run(client)
    text, raw = runs[0].workflow.view("zh", False)
    assert "通过" in text and "9901**********0027" in text and raw["verdict"] == "pass"
    assert "990101199001010027" not in json.dumps(raw, ensure_ascii=False)
    text, raw = runs[0].workflow.view("en", True)
    assert "990101199001010027" in text and raw["steps"][0]["fields"]["idcard"]


def test_a_batch_is_listed_with_its_counts_and_its_rows_shown_literally(client, tmp_path):
    mine = jpeg(tmp_path / "my_*card*.jpg")
    result = client.batch("id_card_ocr", [FRONT, ASSETS / "docs/bank_card.jpg", mine],
                          options={"side": "0"})  # fmt: skip
    workflow = workflow_history.batch_workflow(result)
    call = Call("batch", ("id_card_front.jpg", "bank_card.jpg", mine.name))
    runs = history.record(None, call, None, "", result.seconds, workflow=workflow)
    row = history.rows(runs, "en")[0]
    assert row[2] == "Batch: ID card OCR"
    assert row[4] == "ok 1 · example (not a sample) 1 · failed 1"
    assert json.loads(history.export_json(runs))[0]["detail"] == "ok 1, example 1, failed 1"
    text, raw = workflow.view("en", False)
    # Markdown would turn the mask's asterisks and the file name's into emphasis
    assert "9901\\*\\*\\*\\*" in text and "my\\_\\*card\\*.jpg" in text
    assert [r["outcome"] for r in raw["rows"]] == ["ok", "failed", "example"]


def test_many_files_are_named_up_to_five():
    from webui.scripting_texts import HISTORY

    names = tuple(f"f{i}.jpg" for i in range(8))
    assert history.files_shown(names, HISTORY["en"]).endswith("f4.jpg, +3 more")
    assert history.files_shown(names, HISTORY["zh"]).endswith("另 3 个")
    assert history.files_shown(("front.jpg", "", "selfie.jpg"), HISTORY["en"]) == (
        "front.jpg, selfie.jpg"  # no emblem side given
    )
