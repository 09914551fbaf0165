"""An upstream fault as a visitor sees it in headless Chromium (live mode against the emulator).

The emulator answers the call with an HTML 502 page: the explanation must show, translated, with
the technical details (what came back) one click away, and no Gradio error toast.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ekyc import Client
from ekyc.sandbox import Emulator
from tests import test_browser as shared
from tests.support import ASSETS, settings_for
from tests.test_browser import (
    free_port,
    new_context,
    open_page,
    open_settings,
    open_tab,
    upload,
    wait_for_text,
)

# The browser and its context, shared with tests/test_browser.py's helpers (its skip applies here).
browser = shared.browser
context = shared.context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[str, Emulator]]:
    import app

    with Emulator() as emu:
        client = Client(settings_for(emu))
        demo, _ = app.create_app(client)
        kwargs = {**app.launch_kwargs(), "server_name": "127.0.0.1", "auth": None}
        demo.launch(prevent_thread_lock=True, server_port=free_port(), quiet=True, **kwargs)
        try:
            yield demo.local_url, emu
        finally:
            demo.close()
            client.close()


def test_an_html_502_is_explained_in_the_page(browser, context, live):
    url, emu = live
    tab = open_page(context, url)
    try:
        open_settings(tab)
        wait_for_text(tab, "#status", "Mode: live")
        emu.faults.add("http502", count=3, paths="call")
        open_tab(tab, "Documents", "Bank card OCR")
        upload(tab, "in-bank_card_ocr-image", ASSETS / "docs/bank_card.jpg")
        tab.click("#run-bank_card_ocr")
        text = wait_for_text(tab, "#out-bank_card_ocr", "did not complete")
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
        emu.faults.add("http502", count=3, paths="call")
        open_tab(tab, "证件", "银行卡识别")
        upload(tab, "in-bank_card_ocr-image", ASSETS / "docs/bank_card.jpg")
        tab.click("#run-bank_card_ocr")
        text = wait_for_text(tab, "#out-bank_card_ocr", "银行卡识别未完成")
        assert "服务返回了错误" in text
    finally:
        zh.close()
