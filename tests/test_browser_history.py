"""The run history and "use from code" in headless Chromium: list, reopen, export, clear.

Shares test_browser's set-up (its own app launch and browser for this module).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests import test_browser as shared
from tests.support import ASSETS
from tests.test_browser import (
    ID_NUMBER,
    open_settings,
    open_tab,
    pick_sample,
    upload,
    wait_for_calls,
    wait_for_text,
)

pytestmark = pytest.mark.browser
# test_browser's fixtures: a launched app, one browser and context, a fresh page per test
url, browser, context, page = shared.url, shared.browser, shared.context, shared.page
COLUMNS = 7


def table_rows(page) -> list[list[str]]:
    cells = page.locator("#history-table .body-cell").all_inner_texts()
    return [[c.strip() for c in cells[i : i + COLUMNS]] for i in range(0, len(cells), COLUMNS)]


def download(page, button: str) -> str:
    with page.expect_download() as caught:
        page.click(button)
    assert caught.value.suggested_filename == "ekyc-history." + button.rsplit("-", 1)[1]
    return Path(caught.value.path()).read_text(encoding="utf-8-sig")


def test_history_lists_reopens_exports_and_clears(page):
    open_tab(page, "Face", "Face match")  # the page opens on the onboarding journey
    pick_sample(page, "face_compare", "Different people")  # a sample picked runs at once
    verdict = wait_for_text(page, "#out-face_compare", "similarity")

    # "Use from code" under the result names the samples as the project has them
    page.locator("#code-face_compare").get_by_text("Use from code").click()
    cli = wait_for_text(page, "#code-face_compare-cli", "--photo2")
    assert "python -m ekyc face_compare" in cli and "assets/faces/person_b.jpg" in cli
    assert "--sandbox" in cli and "--lang en" in cli
    assert "client.face_compare(" in page.locator("#code-face_compare-python").inner_text()
    assert 'api_name="/face_compare"' in page.locator("#code-face_compare-gradio").inner_text()

    open_tab(page, "Documents", "ID card")
    upload(page, "in-id_card_ocr-image", ASSETS / "docs/id_card_front.jpg")
    page.click("#run-id_card_ocr")
    wait_for_text(page, "#out-id_card_ocr", "Please choose the card side first")
    page.locator("#in-id_card_ocr-side").get_by_label("Portrait side").check()
    page.click("#run-id_card_ocr")
    wait_for_text(page, "#out-id_card_ocr", "9901**********0027")
    wait_for_calls(page, 2)

    open_tab(page, "History")
    wait_for_text(page, "#history-table", "refused")
    rows = table_rows(page)
    assert [row[0] for row in rows] == ["3", "2", "1"]  # newest first
    assert rows[0][2:6] == ["ID card OCR", "assets/docs/id_card_front.jpg", "✅ done", "0"]
    assert rows[1][4:7] == ["⛔ refused", "—", "—"]
    assert rows[2][2:5] == [
        "Face comparison",
        "assets/faces/person_a_1.jpg, assets/faces/person_b.jpg",
        "✅ done",
    ]

    exported = list(csv.DictReader(io.StringIO(download(page, "#history-csv"))))
    assert [(r["number"], r["capability"], r["outcome"]) for r in exported] == [
        ("1", "face_compare", "ok"),
        ("2", "id_card_ocr", "refused"),
        ("3", "id_card_ocr", "ok"),
    ]
    records = json.loads(download(page, "#history-json"))
    assert records[0]["files"] == ["assets/faces/person_a_1.jpg", "assets/faces/person_b.jpg"]
    assert records[2]["options"] == {"side": "0"} and records[2]["sandbox"] is True
    assert ID_NUMBER not in json.dumps(records)  # the export lists runs, not answers

    # reopening shows a run's own answer, without another call
    page.locator("#history-table .body-cell", has_text="Face comparison").first.click()
    reopened = wait_for_text(page, "#history-reopened", "Run 1")
    assert verdict.splitlines()[0] in reopened
    page.locator("#history-table .body-cell", has_text="ID card OCR").first.click()
    wait_for_text(page, "#history-reopened", "9901**********0027")
    page.locator("#code-history").get_by_text("Use from code").click()
    wait_for_text(page, "#code-history-cli", "--side 0")

    # revealing sensitive fields re-renders the reopened run and its code
    open_settings(page)
    page.get_by_label("Show sensitive fields").check()
    wait_for_text(page, "#history-reopened", ID_NUMBER)
    wait_for_text(page, "#code-history-cli", "--no-mask")
    wait_for_calls(page, 2)

    page.click("#history-clear")
    page.wait_for_function("document.querySelectorAll('#history-table .body-cell').length === 0")
    wait_for_text(page, "#history-reopened", "Click a row")

    # the language switch reloads the page: a new session, whose history starts empty
    page.locator("#lang-switch").get_by_text("中文").click()
    page.wait_for_load_state("load")
    open_tab(page, "记录")
    wait_for_text(page, "#history-table", "功能")
    assert table_rows(page) == []


def test_journeys_and_batches_join_the_history_and_reopen(page):
    if page.locator("#groups [role=tab]").first.inner_text() != "Onboarding":
        page.locator("#lang-switch").get_by_text("English").click()  # kept by the browser
        page.wait_for_load_state("load")
        wait_for_text(page, "#groups", "Onboarding")
    page.locator("#journey-scenarios button").filter(has_text="Face mismatch").first.click()
    wait_for_text(page, "#out-journey", "Fail")
    page.locator("#code-journey").get_by_text("Use from code").click()  # under the verdict
    cli = wait_for_text(page, "#code-journey-cli", "journey")
    assert "--selfie assets/faces/person_b.jpg" in cli and "--sandbox" in cli
    page.click("#run-journey")  # again, on the same files
    wait_for_text(page, "#out-journey", "Fail")
    open_tab(page, "Batch")
    page.locator("#in-batch-side").get_by_label("portrait side").check()
    cards = [ASSETS / "docs/id_card_front.jpg", ASSETS / "docs/bank_card.jpg"]
    page.locator("#in-batch-files input[type=file]").set_input_files([str(p) for p in cards])
    wait_for_text(page, "#batch-plan", "to run")
    page.click("#run-batch")
    wait_for_text(page, "#out-batch", "calls")

    open_tab(page, "History")
    wait_for_text(page, "#history-table", "Batch: ID card OCR")
    rows = table_rows(page)
    assert [row[0] for row in rows] == ["3", "2", "1"]
    assert rows[0][2:5] == [
        "Batch: ID card OCR",
        "assets/docs/id_card_front.jpg, assets/docs/bank_card.jpg",
        "ok 1 · failed 1",
    ]
    assert rows[1][2] == rows[2][2] == "Onboarding journey" and rows[1][4] == "❌ Fail"
    assert "assets/faces/person_b.jpg" in rows[2][3]

    # reopened without another call: the journey's verdict card, the batch's rows, masked
    page.locator("#history-table .body-cell", has_text="Onboarding journey").first.click()
    reopened = wait_for_text(page, "#history-reopened", "Run 2")
    assert "Similarity 31.2 < 70" in reopened and "9901**********0027" in reopened
    page.locator("#history-table .body-cell", has_text="Batch").first.click()
    reopened = wait_for_text(page, "#history-reopened", "Run 3")
    assert "66661001" in reopened and "9901**********0027" in reopened
    assert ID_NUMBER not in reopened
    page.locator("#code-history").get_by_text("Use from code").click()
    cli = wait_for_text(page, "#code-history-cli", "batch")
    assert "id_card_ocr assets/docs/id_card_front.jpg assets/docs/bank_card.jpg" in cli
    wait_for_calls(page, 10)  # 4 + 4 + 2: reopening made none

    exported = json.loads(download(page, "#history-json"))
    assert [(r["capability"], r.get("detail")) for r in exported] == [
        ("journey", "fail"),
        ("journey", "fail"),
        ("batch", "ok 1, failed 1"),
    ]
