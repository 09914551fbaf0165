"""The journey and batch workflows, measured side by side in one run on the emulator.

    python bench/workflows.py

Every request crosses the emulator, run standalone in its own process as upstream would be, with
50 ms injected (``python -m ekyc.sandbox --rtt 0.05``). Prints the
machine, one table (figure, measured, reference, ratio, goal, status) and notes, and writes the
same as Markdown to ``bench/workflows.md``. About a minute; no argument.

1. Journey wall time against the slowest of its four calls, each call timed alone in the same
   run (warm ticket caches for both): goal ≤ 1.3×.
2. Batch of 40 documents: wall time with the parallelism used against the sequential wall time
   divided by that parallelism: goal ≤ 1.3×.
3. The page's memory across a batch of 40 through its /batch endpoint (python app.py in its
   own process, sandbox): RSS before, peak during and after, for three batches in a row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from ekyc import Client  # noqa: E402
from ekyc.config import KeyPair, Settings  # noqa: E402
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B  # noqa: E402

RTT = 0.05
ROUNDS = 5
BATCH = 40
PARALLEL = 4
PAGE_BATCHES = 3
GOAL_RATIO = 1.3
ASSETS = ROOT / "assets"
FRONT = ASSETS / "docs/id_card_front.jpg"
BACK = ASSETS / "docs/id_card_back.jpg"
SELFIE = ASSETS / "faces/person_a_1.jpg"
MIB = 1024 * 1024


@contextlib.contextmanager
def standalone_emulator() -> Iterator[dict[str, str]]:
    """``python -m ekyc.sandbox`` in its own process, as upstream is: its work does not compete
    with the client's threads for this process's interpreter lock. Yields its base URLs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ekyc.sandbox", "--port", "0", "--rtt", str(RTT),
         "--quota", "10000000"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        urls: dict[str, str] = {}
        assert process.stdout is not None
        for line in process.stdout:
            for host in ("kyc1", "mini", "kyc2"):
                name = f"EKYC_{host.upper()}_BASE_URL="
                if line.startswith(name):
                    urls[host] = line.strip()[len(name) :]
            if len(urls) == 3:
                break
        yield urls
    finally:
        process.terminate()
        process.wait(timeout=20)


def client_for(base_urls: dict[str, str]) -> Client:
    settings = Settings(
        key_a=KeyPair(*SANDBOX_KEY_A),
        key_b=KeyPair(*SANDBOX_KEY_B),
        base_urls={**Settings().base_urls, **base_urls},
    )
    return Client(settings)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def journey_figures(client: Client) -> tuple[float, float, dict[str, float]]:
    """Median journey wall time, median slowest single call, and each call's median."""
    calls = {
        "id_card_ocr side 0": lambda: client.id_card_ocr(FRONT, "0"),
        "id_card_ocr side 1": lambda: client.id_card_ocr(BACK, "1"),
        "photo_liveness_detect": lambda: client.photo_liveness_detect(SELFIE),
        "face_compare": lambda: client.face_compare(SELFIE, FRONT),
    }
    client.journey(FRONT, SELFIE, BACK)  # warm: tokens and tickets of both hosts
    singles: dict[str, list[float]] = {name: [] for name in calls}
    slowest, journeys = [], []
    for _ in range(ROUNDS):
        times = {name: timed(call) for name, call in calls.items()}
        for name, seconds in times.items():
            singles[name].append(seconds)
        slowest.append(max(times.values()))
        result = None

        def run() -> None:
            nonlocal result
            result = client.journey(FRONT, SELFIE, BACK)

        journeys.append(timed(run))
        assert result is not None and result.verdict == "pass", result
    medians = {name: statistics.median(v) for name, v in singles.items()}
    return statistics.median(journeys), statistics.median(slowest), medians


def batch_files(folder: Path) -> list[Path]:
    docs = ["id_card_front.jpg", "bank_card.jpg", "driver_license_main.jpg", "id_card_back.jpg"]
    files = []
    for i in range(BATCH):
        target = folder / f"{i:02d}_{docs[i % len(docs)]}"
        shutil.copy(ASSETS / "docs" / docs[i % len(docs)], target)
        files.append(target)
    return files


def batch_figures(client: Client, files: list[Path]) -> tuple[float, float, int]:
    sequential = client.batch("id_card_ocr", files, {"side": "0"}, parallel=1)
    parallel = client.batch("id_card_ocr", files, {"side": "0"}, parallel=PARALLEL)
    assert sequential.calls == parallel.calls == BATCH
    return sequential.seconds, parallel.seconds, parallel.parallel


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def page_memory(files: list[Path]) -> list[tuple[float, float, float]]:
    """(RSS before, peak during, after) in MiB for each batch of 40 through /batch."""
    from gradio_client import Client as ApiClient
    from gradio_client import handle_file

    port = free_port()
    env = {
        **os.environ,
        "EKYC_MODE": "sandbox",
        "EKYC_SANDBOX_RTT": str(RTT),
        "GRADIO_SERVER_PORT": str(port),
        "EKYC_SESSION_CALL_LIMIT": "",
        "EKYC_TOTAL_CALL_LIMIT": "",
    }
    process = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        api = None
        deadline = time.monotonic() + 90
        while api is None:
            try:
                api = ApiClient(f"http://127.0.0.1:{port}/", verbose=False)
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the page did not start") from None
                time.sleep(0.5)
        watched = psutil.Process(process.pid)
        rounds = []
        uploads = [handle_file(str(f)) for f in files]
        for _ in range(PAGE_BATCHES):
            time.sleep(1.0)
            before = watched.memory_info().rss
            peak = [before]
            done = threading.Event()

            sampler = threading.Thread(target=_sample, args=(watched, peak, done), daemon=True)
            sampler.start()
            summary, *_ = api.predict(
                "id_card_ocr", uploads, "0", [], None, "en", False, api_name="/batch"
            )
            done.set()
            sampler.join()
            assert f"{BATCH} calls" in summary, summary
            time.sleep(1.0)
            after = watched.memory_info().rss
            rounds.append((before / MIB, peak[0] / MIB, after / MIB))
        api.close()
        return rounds
    finally:
        process.terminate()
        process.wait(timeout=20)


def _sample(watched: psutil.Process, peak: list[int], done: threading.Event) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], watched.memory_info().rss)
        time.sleep(0.05)


def main() -> int:
    started = time.monotonic()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    cpu = platform.processor() or platform.machine()
    header = (
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC | {platform.platform()} | "
        f"{os.cpu_count()} CPUs ({cpu}) | Python {platform.python_version()} | "
        f"load average at start {load}."
    )
    with standalone_emulator() as urls, client_for(urls) as client:
        journey, slowest, singles = journey_figures(client)
        with tempfile.TemporaryDirectory() as folder:
            files = batch_files(Path(folder))
            sequential, parallel, used = batch_figures(client, files)
            memory = page_memory(files)
    rows = []
    ratio = journey / slowest
    rows.append((
        "1", f"Journey (4 calls, concurrently), wall time, median of {ROUNDS}",
        f"{journey:.3f} s", f"slowest call alone {slowest:.3f} s", f"{ratio:.2f}×",
        f"≤ {GOAL_RATIO}× slowest call", "met" if ratio <= GOAL_RATIO else "MISSED",
    ))  # fmt: skip
    ideal = sequential / used
    ratio2 = parallel / ideal
    rows.append((
        "2", f"Batch of {BATCH} documents, {used} at a time, wall time",
        f"{parallel:.2f} s", f"sequential {sequential:.2f} s / {used} = {ideal:.2f} s",
        f"{ratio2:.2f}×", f"≤ {GOAL_RATIO}× sequential / parallelism",
        "met" if ratio2 <= GOAL_RATIO else "MISSED",
    ))  # fmt: skip
    warm_up = memory[0][2] - memory[0][0]
    growth = memory[-1][2] - memory[0][2]  # after the first batch, which loads what it uses
    per_batch = ", ".join(f"{b:.0f}→{p:.0f}→{a:.0f}" for b, p, a in memory)
    flat = growth <= 0.02 * memory[0][2]
    rows.append((
        "3",
        f"Page RSS across {PAGE_BATCHES} batches of {BATCH} via /batch (MiB, before→peak→after)",
        per_batch, f"first batch {warm_up:+.1f} MiB (warm-up)",
        f"{growth:+.1f} MiB over batches 2-{PAGE_BATCHES}",
        "flat: ≤ 2% growth after the first batch", "met" if flat else "MISSED",
    ))  # fmt: skip
    table = [
        "| # | figure | measured | reference (same run) | ratio | goal | status |",
        "|---|---|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    singles_text = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in singles.items())
    notes = [
        f"Emulator (its own process) round-trip time {RTT * 1000:.0f} ms per request; warm "
        "ticket caches.",
        f"- Figure 1: the calls alone (medians): {singles_text}. The journey prepares (decodes and "
        "checks) all four requests, concurrently, before any is sent, so that bad input costs "
        "no call.",
        "- Figure 2: 40 copies of four sample documents, id_card_ocr side 0 (some fail: a bank "
        "card is not an ID card; every file still costs its call).",
        "- Figure 3: `python app.py` in its own process (sandbox), 40 uploads per batch through "
        "gradio_client; rows keep key fields only and the uploads are deleted after the run.",
        f"Run took {time.monotonic() - started:.0f} s; load average at the end "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + ".",
    ]  # fmt: skip
    text = "\n".join([header, "", *table, "", *notes]) + "\n"
    print(text)
    out = "<!-- generated by python bench/workflows.py: do not edit by hand -->\n\n" + text
    (ROOT / "bench" / "workflows.md").write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
