"""Every way an upstream answer can go wrong, as the page shows it (gradio_client, live mode).

The app runs in live mode against an emulator on loopback (the client cannot tell it from
upstream), which injects one kind of fault per test on the call path. Whatever comes back (busy
codes, an HTML 502 page, a plain-text answer, a cut or non-object JSON answer, a dropped
connection, an answer too slow to wait for), the visitor reads a translated explanation and the
technical details are a JSON object saying what happened, never Gradio's "Invalid JSON string".
One case runs the emulator as its own process (``python -m ekyc.sandbox``) with a fault rate set
through EKYC_SANDBOX_502_RATE, as an operator would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gradio_client import handle_file

from ekyc import Client
from ekyc.sandbox import Emulator
from tests import test_page_api
from tests.pagehelp import launched as launched_app
from tests.support import ASSETS, settings_for
from webui.handlers import Page

ROOT = Path(__file__).resolve().parents[1]
READ_TIMEOUT = 1.0
api = test_page_api.api  # gradio_client on this module's launched page
CARD = str(ASSETS / "docs/bank_card.jpg")

# fault, its arguments, code shown, the explanation's words (en, zh), what "answer" holds
FAULTS: list[tuple[str, dict[str, Any], str, str, str, str | None]] = [
    ("busy", {"count": 3}, "999999", "network busy", "网络繁忙", None),
    (
        "http502",
        {"count": 3},
        "HTTP_ERROR",
        "the service answered with an error",
        "服务返回了错误",
        "502 Bad Gateway",
    ),
    (
        "text",
        {"count": 3},
        "HTTP_ERROR",
        "the service answered with an error",
        "服务返回了错误",
        "Service temporarily unavailable",
    ),
    (
        "truncated",
        {},
        "HTTP_ERROR",
        "the service answered with an error",
        "服务返回了错误",
        "incomplete JSON answer",
    ),
    ("array", {}, "BAD_ANSWER", "unexpected shape", "格式无法识别", "JSON list"),
    (  # sent, then the connection broke: not sent again, may have been processed
        "drop",
        {"count": 1},
        "CONNECTION_LOST",
        "may have been processed",
        "可能已处理",
        None,
    ),
    ("slow", {"delay": READ_TIMEOUT + 1}, "TIMEOUT", "timed out", "请求超时", None),
]


@pytest.fixture(scope="module")
def launched() -> Iterator[tuple[str, Page, Emulator]]:
    with Emulator() as emu, Client(settings_for(emu, read_timeout=READ_TIMEOUT)) as live:
        assert not live.sandbox  # live mode: the emulator stands in for upstream
        with launched_app(live) as (url, page):
            yield url, page, emu


@pytest.fixture
def emu(launched) -> Iterator[Emulator]:
    emulator = launched[2]
    emulator.faults.clear()
    yield emulator
    emulator.faults.clear()


def check_explained(text: str, raw: Any, code: str, words: str, answer: str | None) -> None:
    assert text.startswith("❌ **"), text
    assert words in text
    assert f"`{code}`" in text
    assert "Invalid JSON" not in text
    assert isinstance(raw, dict), raw
    if code.isdigit():  # upstream's own JSON answer, as it came
        assert raw["code"] == code
    else:  # what came back, described
        assert raw["code"] == code
        assert raw["message"]
        assert raw["orderNo"].startswith("ekyc")
        if answer is None:
            assert raw["answer"] is None
        else:
            assert answer in raw["answer"]


@pytest.mark.parametrize(
    ("kind", "options", "code", "en", "zh", "answer"), FAULTS, ids=[f[0] for f in FAULTS]
)
def test_each_fault_is_explained_on_the_page(api, emu, kind, options, code, en, zh, answer):
    emu.faults.add(kind, paths="call", **options)
    text, raw = api.predict(handle_file(CARD), "en", False, api_name="/bank_card_ocr")
    check_explained(text, raw, code, en, answer)

    emu.faults.add(kind, paths="call", **options)
    text, raw = api.predict(handle_file(CARD), "zh", False, api_name="/bank_card_ocr")
    assert text.startswith("❌ **银行卡识别未完成")
    check_explained(text, raw, code, zh, answer)


def test_the_page_works_again_after_the_fault(api, emu):
    emu.faults.add("http502", count=3, paths="call")
    text, _ = api.predict(handle_file(CARD), "en", False, api_name="/bank_card_ocr")
    assert "HTTP_ERROR" in text
    text, raw = api.predict(handle_file(CARD), "en", False, api_name="/bank_card_ocr")
    assert "**Card number**: `6200***********8903`" in text
    assert raw["code"] == "0"


@pytest.fixture(scope="module")
def standalone_502() -> Iterator[dict[str, str]]:
    """``python -m ekyc.sandbox`` in its own process, answering every request with an HTML 502."""
    env = {**os.environ, "EKYC_SANDBOX_502_RATE": "1", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ekyc.sandbox", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(8)]
        settings = dict(line.strip().split("=", 1) for line in lines if "=" in line)
        assert settings["EKYC_KYC1_BASE_URL"].startswith("http://127.0.0.1:")
        yield settings
    finally:
        process.terminate()
        process.wait(10)


def test_a_standalone_emulator_answering_html(api, launched, standalone_502):
    """The issue's reproduction: a standalone emulator with EKYC_SANDBOX_502_RATE=1, live mode."""
    _, page, emu = launched
    base_urls = {
        host: standalone_502[f"EKYC_{host.upper()}_BASE_URL"] for host in ("kyc1", "mini", "kyc2")
    }
    original = page.client
    page.client = Client(settings_for(emu, base_urls=base_urls))
    try:
        text, raw = api.predict(handle_file(CARD), "en", False, api_name="/bank_card_ocr")
    finally:
        page.client.close()
        page.client = original
    check_explained(text, raw, "HTTP_ERROR", "the service answered with an error", "502")
