"""Figure 8: the page's memory under concurrent uploads of a 59 MP image, this tree against the
tree before bounded-memory preparation, side by side in one run.

    python bench/memory.py [--before REV] [--uploads 6]

For each tree (this one; ``REV`` exported with ``git archive``, by default the parent of the
commit that added ``ekyc/imaging.py``) and each scenario, a fresh ``python app.py`` starts in
sandbox mode; once it idles, its peak RSS (``VmHWM``) is reset through ``/proc/PID/clear_refs``,
``--uploads`` gradio_client clients upload the image to ``/bank_card_ocr`` at once, and the
peak growth over the idle RSS is read when all have answered, with the RSS still held after.

Scenarios (the issue's probes):
- a 7700x7700 JPEG of 3.4 MB (a smooth scene with noise, quality 77), which must be shrunk;
- a 7700x7700 flat RGBA PNG of 0.2 MB, named ``image.png`` (the name of a pasted picture, which
  the image input converts) with the page's call budget already spent;
- the same PNG with an ordinary name and budget left.

Prints one table; a full run (both trees, every scenario) also writes it, as Markdown, to
``bench/results-memory.md``. About 3 minutes on an idle 2-core machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import requests  # noqa: E402

from bench.app_process import free_port, stop_app, tail  # noqa: E402
from bench.big_images import big_jpeg, distinct, flat_png  # noqa: E402
from bench.report import HEADER, MIB, machine  # noqa: E402
from bench.trees import default_before, exported, short  # noqa: E402

UPLOADS = 6
GOAL_GROWTH = 300 * MIB
IDLE = 2.0  # s the app idles before the reset
STARTUP_LIMIT = 180.0  # a loaded machine starts Gradio slowly
ASSET = ROOT / "assets" / "docs" / "bank_card.jpg"  # spends the call budget


# ---- one measurement -----------------------------------------------------------------------


@dataclass
class Peak:
    growth: int  # peak RSS over the idle RSS, bytes
    held: int  # RSS over the idle RSS once every upload was answered
    answers: list[str]


def vm_hwm(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def measure(tree: Path, image: Path, name: str, spent: bool, uploads: int, logs: Path) -> Peak:
    from gradio_client import Client as ApiClient
    from gradio_client import handle_file

    port = free_port()
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=logs))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KYC_", "LABEL_", "EKYC_", "GRADIO_", "TENCENTCLOUD_"))
    }
    env.update(
        EKYC_MODE="sandbox",
        EKYC_SANDBOX_QUOTA=str(10**9),
        GRADIO_SERVER_NAME="127.0.0.1",
        GRADIO_SERVER_PORT=str(port),
        GRADIO_TEMP_DIR=str(cache),
        GRADIO_ANALYTICS_ENABLED="False",
    )
    if spent:
        env["EKYC_TOTAL_CALL_LIMIT"] = "1"
    # Distinct bytes per upload: Gradio's cache keeps one copy of identical uploads, and the
    # first call to finish would delete the file the others are about to read.
    copies = [distinct(image, Path(tempfile.mkdtemp(dir=logs)) / name, i) for i in range(uploads)]
    log = (logs / f"app-{port}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + STARTUP_LIMIT
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"app.py in {tree} did not start:\n{tail(log.name, 20)}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(url + "gradio_api/info", timeout=5).status_code == 200:
                    break
            time.sleep(0.2)
        clients = [ApiClient(url, verbose=False) for _ in range(uploads)]
        if spent:
            clients[0].predict(handle_file(str(ASSET)), "en", False, api_name="/bank_card_ocr")
        time.sleep(IDLE)
        app = psutil.Process(proc.pid)
        idle = app.memory_info().rss
        with open(f"/proc/{proc.pid}/clear_refs", "w") as refs:
            refs.write("5")  # VmHWM := the current RSS
        answers: list[str] = [""] * uploads
        start = threading.Barrier(uploads)

        def send(i: int) -> None:
            start.wait()
            try:
                text, _ = clients[i].predict(
                    handle_file(str(copies[i])), "en", False, api_name="/bank_card_ocr"
                )
                answers[i] = text.splitlines()[0][:80] if text else ""
            except Exception as error:  # counted, shown: a failure must not hide the figure
                answers[i] = f"{type(error).__name__}: {str(error)[:60]}"

        threads = [threading.Thread(target=send, args=(i,)) for i in range(uploads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        peak = vm_hwm(proc.pid)
        held = app.memory_info().rss
        for c in clients:
            c.close()
        return Peak(max(0, peak - idle), max(0, held - idle), answers)
    finally:
        stop_app(proc, 15)
        log.close()


# ---- the figure ----------------------------------------------------------------------------


@dataclass
class Scenario:
    number: str
    what: str
    image: str  # "jpeg" or "png"
    name: str
    spent: bool


SCENARIOS = (
    Scenario("8a", "59 MP JPEG (3.4 MB), must be shrunk", "jpeg", "photo.jpg", False),
    Scenario("8b", "59 MP flat RGBA PNG named image.png, budget spent", "png", "image.png", True),
    Scenario("8c", "59 MP flat RGBA PNG (0.2 MB), budget left", "png", "scan.png", False),
)


@dataclass
class Figure:
    scenario: Scenario
    ours: Peak
    before: Peak


def run(before: str | None, uploads: int, folder: Path, only: str = "") -> list[Figure]:
    images = {"jpeg": big_jpeg(folder / "big.jpg"), "png": flat_png(folder / "flat.png")}
    figures = []
    with exported(before) if before else contextlib.nullcontext(None) as old:
        for s in SCENARIOS:
            if only and s.number not in only.split(","):
                continue
            ours = measure(ROOT, images[s.image], s.name, s.spent, uploads, folder)
            then = measure(old, images[s.image], s.name, s.spent, uploads, folder) if old else None
            figures.append(Figure(s, ours, then or Peak(0, 0, [])))
    return figures


def mib(n: int) -> str:
    return f"{n / MIB:.0f} MiB"


def rows(figures: list[Figure], uploads: int, rev: str) -> list[tuple[str, ...]]:
    """(number, figure, ekyc, before, ratio, goal, status) per scenario."""
    out = []
    for f in figures:
        ok = f.ours.growth <= GOAL_GROWTH
        out.append(
            (
                f.scenario.number,
                f"Page: peak RSS growth, {uploads} concurrent uploads of a {f.scenario.what}",
                f"{mib(f.ours.growth)} (held after: {mib(f.ours.held)})",
                f"before ({rev}): {mib(f.before.growth)} (held after: {mib(f.before.held)})",
                f"{f.ours.growth / f.before.growth:.2f}×" if f.before.growth else "-",
                f"≤ {mib(GOAL_GROWTH)}",
                "met" if ok else "MISSED",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="revision to compare with")
    parser.add_argument("--uploads", type=int, default=UPLOADS)
    parser.add_argument("--no-before", action="store_true", help="measure this tree only")
    parser.add_argument("--only", default="", help="scenarios to run, e.g. 8a,8c")
    args = parser.parse_args(argv)
    before = None if args.no_before else args.before or default_before()
    with tempfile.TemporaryDirectory(prefix="ekyc-memory-") as tmp:
        figures = run(before, args.uploads, Path(tmp), args.only)
    table = rows(figures, args.uploads, short(before) if before else "not measured")
    for row in table:
        print(" | ".join(row))
    for f in figures:
        print(f"{f.scenario.number} answers, ekyc: {sorted(set(f.ours.answers))}")
        print(f"{f.scenario.number} answers, before: {sorted(set(f.before.answers))}")
    if before and not args.only:
        write_markdown(table, figures)
    return 0 if all(r[-1] == "met" for r in table) else 1


def write_markdown(table: list[tuple[str, ...]], figures: list[Figure]) -> None:
    lines = [
        "<!-- generated by python bench/memory.py: do not edit by hand -->",
        "",
        f"Measured {machine()}.",
        "",
        "| " + " | ".join(HEADER).replace("baseline", "before") + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
        *("| " + " | ".join(row) + " |" for row in table),
        "",
        *(
            f"- {f.scenario.number}: answers now {sorted(set(f.ours.answers))}; "
            f"before {sorted(set(f.before.answers))}."
            for f in figures
        ),
        "",
    ]
    text = "\n".join(lines)
    (ROOT / "bench" / "results-memory.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
