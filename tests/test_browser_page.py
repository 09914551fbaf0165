"""The page a stakeholder sees, in headless Chromium, in both languages at 1366x768 and 390x844:
first view, honest sandbox, result cards, forms that stay filled, truthful progress, refusals
in plain words and early feedback on a bad file. The sandbox app and the browser come from
tests/test_browser.py (its skip applies here)."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import test_browser as shared
from tests.support import ASSETS, jpeg
from tests.test_browser import (
    new_context,
    open_page,
    open_settings,
    pick_sample,
    upload,
    visible_text,
    wait_for_calls,
    wait_for_text,
)

browser = shared.browser
url = shared.url

pytestmark = pytest.mark.browser

DESKTOP, PHONE = (1366, 768), (390, 844)
SIZES = {"desktop": DESKTOP, "phone": PHONE}
# (group, tab title) of every capability tab, per language
TABS = {
    "en": [
        ("Face", "Face match", "face_compare"),
        ("Face", "Photo liveness", "photo_liveness_detect"),
        ("Face", "Video liveness", "video_liveness_detect"),
        ("Documents", "ID card", "id_card_ocr"),
        ("Documents", "Bank card", "bank_card_ocr"),
        ("Documents", "Driver license", "driver_license_ocr"),
        ("Documents", "Vehicle license", "vehicle_license_ocr"),
        ("Labeling", None, "media_labeling"),
    ],
    "zh": [
        ("人脸", "人脸比对", "face_compare"),
        ("人脸", "照片活体", "photo_liveness_detect"),
        ("人脸", "视频活体", "video_liveness_detect"),
        ("证件", "身份证", "id_card_ocr"),
        ("证件", "银行卡", "bank_card_ocr"),
        ("证件", "驾驶证", "driver_license_ocr"),
        ("证件", "行驶证", "vehicle_license_ocr"),
        ("标签", None, "media_labeling"),
    ],
}
# Words that would be a verdict about a file
VERDICTS = {
    "en": ["Same person", "Not the same person", "fields recognised", "no attack risk", "present"],
    "zh": ["同一人", "非同一人", "识别出", "无攻击风险", "：有"],
}


@pytest.fixture
def visit(browser, url) -> Iterator[Any]:
    """``visit(lang, size)``: a fresh page in a browser of that language and window size."""
    contexts: list[Any] = []

    def open_in(lang: str, size: tuple[int, int] = DESKTOP) -> Any:
        context = new_context(browser, "zh-CN" if lang == "zh" else "en-US", size)
        contexts.append(context)
        return open_page(context, url)

    try:
        yield open_in
    finally:
        for context in contexts:
            context.close()


def go_to(page: Any, group: str, title: str | None) -> None:
    page.locator("#groups > .tab-wrapper [role=tab]").filter(has_text=group).first.click()
    if title:
        page.locator("#groups .tabitem:visible .tab-wrapper [role=tab]").filter(
            has_text=title
        ).first.click()


def bottom(page: Any, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


def other_video(path: Path) -> Path:
    """The sample video with a trailing free atom: valid, but not a bundled sample."""
    sample = (ASSETS / "video/face_pan.mp4").read_bytes()
    path.write_bytes(sample + struct.pack(">I", 16) + b"free" + os.urandom(8))
    return path


# ---- a first view that sells ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_samples_and_run_are_above_the_fold_on_every_tab(visit, lang, size):
    page = visit(lang, size)
    text = visible_text(page)
    assert "KYC_APPID" not in text and ".env" not in text  # settings stay collapsed
    assert page.locator("#status").count() == 0 or not page.locator("#status").is_visible()
    assert ("Sandbox" if lang == "en" else "沙箱") in page.locator("#mode-badge").inner_text()
    for group, title, name in TABS[lang]:
        go_to(page, group, title)
        page.locator(f"#run-{name}").wait_for(state="visible")
        page.evaluate("window.scrollTo(0, 0)")
        assert bottom(page, f"#run-{name}") <= size[1], name
        assert bottom(page, f"#samples-{name}") <= size[1], name
        thumbnails = page.locator(f"#samples-{name} img")
        assert thumbnails.count() >= 1 and thumbnails.first.is_visible(), name


# The other tabs with a run button: (group, tab title or None, run button, sample gallery or None)
MORE_TABS = {
    "en": [
        ("Onboarding", None, "run-journey", "journey-scenarios"),
        ("More checks", "Liveness + face comparison (international)",
         "run-compare_face_liveness", "samples-compare_face_liveness"),
        ("More checks", "Get a lip-reading code", "run-get_live_code", None),
        ("More checks", "Video liveness + face comparison",
         "run-liveness_compare", "samples-liveness_compare"),
        ("More checks", "HTML5 verification (phone)",
         "run-web_verification", "samples-web_verification_start"),
        ("Batch", None, "run-batch", None),
    ],
    "zh": [
        ("开户流程", None, "run-journey", "journey-scenarios"),
        ("更多能力", "活体人脸比对（国际版）",
         "run-compare_face_liveness", "samples-compare_face_liveness"),
        ("更多能力", "获取数字验证码", "run-get_live_code", None),
        ("更多能力", "视频活体人脸比对", "run-liveness_compare", "samples-liveness_compare"),
        ("更多能力", "手机 H5 核身", "run-web_verification", "samples-web_verification_start"),
        ("批量", None, "run-batch", None),
    ],
}  # fmt: skip


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_workflow_and_api3_tabs_keep_run_in_view_too(visit, lang, size):
    page = visit(lang, size)
    for group, title, run, gallery in MORE_TABS[lang]:
        go_to(page, group, title)
        page.locator(f"#{run}").wait_for(state="visible")
        page.evaluate("window.scrollTo(0, 0)")
        assert bottom(page, f"#{run}") <= size[1], run
        if gallery:
            assert bottom(page, f"#{gallery}") <= size[1], gallery
        # every input of the tab is within the page's width (none cut off at the edge)
        for block in page.locator("[id^=in-]:visible").all():
            box = block.bounding_box()
            assert box is not None and box["x"] + box["width"] <= size[0] + 1, run


# ---- an honest sandbox ------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("en", DESKTOP), ("zh", PHONE)], ids=["en", "zh"])
def test_a_file_that_is_not_a_sample_gets_no_verdict_on_any_tab(visit, tmp_path, lang, size):
    page = visit(lang, size)
    # colours of their own: identical bytes would share one cached file with other tests
    photo = jpeg(tmp_path / "my_photo.jpg", color="olive" if lang == "en" else "maroon")
    video = other_video(tmp_path / "my_clip.mp4")
    for count, (group, title, name) in enumerate(TABS[lang], 1):
        go_to(page, group, title)
        for block in page.locator(f"[id^=in-{name}-]:visible").all():
            file_input = block.locator("input[type=file]")
            if file_input.count():
                mine = video if name == "video_liveness_detect" else photo
                file_input.set_input_files(str(mine))
        page.wait_for_timeout(300)
        side = page.locator(f"#in-{name}-side")
        if side.count():
            side.locator("input[type=radio]").first.check()
        page.click(f"#run-{name}")
        said = "does not recognise this file" if lang == "en" else "沙箱不认识这个文件"
        try:
            text = wait_for_text(page, f"#out-{name}", said)
        except Exception:
            pytest.fail(f"{name}: {page.locator(f'#out-{name}').inner_text()}")
        card = page.locator(f"#card-{name} .card")
        card.wait_for(state="visible")
        assert card.get_attribute("data-level") == "info", name
        head = text.strip().splitlines()[0]
        assert head.startswith("ℹ️"), (name, head)
        assert not any(word in head for word in VERDICTS[lang]), (name, head)
        example = card.locator(".example")
        if example.count():  # the fields are there only as an example, and say so
            tag = example.locator(".example-tag").inner_text()
            assert tag == ("EXAMPLE" if lang == "en" else "示例")
        wait_for_calls(page, count, "Calls this session:" if lang == "en" else "本会话调用次数：")
        page.locator("#settings > button").first.click()  # closed again for the next tab


# ---- results people would rather look at ------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("en", DESKTOP), ("zh", PHONE)], ids=["en", "zh"])
def test_result_cards(visit, lang, size):
    page = visit(lang, size)
    tabs = {name: (group, title) for group, title, name in TABS[lang]}
    zh = lang == "zh"

    go_to(page, *tabs["face_compare"])  # the page opens on the onboarding journey
    pick_sample(page, "face_compare", "同一人" if zh else "Same person")
    card = page.locator("#card-face_compare .card")
    card.wait_for(state="visible")
    assert card.get_attribute("data-level") == "pass"
    assert page.locator("#card-face_compare .gauge .tick").all_inner_texts() == ["70", "80"]
    assert page.locator("#card-face_compare .gauge").get_attribute("aria-valuenow") == "92.5"

    go_to(page, *tabs["photo_liveness_detect"])
    pick_sample(page, "photo_liveness_detect", "翻拍屏幕" if zh else "Re-shot screen")
    badge = page.locator("#card-photo_liveness_detect .badge.l3")
    badge.wait_for(state="visible")
    assert badge.inner_text() == ("风险等级 3" if zh else "Risk level 3")
    card = page.locator("#card-photo_liveness_detect .card")
    assert card.get_attribute("data-level") == "fail"
    assert ("疑似翻拍" if zh else "suspected replay") in card.inner_text()

    go_to(page, *tabs["id_card_ocr"])
    pick_sample(page, "id_card_ocr", "人像面" if zh else "Portrait side")
    table = page.locator("#card-id_card_ocr table.fields")
    table.wait_for(state="visible")
    assert "9901**********0027" in table.inner_text()
    assert "990101199001010027" not in visible_text(page)
    page.locator("#details-id_card_ocr > button").first.click()  # raw JSON: one click away
    wait_for_text(page, "#raw-id_card_ocr", "9901**********0027")

    go_to(page, *tabs["media_labeling"])
    pick_sample(page, "media_labeling", "车内戴帽" if zh else "Hat in a car")
    chips = page.locator("#card-media_labeling .chip")
    chips.first.wait_for(state="visible")
    states = {c.inner_text().split()[0]: c.get_attribute("class") for c in chips.all()}
    assert "present" in states["A14"] and "absent" in states["A02"]


# ---- forms that stay filled, and the privacy promise ------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("en", PHONE), ("zh", DESKTOP)], ids=["en", "zh"])
def test_the_form_stays_filled_for_another_run(visit, tmp_path, lang, size):
    page = visit(lang, size)
    go_to(page, *next((g, t) for g, t, name in TABS[lang] if name == "face_compare"))
    upload(
        page,
        "in-face_compare-photo1",
        jpeg(tmp_path / "mine.jpg", color="teal" if lang == "en" else "purple"),
    )
    upload(page, "in-face_compare-photo2", ASSETS / "faces/person_b.jpg")
    calls = "Calls this session:" if lang == "en" else "本会话调用次数："
    page.click("#run-face_compare")
    wait_for_calls(page, 1, calls)
    assert page.locator("#in-face_compare-photo1 img").count() >= 1  # still there
    assert page.locator("#in-face_compare-photo2 img").count() >= 1
    page.locator("#options-face_compare > button").first.click()
    page.locator("#in-face_compare-source_photo_type input[type=radio]").first.check()
    page.click("#run-face_compare")  # another option, the same files, no re-upload
    wait_for_calls(page, 2, calls)
    text = page.locator("#out-face_compare").inner_text()
    assert "deleted" not in text and "删除" not in text
    legal = page.locator("#legal").inner_text()
    assert ("never kept more than 10 minutes" if lang == "en" else "最多保留 10 分钟") in legal


# ---- progress that tells the truth ------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("en", DESKTOP), ("zh", PHONE)], ids=["en", "zh"])
def test_labeling_progress_shows_stages_and_seconds_without_a_percentage(visit, lang, size):
    page = visit(lang, size)
    go_to(page, "Labeling" if lang == "en" else "标签", None)
    pick_sample(page, "media_labeling", "Face video" if lang == "en" else "人脸视频")
    stage = "Step 2 of 2" if lang == "en" else "第 2 步"
    seen = page.wait_for_function(
        """(stage) => {
            const text = document.querySelector('#tab-media_labeling').innerText;
            return text.includes(stage) ? text : false;
        }""",
        arg=stage,
    ).json_value()
    line = next(line for line in seen.splitlines() if stage in line)
    assert "%" not in line
    assert ("s so far" if lang == "en" else "秒") in line
    done = "Labeling done" if lang == "en" else "标签"
    wait_for_text(page, "#out-media_labeling", done)
    chips = page.locator("#card-media_labeling .chip")
    assert all("present" not in (c.get_attribute("class") or "") for c in chips.all())


# ---- words for people, and early feedback ----------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("en", PHONE), ("zh", DESKTOP)], ids=["en", "zh"])
def test_a_refusal_names_the_input_by_its_label(visit, lang, size):
    page = visit(lang, size)
    tabs = {name: (group, title) for group, title, name in TABS[lang]}
    go_to(page, *tabs["id_card_ocr"])
    upload(page, "in-id_card_ocr-image", ASSETS / "docs/id_card_front.jpg")
    page.click("#run-id_card_ocr")
    expected = (
        "Please choose the card side first (portrait side or emblem side)."
        if lang == "en"
        else "请先选择证件面（人像面或国徽面）。"
    )
    text = wait_for_text(page, "#out-id_card_ocr", expected)
    assert "id_card_ocr" not in text and "cardType" not in text  # no code names


@pytest.mark.parametrize(("lang", "size"), [("en", PHONE), ("zh", DESKTOP)], ids=["en", "zh"])
def test_a_bad_file_is_flagged_as_soon_as_it_is_uploaded(visit, tmp_path, lang, size):
    page = visit(lang, size)
    tabs = {name: (group, title) for group, title, name in TABS[lang]}
    go_to(page, *tabs["photo_liveness_detect"])
    notes = tmp_path / "notes.jpg"
    notes.write_text("not a picture at all")
    block = page.locator("#in-photo_liveness_detect-file")
    block.locator("input[type=file]").set_input_files(str(notes))
    said = "cannot be used" if lang == "en" else "无法使用"
    text = wait_for_text(page, "#check-photo_liveness_detect", said)
    assert ("not a JPG" if lang == "en" else "不是") in text
    open_settings(page)
    assert ("Calls this session: 0" if lang == "en" else "本会话调用次数： 0") in page.locator(
        "#status"
    ).inner_text()
    go_to(page, *tabs["bank_card_ocr"])  # a good file: what the local check found
    upload(page, "in-bank_card_ocr-image", jpeg(tmp_path / "good.jpg"))
    text = wait_for_text(page, "#check-bank_card_ocr", "320×240")
    assert ("nothing sent yet" if lang == "en" else "尚未发送") in text
