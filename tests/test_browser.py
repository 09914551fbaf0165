"""End to end in headless Chromium (Debian's /usr/bin/chromium) against the launched app, sandbox.

Skipped when Chromium or Playwright is missing, unless EKYC_REQUIRE_BROWSER=1 (then they fail).
One app and one browser for the module; each test gets a fresh page, so a fresh Gradio session.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pagehelp import CHROMIUM, WAIT_MS, chromium, sandbox_launched, wait_for_text
from tests.support import ASSETS, jpeg

pytestmark = pytest.mark.browser

REQUIRED = os.environ.get("EKYC_REQUIRE_BROWSER") == "1"
ID_NUMBER = "990101199001010027"


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"EKYC_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) is None:
    _unavailable(f"no Chromium at {CHROMIUM}")
try:
    from playwright.sync_api import Page
except ImportError:  # pragma: no cover - the dev requirements install it
    _unavailable("Playwright for Python is not installed")


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with sandbox_launched(processing_time=1.5) as (local_url, _, _):
        yield local_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched_browser:
        yield launched_browser


def new_context(browser, locale: str = "en-US", size: tuple[int, int] = (1280, 900)) -> Any:
    context = browser.new_context(locale=locale, viewport={"width": size[0], "height": size[1]})
    context.set_default_timeout(WAIT_MS)
    return context


@pytest.fixture(scope="module")
def context(browser) -> Iterator[Any]:
    """One context for the module, so the page's scripts come from the browser's cache."""
    shared = new_context(browser)
    try:
        yield shared
    finally:
        shared.close()


def open_page(context, url: str) -> Page:
    """A freshly loaded page (a new Gradio session), its language known and applied."""
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_function(
        """() => {
            const checked = document.querySelector('#lang-switch input:checked');
            const legal = document.querySelector('#legal');
            return checked !== null && legal !== null && legal.innerText.length > 40;
        }""",
        timeout=WAIT_MS,
    )
    return tab


@pytest.fixture
def page(context, url) -> Iterator[Page]:
    """A freshly loaded page in English: a new Gradio session with its own call count."""
    tab = open_page(context, url)
    try:
        yield tab
    finally:
        tab.close()


def open_settings(page: Page) -> None:
    if page.locator("#status").count() == 0 or not page.locator("#status").is_visible():
        page.locator("#settings > button").first.click()
    page.locator("#status").wait_for(state="visible")


def wait_for_calls(page: Page, count: int, label: str = "Calls this session:") -> None:
    open_settings(page)
    page.wait_for_function(
        """(expected) => document.querySelector('#status').innerText.includes(expected)""",
        arg=f"{label} {count}",
        timeout=WAIT_MS,
    )


def open_tab(page: Page, group: str, title: str | None = None) -> None:
    page.locator("#groups").get_by_role("tab", name=group, exact=True).first.click()
    if title:
        page.get_by_role("tab", name=title, exact=True).click()


def pick_sample(page: Page, capability: str, caption: str) -> None:
    """Click a thumbnail in the tab's sample gallery (this loads and runs it)."""
    gallery = page.locator(f"#samples-{capability}")
    gallery.locator("button").filter(has_text=caption).first.click()


def upload(page: Page, elem_id: str, path: Path, shown: str = "preview") -> None:
    """Put a file into an input; wait until the page shows it (an image's preview, or a name)."""
    block = page.locator(f"#{elem_id}")
    block.locator("input[type=file]").set_input_files(str(path))
    loaded = block.locator("img") if shown == "preview" else block.get_by_text(path.name)
    loaded.first.wait_for(state="visible")


def test_face_comparison_with_two_uploads(page):
    open_tab(page, "Face", "Face match")
    upload(page, "in-face_compare-photo1", ASSETS / "faces/person_a_1.jpg")
    upload(page, "in-face_compare-photo2", ASSETS / "faces/person_a_2.jpg")
    page.click("#run-face_compare")

    # the card (headline, sandbox notice) and, under it, the explanation's details
    text = wait_for_text(page, "#out-face_compare", "Same person, high confidence")
    assert "Sandbox: a scripted answer for this bundled sample, not recognition." in text
    assert "92.5 out of 100" in text
    assert text.count("Same person, high confidence (similarity 92.5)") == 1  # said once
    wait_for_calls(page, 1)
    assert "Mode: sandbox" in page.locator("#status").inner_text()


def test_id_card_needs_a_side_and_masks_the_number(page):
    open_tab(page, "Documents", "ID card")
    upload(page, "in-id_card_ocr-image", ASSETS / "docs/id_card_front.jpg")

    page.click("#run-id_card_ocr")
    text = wait_for_text(page, "#out-id_card_ocr", "nothing was sent")
    assert "The input was refused (nothing was sent)" in text

    page.locator("#in-id_card_ocr-side").get_by_label("Portrait side").check()
    page.click("#run-id_card_ocr")
    text = wait_for_text(page, "#out-id_card_ocr", "ID card OCR: 6 fields recognised")
    assert "9901**********0027" in text
    assert ID_NUMBER not in text
    page.locator("#details-id_card_ocr").get_by_text("Technical details").click()
    wait_for_text(page, "#raw-id_card_ocr", "9901**********0027")  # the raw JSON, too
    assert ID_NUMBER not in page.locator("#raw-id_card_ocr").inner_text()
    assert ID_NUMBER not in page.locator("body").inner_text()
    wait_for_calls(page, 1)  # the refusal did not count

    # Revealing re-renders the last answer in place: no new call is made.
    page.get_by_label("Show sensitive fields").check()
    text = wait_for_text(page, "#out-id_card_ocr", ID_NUMBER)
    assert "9901**********0027" not in text
    wait_for_text(page, "#raw-id_card_ocr", ID_NUMBER)
    wait_for_calls(page, 1)


def test_a_photo_survives_a_refusal(page, tmp_path):
    """One photo added, the other forgotten: after adding it, the run goes through."""
    mine = jpeg(tmp_path / "my_photo.jpg", color="navy")
    open_tab(page, "Face", "Face match")
    upload(page, "in-face_compare-photo1", mine)
    page.click("#run-face_compare")
    wait_for_text(page, "#out-face_compare", "reference photo")

    upload(page, "in-face_compare-photo2", ASSETS / "faces/person_b.jpg")
    page.click("#run-face_compare")
    wait_for_calls(page, 1)
    text = page.locator("#out-face_compare").inner_text()
    assert "deleted" not in text


def test_vehicle_license_sample_loads_and_runs(page):
    open_tab(page, "Documents", "Vehicle license")
    pick_sample(page, "vehicle_license_ocr", "Supplementary page")
    page.locator("#in-vehicle_license_ocr-image img").first.wait_for(state="visible")
    side = page.locator("#in-vehicle_license_ocr-side").get_by_label("Supplementary page")
    page.wait_for_function("(element) => element.checked", arg=side.element_handle())

    text = wait_for_text(page, "#out-vehicle_license_ocr", "8 fields recognised")
    assert "Vehicle license OCR: 8 fields recognised" in text
    assert "Curb weight: 1420kg" in text
    assert "External dimensions: 4650×1820×1480mm" in text
    assert "File number: 990******001" in text
    wait_for_calls(page, 1)


def test_labeling_with_two_picked_labels(page):
    open_tab(page, "Labeling")
    upload(page, "in-media_labeling-file", ASSETS / "labels/hat_in_car.jpg", shown="name")
    picker = page.locator("#in-media_labeling-labels")
    picker.get_by_title("Clear").click()
    assert picker.locator(".token").count() == 0
    combobox = picker.get_by_role("combobox")
    for code in ("A14", "A02"):
        combobox.click()
        combobox.fill(code)
        page.get_by_role("option", name=code).first.click()
    assert picker.locator(".token").all_inner_texts() == [
        "A14 wearing a hat",
        "A02 medical mask covering face",
    ]
    page.keyboard.press("Escape")

    page.click("#run-media_labeling")
    text = wait_for_text(page, "#out-media_labeling", "Labeling done")
    assert "Labeling done: 1 present, 1 absent" in text
    assert "✅ A14 wearing a hat: present" in text
    assert "❌ A02 medical mask covering face: absent" in text
    assert "B03" not in text  # the default labels were cleared
    wait_for_calls(page, 1)
    shown = page.locator("#in-media_labeling-file").inner_text()
    assert "hat_in_car" in shown and "Error" not in shown


def test_chinese_explanation(browser, url):
    zh = new_context(browser, "zh-CN")
    try:
        page = open_page(zh, url)
        open_settings(page)
        status = wait_for_text(page, "#status", "沙箱模式")
        assert "本会话调用次数" in status
        wait_for_text(page, "body", "法律声明")  # the legal notice follows the language

        open_tab(page, "人脸", "照片活体")
        pick_sample(page, "photo_liveness_detect", "翻拍屏幕")
        text = wait_for_text(page, "#out-photo_liveness_detect", "照片活体检测")
        assert "高度疑似攻击" in text
        assert "风险标签 03：疑似翻拍" in text
        assert "沙箱：这是为自带示例准备的脚本应答，并非真实识别。" in text
        wait_for_calls(page, 1, "本会话调用次数：")
    finally:
        zh.close()


# ---- one language switch ---------------------------------------------------------------------

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u3400-\u9fff]")
# Words that stay as they are in a Chinese page: names, formats, codes.
KEEP_IN_CHINESE = {
    "eKYC",
    "English",
    "API",
    "JSON",
    "JPG",
    "JPEG",
    "PNG",
    "BMP",
    "MP4",
    "MOV",
    "OCR",
}
KEEP_IN_CHINESE |= {"FaceID", "Space", "Secrets", "LIP"}  # product and mode names
KEEP_IN_CHINESE |= {"CSV", "Python", "ekyc", "API", "gradio_client"}  # "use from code"
KEEP_IN_CHINESE |= {"HTML", "ZIP"}  # the journey's report and the batch's archives


def visible_text(page: Page) -> str:
    """The page's visible text, less code (variable names, values quoted from an answer)."""
    return page.evaluate(
        """() => {
            let text = document.body.innerText;
            for (const code of document.querySelectorAll('code, pre')) {
                if (code.innerText) text = text.split(code.innerText).join(' ');
            }
            return text;
        }"""
    )


def walk_tabs(page: Page) -> list[str]:
    """The page's visible text with each group and each tab opened in turn."""
    texts = []
    groups = page.locator("#groups > .tab-wrapper [role=tab]")
    for i in range(groups.count()):
        groups.nth(i).click()
        inner = page.locator("#groups .tabitem:visible .tab-wrapper [role=tab]")
        for j in range(max(1, inner.count())):
            if inner.count():
                inner.nth(j).click()
            page.wait_for_timeout(150)
            texts.append(visible_text(page))
    return texts


def untranslated_in_chinese(text: str) -> set[str]:
    return {w for w in LATIN_WORD.findall(text) if w not in KEEP_IN_CHINESE}


def untranslated_in_english(text: str) -> set[str]:
    return {line for line in text.splitlines() if CJK.search(line) and line.strip() != "中文"}


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_page_is_wholly_in_the_browsers_language(browser, url, locale, size):
    ctx = new_context(browser, locale, size)
    try:
        page = open_page(ctx, url)
        lang = "zh" if locale.startswith("zh") else "en"
        checked = page.locator("#lang-switch input:checked").get_attribute("value")
        assert checked == lang
        open_settings(page)
        page.locator("#legal").scroll_into_view_if_needed()
        texts = walk_tabs(page)
        assert len(texts) >= 8  # every capability tab was visited
        find = untranslated_in_chinese if lang == "zh" else untranslated_in_english
        found = set().union(*(find(t) for t in texts))
        assert not found, f"untranslated in {locale}: {sorted(found)[:20]}"
    finally:
        ctx.close()


def test_the_language_switch_is_remembered_across_reloads(browser, url):
    ctx = new_context(browser, "en-US")
    try:
        page = open_page(ctx, url)
        assert "Face" in page.locator("#groups").inner_text()
        page.locator("#lang-switch").get_by_text("中文").click()
        page.wait_for_load_state("load")
        wait_for_text(page, "#groups", "人脸")
        wait_for_text(page, "#legal", "法律声明")
        assert "Drop Image Here" not in visible_text(page)  # Gradio's own words, too
        page.reload()
        wait_for_text(page, "#groups", "人脸")
        checked = page.locator("#lang-switch input:checked").get_attribute("value")
        assert checked == "zh"
        page.locator("#lang-switch").get_by_text("English").click()
        wait_for_text(page, "#groups", "Documents")
        wait_for_text(page, "#legal", "Legal notice")
    finally:
        ctx.close()


def test_the_page_opens_on_the_first_group_with_grouped_tabs(page):
    groups = page.locator("#groups > .tab-wrapper [role=tab]").all_inner_texts()
    assert groups[:4] == ["Onboarding", "Face", "Documents", "Labeling"]
    selected = page.locator("#groups > .tab-wrapper [role=tab][aria-selected=true]")
    assert selected.inner_text() == "Onboarding"  # the page opens on the journey
    # mode, key sets and variable names wait in the collapsed settings; a badge says the mode
    assert "KYC_APPID" not in visible_text(page)
    assert "Sandbox" in page.locator("#mode-badge").inner_text()
    open_settings(page)
    assert "KYC_APPID" in page.locator("#status").inner_text()
