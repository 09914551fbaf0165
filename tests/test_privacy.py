"""Privacy and secrets (PROTOCOL §8): nothing submitted or secret reaches logs, output or disk.

- Every capability, and the failure paths (retries, ticket refresh, 5xx, cut answers), run with
  the root logger at DEBUG (urllib3 included) and all output captured: no secret, access token,
  ticket, base64 fragment or recognised field value appears in any of it.
- With masking on, neither the explanation nor the raw JSON of ``Page.run`` holds a full number,
  name or address, including when upstream's answer arrives cut short or in an odd shape.
- The emulator and the page listen on loopback only by default; ``EKYC_AUTH`` refuses every
  protected endpoint to a visitor who has not logged in; ``EKYC_SESSION_CALL_LIMIT`` stops the
  next call with a clear message; an upload does not outlive its call in Gradio's cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
import requests
from PIL import Image

from ekyc import Client
from ekyc.__main__ import main as cli
from ekyc.capabilities import CAPABILITIES, get
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, Emulator
from ekyc.sandbox import server as emulator_server
from ekyc.sandbox.replies import JSON_TYPE
from ekyc.sandbox.replies import Reply as EmulatorReply
from tests.pagehelp import free_port
from tests.support import ASSETS, settings_for
from webui.handlers import Page

SAMPLES = json.loads((ASSETS / "sample_data.json").read_text(encoding="utf-8"))
ID_NUMBER = "990101199001010027"
CARD_NUMBER = "6200000012345678903"
NAME = "样本测试"
LABELING = {"type": "image", "do_live": "1", "do_compare": "1"}

# (capability, sample files, options, labels): every capability on its bundled samples
RUNS: list[tuple[str, list[str], dict[str, str], str | None]] = [
    ("face_compare", ["faces/person_a_1.jpg", "faces/person_a_2.jpg"], {}, None),
    ("photo_liveness_detect", ["faces/screen_replay.jpg"], {}, None),
    ("video_liveness_detect", ["video/face_pan.mp4"], {}, None),
    ("id_card_ocr", ["docs/id_card_front.jpg"], {"side": "0"}, None),
    ("id_card_ocr", ["docs/id_card_back.jpg"], {"side": "1"}, None),
    ("bank_card_ocr", ["docs/bank_card.jpg"], {}, None),
    ("driver_license_ocr", ["docs/driver_license_main.jpg"], {}, None),
    ("vehicle_license_ocr", ["docs/vehicle_license_main.jpg"], {"side": "1"}, None),
    ("vehicle_license_ocr", ["docs/vehicle_license_supplementary.jpg"], {"side": "2"}, None),
    ("media_labeling", ["labels/hat_in_car.jpg"], LABELING, "A14,B03"),
]


def recognised_values(files: list[str] | None = None) -> set[str]:
    """Every field value the emulator recognises in the samples (long enough to be telling)."""
    values = set()
    for name, entry in SAMPLES.items():
        if files is None or name in files:
            values |= {v for v in entry["fields"].values() if isinstance(v, str) and len(v) >= 4}
    return values


def sensitive_values(capability: str, files: list[str]) -> set[str]:
    """The values of the capability's sensitive fields in these samples."""
    fields = set(get(capability).sensitive_fields)
    return {
        value
        for name in files
        for field, value in SAMPLES.get(name, {}).get("fields", {}).items()
        if field in fields and value
    }


def base64_fragments(files: list[str]) -> set[str]:
    """Pieces from the middle of each upload's base64 (the start is a format's common header)."""
    pieces = set()
    for name in files:
        encoded = base64.b64encode((ASSETS / name).read_bytes()).decode()
        for at in (len(encoded) // 3, len(encoded) // 2, 2 * len(encoded) // 3):
            pieces.add(encoded[at : at + 24])
    return pieces


def grants(emu: Emulator) -> set[str]:
    """Every access token and ticket the emulator has issued."""
    with emu._state.lock:
        return {grant.value for issued in emu._state.grants.values() for grant in issued}


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "gradio"
    folder.mkdir()
    return folder


def upload(cache: Path, relative: str) -> str:
    folder = cache / hashlib.sha256(relative.encode()).hexdigest()[:16]
    folder.mkdir(exist_ok=True)
    target = folder / Path(relative).name
    target.write_bytes((ASSETS / relative).read_bytes())
    return str(target)


# ---- logs and output at DEBUG ------------------------------------------------------------------


@pytest.fixture
def debug_logging(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Root at DEBUG with a stream handler too, so formatted lines reach stderr (capfd)."""
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.setLevel(logging.DEBUG)
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in ("urllib3", "requests", "ekyc")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        yield caplog
    finally:
        root.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def test_debug_logs_and_output_hold_no_secret_payload_or_field(
    emu: Emulator,
    cache: Path,
    tmp_path: Path,
    debug_logging: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used: list[str] = []
    with Client(settings_for(emu)) as client:
        page = Page(client, cache_dir=cache)
        for name, files, options, labels in RUNS:
            used += files
            paths = [str(ASSETS / f) for f in files]
            assert client.call(name, paths, options, labels).ok
            text, _ = page.run(
                get(name), [upload(cache, f) for f in files], options, labels, "en", True, "s"
            )
            assert "did not complete" not in text, text
        # the failure paths log too: retries, 5xx pages, cut answers, ticket refresh
        card = str(ASSETS / "docs/id_card_front.jpg")
        emu.faults.add("busy", count=2, paths="call")
        emu.faults.add("http502", count=1, paths="auth", hosts="kyc1")
        assert client.id_card_ocr(card, "0").ok
        emu.faults.add("truncated", count=1, paths="call")
        assert client.id_card_ocr(card, "0").code == "HTTP_ERROR"
        # an upstream that cannot be reached, does not resolve, or answers too slowly: the
        # failed request's URL holds the secret, and the exception requests raises quotes it
        for base in (f"http://127.0.0.1:{free_port()}", "http://nonexistent.invalid"):
            urls = {host: f"{base}/{host}" for host in emu.base_urls}
            with Client(settings_for(emu, base_urls=urls)) as unreachable:
                assert unreachable.media_labeling(card, "A14").code == "NETWORK"
                assert unreachable.bank_card_ocr(card).code == "NETWORK"
        emu.faults.add("slow", count=3, paths="auth", hosts="kyc2", delay=1.0)
        with Client(settings_for(emu, read_timeout=0.2)) as impatient:
            assert impatient.media_labeling(card, "A14").code == "TIMEOUT"
        emu.advance(7300)  # tokens and tickets expire: rejected, refreshed, retried
        assert client.id_card_ocr(card, "0").ok
        # (from here on Key B timestamps are stale on the emulator's clock: Key A only below)
    # and the command line, in both output modes
    for name in list(os.environ):
        if name.startswith(("KYC_", "LABEL_", "EKYC_")):
            monkeypatch.delenv(name)
    env = tmp_path / "cli.env"
    env.write_text(
        f"KYC_APPID={SANDBOX_KEY_A[0]}\nKYC_SECRET={SANDBOX_KEY_A[1]}\n"
        f"LABEL_APPID={SANDBOX_KEY_B[0]}\nLABEL_SECRET={SANDBOX_KEY_B[1]}\n"
        + "".join(f"EKYC_{h.upper()}_BASE_URL={url}\n" for h, url in emu.base_urls.items())
    )
    for extra in ([], ["--json", "--mask"]):
        argv = ["id_card_ocr", "--image", card, "--side", "0", "--env-file", str(env), *extra]
        assert cli(argv) == 0
        argv = ["driver_license_ocr", "--image", str(ASSETS / "docs/driver_license_main.jpg")]
        assert cli([*argv, "--env-file", str(env), *extra]) == 0

    captured = capfd.readouterr()
    records = debug_logging.records
    everything = "\n".join(
        [
            debug_logging.text,
            *(r.getMessage() for r in records),
            *(r.exc_text or "" for r in records),
            captured.err,
        ]
    )
    loggers = {r.name for r in records}
    assert {"urllib3.connectionpool", "ekyc.transport", "ekyc.auth"} <= loggers  # not vacuous
    issued = grants(emu)
    assert len(issued) >= 5  # tokens and tickets of three hosts, refreshed once
    forbidden = {
        "secret": {SANDBOX_KEY_A[1], SANDBOX_KEY_B[1]},
        "token or ticket": issued,
        "base64 of an upload": base64_fragments(used),
        "recognised field": recognised_values(used),
    }
    for what, values in forbidden.items():
        for value in values:
            assert value not in everything, f"a {what} reached the logs or stderr: {value!r}"
    # stdout carries the CLI's answers: masked by default and with --mask, secrets never
    for value in {SANDBOX_KEY_A[1], SANDBOX_KEY_B[1], *issued, ID_NUMBER, NAME}:
        assert value not in captured.out


# ---- masking on the page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "files", "options", "labels"),
    [run for run in RUNS if sensitive_values(run[0], run[1])],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_masked_page_shows_no_full_sensitive_value(emu, cache, name, files, options, labels):
    secret_values = sensitive_values(name, files)
    with Client(settings_for(emu)) as client:
        page = Page(client, cache_dir=cache)
        masked = page.run(
            get(name), [upload(cache, f) for f in files], options, labels, "en", False, "s"
        )
        shown = page.run(
            get(name), [upload(cache, f) for f in files], options, labels, "en", True, "s"
        )
    masked_text = masked[0] + json.dumps(masked[1], ensure_ascii=False)
    shown_text = shown[0] + json.dumps(shown[1], ensure_ascii=False)
    for value in secret_values:
        assert value not in masked_text
        assert value in shown_text  # the switch really reveals them: the check can see them


def _cut_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the emulator's "truncated" fault cut the real answer (just short of its end)."""
    original = emulator_server.Handler._faulty

    def faulty(self, fault, route, req):
        if fault.kind != "truncated":
            return original(self, fault, route, req)
        whole = self._answer(route, req).body
        return EmulatorReply(200, whole[:-2], "", JSON_TYPE)

    monkeypatch.setattr(emulator_server.Handler, "_faulty", faulty)


@pytest.mark.parametrize("show_sensitive", [False, True])
def test_a_cut_answer_shows_none_of_what_it_held(emu, cache, monkeypatch, show_sensitive):
    """An answer cut short cannot be parsed, so it cannot be masked: it must not be shown."""
    _cut_answers(monkeypatch)
    with Client(settings_for(emu)) as client:
        page = Page(client, cache_dir=cache)
        emu.faults.add("truncated", count=1, paths="call")
        front = upload(cache, "docs/id_card_front.jpg")
        text, raw = page.run(
            get("id_card_ocr"), [front], {"side": "0"}, None, "en", show_sensitive, "s"
        )
        assert "`HTTP_ERROR`" in text
        for value in (ID_NUMBER, NAME):
            assert value not in text + json.dumps(raw, ensure_ascii=False)

        emu.faults.add("truncated", count=1, paths="auth", hosts="mini")
        result = client.driver_license_ocr(str(ASSETS / "docs/driver_license_main.jpg"))
        assert result.code == "HTTP_ERROR"
        shown = json.dumps(result.raw, ensure_ascii=False) + result.message
        for token in grants(emu):
            assert token not in shown


def test_an_odd_ticket_answer_does_not_show_the_ticket(emu, monkeypatch):
    """A ticket under an unexpected shape is an error; its payload (the ticket) stays hidden."""
    original = emulator_server.Handler._answer

    def answer(self, route, req):
        reply = original(self, route, req)
        if route is not None and route.kind == "ticket" and b'"tickets"' in reply.body:
            payload = json.loads(reply.body)
            payload["tickets"] = payload["tickets"][0]  # an object instead of a list
            reply = EmulatorReply(200, json.dumps(payload).encode(), "0", JSON_TYPE)
        return reply

    monkeypatch.setattr(emulator_server.Handler, "_answer", answer)
    with Client(settings_for(emu)) as client:
        result = client.bank_card_ocr(str(ASSETS / "docs/bank_card.jpg"))
    assert not result.ok and result.code == "BAD_ANSWER"
    shown = json.dumps(result.raw, ensure_ascii=False) + result.message
    tickets = grants(emu)
    assert tickets and not any(t in shown for t in tickets)


# ---- where things listen -----------------------------------------------------------------------


def listening_addresses(port: int) -> set[str]:
    return {
        c.laddr.ip
        for c in psutil.Process().net_connections("inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    }


def test_the_emulator_listens_on_loopback_only() -> None:
    with Emulator() as emu:
        assert emu.host == "127.0.0.1"
        assert listening_addresses(emu.port) == {"127.0.0.1"}
        assert all(url.startswith("http://127.0.0.1:") for url in emu.base_urls.values())


# ---- the launched page: loopback, login, call limit, cache -------------------------------------

USER, PASSWORD = "reviewer", "correct horse battery"
CALL_LIMIT = 3


@pytest.fixture(scope="module")
def launched() -> Iterator[tuple[Any, Page, Emulator, int]]:
    """The app as ``python app.py`` launches it (launch_kwargs), with a login and a call limit."""
    import app

    with pytest.MonkeyPatch.context() as mp, Emulator(processing_time=0.2) as emu:
        mp.delenv("GRADIO_SERVER_NAME", raising=False)
        mp.setenv("EKYC_AUTH", f"{USER}:{PASSWORD}")
        mp.setenv("EKYC_SESSION_CALL_LIMIT", str(CALL_LIMIT))
        sandbox = Client.sandboxed(settings_for(emu), emulator=emu)
        demo, page = app.create_app(sandbox)
        port = free_port()
        demo.launch(prevent_thread_lock=True, quiet=True, server_port=port, **app.launch_kwargs())
        try:
            yield demo, page, emu, port
        finally:
            demo.close()
            sandbox.close()


@pytest.fixture(scope="module")
def logged_in(launched) -> Iterator[Any]:
    from gradio_client import Client as ApiClient

    client = ApiClient(launched[0].local_url, auth=(USER, PASSWORD), verbose=False)
    yield client
    client.close()


@pytest.fixture
def api(logged_in) -> Any:
    """A logged-in API client in a new session, and so with a fresh call allowance."""
    logged_in.reset_session()
    return logged_in


def test_the_page_listens_on_loopback_only(launched) -> None:
    demo, _, _, port = launched
    assert demo.server_name == "127.0.0.1"
    assert listening_addresses(port) == {"127.0.0.1"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/config"),
        ("GET", "/gradio_api/info"),
        ("POST", "/gradio_api/call/bank_card_ocr"),
        ("POST", "/gradio_api/run/bank_card_ocr"),
        ("POST", "/gradio_api/queue/join"),
        ("POST", "/gradio_api/upload"),
        ("POST", "/gradio_api/call/tool_bank_card_ocr"),
        ("GET", "/gradio_api/mcp/schema"),
        ("POST", "/gradio_api/mcp/"),
        ("GET", "/gradio_api/mcp/sse"),
    ],
)
def test_without_login_protected_endpoints_are_refused(launched, method, path) -> None:
    url = launched[0].local_url.rstrip("/") + path
    kwargs: dict[str, Any] = {"timeout": 10, "allow_redirects": False}
    if path.endswith("upload"):
        kwargs["files"] = {"files": ("x.jpg", b"\xff\xd8\xff" + b"\x00" * 64, "image/jpeg")}
    else:
        kwargs["json"] = {"data": [None, "en", False], "fn_index": 0, "session_hash": "x"}
    answer = requests.request(method, url, **kwargs)
    assert answer.status_code in (401, 403) or (
        answer.status_code in (302, 303, 307) and "login" in answer.headers.get("location", "")
    ), (answer.status_code, answer.text[:200])
    assert launched[2].count("call") == 0 or "bank_card" not in path


def test_logging_in_opens_the_page(launched) -> None:
    base = launched[0].local_url.rstrip("/")
    with requests.Session() as browser:
        wrong = browser.post(f"{base}/login", data={"username": USER, "password": "guess"})
        assert wrong.status_code in (400, 401)
        assert browser.get(f"{base}/config", timeout=10).status_code == 401
        right = browser.post(f"{base}/login", data={"username": USER, "password": PASSWORD})
        assert right.status_code == 200
        assert browser.get(f"{base}/config", timeout=10).status_code == 200


def _noise_jpeg(path: Path) -> Path:
    Image.effect_noise((96, 72), 64).convert("RGB").save(path, "JPEG")
    return path


def _other_video(path: Path) -> Path:
    """The sample video with a trailing free atom: valid, but not a bundled sample any more."""
    sample = (ASSETS / "video/face_pan.mp4").read_bytes()
    path.write_bytes(sample + struct.pack(">I", 16) + b"free" + os.urandom(8))
    return path


def _cached_digests(cache: Path) -> set[str]:
    return {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in cache.rglob("*")
        if p.is_file() and p.stat().st_size
    }


def test_uploads_do_not_outlive_their_call(launched, api, tmp_path) -> None:
    from gradio_client import handle_file

    demo, page, _, _ = launched
    assert Path(demo.GRADIO_CACHE).resolve() == page.cache_dir.resolve()  # discard looks there
    photo = _noise_jpeg(tmp_path / "mine.jpg")
    video = _other_video(tmp_path / "clip.mp4")
    calls = [
        ("/bank_card_ocr", [handle_file(str(photo))], photo),
        ("/video_liveness_detect", [handle_file(str(video))], video),
        ("/media_labeling", [handle_file(str(photo)), ["A14"], *LABELING.values()], photo),
    ]
    cache = Path(demo.GRADIO_CACHE)
    empty_before = {p for p in cache.rglob("*") if p.is_file() and not p.stat().st_size}
    for endpoint, inputs, file in calls:
        text, _ = api.predict(*inputs, "en", False, api_name=endpoint)
        assert text.startswith("ℹ️"), text
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        assert digest not in _cached_digests(cache), endpoint
    # gr.File(type="filepath") would leave an empty temporary file behind on every call
    assert {p for p in cache.rglob("*") if p.is_file() and not p.stat().st_size} == empty_before


def test_a_pasted_image_does_not_outlive_its_call(launched, api, tmp_path) -> None:
    from gradio_client import handle_file

    demo = launched[0]
    pasted = tmp_path / "image.png"
    Image.effect_noise((96, 72), 64).convert("RGB").save(pasted, "PNG")
    text, _ = api.predict(handle_file(str(pasted)), "en", False, api_name="/photo_liveness_detect")
    assert text.startswith("ℹ️"), text
    digest = hashlib.sha256(pasted.read_bytes()).hexdigest()
    assert digest not in _cached_digests(Path(demo.GRADIO_CACHE))


def test_a_pasted_image_is_removed_even_when_the_form_is_refused(launched, api, tmp_path):
    from gradio_client import handle_file

    cache = Path(launched[0].GRADIO_CACHE)
    pasted = tmp_path / "image.png"
    Image.effect_noise((96, 72), 64).convert("RGB").save(pasted, "PNG")
    before = set(cache.rglob("webcam.jpg"))
    text, _ = api.predict(
        handle_file(str(pasted)), None, "2", "en", False, api_name="/face_compare"
    )  # the reference photo is missing: refused before anything is sent
    assert "Please add" in text, text
    assert set(cache.rglob("webcam.jpg")) == before
    digest = hashlib.sha256(pasted.read_bytes()).hexdigest()
    assert digest not in _cached_digests(cache)


def test_the_session_call_limit_stops_the_next_call(launched, api) -> None:
    from gradio_client import handle_file

    emu = launched[2]
    card = handle_file(str(ASSETS / "docs/bank_card.jpg"))
    before = emu.count("call")
    for _ in range(CALL_LIMIT):
        text, _ = api.predict(card, "en", False, api_name="/bank_card_ocr")
        assert text.startswith("✅"), text
    text, raw = api.predict(card, "en", False, api_name="/bank_card_ocr")
    assert text.startswith("⛔ **Call limit reached**") and f"{CALL_LIMIT} calls" in text
    assert raw is None
    assert emu.count("call") == before + CALL_LIMIT  # the refused call cost nothing upstream


def test_every_capability_is_behind_the_login(launched) -> None:
    base = launched[0].local_url.rstrip("/")
    for cap in CAPABILITIES:
        answer = requests.post(f"{base}/gradio_api/call/{cap.name}", json={"data": []}, timeout=10)
        assert answer.status_code in (401, 403), cap.name
