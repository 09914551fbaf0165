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
from tests.test_browser import open_tab, upload, wait_for_calls, wait_for_text

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
    return Path(caught.value.path()).read_text(encoding="utf-8-sig")


def test_history_lists_reopens_exports_and_clears(page, context):
    upload(page, "in-face_compare-photo1", ASSETS / "faces/person_a_1.jpg")
    upload(page, "in-face_compare-photo2", ASSETS / "faces/person_b.jpg")
    page.click("#run-face_compare")
    verdict = wait_for_text(page, "#out-face_compare", "similarity")
    wait_for_calls(page, 1)

    # "Use from code" under the result names the samples as the project has them
    page.locator("#code-face_compare").get_by_text("Use from code").click()
    cli = wait_for_text(page, "#code-face_compare-cli", "--photo2")
    assert "python -m ekyc face_compare" in cli and "assets/faces/person_b.jpg" in cli
    assert "--sandbox" in cli and "--lang en" in cli
    assert "client.face_compare(" in page.locator("#code-face_compare-python").inner_text()
    assert 'api_name="/face_compare"' in page.locator("#code-face_compare-gradio").inner_text()

    open_tab(page, "ID card OCR")
    upload(page, "in-id_card_ocr-image", ASSETS / "docs/id_card_front.jpg")
    page.click("#run-id_card_ocr")
    wait_for_text(page, "#out-id_card_ocr", "is required")

    page.locator("#history").get_by_text("Run history (this session)").click()
    wait_for_text(page, "#history-table", "refused")
    rows = table_rows(page)
    assert [row[0] for row in rows] == ["2", "1"]  # newest first
    assert rows[0][2:6] == ["ID card OCR", "assets/docs/id_card_front.jpg", "⛔ refused", "—"]
    assert rows[1][2:6] == [
        "Face comparison",
        "assets/faces/person_a_1.jpg, assets/faces/person_b.jpg",
        "✅ done",
        "0",
    ]

    exported = list(csv.DictReader(io.StringIO(download(page, "#history-csv"))))
    assert [(r["number"], r["capability"], r["outcome"]) for r in exported] == [
        ("1", "face_compare", "ok"),
        ("2", "id_card_ocr", "refused"),
    ]
    records = json.loads(download(page, "#history-json"))
    assert records[0]["files"] == ["assets/faces/person_a_1.jpg", "assets/faces/person_b.jpg"]
    assert records[0]["options"] == {"source_photo_type": "2"} and records[0]["sandbox"] is True

    # reopening shows the run's own answer, without another call
    page.locator("#history-table .body-cell", has_text="Face comparison").first.click()
    reopened = wait_for_text(page, "#history-reopened", "Run 1")
    assert verdict.splitlines()[0] in reopened
    page.locator("#code-history").get_by_text("Use from code").click()
    wait_for_text(page, "#code-history-cli", "--photo1 assets/faces/person_a_1.jpg")

    # the language switch re-renders the table, the reopened run and its code
    page.locator("label").filter(has_text="中文").click()
    wait_for_text(page, "#history-table", "人脸比对")
    wait_for_text(page, "#history-reopened", "第 1 次")
    wait_for_text(page, "#code-history-cli", "--lang zh")
    wait_for_calls(page, 1, "本会话调用次数：")

    page.click("#history-clear")
    page.wait_for_function("document.querySelectorAll('#history-table .body-cell').length === 0")
    wait_for_text(page, "#history-reopened", "点击上方某一行")

    # a new session starts with an empty history: nothing was kept beyond this one
    other = context.new_page()
    try:
        other.goto(page.url)
        wait_for_text(other, "#status", "Calls this session")
        assert table_rows(other) == []
    finally:
        other.close()
