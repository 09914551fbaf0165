"""The launched page, for the tests and the screenshot scripts: a free loopback port, the app as
``python app.py`` launches it (on that port, without a login unless asked), and headless Chromium.

Gradio and Playwright are imported only when used, so a module skipped for want of a browser does
not pay for them.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ekyc import Client
from ekyc.sandbox import Emulator
from tests.support import settings_for

if TYPE_CHECKING:
    from webui.handlers import Page

CHROMIUM = os.environ.get("EKYC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


WAIT_MS = 20_000


def wait_for_text(page: Any, selector: str, text: str, timeout: float = WAIT_MS) -> str:
    """Wait until the element's text contains ``text``; return the whole text."""
    page.wait_for_function(
        """([selector, text]) => {
            const element = document.querySelector(selector);
            return element !== null && element.innerText.includes(text);
        }""",
        arg=[selector, text],
        timeout=timeout,
    )
    return page.locator(selector).inner_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def launched(client: Client, login: bool = False) -> Iterator[tuple[str, Page]]:
    """The app on ``client``, launched on a free loopback port: its URL and its page handlers.

    Without ``login`` there is none; with it, the app's own setting (EKYC_AUTH) applies.
    """
    import app

    demo, page = app.create_app(client)
    kwargs: dict[str, Any] = {**app.launch_kwargs(), "server_name": "127.0.0.1"}
    if not login:
        kwargs["auth"] = None
    demo.launch(prevent_thread_lock=True, server_port=free_port(), quiet=True, **kwargs)
    try:
        yield demo.local_url, page
    finally:
        demo.close()


@contextmanager
def sandbox_launched(**emulator: Any) -> Iterator[tuple[str, Page, Emulator]]:
    """The app in sandbox mode on its own emulator (made with ``emulator`` options)."""
    with (
        Emulator(**emulator) as emu,
        Client.sandboxed(settings_for(emu), emulator=emu) as sandbox,
        launched(sandbox) as (url, page),
    ):
        yield url, page, emu


@contextmanager
def chromium(executable: str = CHROMIUM) -> Iterator[Any]:
    """Headless Chromium through Playwright, closed on the way out."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def start_verification(page: Any, photo: Any) -> str:
    """On the HTML5 verification tab: add the reference photo, press Start; the link's address."""
    block = page.locator("#in-web_verification-photo")
    block.locator("input[type=file]").set_input_files(str(photo))
    block.locator("img").first.wait_for(state="visible")
    page.click("#run-web_verification")
    link = page.locator("#out-web_verification-link a").first
    link.wait_for(state="visible")
    return str(link.get_attribute("href"))
