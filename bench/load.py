"""Load: the page in sandbox mode under concurrent API clients, with upstream busy 5% of the time.

    python bench/load.py [--clients 20] [--duration 100] [--busy-rate 0.05]

Starts ``python app.py`` in a subprocess (sandbox mode, its in-process emulator answering a busy
code to 5% of all requests: EKYC_SANDBOX_BUSY_RATE), so that the app's memory can be measured on
its own. Then ``--clients`` gradio_client clients, each its own session, call the page's API for
``--duration`` seconds, each cycling through all eight capabilities on the bundled samples
(webui/samples.py, error scenarios included) and uploading the files every time.

Every answer is checked against the answer the same sample gets from a fault-free emulator:
- as expected (a success, or the sample's scripted error such as "no face"): completed;
- a designed outcome: "network busy" after three busy codes in a row (the client's retries ran
  out), the queue being full, the session's call limit: counted apart;
- anything else (another code, a refused input, an exception, a stack trace): undesigned.

Prints requests completed, outcomes by kind, p50/p95/p99 latency (overall and per capability),
throughput, and the app's resident memory at minute 1 and at the end with the growth between
them. Exit status 0 when there is no undesigned outcome and memory grew by less than 10%.
Takes about two minutes (the load runs ``--duration`` seconds; minute 1 is at 60 s).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import requests  # noqa: E402

from ekyc import Client  # noqa: E402
from ekyc.capabilities import BY_NAME, CAPABILITIES  # noqa: E402
from ekyc.sandbox import Emulator  # noqa: E402
from webui import samples  # noqa: E402

BUSY_CODES = frozenset({"999999", "999998", "999997"})
MINUTE = 60.0
MEMORY_GOAL = 10.0  # % growth from minute 1 to the end
STARTUP_LIMIT = 90.0  # s for the app to answer
CODE_IN_TEXT = re.compile(r"(?:Error code|错误码)[:：] `([^`]+)`")


# ---- what to call ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    capability: str
    caption: str
    files: tuple[str, ...]
    rest: tuple[Any, ...]  # labels and options, in the page's input order
    expected: str = ""  # the code a fault-free emulator gives this sample ("0" for success)


def jobs() -> list[Job]:
    """Every sample row of every tab, interleaved so that consecutive calls differ in kind."""
    per_capability = []
    for cap in CAPABILITIES:
        rows, captions = samples.rows(cap.name, len(cap.files))
        per_capability.append(
            [
                Job(cap.name, caption, tuple(row[: len(cap.files)]), tuple(row[len(cap.files) :]))
                for row, caption in zip(rows, captions, strict=True)
            ]
        )
    if not all(per_capability):
        missing = [c.name for c, rows in zip(CAPABILITIES, per_capability, strict=True) if not rows]
        raise SystemExit(f"no bundled sample for {missing}: run scripts/make_assets.py first")
    longest = max(len(rows) for rows in per_capability)
    return [rows[i % len(rows)] for i in range(longest) for rows in per_capability]


def with_expected(plan: list[Job]) -> list[Job]:
    """Each sample's answer from a fault-free emulator: what the page must show under load."""
    with (
        Emulator(processing_time=0.05, quota=10**9) as emu,
        Client.sandboxed(emulator=emu) as client,
    ):
        result = []
        for job in plan:
            cap = BY_NAME[job.capability]
            labels = job.rest[0] if cap.has_labels else None
            values = job.rest[1:] if cap.has_labels else job.rest
            options = {opt.name: v for opt, v in zip(cap.options, values, strict=True)}
            outcome = client.call(job.capability, list(job.files), options, labels)
            result.append(Job(**{**job.__dict__, "expected": outcome.code}))
        return result


# ---- outcomes ----------------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    by_capability: dict[str, list[float]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )
    completed: int = 0
    designed: collections.Counter[str] = field(default_factory=collections.Counter)
    undesigned: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, job: Job, seconds: float, kind: str, detail: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_capability[job.capability].append(seconds)
            if kind == "ok":
                self.completed += 1
            elif kind == "designed":
                self.designed[detail] += 1
            else:
                self.undesigned[f"{job.capability} ({job.caption}): {detail}"] += 1


def classify(job: Job, answer: Any) -> tuple[str, str]:
    """("ok" | "designed" | "undesigned", what) for one answer of the page."""
    if not isinstance(answer, (tuple, list)) or not answer or not isinstance(answer[0], str):
        return "undesigned", f"unexpected answer shape {type(answer).__name__}"
    text = answer[0]
    if text.startswith("⛔"):
        return "designed", "session call limit reached"
    if "Traceback" in text or "Something went wrong" in text:
        return "undesigned", "the page reported an internal error"
    if text.startswith("❌ **The input was refused"):
        return "undesigned", f"a bundled sample was refused: {text[:120]!r}"
    found = CODE_IN_TEXT.search(text)
    code = found.group(1) if found else "0"
    if code == job.expected:
        return "ok", code
    if code in BUSY_CODES and "network busy" in text:
        return "designed", "network busy after 3 busy codes in a row"
    return "undesigned", f"code {code}, expected {job.expected}"


def classify_error(error: Exception) -> tuple[str, str]:
    message = str(error)
    if "queue is full" in message.lower() or "queue full" in message.lower():
        return "designed", "queue full"
    return "undesigned", f"{type(error).__name__}: {message[:160]}"


# ---- the app in a subprocess -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def app_environment(port: int, cache: Path, args: argparse.Namespace) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KYC_", "LABEL_", "EKYC_", "GRADIO_"))
    }
    env.update(
        {
            "EKYC_MODE": "sandbox",
            "EKYC_SANDBOX_BUSY_RATE": str(args.busy_rate),
            "EKYC_SANDBOX_PROCESSING_TIME": str(args.processing_time),
            "EKYC_SANDBOX_RTT": str(args.rtt),
            "EKYC_SANDBOX_QUOTA": str(10**9),
            "GRADIO_SERVER_NAME": "127.0.0.1",
            "GRADIO_SERVER_PORT": str(port),
            "GRADIO_TEMP_DIR": str(cache),
            "GRADIO_ANALYTICS_ENABLED": "False",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the app exited with {proc.returncode}:\n{tail(log)}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/config", timeout=2).status_code == 200:
                return
        time.sleep(0.25)
    raise SystemExit(f"the app did not answer within {STARTUP_LIMIT:.0f} s:\n{tail(log)}")


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def rss(pid: int) -> int:
    """Resident memory of the app and any child process, in bytes."""
    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total


# ---- the load ----------------------------------------------------------------------------------


def worker(
    index: int,
    url: str,
    plan: list[Job],
    tally: Tally,
    ready: threading.Barrier,
    stop: threading.Event,
) -> None:
    from gradio_client import Client as ApiClient
    from gradio_client import handle_file

    api = ApiClient(url, verbose=False)
    try:
        ready.wait()
        n = index  # each client starts at a different place in the mix
        while not stop.is_set():
            job = plan[n % len(plan)]
            n += 1
            inputs = [handle_file(f) for f in job.files]
            started = time.perf_counter()
            try:
                answer = api.predict(*inputs, *job.rest, "en", False, api_name=f"/{job.capability}")
            except Exception as error:  # every failure is counted, none stops the run
                kind, detail = classify_error(error)
            else:
                kind, detail = classify(job, answer)
            tally.add(job, time.perf_counter() - started, kind, detail)
    finally:
        api.close()


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=100.0, help="seconds of load (>= 60)")
    parser.add_argument("--busy-rate", type=float, default=0.05)
    parser.add_argument(
        "--processing-time", type=float, default=1.0, help="labeling job time in the sandbox"
    )
    parser.add_argument("--rtt", type=float, default=0.02, help="sandbox round trip per request")
    args = parser.parse_args(argv)
    if args.duration < MINUTE:
        parser.error("--duration must be at least 60 s: memory is compared with minute 1")

    began = time.monotonic()
    plan = with_expected(jobs())
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="ekyc-load-"))
    cache = workdir / "gradio"
    log = workdir / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=app_environment(port, cache, args),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(url, proc, log)
        startup = time.monotonic() - began
        tally = Tally()
        stop = threading.Event()
        ready = threading.Barrier(args.clients + 1)
        threads = [
            threading.Thread(
                target=worker, args=(i, url, plan, tally, ready, stop), name=f"client-{i}"
            )
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        ready.wait(timeout=60)
        load_start = time.monotonic()
        memory_start = rss(proc.pid)
        time.sleep(MINUTE)
        memory_minute = rss(proc.pid)
        time.sleep(max(0.0, args.duration - MINUTE))
        stop.set()
        load_seconds = time.monotonic() - load_start
        for thread in threads:
            thread.join(timeout=120)
        drained = time.monotonic() - load_start
        memory_end = rss(proc.pid)
        alive = proc.poll() is None
        cached = [p.stat().st_size for p in cache.rglob("*") if p.is_file()]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    app_log = tail(log, 15)
    shutil.rmtree(workdir, ignore_errors=True)

    total = len(tally.latencies)
    growth = (memory_end - memory_minute) / memory_minute * 100
    designed = sum(tally.designed.values())
    undesigned = sum(tally.undesigned.values())
    mib = 1024 * 1024
    print("Load: the page in sandbox mode (app.py in a subprocess), gradio_client clients")
    print(
        f"  {args.clients} clients, {load_seconds:.0f} s of load (drained after {drained:.0f} s),"
        f" busy rate {args.busy_rate:.0%}, sandbox labeling {args.processing_time:g} s,"
        f" round trip {args.rtt * 1000:.0f} ms; app up in {startup:.1f} s"
    )
    print(f"  mix: {len(plan)} sample rows over all {len(CAPABILITIES)} capabilities")
    print()
    print(f"requests answered        {total}")
    print(f"  completed as expected  {tally.completed}")
    print(f"  designed outcomes      {designed}")
    for detail, count in tally.designed.most_common():
        print(f"    {count:6d}  {detail}")
    print(f"  undesigned errors      {undesigned}")
    for detail, count in tally.undesigned.most_common(10):
        print(f"    {count:6d}  {detail}")
    print()
    print(
        f"latency (s)              p50 {percentile(tally.latencies, 50):.3f}"
        f"   p95 {percentile(tally.latencies, 95):.3f}   p99 {percentile(tally.latencies, 99):.3f}"
    )
    for name, values in tally.by_capability.items():
        print(
            f"  {name:<22} n={len(values):<5d} p50 {percentile(values, 50):.3f}"
            f"   p95 {percentile(values, 95):.3f}   p99 {percentile(values, 99):.3f}"
        )
    print(f"throughput               {total / load_seconds:.1f} requests/s")
    print()
    print(f"app memory (RSS)         start of load {memory_start / mib:.1f} MiB")
    print(f"                         minute 1      {memory_minute / mib:.1f} MiB")
    print(f"                         end           {memory_end / mib:.1f} MiB")
    print(f"  growth minute 1 -> end {growth:+.1f}% (goal < {MEMORY_GOAL:.0f}%)")
    empty = sum(1 for size in cached if size == 0)
    print(f"files left in the upload cache {len(cached)} ({empty} of them empty)")
    print(f"total run time           {time.monotonic() - began:.0f} s")
    goals = {
        "zero undesigned errors": undesigned == 0,
        f"memory growth under {MEMORY_GOAL:.0f}%": growth < MEMORY_GOAL,
        "the app kept running": alive,
        "every client answered": total > 0,
    }
    print()
    for goal, held in goals.items():
        print(f"  [{'ok' if held else 'MISSED'}] {goal}")
    if not all(goals.values()):
        print("\napp log (last lines):\n" + app_log)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
