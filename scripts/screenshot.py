"""Take the README's screenshots: the page in sandbox mode after running a face comparison
sample, on a desktop (1366x768) and a phone (390x844), in English and Chinese.

    python scripts/screenshot.py [--output-dir docs] [--chromium /usr/bin/chromium]

Writes docs/screenshot-{desktop,phone}-{en,zh}.png. Needs Playwright for Python and a Chromium
(Debian: apt-get install chromium); for emoji and Chinese text, fonts-noto-color-emoji and
fonts-noto-cjk.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pagehelp import chromium, launched, wait_for_text  # noqa: E402

WAIT_MS = 30_000


VIEWS = {"desktop": (1366, 768), "phone": (390, 844)}


def take(folder: Path, executable: str) -> list[Path]:
    from ekyc import Client
    from ekyc.sandbox import Emulator

    written = []
    with (
        Emulator(processing_time=1.0) as emu,
        Client.sandboxed(emulator=emu) as sandbox,
        launched(sandbox) as (url, _),
        chromium(executable) as browser,
    ):
        for view, (width, height) in VIEWS.items():
            for lang in ("en", "zh"):
                locale = "zh-CN" if lang == "zh" else "en-US"
                context = browser.new_context(
                    locale=locale, viewport={"width": width, "height": height}
                )
                page = context.new_page()
                page.goto(url)
                legal = "法律声明" if lang == "zh" else "Legal notice"
                wait_for_text(page, "#legal", legal, WAIT_MS)
                face = "人脸" if lang == "zh" else "Face"
                page.locator("#groups > .tab-wrapper [role=tab]").filter(
                    has_text=face
                ).first.click()
                page.locator("#samples-face_compare button").first.click()
                wait_for_text(page, "#out-face_compare", "92.5", WAIT_MS)
                page.wait_for_selector("#card-face_compare .gauge")
                if view == "phone":  # the card, just under the form
                    page.locator("#card-face_compare").scroll_into_view_if_needed()
                page.mouse.move(0, 0)  # no hover effects in the picture
                page.evaluate("document.fonts.ready")
                page.wait_for_timeout(500)
                output = folder / f"screenshot-{view}-{lang}.png"
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output), full_page=view == "desktop")
                written.append(output)
                context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "docs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    for path in take(args.output_dir, args.chromium):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
