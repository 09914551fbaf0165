"""Tests generated from the capability table: every row, through the client, the CLI and the
page's handler, with inputs derived from the row alone. A new row is tested here without a test
being written for it.

One emulator for the module (a fresh client per test); the CLI runs in live mode against it
through a .env file written from the table's key sets and hosts.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ekyc import Client, InputError, MissingCredentials
from ekyc.__main__ import main as cli
from ekyc.capabilities import CAPABILITIES, KEY_SETS, Capability
from ekyc.explain import explain
from ekyc.sandbox import Emulator
from tests.support import cli_args, env_file_for, generic_inputs, method_kwargs, settings_for
from webui.handlers import Page


def rows(where: Callable[[Capability], object] = bool) -> list[Any]:
    """The table's rows (those ``where`` accepts), one test id each."""
    return [pytest.param(cap, id=cap.name) for cap in CAPABILITIES if where(cap)]


VERDICT_ICONS = ("✅", "⚠️", "ℹ️")  # a generic answer is never an error (ℹ️: an example)
NO_VERDICT = "ℹ️"  # a generated upload is no bundled sample: an example, never a verdict


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(processing_time=0.1, quota=100_000) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[Client]:
    with Client(settings_for(emu)) as c:
        yield c


@contextmanager
def no_call(emu: Emulator) -> Iterator[None]:
    """Whatever happens inside costs no upstream call."""
    before = emu.count("call") + emu.api3.state.calls  # PaaS calls and API 3.0 actions
    yield
    assert emu.count("call") + emu.api3.state.calls == before


def _readable(cap: Capability, data: dict) -> None:
    """Every field of r.data is one the row declares (under either spelling), none unparsed."""
    declared = {*cap.answer_fields, *cap.aliases.values()}
    assert "unparsed" not in data, data
    assert data and set(data) <= declared, (cap.name, sorted(data))


# ---- the client ------------------------------------------------------------------------------


@pytest.mark.parametrize("cap", rows())
def test_the_method_takes_the_rows_inputs_in_order(cap: Capability) -> None:
    params = list(inspect.signature(getattr(Client, cap.name)).parameters)
    assert params[1 : 1 + len(cap.input_names())] == list(cap.input_names())
    for opt in cap.options:
        default = inspect.signature(getattr(Client, cap.name)).parameters[opt.name].default
        assert default == (inspect.Parameter.empty if opt.default is None else opt.default)


@pytest.mark.parametrize("cap", rows())
def test_a_generic_upload_is_answered_read_and_explained(
    cap: Capability, client: Client, tmp_path: Path
) -> None:
    files, options, labels = generic_inputs(cap, tmp_path)
    result = getattr(client, cap.name)(**method_kwargs(cap, files, options, labels))
    assert result.ok and result.code == "0", (result.code, result.message)
    assert result.capability == cap.name and result.order_no and result.sandbox
    _readable(cap, result.data)
    for lang in ("en", "zh"):
        text = explain(result, lang)
        assert text.startswith(VERDICT_ICONS), text
        assert text.startswith(NO_VERDICT) == result.example, text
        assert "🧪" in text  # the sandbox notice on every simulated answer


@pytest.mark.parametrize("cap", rows(lambda c: c.files))
def test_a_wrong_number_of_files_costs_no_call(
    cap: Capability, client: Client, emu: Emulator, tmp_path: Path
) -> None:
    files, options, labels = generic_inputs(cap, tmp_path)
    with no_call(emu), pytest.raises(InputError) as err:
        client.call(cap, [*files, files[0]], options, labels)
    assert str(len(cap.files)) in str(err.value) and err.value.text("zh")


@pytest.mark.parametrize("cap", rows(lambda c: c.options))
def test_every_option_refuses_a_value_it_does_not_list(
    cap: Capability, client: Client, emu: Emulator, tmp_path: Path
) -> None:
    files, options, labels = generic_inputs(cap, tmp_path)
    for opt in cap.options:
        # a choice it does not list; for free text, a value outside its form (and too long)
        bad = "\x00" * 1001 if opt.free_text else "not-a-choice"
        with no_call(emu), pytest.raises(InputError) as err:
            client.call(cap, files, {**options, opt.name: bad}, labels)
        assert opt.name in str(err.value) and opt.zh in err.value.text("zh")
        if opt.default is None:  # never defaulted silently
            left_out = {k: v for k, v in options.items() if k != opt.name}
            with no_call(emu), pytest.raises(InputError):
                client.call(cap, files, left_out, labels)


@pytest.mark.parametrize("cap", rows(lambda c: c.labels))
def test_labels_are_checked_before_any_call(
    cap: Capability, client: Client, emu: Emulator, tmp_path: Path
) -> None:
    files, options, _ = generic_inputs(cap, tmp_path)
    for bad in ("", "Z99", "A14,B03,A02,A06,A09,A10"):
        with no_call(emu), pytest.raises(InputError):
            client.call(cap, files, options, bad)


@pytest.mark.parametrize("cap", rows())
def test_a_missing_key_set_names_its_variables(
    cap: Capability, emu: Emulator, tmp_path: Path
) -> None:
    files, options, labels = generic_inputs(cap, tmp_path)
    missing = {f"key_{cap.key_set.lower()}": None}
    with Client(settings_for(emu, **missing)) as c, pytest.raises(MissingCredentials) as err:
        c.call(cap, files, options, labels)
    assert KEY_SETS[cap.key_set]["appid"] in str(err.value)


# ---- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize("cap", rows())
def test_the_cli_runs_the_row(cap: Capability, emu: Emulator, tmp_path: Path, capsys) -> None:
    env = env_file_for(emu, tmp_path / "cli.env")
    files, options, labels = generic_inputs(cap, tmp_path)
    argv = [*cli_args(cap, files, options, labels), "--env-file", env]
    assert cli([*argv, "--json"]) == 0
    out = capsys.readouterr()
    answer = json.loads(out.out)
    assert answer.pop("success") is True and answer.pop("sandbox") is True
    if answer.pop("example_only", False):  # not a bundled sample: the fields are an example
        answer = answer.pop("example")
    _readable(cap, answer)
    assert cli([*argv, "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(VERDICT_ICONS) and "沙箱" in text


@pytest.mark.parametrize("cap", rows())
def test_the_cli_help_lists_every_input(cap: Capability, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        cli([cap.name, "--help"])
    assert done.value.code == 0
    usage = capsys.readouterr().out
    for name in cap.input_names():
        assert f"--{name.replace('_', '-')}" in usage


@pytest.mark.parametrize("cap", rows(lambda c: c.files))
def test_the_cli_refuses_a_missing_file_with_status_2(
    cap: Capability, emu: Emulator, tmp_path: Path, capsys
) -> None:
    env = env_file_for(emu, tmp_path / "cli.env")
    files, options, labels = generic_inputs(cap, tmp_path)
    argv = cli_args(cap, [str(tmp_path / "absent.jpg")] * len(files), options, labels)
    with no_call(emu):
        assert cli([*argv, "--env-file", env, "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["success"] is False


# ---- the page's handler ----------------------------------------------------------------------


@pytest.mark.parametrize("cap", rows())
def test_the_page_handler_runs_the_row(cap: Capability, client: Client, tmp_path: Path) -> None:
    page = Page(client, cache_dir=tmp_path / "cache")
    files, options, labels = generic_inputs(cap, tmp_path)
    text, raw, result = page.execute(cap, files, options, labels, "en", False, "visitor")
    assert result is not None and result.ok, text
    assert text.startswith(VERDICT_ICONS) and "🧪" in text
    assert text.startswith(NO_VERDICT) == result.example, text
    assert isinstance(raw, dict)  # upstream's answer: PaaS code "0", or API 3.0 with no Error
    assert raw.get("code") == "0" if "code" in raw else "Error" not in raw
    assert page.calls("visitor") == 1


@pytest.mark.parametrize("cap", rows(lambda c: c.files))
def test_the_page_handler_refuses_an_incomplete_form_for_free(
    cap: Capability, client: Client, emu: Emulator, tmp_path: Path
) -> None:
    page = Page(client, cache_dir=tmp_path / "cache")
    files, options, labels = generic_inputs(cap, tmp_path)
    for lang, nothing_sent in (("en", "nothing was sent"), ("zh", "未发送")):
        with no_call(emu):
            text, raw, result = page.execute(
                cap, [None] * len(files), options, labels, lang, False, "visitor"
            )
        assert result is None and raw is None and nothing_sent in text, text
        assert getattr(cap.files[0], lang) in text
    assert page.calls("visitor") == 0
