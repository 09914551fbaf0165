"""Take docs/screenshot.png: the page in sandbox mode after running the face comparison example.

    python scripts/screenshot.py [--output docs/screenshot.png] [--width 1280] [--lang en|zh]

Needs Playwright for Python and a Chromium (Debian: apt-get install chromium; pass --chromium if
it is not at /usr/bin/chromium). For emoji and Chinese text to render, install fonts too:
apt-get install fonts-noto-color-emoji fonts-noto-cjk.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WAIT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_text(page, selector: str, text: str) -> None:
    page.wait_for_function(
        """([selector, text]) => {
            const element = document.querySelector(selector);
            return element !== null && element.innerText.includes(text);
        }""",
        arg=[selector, text],
        timeout=WAIT_MS,
    )


def take(output: Path, width: int, lang: str, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    import app
    from ekyc import Client
    from ekyc.sandbox import Emulator

    with Emulator(processing_time=1.0) as emu:
        sandbox = Client.sandboxed(emulator=emu)
        demo, _ = app.create_app(sandbox)
        kwargs = {**app.launch_kwargs(), "server_name": "127.0.0.1", "auth": None}
        demo.launch(prevent_thread_lock=True, server_port=free_port(), quiet=True, **kwargs)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                locale = "zh-CN" if lang == "zh" else "en-US"
                context = browser.new_context(
                    locale=locale, viewport={"width": width, "height": 900}, device_scale_factor=1
                )
                page = context.new_page()
                page.goto(demo.local_url)
                wait_for_text(page, "#legal", "法律声明" if lang == "zh" else "Legal notice")
                page.locator("#samples-face_compare button").first.click()  # "Same person"
                wait_for_text(page, "#out-face_compare", "92.5")
                page.mouse.move(0, 0)  # no hover effects in the picture
                page.evaluate("document.fonts.ready")
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output), full_page=True)
                browser.close()
        finally:
            demo.close()
            sandbox.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    take(args.output, args.width, args.lang, args.chromium)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
