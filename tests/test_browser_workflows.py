"""The journey and batch tabs end to end in headless Chromium (sandbox), in English and Chinese.

One app and one browser for the module; a context per interface language. Skipped when Chromium
or Playwright is missing, unless EKYC_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

import pytest

from tests import test_browser as shared
from tests.pagehelp import sandbox_launched
from tests.support import ASSETS
from tests.test_browser import (  # the same Chromium set-up and helpers
    ID_NUMBER,
    new_context,
    open_page,
    open_settings,
    open_tab,
    wait_for_calls,
    wait_for_text,
)

pytestmark = pytest.mark.browser
browser = shared.browser  # one Chromium for the module, as test_browser launches it


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with sandbox_launched(processing_time=0.3) as (local_url, _, _):
        yield local_url


def _page(browser: Any, url: str, locale: str) -> Iterator[Any]:
    context = new_context(browser, locale, (1366, 900))
    try:
        yield open_page(context, url)
    finally:
        context.close()


@pytest.fixture
def page(browser, url) -> Iterator[Any]:
    yield from _page(browser, url, "en-US")


@pytest.fixture
def page_zh(browser, url) -> Iterator[Any]:
    yield from _page(browser, url, "zh-CN")


def scenario(page: Any, caption: str) -> None:
    """Click a scenario's thumbnail: it loads the three files and runs the journey."""
    page.locator("#journey-scenarios button").filter(has_text=caption).first.click()


def test_the_page_opens_on_the_journey_and_a_scenario_passes(page):
    first = page.locator("#groups [role=tab]").first
    assert first.inner_text() == "Onboarding" and first.get_attribute("aria-selected") == "true"
    assert page.locator("#in-journey-front").is_visible()
    scenario(page, "Passing journey")
    text = wait_for_text(page, "#out-journey", "Pass")
    assert "✅ Pass" in text and "Similarity 92.5 ≥ 80" in text
    steps = page.locator("#out-journey .journey-step")
    assert steps.count() == 4
    assert {s.get_attribute("data-status") for s in steps.all()} == {"done"}
    assert "Sandbox" in text and "For reference only" in text
    wait_for_calls(page, 4)
    names = page.locator("#journey-report").inner_text().replace("\n", "")
    assert "journey-report.json" in names and "journey-report.html" in names


@pytest.mark.parametrize(
    ("caption", "reason"),
    [
        ("Face mismatch", "Similarity 31.2 < 70"),
        ("Replayed selfie", "Liveness level 3"),
        ("Wrong document", "not a resident ID card"),
    ],
)
def test_failing_scenarios_say_why(page, caption, reason):
    scenario(page, caption)
    text = wait_for_text(page, "#out-journey", reason)
    assert "❌ Fail" in text
    assert page.locator('#out-journey [data-verdict="fail"]').count() == 1


def test_wrong_document_keeps_every_step_visible(page):
    scenario(page, "Wrong document")
    wait_for_text(page, "#out-journey", "Fail")
    status = {
        s.get_attribute("data-step"): s.get_attribute("data-status")
        for s in page.locator("#out-journey .journey-step").all()
    }
    assert status == {
        "id_front": "failed",
        "id_back": "done",
        "liveness": "done",
        "face_compare": "failed",
    }


def test_masking_switch_rerenders_without_a_call(page):
    scenario(page, "Passing journey")
    text = wait_for_text(page, "#out-journey", "Pass")
    assert "9901**********0027" in text and ID_NUMBER not in text
    wait_for_calls(page, 4)
    open_settings(page)  # the switch sits in "Settings and status"
    page.get_by_label("Show sensitive fields").check()
    wait_for_text(page, "#out-journey", ID_NUMBER)
    wait_for_calls(page, 4)


def test_journey_in_chinese(page_zh):
    page = page_zh
    first = page.locator("#groups [role=tab]").first
    assert first.inner_text() == "开户流程" and first.get_attribute("aria-selected") == "true"
    scenario(page, "人脸不符")
    text = wait_for_text(page, "#out-journey", "不通过")
    assert "相似度 31.2 < 70：不是同一人" in text
    assert "身份证人像面" in text and "自拍与证件人像比对" in text
    wait_for_calls(page, 4, "本会话调用次数：")


def upload_files(page: Any, paths: list[Any]) -> None:
    page.locator("#in-batch-files input[type=file]").set_input_files([str(p) for p in paths])


def hostile_zip(tmp_path) -> Any:
    archive = tmp_path / "set.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(ASSETS / "docs/id_card_front.jpg", "cards/front.jpg")
        zf.writestr("cards/notes.txt", "not media")
        zf.writestr("cards/inner.zip", b"PK\x03\x04 nested")
    return archive


def test_batch_with_files_and_a_zip(page, tmp_path):
    open_tab(page, "Batch")
    assert not page.locator("#batch-table").is_visible()  # no empty grid before a run
    page.locator("#in-batch-side").get_by_label("portrait side").check()
    upload_files(
        page,
        [ASSETS / "docs/id_card_front.jpg", ASSETS / "docs/bank_card.jpg", hostile_zip(tmp_path)],
    )
    plan = wait_for_text(page, "#batch-plan", "to run")
    assert "3 file(s) to run: 3 call(s). 2 skipped." in plan
    assert "an archive inside the archive" in plan
    page.click("#run-batch")
    summary = wait_for_text(page, "#out-batch", "calls")
    assert "3 calls" in summary and "ok 2" in summary and "failed 1" in summary
    page.locator("#batch-table").wait_for(state="visible")  # shown once there are rows
    table = page.locator("#batch-table").inner_text()
    assert "9901**********0027" in table and ID_NUMBER not in table
    assert "set.zip/cards/notes.txt" in table and "66661001" in table
    wait_for_calls(page, 3)
    assert "batch-id_card_ocr.csv" in page.locator("#batch-exports").inner_text().replace("\n", "")


def test_batch_in_chinese(page_zh, tmp_path):
    page = page_zh
    open_tab(page, "批量")
    page.locator("#in-batch-capability input").click()
    page.get_by_role("option", name="照片活体检测").click()
    upload_files(page, [ASSETS / "faces/person_a_1.jpg", ASSETS / "faces/screen_replay.jpg"])
    wait_for_text(page, "#batch-plan", "待运行 2 个文件")
    page.click("#run-batch")
    summary = wait_for_text(page, "#out-batch", "调用 2 次")
    assert "成功 2" in summary
    page.locator("#batch-table").wait_for(state="visible")  # shown once there are rows
    table = page.locator("#batch-table").inner_text()
    assert "文件" in table and "riskLevel=3" in table
