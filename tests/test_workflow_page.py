"""The journey and batch handlers of the page, without a browser: call budgets (refused before
starting, honoured during), reports, masking, clean-up; and the /journey and /batch endpoints
through gradio_client."""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client as ApiClient
from gradio_client import handle_file

from tests.pagehelp import sandbox_launched
from tests.support import ASSETS, jpeg
from webui.handlers import Page
from webui.workflow_handlers import batch_plan_text, render_journey, run_batch, run_journey

FRONT = str(ASSETS / "docs/id_card_front.jpg")
BACK = str(ASSETS / "docs/id_card_back.jpg")
PERSON_A = str(ASSETS / "faces/person_a_1.jpg")
PERSON_B = str(ASSETS / "faces/person_b.jpg")
ID_NUMBER = "990101199001010027"


@pytest.fixture
def page(client, tmp_path) -> Page:
    return Page(client, cache_dir=tmp_path / "cache")


def test_journey_verdict_card_report_files_and_count(page, emu):
    view = run_journey(page, FRONT, BACK, PERSON_A, "en", False, "s1")
    assert 'data-verdict="pass"' in view.card and "✅ Pass" in view.card
    assert view.card.count('class="journey-step"') == 4
    assert page.calls("s1") == 4 and emu.count("call") == 4
    assert view.report["verdict"] == "pass" and view.report["masked"] is True
    json_file, html_file = (Path(p) for p in view.files)
    saved = json.loads(json_file.read_text(encoding="utf-8"))
    assert saved["steps"][0]["fields"]["idcard"] == "9901**********0027"
    page_html = html_file.read_text(encoding="utf-8")
    assert ID_NUMBER not in page_html and "9901**********0027" in page_html
    assert "For reference only" in page_html and "<script" not in page_html


def test_revealed_and_chinese_rerender_without_calls(page, emu):
    view = run_journey(page, FRONT, None, PERSON_B, "en", False, "s1")
    calls = emu.count("call")
    again = render_journey(page, view.result, "zh", True)
    assert emu.count("call") == calls == 3
    assert "不通过" in again.card and "相似度 31.2" in again.card
    assert ID_NUMBER in Path(again.files[1]).read_text(encoding="utf-8")
    assert again.report["masked"] is False


def test_journey_that_cannot_finish_is_refused_before_it_starts(client, emu, tmp_path):
    page = Page(client, call_limit=3, cache_dir=tmp_path)
    view = run_journey(page, FRONT, BACK, PERSON_A, "en", False, "s1")
    assert "needs 4 calls" in view.card and "only 3 remain" in view.card
    assert view.result is None and page.calls("s1") == 0 and emu.count("call") == 0
    view = run_journey(page, FRONT, None, PERSON_A, "zh", False, "s1")  # three calls fit
    assert view.result is not None and page.calls("s1") == 3
    view = run_journey(page, FRONT, None, PERSON_A, "zh", False, "s1")
    assert "本流程需要调用 3 次" in view.card and emu.count("call") == 3


def test_total_limit_counts_every_call_of_the_journey(client, emu, tmp_path):
    page = Page(client, total_limit=5, cache_dir=tmp_path)
    assert run_journey(page, FRONT, BACK, PERSON_A, "en", False, "a").result is not None
    view = run_journey(page, FRONT, None, PERSON_A, "en", False, "b")
    assert view.result is None and emu.count("call") == 4 and page.remaining("b") == 1


def test_bad_input_costs_nothing_and_keeps_nothing_counted(page, emu, tmp_path):
    text = tmp_path / "selfie.jpg"
    text.write_text("not a photo")
    view = run_journey(page, FRONT, BACK, str(text), "zh", False, "s1")
    assert "selfie.jpg" in view.card and view.result is None
    assert page.calls("s1") == 0 and emu.count("call") == 0
    view = run_journey(page, FRONT, BACK, None, "en", False, "s1")
    assert "Add a selfie first" in view.card


def test_uploads_are_deleted_after_the_journey_samples_kept(page):
    cache = page.cache_dir / "upload1"
    cache.mkdir(parents=True)
    selfie = jpeg(cache / "mine.jpg")
    front = cache / "front.jpg"
    shutil.copy(FRONT, front)
    view = run_journey(page, str(front), None, str(selfie), "en", False, "s1")
    assert view.result.example  # not a sample: no verdict about it
    assert 'data-verdict="example"' in view.card
    assert not selfie.exists() and front.exists()  # the sample's cached copy stays


def test_progress_reports_steps(page):
    seen = []
    run_journey(page, FRONT, BACK, PERSON_A, "en", False, "s1", lambda f, d: seen.append((f, d)))
    assert seen[-1][0] == 1.0 and seen[-1][1].startswith("4/4 steps done")


def test_batch_rows_exports_and_count(page, emu):
    view = run_batch(page, "id_card_ocr", [FRONT, str(ASSETS / "docs/bank_card.jpg")],
                     {"side": "0"}, None, None, "en", False, "s1")  # fmt: skip
    assert view.headers[:3] == ["file", "outcome", "code"]
    assert [row[1] for row in view.rows] == ["ok", "failed"]
    assert "9901**********0027" in view.rows[0][3] and page.calls("s1") == 2
    csv_file, json_file = (Path(p) for p in view.files)
    assert ID_NUMBER not in csv_file.read_text(encoding="utf-8")
    assert json.loads(json_file.read_text(encoding="utf-8"))["counts"]["failed"] == 1


def test_batch_refused_before_start_when_the_budget_cannot_cover_it(client, emu, tmp_path):
    page = Page(client, call_limit=2, cache_dir=tmp_path)
    view = run_batch(page, "photo_liveness_detect", [PERSON_A, PERSON_B, PERSON_A], {}, None,
                     None, "en", False, "s1")  # fmt: skip
    assert "needs 3 calls" in view.summary and emu.count("call") == 0 and view.rows == []


def test_batch_honours_the_limit_during_the_run(client, emu, tmp_path):
    page = Page(client, call_limit=3, cache_dir=tmp_path)
    original = client.call

    def another_tab_spends(*args, **kwargs):
        page.take_calls("s1", 1)  # the same session runs something else meanwhile
        return original(*args, **kwargs)

    client.call = another_tab_spends
    client.batch = functools.partial(client.batch, parallel=1)  # one file after another
    view = run_batch(page, "photo_liveness_detect", [PERSON_A, PERSON_B, PERSON_A], {}, None,
                     None, "en", False, "s1")  # fmt: skip
    # 3 calls fit when it starts; the other tab's call during the first leaves room for one more
    assert [row[1] for row in view.rows] == ["ok", "ok", "skipped"]
    assert "call limit" in view.rows[2][5] and emu.count("call") == 2


def test_batch_refusals_in_the_users_language(page, emu, tmp_path):
    view = run_batch(page, "id_card_ocr", [FRONT], {"side": None}, None, None, "zh", False, "s")
    assert "请选择" in view.summary
    view = run_batch(page, "no_such", [FRONT], {}, None, None, "en", False, "s")
    assert "Choose a capability" in view.summary
    zipped = tmp_path / "evil.zip"
    import zipfile

    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("../../etc/x.jpg", "x")
    view = run_batch(page, "bank_card_ocr", [str(zipped)], {}, None, None, "en", False, "s")
    assert "No image or video" in view.summary and emu.count("call") == 0


def test_plan_text_counts_calls_and_lists_skipped(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    text = batch_plan_text("id_card_ocr", [FRONT, BACK, str(notes)], "en")
    assert text.startswith("2 file(s) to run: 2 call(s). 1 skipped.")
    assert "notes.txt: not an image or video" in text


# ---- the endpoints, as gradio_client and MCP reach them -------------------------------------


@pytest.fixture(scope="module")
def api() -> Iterator[tuple[ApiClient, Page]]:
    with sandbox_launched(processing_time=0.3) as (url, page, _):
        client = ApiClient(url, verbose=False)
        try:
            yield client, page
        finally:
            client.close()


def test_journey_endpoint(api):
    client, _ = api
    card, report, files, *_ = client.predict(
        handle_file(FRONT), handle_file(BACK), handle_file(PERSON_B), "zh", False,
        api_name="/journey",
    )  # fmt: skip
    assert 'data-verdict="fail"' in card and report["verdict"] == "fail"
    assert [Path(f).name for f in files] == ["journey-report.json", "journey-report.html"]


def test_batch_endpoint(api):
    client, _ = api
    summary, table, files, *_ = client.predict(
        "face_compare", [handle_file(PERSON_A), handle_file(PERSON_B)], None, [],
        handle_file(str(ASSETS / "faces/person_a_2.jpg")), "en", False, api_name="/batch",
    )  # fmt: skip
    assert "2 calls" in summary
    assert [row[3] for row in table["data"]] == ["similarity=92.5", "similarity=31.2"]
    assert [Path(f).suffix for f in files] == [".csv", ".json"]


def test_the_batch_form_offers_the_rows_it_can_fill_and_says_so_from_the_table(page):
    from ekyc.capabilities import CAPABILITIES
    from webui import batch_tab

    offered = {cap.name for cap in batch_tab.ROWS}
    for cap in CAPABILITIES:
        required = {o.role for o in cap.options if o.default is None}
        fits = 1 <= len(cap.files) <= 2 and required <= {"side"}
        fits = fits and all(spec.kind == "image" for spec in cap.files[1:])
        assert (cap.name in offered) == fits, cap.name
    assert "get_live_code" not in offered and "web_verification_start" not in offered
    assert batch_tab.FIRST.option_for("side") is not None  # opens on a document with a side
    doc = batch_tab.batch_handler(page).__doc__ or ""
    assert all(name in doc for name in offered) and "{" not in doc
    assert "get_live_code" not in doc and "compare_face_liveness" not in doc
