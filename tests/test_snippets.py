""" "Use from code": each snippet, run as shown against the sandbox, gives the page's answer.

The page's answer comes from its handler (Page.execute) on a bundled sample; the CLI command is
run through the CLI's own entry point, the Python snippet with exec, and the gradio_client call
against the launched page. All three read the files by the paths the snippet names.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from collections.abc import Iterator
from typing import Any

import pytest

from ekyc import Client
from ekyc.__main__ import main as cli_main
from ekyc.__main__ import terminal_text
from ekyc.capabilities import CAPABILITIES, get
from ekyc.config import KeyPair
from ekyc.sandbox.shared import shared_emulator
from tests.pagehelp import sandbox_launched
from tests.support import ASSETS
from webui import samples, snippets
from webui.handlers import Page
from webui.snippets import ROOT, make_call


def _first_sample(name: str) -> tuple[list[str], list[str] | None, dict[str, str]]:
    cap = get(name)
    row = samples.rows(name, len(cap.files))[0][0]  # the first sample the page offers
    files = [str(p) for p in row[: len(cap.files)]]
    rest = list(row[len(cap.files) :])
    labels = rest.pop(0) if cap.has_labels else None
    return files, labels, dict(zip([o.name for o in cap.options], rest, strict=True))


# (capability, lang, show_sensitive): every capability, and both languages and both masks
CASES = [(cap.name, "en", False) for cap in CAPABILITIES]
CASES += [
    ("id_card_ocr", "zh", True),
    ("media_labeling", "zh", False),
    ("bank_card_ocr", "en", True),
]


@pytest.fixture(scope="module")
def launched() -> Iterator[tuple[str, Page]]:
    emulator = shared_emulator()  # the one a snippet's Client.sandboxed() and --sandbox use
    waited = emulator.processing_time
    emulator.processing_time = 0.2
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(ROOT)  # snippets name samples by their path in the project
            with sandbox_launched(processing_time=0.2) as (url, page, _):
                yield url, page
    finally:
        emulator.processing_time = waited


def page_answer(page: Page, name: str, lang: str, show: bool) -> tuple[str, snippets.Call]:
    files, labels, options = _first_sample(name)
    text, _, result = page.execute(get(name), files, options, labels, lang, show, "snippets")
    assert result is not None and result.sandbox
    call = make_call(name, files, options, labels, lang=lang, show_sensitive=show)
    return text, call


def cli_argv(shown: str) -> list[str]:
    """The command's words as a shell reads them: comment skipped, continued lines joined."""
    command = [line for line in shown.splitlines() if not line.startswith("#")]
    return shlex.split("\n".join(command).replace("\\\n", " "))


# What differs from one call to the next (the API 3.0 answers: a new code, a new BizToken and
# its link and expiry on every call), so the page's answer and the snippet's can be compared.
_VOLATILE = [
    (re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"), "<token>"),
    (re.compile(r"127\.0\.0\.1:[0-9]+"), "127.0.0.1:<port>"),
    (re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2} UTC"), "<time> UTC"),
    (re.compile(r"(?<=[:：] )[0-9] [0-9] [0-9] [0-9]"), "<code>"),
]


def steady(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def printed(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {})
    return out.getvalue()


@pytest.mark.parametrize(("name", "lang", "show"), CASES)
def test_the_cli_command_gives_the_pages_answer(launched, name, lang, show, capsys):
    text, call = page_answer(launched[1], name, lang, show)
    argv = cli_argv(snippets.cli(call))
    assert argv[:4] == ["python", "-m", "ekyc", name]
    capsys.readouterr()
    status = cli_main(argv[3:])
    assert steady(capsys.readouterr().out) == steady(terminal_text(text) + "\n")
    assert status == 0


@pytest.mark.parametrize(("name", "lang", "show"), CASES)
def test_the_python_snippet_gives_the_pages_answer(launched, name, lang, show):
    text, call = page_answer(launched[1], name, lang, show)
    assert steady(printed(snippets.python(call))) == steady(text + "\n")


@pytest.mark.parametrize(("name", "lang", "show"), CASES)
def test_the_gradio_client_call_gives_the_pages_answer(launched, name, lang, show):
    url, page = launched
    text, call = page_answer(page, name, lang, show)
    code = snippets.gradio(snippets.Call(**{**call.__dict__, "url": url}))
    # after gradio_client's "Loaded as API" line; Gradio's Markdown output trims the text's ends
    assert steady(printed(code)).endswith(steady("\n" + text.strip() + "\n"))


def test_files_are_named_as_the_visitor_knows_them(tmp_path):
    sample = ASSETS / "faces/person_a_1.jpg"
    cached = tmp_path / "person_a_1.jpg"  # Gradio keeps an upload's name in its cache path
    cached.write_bytes(sample.read_bytes())
    assert snippets.shown_file(cached) == "assets/faces/person_a_1.jpg"
    cached.write_bytes(sample.read_bytes() + b"\0")  # same name, other content: an upload
    assert snippets.shown_file(cached) == "person_a_1.jpg"
    mine = tmp_path / "my passport; rm -rf ~.jpg"
    mine.write_bytes(b"x")
    call = make_call("photo_liveness_detect", [str(mine)], {}, None)
    assert cli_argv(snippets.cli(call))[5] == mine.name  # quoted for a shell
    assert f'photo_liveness_detect("{mine.name}")' in snippets.python(call)


def test_a_refused_form_still_gives_its_code_with_what_was_missing():
    call = make_call("id_card_ocr", ["/tmp/gradio/x/card.jpg"], {"side": None}, None, lang="zh")
    assert "--side" not in snippets.cli(call)
    assert "side=" not in snippets.python(call)
    assert "    None,\n" in snippets.gradio(call)  # the page's value, as sent
    assert "在项目目录中运行" in snippets.cli(call)


def test_no_secret_in_any_snippet(monkeypatch):
    secrets = {"KYC_SECRET": "a-secret-of-set-a", "LABEL_SECRET": "b-secret-of-set-b"}
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KYC_APPID", "appid-a")
    monkeypatch.setenv("EKYC_AUTH", "reviewer:page-password")
    settings = Client.from_env(None).settings
    assert settings.key("A") == KeyPair("appid-a", "a-secret-of-set-a")
    for cap in CAPABILITIES:
        files = [f"/tmp/gradio/x/{spec.name}.jpg" for spec in cap.files]
        options: dict[str, Any] = {
            o.name: o.default or (o.example if o.free_text else o.values[0]) for o in cap.options
        }
        call = make_call(cap.name, files, options, ["A14"], sandbox=False, login=True)
        for code in snippets.all_three(call).values():
            for secret in [*secrets.values(), "page-password"]:
                assert secret not in code
        assert 'auth=("<user>", "<password>")' in snippets.gradio(call)
        assert "Client.from_env()" in snippets.python(call) and "--sandbox" not in snippets.cli(
            call
        )


def test_a_new_row_gets_its_snippets_and_tool_description_from_the_table():
    from ekyc.capabilities import REGISTRY
    from tests.test_fictitious_row import PASSPORT
    from webui import mcp_tools

    with REGISTRY.extended(PASSPORT):
        call = make_call("passport_ocr", ["/tmp/gradio/x/passport.jpg"], {}, None, lang="en")
        assert cli_argv(snippets.cli(call))[3:6] == ["passport_ocr", "--image", "passport.jpg"]
        assert 'client.passport_ocr("passport.jpg")' in snippets.python(call)
        assert 'api_name="/passport_ocr"' in snippets.gradio(call)
        described = mcp_tools.describe(PASSPORT)
        assert described.startswith("Passport OCR (护照识别). Reads the printed fields")
        assert f"from the {PASSPORT.files[0].en}: passportNo, name" in described
        assert f"image: the {PASSPORT.files[0].en} ({PASSPORT.files[0].zh})" in described
