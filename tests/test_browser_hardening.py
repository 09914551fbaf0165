"""Hardening as a visitor sees it in headless Chromium (live mode against the emulator).

- The emulator answers the call with an HTML 502 page: the explanation must show, translated,
  with the technical details (what came back) one click away, and no Gradio error toast.
- A file over the upload limit is refused before it is sent, in the visitor's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ekyc import Client
from ekyc.sandbox import Emulator
from tests import test_browser as shared
from tests.pagehelp import launched
from tests.support import ASSETS, settings_for
from tests.test_browser import (
    new_context,
    open_page,
    open_settings,
    open_tab,
    upload,
    wait_for_text,
)
from webui.upload_limit import MAX_UPLOAD_BYTES

# The browser and its context, shared with tests/test_browser.py's helpers (its skip applies here).
browser = shared.browser
context = shared.context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[str, Emulator]]:
    with Emulator() as emu, Client(settings_for(emu)) as client, launched(client) as (url, _):
        yield url, emu


def bank_card_against_a_502(tab: Any, emu: Emulator, group: str, title: str, words: str) -> str:
    """Run the bank card sample while the emulator answers the call with an HTML 502 page;
    wait for ``words`` in the explanation and return it."""
    emu.faults.add("http502", count=3, paths="call")
    open_tab(tab, group, title)
    upload(tab, "in-bank_card_ocr-image", ASSETS / "docs/bank_card.jpg")
    tab.click("#run-bank_card_ocr")
    return wait_for_text(tab, "#out-bank_card_ocr", words)


def test_an_html_502_is_explained_in_the_page(browser, context, live):
    url, emu = live
    tab = open_page(context, url)
    try:
        open_settings(tab)
        wait_for_text(tab, "#status", "Mode: live")
        text = bank_card_against_a_502(tab, emu, "Documents", "Bank card", "did not complete")
        assert "the service answered with an error (HTTP 5xx or not JSON)" in text
        assert "HTTP_ERROR" in text
        tab.locator("#details-bank_card_ocr").get_by_text("Technical details").click()
        details = wait_for_text(tab, "#raw-bank_card_ocr", "502 Bad Gateway")
        assert "HTTP_ERROR" in details
        assert "Invalid JSON" not in tab.locator("body").inner_text()
        assert tab.locator(".toast-body").count() == 0  # no Gradio error pop-up

    finally:
        tab.close()
    zh = new_context(browser, "zh-CN")  # the same fault, explained in Chinese
    try:
        tab = open_page(zh, url)
        text = bank_card_against_a_502(tab, emu, "证件", "银行卡", "银行卡识别未完成")
        assert "服务返回了错误" in text
    finally:
        zh.close()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "larger than 20 MiB, the largest file this page takes"),
        ("zh-CN", "超过 20 MiB，本页面接受的最大文件"),
    ],
)
def test_a_file_over_the_limit_is_refused_in_the_visitors_language(
    browser, live, tmp_path: Path, locale: str, expected: str
):
    url, emu = live
    big = tmp_path / "huge_scan.jpg"
    with big.open("wb") as handle:
        handle.write(b"\xff\xd8\xff")  # a JPEG's start; the rest need not be real
        handle.truncate(MAX_UPLOAD_BYTES + 1)
    visitor = new_context(browser, locale)
    try:
        tab = open_page(visitor, url)
        before = emu.count("call")
        face = ("人脸", "人脸比对") if locale == "zh-CN" else ("Face", "Face match")
        open_tab(tab, *face)  # the page opens on the journey
        tab.locator("#in-face_compare-photo1 input[type=file]").set_input_files(str(big))
        toast = wait_for_text(tab, ".toast-body", "huge_scan.jpg")
        assert expected in toast
        assert "exceed the maximum allowed size" not in toast
        if locale == "zh-CN":
            assert "错误" in toast
        assert tab.locator("#in-face_compare-photo1 img").count() == 0  # nothing was taken
        assert emu.count("call") == before
    finally:
        visitor.close()
