"""Upstream faults, each through the client, the page handlers and the CLI.

Every scenario breaks one thing on the way to upstream (a closed port, a name that does not
resolve, an answer slower than the read timeout, an HTML 502 page, JSON cut in half, busy codes
past the last retry, a failing token or ticket endpoint, a labeling job that never finishes, the
emulator stopped before or during a call) and checks that

- the caller gets the right code and the catalogue's clear message (the CLI: exit status 1),
- the page keeps serving: a call by another user after the failure succeeds,
- nothing is left behind: no thread, no socket, no file descriptor, no temporary or uploaded file.

The timeouts are short (read 1 s, labeling 1 s) so the whole module runs in seconds, yet long
next to what a healthy call takes, even on a loaded machine; what must outlast them does so by
far (a 5 s stall, a job that never finishes), and the emulator is stopped mid-call as soon as the
call has reached it, not after a guessed delay. No assertion depends on how long anything took.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import psutil
import pytest

from ekyc import Client, Settings
from ekyc.__main__ import main as cli
from ekyc.capabilities import get
from ekyc.catalog import describe_error
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, Emulator
from tests.support import jpeg, settings_for
from webui.handlers import Page

READ_TIMEOUT = 1.0
LABEL_TIMEOUT = 1.0
STALL = 5.0  # an answer this slow is well past the read timeout
ENV_PREFIXES = ("KYC_", "LABEL_", "EKYC_")


# ---- leak accounting -----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    threads: frozenset[threading.Thread]
    fds: int
    sockets: frozenset[tuple[Any, ...]]

    @classmethod
    def take(cls) -> Snapshot:
        proc = psutil.Process()
        return cls(
            frozenset(threading.enumerate()),
            proc.num_fds(),
            frozenset((c.fd, c.laddr, c.raddr, c.status) for c in proc.net_connections("all")),
        )

    def leaks(self) -> list[str]:
        now = Snapshot.take()
        found = [f"thread {t.name}" for t in now.threads - self.threads if t.is_alive()]
        found += [f"socket {s}" for s in now.sockets - self.sockets]
        if now.fds > self.fds:
            found.append(f"{now.fds - self.fds} more file descriptor(s)")
        return found


def assert_nothing_left(before: Snapshot) -> None:
    """Threads finish and sockets close asynchronously: allow them a moment, then insist."""
    deadline = time.monotonic() + 5.0
    while (leaks := before.leaks()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not leaks, f"left behind: {leaks}"


# ---- the rig: an emulator, clients, a page and a CLI environment, all cleaned up ------------


@dataclass
class Rig:
    emu: Emulator
    root: Path
    cache: Path  # stands in for Gradio's upload cache
    base: Settings  # settings for the first emulator, kept for when it has stopped
    port: int
    clients: list[Client] = field(default_factory=list)
    emulators: list[Emulator] = field(default_factory=list)
    timers: list[threading.Timer] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)

    def settings(self) -> Settings:
        urls = {**self.base.base_urls, **self.overrides.get("base_urls", {})}
        return replace(self.base, base_urls=urls)

    def client(self) -> Client:
        client = Client(self.settings())
        self.clients.append(client)
        return client

    def page(self) -> Page:
        return Page(self.client(), cache_dir=self.cache)

    def upload(self, source: Path) -> str:
        """A copy in the cache, in its own folder, as Gradio stores an upload."""
        folder = Path(tempfile.mkdtemp(dir=self.cache))
        return str(shutil.copy(source, folder / source.name))

    def env_file(self) -> str:
        settings = self.settings()
        lines = {
            "KYC_APPID": SANDBOX_KEY_A[0],
            "KYC_SECRET": SANDBOX_KEY_A[1],
            "LABEL_APPID": SANDBOX_KEY_B[0],
            "LABEL_SECRET": SANDBOX_KEY_B[1],
            "EKYC_KYC1_BASE_URL": settings.base_urls["kyc1"],
            "EKYC_MINI_BASE_URL": settings.base_urls["mini"],
            "EKYC_KYC2_BASE_URL": settings.base_urls["kyc2"],
            "EKYC_READ_TIMEOUT": settings.read_timeout,
            "EKYC_CONNECT_TIMEOUT": settings.connect_timeout,
            "EKYC_LABEL_TIMEOUT": settings.label_timeout,
            "EKYC_RETRY_BACKOFF": settings.retry_backoff,
            "EKYC_POLL_INITIAL": settings.poll_initial,
            "EKYC_POLL_MAX": settings.poll_max,
        }
        path = self.root / "cli.env"
        path.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
        return str(path)

    def take_over(self) -> Emulator:
        """A second emulator on the first one's port: the same base URLs, no shared state."""
        for timer in self.timers:
            timer.join()
        second = Emulator(port=self.port, processing_time=0.2).start()
        self.emulators.append(second)
        return second


@pytest.fixture
def rig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    cache = tmp_path / "gradio"
    cache.mkdir()
    files = tmp_path / "files"
    files.mkdir()
    jpeg(files / "photo.jpg")
    jpeg(files / "card.jpg", color="navy")

    before = Snapshot.take()
    emu = Emulator(processing_time=0.2).start()
    base = settings_for(
        emu, read_timeout=READ_TIMEOUT, label_timeout=LABEL_TIMEOUT, connect_timeout=1.0
    )
    rig = Rig(emu, files, cache, base, emu.port)
    try:
        yield rig
    finally:
        for client in rig.clients:
            client.close()
        for timer in rig.timers:
            timer.cancel()
            timer.join()
        for emulator in [rig.emu, *rig.emulators]:
            emulator.stop()
    assert_nothing_left(before)
    assert list(temp.iterdir()) == [], "a temporary file was left behind"
    assert list(cache.iterdir()) == [], "an upload was left in the cache"


# ---- one call, three ways in -----------------------------------------------------------------

# capability -> (file names under rig.root, options, labels)
CALLS: dict[str, tuple[list[str], dict[str, str], str | None]] = {
    "face_compare": (["photo.jpg", "card.jpg"], {"source_photo_type": "2"}, None),
    "photo_liveness_detect": (["photo.jpg"], {}, None),
    "id_card_ocr": (["card.jpg"], {"side": "0"}, None),
    "bank_card_ocr": (["card.jpg"], {}, None),
    "driver_license_ocr": (["card.jpg"], {}, None),
    "vehicle_license_ocr": (["card.jpg"], {"side": "1"}, None),
    "media_labeling": (["photo.jpg"], {"type": "image", "do_live": "1", "do_compare": "1"}, "A14"),
}


@dataclass
class Outcome:
    code: str  # "0" on success
    text: str  # what the user reads


def via_client(rig: Rig, client: Client, name: str) -> Outcome:
    files, options, labels = CALLS[name]
    result = client.call(name, [str(rig.root / f) for f in files], options, labels)
    assert isinstance(result.message, str) and result.message
    return Outcome(result.code, result.message)


def via_page(
    rig: Rig, page: Page, name: str, session: str, progress: Callable[..., Any] | None = None
) -> Outcome:
    files, options, labels = CALLS[name]
    uploads = [rig.upload(rig.root / f) for f in files]
    text, raw = page.run(get(name), uploads, options, labels, "en", False, session, progress)
    assert all(not Path(u).exists() for u in uploads), "the upload outlived the call"
    assert "Traceback" not in text and "Something went wrong" not in text
    json.dumps(raw)  # the technical details are plain JSON, whatever went wrong
    if text.startswith("❌"):
        code = text.split("Error code: `", 1)[1].split("`", 1)[0]
        return Outcome(code, text)
    return Outcome("0", text)


def via_cli(rig: Rig, capsys: pytest.CaptureFixture[str], name: str) -> tuple[int, Outcome]:
    files, options, labels = CALLS[name]
    cap = get(name)
    argv = [name, "--json", "--env-file", rig.env_file()]
    for spec, file in zip(cap.files, files, strict=True):
        argv += [f"--{spec.name}", str(rig.root / file)]
    if labels:
        argv += ["--labels", labels]
    for option, value in options.items():
        argv += [f"--{option.replace('_', '-')}", value]
    capsys.readouterr()
    status = cli(argv)
    out = json.loads(capsys.readouterr().out)
    if out["success"]:
        return status, Outcome("0", "")
    return status, Outcome(out["code"], out["error"])


# ---- the scenarios -----------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _refused(rig: Rig) -> None:
    rig.overrides["base_urls"] = {"mini": f"http://127.0.0.1:{closed_port()}/mini"}


def _dns(rig: Rig) -> None:
    rig.overrides["base_urls"] = {"kyc2": "http://nonexistent.invalid/kyc2"}


def _ticket_endpoint_drops(rig: Rig) -> None:
    rig.emu.faults.add("slow", count=1, paths="auth", hosts="mini", delay=0)  # the token passes
    rig.emu.faults.add("drop", count=20, paths="auth", hosts="mini")  # every ticket request dies


def _never_finishes(rig: Rig) -> None:
    rig.emu.processing_time = 3600


def _stopped(rig: Rig) -> None:
    rig.emu.stop()


def _stopped_mid_call(rig: Rig) -> None:
    """Stop the emulator once the call has reached it (it is holding the answer back)."""
    stall = rig.emu.faults.add("slow", count=1, paths="call", hosts="kyc1", delay=30)

    def stop_once_stalled() -> None:
        deadline = time.monotonic() + 10
        while stall.hits == 0 and time.monotonic() < deadline:
            if timer.finished.wait(0.01):  # cancelled: the test is over
                return
        rig.emu.stop()

    timer = threading.Timer(0, stop_once_stalled)
    rig.timers.append(timer)
    timer.start()


def _dropped_call(rig: Rig) -> None:
    rig.emu.faults.add("drop", count=1, paths="call")


def _heal(rig: Rig) -> None:
    rig.emu.faults.clear()
    rig.emu.processing_time = 0.2


def _second_emulator(rig: Rig) -> None:
    rig.take_over()


@dataclass(frozen=True)
class Scenario:
    id: str
    capability: str
    code: str
    arrange: Callable[[Rig], Any]
    heal: Callable[[Rig], Any] = _heal
    url_bound: bool = False  # the emulator must be running when the scenario starts


def fault(kind: str, count: int, **where: Any) -> Callable[[Rig], Any]:
    return lambda rig: rig.emu.faults.add(kind, count=count, **where)


SCENARIOS = [
    Scenario("connection refused", "driver_license_ocr", "NETWORK", _refused),
    Scenario("dns failure", "media_labeling", "NETWORK", _dns),
    Scenario(
        "answer slower than the read timeout",
        "bank_card_ocr",
        "TIMEOUT",
        fault("slow", 3, paths="call", delay=STALL),
    ),
    Scenario("http 502 html page", "id_card_ocr", "HTTP_ERROR", fault("http502", 3, paths="call")),
    Scenario("truncated json", "face_compare", "HTTP_ERROR", fault("truncated", 1, paths="call")),
    Scenario(
        "busy codes past the last retry",
        "photo_liveness_detect",
        "999999",
        fault("busy", 3, paths="call"),
    ),
    Scenario(
        "token endpoint answers 502",
        "vehicle_license_ocr",
        "HTTP_ERROR",
        fault("http502", 3, paths="auth", hosts="mini"),
    ),
    Scenario("ticket endpoint drops", "driver_license_ocr", "NETWORK", _ticket_endpoint_drops),
    Scenario(
        "label ticket endpoint busy",
        "media_labeling",
        "999999",
        fault("busy", 3, paths="auth", hosts="kyc2"),
    ),
    Scenario(  # a failed poll means "ask again", until the time budget runs out
        "labeling polls keep answering 502",
        "media_labeling",
        "LABEL_TIMEOUT",
        fault("http502", 10_000, paths="poll"),
    ),
    Scenario("labeling never finishes", "media_labeling", "LABEL_TIMEOUT", _never_finishes),
    Scenario("emulator stopped", "bank_card_ocr", "NETWORK", _stopped, _second_emulator),
    Scenario(  # may have been processed: not resent, explained as such
        "emulator stopped mid-call",
        "bank_card_ocr",
        "CONNECTION_LOST",
        _stopped_mid_call,
        _second_emulator,
    ),
    Scenario("connection dropped after sending", "bank_card_ocr", "CONNECTION_LOST", _dropped_call),
]
IDS = [s.id.replace(" ", "-") for s in SCENARIOS]
FOLLOW_UP = "bank_card_ocr"  # another user's call once the fault is over (kyc1)


def expect_clear_message(scenario: Scenario, outcome: Outcome) -> None:
    assert outcome.code == scenario.code, outcome
    message, action = describe_error(scenario.code, "", "en")
    assert message in outcome.text and action in outcome.text
    for leak in ("<html", "http://", "127.0.0.1", "Traceback", SANDBOX_KEY_A[1]):
        assert leak not in outcome.text


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_client(rig: Rig, scenario: Scenario) -> None:
    warm = rig.client()
    assert via_client(rig, warm, FOLLOW_UP).code == "0"  # warms the kyc1 ticket
    scenario.arrange(rig)
    client = rig.client() if "base_urls" in rig.overrides else warm
    expect_clear_message(scenario, via_client(rig, client, scenario.capability))
    scenario.heal(rig)
    assert via_client(rig, warm, FOLLOW_UP).code == "0"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_page(rig: Rig, scenario: Scenario) -> None:
    page = rig.page()
    assert via_page(rig, page, FOLLOW_UP, "first user").code == "0"
    scenario.arrange(rig)
    if "base_urls" in rig.overrides:
        page = Page(rig.client(), cache_dir=rig.cache)
    expect_clear_message(scenario, via_page(rig, page, scenario.capability, "unlucky user"))
    scenario.heal(rig)
    assert via_page(rig, page, FOLLOW_UP, "next user").code == "0"
    assert page.calls("unlucky user") == 1  # an upstream failure still counts as a call


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_cli(rig: Rig, scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    scenario.arrange(rig)
    status, outcome = via_cli(rig, capsys, scenario.capability)
    assert status == 1
    expect_clear_message(scenario, outcome)


def test_cli_text_output_explains_the_failure(rig: Rig, capsys: pytest.CaptureFixture[str]):
    rig.emu.faults.add("http502", count=3, paths="call")
    argv = ["bank_card_ocr", "--image", str(rig.root / "card.jpg"), "--env-file", rig.env_file()]
    assert cli([*argv, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("❌") and "Error code: HTTP_ERROR" in out and "<html" not in out
    assert "**" not in out and "`" not in out  # plain text for a terminal


# ---- what may have reached upstream is never sent twice -----------------------------------


@pytest.mark.parametrize("name", ["bank_card_ocr", "face_compare", "media_labeling"])
def test_a_call_dropped_after_sending_is_not_sent_again(rig: Rig, name: str) -> None:
    """A dropped connection after the request went out may have been processed and billed,
    like a read timeout: one call upstream, and an explanation that says to check first."""
    client = Client(replace(rig.settings(), read_timeout=10.0))  # a drop, never a slow answer
    rig.clients.append(client)
    rig.emu.faults.add("drop", count=1, paths="call")
    outcome = via_client(rig, client, name)
    assert outcome.code == "CONNECTION_LOST"
    assert rig.emu.count("call") == 1
    for lang, words in (("en", "may have been processed"), ("zh", "可能已处理")):
        message, action = describe_error("CONNECTION_LOST", "", lang)
        assert words in message and action
    assert "check" in outcome.text and "retry" in outcome.text


def test_what_never_reached_upstream_is_retried(rig: Rig) -> None:
    """A busy code, or a token request that dropped, is sent again and the call succeeds."""
    client = rig.client()
    rig.emu.faults.add("busy", count=2, paths="call")
    assert via_client(rig, client, "bank_card_ocr").code == "0"
    assert rig.emu.count("call") == 3
    fresh = rig.client()
    rig.emu.faults.add("drop", count=1, paths="auth", hosts="mini")
    assert via_client(rig, fresh, "driver_license_ocr").code == "0"


# ---- CLI exit status: 0 ok, 1 upstream/network, 2 bad input or usage ----------------------------


def test_cli_exit_status(rig: Rig, capsys: pytest.CaptureFixture[str]) -> None:
    env = ["--env-file", rig.env_file()]
    card = str(rig.root / "card.jpg")
    empty = rig.root / "empty.jpg"
    empty.write_bytes(b"")
    assert cli(["bank_card_ocr", "--image", card, *env]) == 0
    assert cli(["bank_card_ocr", "--image", str(empty), *env]) == 2  # bad input
    assert "empty" in capsys.readouterr().err
    assert cli(["media_labeling", "--file", card, "--labels", "A14,Z99", *env]) == 2
    with pytest.raises(SystemExit) as usage:  # argparse: the required side is missing
        cli(["id_card_ocr", "--image", card, *env])
    assert usage.value.code == 2
    no_key_b = rig.root / "no_key_b.env"
    no_key_b.write_text(
        "".join(
            line + "\n"
            for line in Path(rig.env_file()).read_text().splitlines()
            if not line.startswith("LABEL_")
        )
    )
    assert cli(["media_labeling", "--file", card, "--labels", "A14", "--env-file", str(no_key_b)])
    assert "LABEL_APPID" in capsys.readouterr().err
    rig.emu.faults.add("busy", count=3, paths="call")
    assert cli(["bank_card_ocr", "--image", card, *env]) == 1  # upstream
    assert rig.emu.count("call") == 1 + 3  # the refusals above sent nothing


# ---- state that goes stale between calls ---------------------------------------------------


def test_tickets_expiring_between_calls_are_refreshed(rig: Rig) -> None:
    page = rig.page()
    for host_call in ("bank_card_ocr", "driver_license_ocr"):
        assert via_page(rig, page, host_call, "a").code == "0"
    rig.emu.advance(7300)  # every token and ticket has expired on the emulator's clock
    for host_call in ("bank_card_ocr", "driver_license_ocr"):
        assert via_page(rig, page, host_call, "b").code == "0"
    for host in ("kyc1", "mini"):
        assert rig.emu.count("token", host) == 2 and rig.emu.count("ticket", host) == 2


def test_second_emulator_takes_over_with_every_ticket_stale(rig: Rig) -> None:
    """Stopped upstream: clean NETWORK errors; a new one on the same address: calls work again,
    each host refreshing its stale ticket once (1104 for Key A, 400106 for Key B)."""
    client = rig.client()
    names = ("bank_card_ocr", "driver_license_ocr", "media_labeling")
    assert [via_client(rig, client, n).code for n in names] == ["0", "0", "0"]
    rig.emu.stop()
    assert [via_client(rig, client, n).code for n in names] == ["NETWORK"] * 3
    second = rig.take_over()
    assert [via_client(rig, client, n).code for n in names] == ["0", "0", "0"]
    rejected = sorted(r.code for r in second.requests if r.kind == "call" and r.code != "0")
    assert rejected == ["1104", "1104", "400106"]
    assert second.count("ticket") == 3


def test_one_stuck_user_does_not_hold_up_the_others(rig: Rig) -> None:
    """A labeling job that never finishes holds the labeling lane only, not the page."""
    rig.emu.processing_time = 3600
    page = rig.page()
    others_done = threading.Event()
    stuck: list[Outcome] = []

    def hold(fraction: float, text: str) -> None:
        if text.startswith("processing"):  # the job is submitted and pending: let others run
            others_done.wait(10)

    worker = threading.Thread(
        target=lambda: stuck.append(via_page(rig, page, "media_labeling", "stuck", hold))
    )
    worker.start()
    try:
        others = {
            name: via_page(rig, page, name, f"user {i}").code
            for i, name in enumerate(CALLS)
            if name != "media_labeling"
        }
        pending = worker.is_alive()
    finally:
        others_done.set()
        worker.join()
    assert pending and set(others.values()) == {"0"}
    assert stuck[0].code == "LABEL_TIMEOUT"
