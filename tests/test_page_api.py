"""The page's API as a script sees it: gradio_client against the launched app (sandbox).

One app launch for the module, on its own emulator. Inputs go in the page's order: files, then
labels (labeling only), then options, then lang and show_sensitive; the answer is the explanation
(Markdown) and then the raw JSON.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gradio_client import Client as ApiClient
from gradio_client import handle_file

import app
from ekyc import Client
from ekyc.capabilities import CAPABILITIES
from ekyc.sandbox import Emulator
from tests.pagehelp import sandbox_launched
from tests.support import ASSETS, settings_for
from webui.handlers import Page
from webui.mcp_tools import TOOL_PREFIX

ID_NUMBER = "990101199001010027"


@pytest.fixture(scope="module")
def launched() -> Iterator[tuple[str, Page, Emulator]]:
    with sandbox_launched(processing_time=0.3) as url_page_emu:
        yield url_page_emu


@pytest.fixture(scope="module")
def api(launched) -> Iterator[ApiClient]:
    """gradio_client on the module's launched page (tests/test_page_faults.py's too)."""
    client = ApiClient(launched[0], verbose=False)
    yield client
    client.close()


def asset(relative: str) -> Any:
    return handle_file(str(ASSETS / relative))


LABELING = ["image", "1", "1"]  # type, do_live, do_compare

# (endpoint, inputs before lang and show_sensitive, texts expected in the explanation, code)
CALLS = [
    (
        "/face_compare",
        [asset("faces/person_a_1.jpg"), asset("faces/person_a_2.jpg"), "2"],
        ["✅ **Same person, high confidence** (similarity 92.5)", "92.5 out of 100"],
        "0",
    ),
    (
        "/photo_liveness_detect",
        [asset("faces/screen_replay.jpg")],
        ["high suspicion of an attack", "Risk level 3", "Risk tag 03", "advice: reject"],
        "0",
    ),
    (
        "/video_liveness_detect",
        [asset("video/face_pan.mp4")],
        ["✅ **Video liveness: no attack risk**", "Risk level 1", "advice: can be accepted"],
        "0",
    ),
    (
        "/id_card_ocr",
        [asset("docs/id_card_front.jpg"), "0"],
        ["✅ **ID card OCR: 6 fields recognised**", "**ID number**: `9901**********0027`"],
        "0",
    ),
    (
        "/bank_card_ocr",
        [asset("docs/bank_card.jpg")],
        ["**Card number**: `6200***********8903`", "**Expiry date**: `12/30`"],
        "0",
    ),
    (
        "/driver_license_ocr",
        [asset("docs/driver_license_supplementary.jpg")],
        ["❌ **Driver license OCR did not complete", "Error code: `-9005`"],
        "-9005",
    ),
    (
        "/vehicle_license_ocr",
        [asset("docs/vehicle_license_supplementary.jpg"), "2"],
        ["**Curb weight**: `1420kg`", "**External dimensions**: `4650×1820×1480mm`"],
        "0",
    ),
    (
        "/media_labeling",
        [asset("labels/hat_in_car.jpg"), ["A14", "B03", "A02", "A06"], *LABELING],
        [
            "✅ A14 wearing a hat: present",
            "✅ B03 inside a passenger car: present",
            "❌ A02 medical mask covering face: absent",
            "⚠️ A06 wearing sunglasses: not recognised – retry",
        ],
        "0",
    ),
    (
        "/compare_face_liveness",
        [asset("faces/person_a_1.jpg"), asset("video/face_pan.mp4"), "silent", "none"],
        ["✅ **Live, and the same person** (92.5)", "this call is billed"],
        "Success",
    ),
    ("/get_live_code", [], ["✅ **Code to read aloud:"], None),
    (
        "/liveness_compare",
        [asset("faces/person_a_1.jpg"), asset("video/face_short.mp4"), "silent", ""],
        ["The video is too short (2 s or more needed)"],
        "FailedOperation.SilentTooShort",
    ),
    (
        "/web_verification_start",
        [asset("faces/person_a_1.jpg"), "https://app.example/done", "3", "en", ""],
        ["✅ **Verification link ready**", "/faceid-h5/verify?token="],
        None,
    ),
    (
        "/web_verification_result",
        ["00000000-0000"],
        ["A parameter's value is not allowed"],
        "InvalidParameterValue",
    ),
]


def test_the_api_lists_exactly_the_capabilities_and_the_two_workflows(api):
    info = api.view_api(return_format="dict", print_info=False)
    pages = ["/journey", *(f"/{cap.name}" for cap in CAPABILITIES), "/batch"]
    tools = [
        f"/{TOOL_PREFIX}{name}" for name in [*(c.name for c in CAPABILITIES), "journey", "batch"]
    ]
    # (the MCP tools, on by default)
    assert list(info["named_endpoints"]) == pages + tools
    assert info["unnamed_endpoints"] == {}  # the status and language helpers stay private


@pytest.mark.parametrize("cap", CAPABILITIES, ids=lambda cap: cap.name)
def test_parameters_in_the_documented_order(api, cap):
    info = api.view_api(return_format="dict", print_info=False)
    endpoint = info["named_endpoints"][f"/{cap.name}"]
    names = [p["parameter_name"] for p in endpoint["parameters"]]
    expected = [spec.name for spec in cap.files]
    expected += ["labels"] if cap.has_labels else []
    expected += [opt.name for opt in cap.options]
    assert names == [*expected, "lang", "show_sensitive"]
    assert len(endpoint["returns"]) == 2


def test_every_capability_is_called():
    assert [call[0] for call in CALLS] == [f"/{cap.name}" for cap in CAPABILITIES]


@pytest.mark.parametrize(
    ("endpoint", "inputs", "expected", "code"), CALLS, ids=[c[0][1:] for c in CALLS]
)
def test_each_endpoint_on_a_sample(api, endpoint, inputs, expected, code):
    text, raw = api.predict(*inputs, "en", False, api_name=endpoint)
    assert isinstance(text, str)
    for fragment in expected:
        assert fragment in text
    assert "Sandbox: simulated answer, not recognition" in text
    assert isinstance(raw, dict)
    # PaaS answers carry "code"; API 3.0 ones a "Result" or an "Error" (or neither)
    assert raw.get("code", raw.get("Result", raw.get("Error", {}).get("Code"))) == code
    assert ID_NUMBER not in str(raw)


def test_chinese_explanation_and_revealed_fields(api):
    text, raw = api.predict(
        asset("docs/id_card_front.jpg"), "0", "zh", True, api_name="/id_card_ocr"
    )
    assert text.startswith("✅ **身份证识别：识别出 6 个字段**")
    assert f"**身份证号**：`{ID_NUMBER}`" in text
    assert raw["result"]["idcard"] == ID_NUMBER


def test_a_refusal_through_the_api(api):
    text, raw = api.predict(
        asset("docs/id_card_front.jpg"), None, "en", False, api_name="/id_card_ocr"
    )
    assert text.startswith("❌ **The input was refused** (nothing was sent)")
    assert "Please choose the card side first" in text
    assert raw is None


def test_calls_are_counted_for_the_callers_session(launched):
    url, page, emu = launched
    caller = ApiClient(url, verbose=False)
    try:
        before = emu.count("call")
        for _ in range(2):
            text, _ = caller.predict(
                asset("faces/person_a_1.jpg"), "en", False, api_name="/photo_liveness_detect"
            )
            assert text.startswith("✅ **Photo liveness: no attack risk**")
        assert emu.count("call") == before + 2
        assert page.calls(caller.session_hash) == 2
    finally:
        caller.close()
    assert page.calls("anonymous") == 0


def test_sample_copies_survive_the_cache_sweep(tmp_path):
    """Gradio's delete_cache sweep must not remove the cached copies behind the examples."""
    from gradio.route_utils import delete_files_created_by_app

    from webui.components import UploadFile

    with Emulator() as emu:
        demo, _ = app.create_app(Client.sandboxed(settings_for(emu), emulator=emu))
        files = [b for b in demo.blocks.values() if isinstance(b, UploadFile)]
        assert files, "the labeling tab has a file input"
        sample = files[0].move_resource_to_block_cache(str(ASSETS / "labels/hat_in_car.jpg"))
        (tmp_path / "visitor.jpg").write_bytes(b"someone's upload")
        upload = files[0].move_resource_to_block_cache(str(tmp_path / "visitor.jpg"))
        delete_files_created_by_app(demo, None)  # what the sweep does, with every file "old"
    assert Path(sample).is_file()
    assert not Path(upload).exists()


PAGE_SETTINGS = ("EKYC_AUTH", "EKYC_SESSION_CALL_LIMIT", "EKYC_TOTAL_CALL_LIMIT")


def test_page_settings_come_from_dotenv_too(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(
        "EKYC_AUTH=alice:s3cret\nEKYC_SESSION_CALL_LIMIT=3\nEKYC_TOTAL_CALL_LIMIT=9\n"
    )
    monkeypatch.chdir(tmp_path)
    for name in PAGE_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    try:
        with Emulator() as emu:
            _, page = app.create_app(Client.sandboxed(settings_for(emu), emulator=emu))
        assert (page.call_limit, page.total_limit) == (3, 9)
        assert app.launch_kwargs()["auth"] == ("alice", "s3cret")
    finally:
        for name in PAGE_SETTINGS:
            os.environ.pop(name, None)


def test_a_bad_limit_stops_the_start_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("EKYC_SESSION_CALL_LIMIT", "abc")
    with Emulator() as emu, pytest.raises(SystemExit, match="EKYC_SESSION_CALL_LIMIT must be"):
        app.create_app(Client.sandboxed(settings_for(emu), emulator=emu))
