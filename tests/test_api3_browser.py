"""The HTML5 verification flow end to end in headless Chromium, sandbox mode: start on the page,
open the verification link in a second page (the "phone"), pass, see the result on the first;
and the lip-reading code filled into the form.

Shares test_browser's launch and browser helpers; one app and one browser for the module.
"""

from __future__ import annotations

import pytest

from tests.pagehelp import start_verification
from tests.support import ASSETS
from tests.test_browser import (  # noqa: F401  (fixtures)
    browser,
    context,
    open_page,
    url,
    wait_for_text,
)

pytestmark = pytest.mark.browser


def open_group_tab(page, group: str, tab: str) -> None:
    page.get_by_role("tab", name=group, exact=True).click()
    page.get_by_role("tab", name=tab, exact=True).click()


def test_html5_verification_from_start_to_result(context, url):  # noqa: F811
    page = open_page(context, url)
    open_group_tab(page, "More checks", "HTML5 verification (phone)")
    href = start_verification(page, ASSETS / "faces/person_a_1.jpg")
    assert "/faceid-h5/verify?token=" in href
    assert page.locator("#verification-qr img").count() == 1
    wait_for_text(page, "#out-web_verification-wait", "the link stays valid for")

    phone = context.new_page()
    try:
        phone.goto(href)
        assert "Simulated verification (sandbox)" in phone.content()
        phone.click("button.pass")
        phone.wait_for_url("**/ekyc/verified?token=*")
        assert "Done: look at the big screen" in phone.inner_text("body")
    finally:
        phone.close()

    text = wait_for_text(page, "#out-web_verification", "Verified: live and the same person")
    assert "(92.5)" in text and "attempt 1: passed" in text
    page.locator("#out-web_verification-frame img").first.wait_for(state="visible")
    assert "Finished after" in page.inner_text("#out-web_verification-wait")
    page.close()


def test_get_a_code_fills_the_lip_mode_form(context, url):  # noqa: F811
    page = open_page(context, url)
    open_group_tab(page, "More checks", "Video liveness + face comparison")
    page.click("#get-code-liveness_compare")
    digits = page.locator("#live-code-digits")
    digits.wait_for(state="visible")
    code = "".join(digits.inner_text().split())
    assert len(code) == 4 and code.isdigit()
    page.click("#options-liveness_compare > button")  # the options wait collapsed under Run
    typed = page.locator(
        "#in-liveness_compare-validate_data textarea, #in-liveness_compare-validate_data input"
    ).first
    assert typed.input_value() == code
    chosen = page.locator("#in-liveness_compare-liveness_type input:checked")
    assert chosen.get_attribute("value") == "lip"
    page.close()
