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
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.app_process import free_port, rss, stop_app, tail  # noqa: E402
from bench.load_jobs import Job, Tally, classify, classify_error, jobs, with_expected  # noqa: E402
from ekyc.capabilities import CAPABILITIES  # noqa: E402

MINUTE = 60.0
MEMORY_GOAL = 10.0  # % growth from minute 1 to the end
STARTUP_LIMIT = 90.0  # s for the app to answer


# ---- the app in a subprocess -------------------------------------------------------------------


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
        stop_app(proc, 15)
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
