"""Take docs/journey.png, docs/batch.png and docs/html5_verification.png: the journey after its
passing scenario, a batch of sample documents and a ZIP, and the HTML5 verification after the
"phone" (a second page) passed, in sandbox mode.

    python scripts/screenshot_workflows.py [--lang en|zh] [--width 1366]

Needs Playwright for Python and Chromium (see scripts/screenshot.py), and the CJK and emoji fonts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.screenshot import WAIT_MS  # noqa: E402
from tests.pagehelp import chromium, launched, start_verification, wait_for_text  # noqa: E402

ASSETS = ROOT / "assets"
WORDS = {
    "en": {
        "pass": "Passing journey",
        "verdict": "Pass",
        "batch": "Batch",
        "side": "Portrait side",
        "more": "More checks",
        "html5": "HTML5 verification (phone)",
    },
    "zh": {
        "pass": "通过",
        "verdict": "通过",
        "batch": "批量",
        "side": "人像面",
        "more": "更多能力",
        "html5": "手机 H5 核身",
    },
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    words = WORDS[args.lang]
    suffix = "" if args.lang == "en" else "_zh"

    from ekyc import Client

    with (
        launched(Client.sandboxed()) as (url, _),
        chromium(args.chromium) as browser,
        tempfile.TemporaryDirectory() as folder,
    ):
        locale = "zh-CN" if args.lang == "zh" else "en-US"
        context = browser.new_context(locale=locale, viewport={"width": args.width, "height": 900})
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.goto(url)
        wait_for_text(page, "#legal", "", WAIT_MS)
        page.locator("#journey-scenarios button").filter(has_text=words["pass"]).first.click()
        wait_for_text(page, "#out-journey", words["verdict"], WAIT_MS)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / f"journey{suffix}.png"), full_page=False)

        archive = Path(folder) / "more_samples.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.write(ASSETS / "docs/id_card_front.jpg", "scans/front.jpg")
            zf.writestr("scans/notes.txt", "not media")
        page.locator("#groups [role=tab]").filter(has_text=words["batch"]).first.click()
        page.locator("#in-batch-side").get_by_label(words["side"]).check()
        files = [ASSETS / "docs/id_card_front.jpg", ASSETS / "docs/bank_card.jpg", archive]
        page.locator("#in-batch-files input[type=file]").set_input_files([str(f) for f in files])
        page.wait_for_timeout(1500)
        page.click("#run-batch")
        wait_for_text(page, "#out-batch", "3", WAIT_MS)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / f"batch{suffix}.png"), full_page=False)

        page.get_by_role("tab", name=words["more"], exact=True).click()
        page.get_by_role("tab", name=words["html5"], exact=True).click()
        href = start_verification(page, ASSETS / "faces/person_a_1.jpg")
        phone = context.new_page()
        phone.goto(href)
        phone.click("button.pass")
        phone.wait_for_url("**/ekyc/verified?token=*")
        phone.close()
        page.locator("#out-web_verification-frame img").first.wait_for(state="visible")
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / f"html5_verification{suffix}.png"), full_page=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
