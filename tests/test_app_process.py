"""``python app.py`` as a real process: its upload cache and everything it prints.

One process for the module (sandbox mode, its own upload cache folder, output to a file):
- at start it deletes what an earlier run left in the cache for longer than the sweep age,
  keeping the copies of bundled samples and anything recent;
- hostile input (a label that is markup, a server path as a file) leaves neither the value nor
  the path nor a traceback in its output, only the event and the exception's type;
- SIGTERM stops it like Ctrl-C: the files of this run (an upload never used, the photo of a form
  refused before sending) are deleted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gradio_client import Client as ApiClient
from gradio_client import handle_file
from gradio_client.exceptions import AppError

from tests.pagehelp import free_port
from tests.support import ASSETS, jpeg
from webui.uploads_cleanup import MAX_AGE

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 120  # generous: the machine may be busy
SAMPLE = ASSETS / "docs/bank_card.jpg"
MARKUP = "<img src=x onerror=alert(1)>"


class App:
    def __init__(self, process: subprocess.Popen, url: str, cache: Path, output: Path) -> None:
        self.process, self.url, self.cache, self.output = process, url, cache, output

    def printed(self) -> str:
        return self.output.read_text(errors="replace")

    def files(self) -> set[Path]:
        return {p for p in self.cache.rglob("*") if p.is_file()}


def aged(path: Path, data: bytes, seconds: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


@pytest.fixture(scope="module")
def running(tmp_path_factory) -> Iterator[App]:
    home = tmp_path_factory.mktemp("app")
    cache = home / "upload-cache"
    # what an earlier run left: an old upload, a recent one, an old copy of a bundled sample
    aged(cache / "a1" / "old_upload.jpg", b"someone's old photo", MAX_AGE + 600)
    aged(cache / "b2" / "recent.jpg", b"someone's recent photo", 60)
    aged(cache / "c3" / SAMPLE.name, SAMPLE.read_bytes(), MAX_AGE + 600)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KYC_", "LABEL_", "EKYC_", "TENCENTCLOUD_", "GRADIO_"))
    }
    env.update(
        GRADIO_TEMP_DIR=str(cache),
        GRADIO_SERVER_PORT=str(port),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        EKYC_MODE="sandbox",
    )
    output = home / "output.txt"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py")],
            cwd=home,  # no .env of the developer's
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, output.read_text()
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.2)
        yield App(process, url, cache, output)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_a_start_sweeps_what_an_earlier_run_left(running):
    names = {p.name for p in running.files()}
    assert "old_upload.jpg" not in names
    assert not (running.cache / "a1").exists()  # its folder, too
    assert "recent.jpg" in names  # young enough to be someone's form in progress
    assert SAMPLE.name in names  # a bundled sample's copy backs an example


def call(url: str, endpoint: str, data: list) -> str:
    """A raw API call, as a hand-made script sends it; the answer's event stream."""
    answer = httpx.post(f"{url}gradio_api/call/{endpoint}", json={"data": data}, timeout=10)
    answer.raise_for_status()
    event = answer.json()["event_id"]
    return httpx.get(f"{url}gradio_api/call/{endpoint}/{event}", timeout=30).text


def test_hostile_input_leaves_no_value_path_or_traceback_in_the_output(running):
    api = ApiClient(running.url, verbose=False)
    try:  # a label that is not one of the choices: Gradio refuses it, quoting the value
        with pytest.raises(AppError):
            api.predict(
                handle_file(str(SAMPLE)),
                [MARKUP],
                "image",
                "1",
                "1",
                "en",
                False,
                api_name="/media_labeling",
            )
    finally:
        api.close()
    passwd = {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}
    stream = call(running.url, "bank_card_ocr", [passwd, "en", False])
    assert "event: error" in stream
    time.sleep(0.5)  # the process writes its lines as the events end

    printed = running.printed()
    assert "an event failed: Error (details withheld" in printed  # the dropdown's refusal
    assert "an event failed: InvalidPathError" in printed  # the path outside the cache
    for leak in ("onerror", "<img", "/etc/passwd", "Traceback", "site-packages", str(ROOT)):
        assert leak not in printed, leak


def test_sigterm_deletes_this_runs_uploads(running, tmp_path):
    mine = jpeg(tmp_path / "my_own_face.jpg", color="navy")
    with mine.open("rb") as handle:  # uploaded, never run
        answer = httpx.post(
            f"{running.url}gradio_api/upload", files={"files": ("never_run.jpg", handle)}
        )
    never_run = Path(answer.json()[0])
    api = ApiClient(running.url, verbose=False)
    try:  # a form refused before sending: its photo is kept for the visitor to complete it
        text, _ = api.predict(
            handle_file(str(mine)), None, "2", "en", False, api_name="/face_compare"
        )
    finally:
        api.close()
    assert "Please add the reference photo first" in text
    kept = [p for p in running.files() if p.name == mine.name]
    assert never_run.is_file() and len(kept) == 1

    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(30) == 0
    assert not never_run.exists()
    assert not kept[0].exists()
    left = {p.name: p.read_bytes() for p in running.files()}
    assert "recent.jpg" in left  # an earlier run's: the next sweep's, when it is old enough
    assert mine.read_bytes() not in left.values()  # no copy of the visitor's photo anywhere
    # what stays is the bundled samples' copies and the gallery's thumbnails made from them
    assert "Traceback" not in running.printed()
