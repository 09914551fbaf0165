"""Upload size limit and login throttling on a launched page, over HTTP.

- A file over the largest input any capability takes is refused at upload (HTTP 413) and not
  stored; gradio_client refuses it before sending.
- Repeated wrong passwords from one address lock its logins out for a short while (configured
  short here through EKYC_LOGIN_LOCKOUT); the right user gets in once it is over; the event is
  logged without the user name or the password.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from gradio_client import Client as ApiClient
from gradio_client import handle_file

import app
from ekyc import Client
from ekyc.media_files import MAX_FILE_BYTES
from ekyc.sandbox import Emulator
from tests.pagehelp import launched
from tests.support import settings_for
from webui.handlers import gradio_cache_dir
from webui.login_guard import ATTEMPTS
from webui.upload_limit import MAX_UPLOAD_BYTES

USER, PASSWORD = "alice", "correct horse 9"
LOCKOUT = 3.0  # long enough for the next request to come in, even on a busy machine


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@contextmanager
def launch(emu: Emulator, login: bool = False) -> Iterator[str]:
    """The sandbox page on ``emu``: its URL."""
    with (
        Client.sandboxed(settings_for(emu), emulator=emu) as sandbox,
        launched(sandbox, login) as (url, _),
    ):
        yield url


@pytest.fixture(scope="module")
def open_page(emu) -> Iterator[str]:
    with launch(emu) as url:
        yield url


def cache_files() -> set[Path]:
    cache = gradio_cache_dir()
    return {p for p in cache.rglob("*") if p.is_file()} if cache.is_dir() else set()


def test_the_limit_is_the_largest_input_a_capability_takes():
    assert MAX_UPLOAD_BYTES == MAX_FILE_BYTES == 20 * 1024 * 1024
    assert app.launch_kwargs()["max_file_size"] == MAX_UPLOAD_BYTES


def test_an_oversize_upload_is_refused_and_not_stored(open_page, tmp_path):
    config = httpx.get(f"{open_page}config").json()
    assert config["max_file_size"] == MAX_UPLOAD_BYTES
    big = tmp_path / "too_big.mp4"
    with big.open("wb") as handle:
        handle.truncate(MAX_UPLOAD_BYTES + 1)
    before = cache_files()
    with big.open("rb") as handle:
        answer = httpx.post(
            f"{open_page}gradio_api/upload", files={"files": (big.name, handle)}, timeout=60
        )
    assert answer.status_code == 413
    assert "maximum allowed size" in answer.text
    assert not [p for p in cache_files() - before if p.name == big.name]

    api = ApiClient(open_page, verbose=False)
    try:
        with pytest.raises(ValueError, match="exceeds the maximum file size"):
            api.predict(handle_file(str(big)), "en", False, api_name="/video_liveness_detect")
    finally:
        api.close()


def test_a_file_of_exactly_the_limit_is_taken(open_page, tmp_path):
    edge = tmp_path / "edge.mp4"
    with edge.open("wb") as handle:
        handle.truncate(MAX_UPLOAD_BYTES)
    with edge.open("rb") as handle:
        answer = httpx.post(
            f"{open_page}gradio_api/upload", files={"files": (edge.name, handle)}, timeout=60
        )
    assert answer.status_code == 200
    stored = Path(answer.json()[0])
    assert stored.stat().st_size == MAX_UPLOAD_BYTES
    stored.unlink()


@pytest.fixture
def guarded(emu, monkeypatch, request) -> Iterator[str]:
    """A page behind a login, with a short lock-out (or the test's own, through a ``lockout``
    mark); a new one per test (fresh records)."""
    mark = request.node.get_closest_marker("lockout")
    monkeypatch.setenv("EKYC_AUTH", f"{USER}:{PASSWORD}")
    monkeypatch.setenv("EKYC_LOGIN_LOCKOUT", str(mark.args[0] if mark else LOCKOUT))
    with launch(emu, login=True) as url:
        yield url


def login(url: str, password: str) -> httpx.Response:
    return httpx.post(f"{url}login", data={"username": USER, "password": password}, timeout=10)


def test_repeated_failures_lock_the_address_out_for_a_while(guarded, caplog):
    caplog.set_level(logging.WARNING, logger="webui.login")
    codes = [login(guarded, f"guess {n}").status_code for n in range(ATTEMPTS)]
    assert codes == [400] * ATTEMPTS  # Gradio's own answer to a wrong password
    refused = login(guarded, PASSWORD)  # even the right one waits for the lock-out's end
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= LOCKOUT
    assert "Too many failed logins" in refused.json()["detail"]
    assert "登录失败次数过多" in refused.json()["detail_zh"]

    lines = [r.getMessage() for r in caplog.records if r.name == "webui.login"]
    assert lines == [
        f"login: {ATTEMPTS} failed attempts in a row from 127.0.0.1; "
        f"its logins are refused for {LOCKOUT:.0f} s"
    ]
    assert all("guess" not in r.getMessage() and USER not in r.getMessage() for r in caplog.records)

    time.sleep(LOCKOUT + 0.2)
    welcome = login(guarded, PASSWORD)
    assert welcome.status_code == 200
    assert welcome.json() == {"success": True}
    assert any(name.startswith("access-token") for name in welcome.cookies)
    assert login(guarded, "one slip").status_code == 400  # success cleared the count
    assert login(guarded, PASSWORD).status_code == 200


@pytest.mark.lockout(600)  # longer than the guesses can take on a busy machine
def test_parallel_guesses_cannot_slip_past_the_limit(guarded):
    with ThreadPoolExecutor(10) as pool:
        codes = list(pool.map(lambda n: login(guarded, f"guess {n}").status_code, range(30)))
    assert codes.count(400) == ATTEMPTS
    assert codes.count(429) == 30 - ATTEMPTS


def test_a_second_lock_out_lasts_longer(guarded):
    for n in range(ATTEMPTS):
        assert login(guarded, f"guess {n}").status_code == 400
    assert int(login(guarded, "x").headers["retry-after"]) <= LOCKOUT
    time.sleep(LOCKOUT + 0.2)
    for n in range(ATTEMPTS):
        assert login(guarded, f"guess again {n}").status_code == 400
    wait = int(login(guarded, PASSWORD).headers["retry-after"])
    assert LOCKOUT < wait <= 2 * LOCKOUT


def test_a_bad_lockout_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("EKYC_AUTH", f"{USER}:{PASSWORD}")
    monkeypatch.setenv("EKYC_LOGIN_LOCKOUT", "soon")
    with pytest.raises(SystemExit, match="EKYC_LOGIN_LOCKOUT must be a number"):
        app.launch_kwargs()


def test_launch_options_of_several_guards_are_joined():
    from starlette.middleware import Middleware

    from webui.hardening import merged

    first, second, third = (Middleware(type(f"M{n}", (), {})) for n in range(3))
    joined = merged(
        {"app_kwargs": {"middleware": [first], "docs_url": None}, "head": "<a>"},
        {"mcp_server": True},
        {"app_kwargs": {"middleware": [second, third]}, "head": "<b>", "max_file_size": 9},
    )
    assert joined["app_kwargs"] == {"middleware": [first, second, third], "docs_url": None}
    assert joined["head"] == "<a><b>"
    assert joined["mcp_server"] is True and joined["max_file_size"] == 9
    assert "app_kwargs" not in merged({"mcp_server": False})
