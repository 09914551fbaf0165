"""This client against the per-call-auth baseline, side by side in one run on the emulator.

    python bench/run.py

Every request crosses the emulator with an injected round-trip time of 50 ms
(``Emulator(rtt=0.05)``), so request counts turn into seconds the way they do against the real
hosts. The baseline (``bench/baseline.py``) does what the original scripts do: a fresh token and
ticket before every call, no connection reuse, a fixed 5 s sleep before each of at most 3
labeling polls, the file's bytes sent as they are. ``ekyc`` runs with its default settings.

Prints the date and machine, one table (this client, the baseline, their ratio, the goal and
whether it holds), notes on anything missed, then the same as Markdown, which is also written to
``bench/results.md``. No argument; about 1-2 minutes; exit status 0 unless a call fails.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import requests  # noqa: E402

from bench import inputs, memory  # noqa: E402
from bench.baseline import BaselineClient  # noqa: E402
from ekyc import Client  # noqa: E402
from ekyc.config import KeyPair, Settings  # noqa: E402
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, Emulator  # noqa: E402

RTT = 0.05  # s injected by the emulator on every request
QUOTA = 10_000_000
MIB = 1024 * 1024

BANK_CARD = str(ROOT / "assets" / "docs" / "bank_card.jpg")
DRIVER_LICENSE = str(ROOT / "assets" / "docs" / "driver_license_main.jpg")
FACE = str(ROOT / "assets" / "faces" / "person_a_1.jpg")
CALLS = 20
ROUNDS = 3
THREADS = 16
PROCESSING_TIMES = (2.0, 5.0, 8.0, 16.0)  # 16 s: the baseline's 3 polls end at about 15 s
PAGE_LAUNCHES = 3
PAGE_IDLE = 3.0  # s idle before reading the page's RSS
PAGE_DEADLINE = 60.0

GOAL_REQUESTS = 24
GOAL_FLOOR_RATIO = 1.15
GOAL_COLD_AUTH = 2
GOAL_LABEL_OVERHEAD = 1.0
GOAL_VIDEO_CPU = 0.150
GOAL_MEMORY_RATIO = 4.0
GOAL_BITMAP_RATIO = 3.0
GOAL_STARTUP = 5.0
GOAL_IDLE_RSS = 250 * MIB
IMAGE_CAP = Settings().max_image_base64_bytes


# ---- the table ---------------------------------------------------------------------------


@dataclass
class Row:
    number: str  # the figure's number in the issue (1-7), lettered when it has several rows
    figure: str
    ours: str
    base: str
    ratio: str
    goal: str
    status: str  # "met" | "MISSED" | "-" (no goal for this figure)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        number: str,
        figure: str,
        ours: str,
        base: str,
        ratio: str,
        goal: str,
        ok: bool | None,
    ) -> None:
        status = "-" if ok is None else ("met" if ok else "MISSED")
        self.rows.append(Row(number, figure, ours, base, ratio, goal, status))

    def note(self, text: str) -> None:
        self.notes.append(text)


HEADER = ("#", "figure", "ekyc", "baseline", "ekyc/baseline", "goal (ekyc)", "status")


def _cells(report: Report) -> list[tuple[str, ...]]:
    return [(r.number, r.figure, r.ours, r.base, r.ratio, r.goal, r.status) for r in report.rows]


def text_table(report: Report) -> str:
    rows = [HEADER, *_cells(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(report: Report) -> str:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in _cells(report)]
    return "\n".join(lines)


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "-"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def mb(n: float) -> str:
    return f"{n / MIB:.1f} MiB"


# ---- clients and emulators ---------------------------------------------------------------


@contextlib.contextmanager
def emulator(processing_time: float = 3.0) -> Iterator[Emulator]:
    with Emulator(processing_time=processing_time, quota=QUOTA, rtt=RTT) as emu:
        yield emu


def ours_for(emu: Emulator) -> Client:
    """The client with its default settings, in live mode against the emulator's hosts."""
    settings = Settings(
        key_a=KeyPair(*SANDBOX_KEY_A), key_b=KeyPair(*SANDBOX_KEY_B), base_urls=emu.base_urls
    )
    return Client(settings)


def baseline_for(emu: Emulator) -> BaselineClient:
    return BaselineClient(emu.base_urls, SANDBOX_KEY_A, SANDBOX_KEY_B)


def call_ours(client: Client, name: str, path: str) -> None:
    result = client.call(name, [path])
    if not result.ok:
        raise RuntimeError(f"ekyc {name} failed: {result.code} {result.message}")


def call_base(client: BaselineClient, name: str, path: str) -> None:
    answer = client.call(name, path)
    if not answer.ok:
        raise RuntimeError(f"baseline {name} failed: {answer.code}")


def alternating(i: int) -> tuple[str, str]:
    return ("bank_card_ocr", BANK_CARD) if i % 2 == 0 else ("driver_license_ocr", DRIVER_LICENSE)


def warm_up() -> None:
    """Imports, decoder plug-ins and first connections: paid once per process, not per call."""
    with Emulator(quota=QUOTA) as emu, ours_for(emu) as client:
        base = baseline_for(emu)
        for i in range(2):
            call_ours(client, *alternating(i))
            call_base(base, *alternating(i))


# ---- figures 1-2: 20 sequential calls over two hosts -----------------------------------


@dataclass
class Round:
    requests: int
    wall: float
    cpu: float  # process CPU: the client and the in-process emulator
    client_cpu: float  # CPU of the calling thread alone
    kinds: dict[str, int]


def twenty_calls(who: str) -> Round:
    """20 calls, alternating kyc1 and mini, from a fresh client against a fresh emulator."""
    with emulator() as emu:
        client = ours_for(emu) if who == "ekyc" else None
        base = baseline_for(emu)
        started, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
        for i in range(CALLS):
            if client is not None:
                call_ours(client, *alternating(i))
            else:
                call_base(base, *alternating(i))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        own = time.thread_time() - own
        if client is not None:
            client.close()
        kinds = {k: emu.count(k) for k in ("token", "ticket", "call")}
        return Round(emu.count(), wall, cpu, own, kinds)


def sequential(report: Report) -> None:
    # Rounds alternate between the two clients so that a shared machine's load hits both.
    rounds: dict[str, list[Round]] = {"ekyc": [], "baseline": []}
    for _ in range(ROUNDS):
        for who in rounds:
            rounds[who].append(twenty_calls(who))
    ours, base = rounds["ekyc"], rounds["baseline"]
    n_ours, n_base = max(r.requests for r in ours), max(r.requests for r in base)
    report.add(
        "1",
        f"Upstream requests for {CALLS} calls on 2 hosts (kyc1 + mini, alternating)",
        str(n_ours),
        str(n_base),
        ratio(n_ours, n_base),
        f"= {GOAL_REQUESTS} (1 per call + token and ticket once per host)",
        all(r.requests == GOAL_REQUESTS for r in ours),
    )
    floor = GOAL_REQUESTS * RTT
    t_ours = statistics.median(r.wall for r in ours)
    t_base = statistics.median(r.wall for r in base)
    report.add(
        "2",
        f"Wall time of those {CALLS} calls, median of {ROUNDS} (floor {GOAL_REQUESTS} × "
        f"{RTT * 1000:.0f} ms = {floor:.2f} s)",
        f"{t_ours:.2f} s = {t_ours / floor:.3f}× floor",
        f"{t_base:.2f} s = {t_base / floor:.3f}× floor",
        ratio(t_ours, t_base),
        f"≤ {GOAL_FLOOR_RATIO:.2f}× floor",
        t_ours <= GOAL_FLOOR_RATIO * floor,
    )
    cpu = statistics.median(r.cpu for r in ours) / CALLS * 1000
    own = statistics.median(r.client_cpu for r in ours) / CALLS * 1000
    report.note(
        f"Figures 1-2: requests by kind, ekyc {ours[0].kinds}, baseline {base[0].kinds}. Wall "
        f"times of the {ROUNDS} rounds: ekyc "
        + ", ".join(f"{r.wall:.2f}" for r in ours)
        + " s; baseline "
        + ", ".join(f"{r.wall:.2f}" for r in base)
        + " s. Each call uploads a ~0.1 MB sample document (ekyc checks it by decoding). CPU "
        f"per ekyc call: {own:.1f} ms in the client's thread (checks, signing, HTTP), "
        f"{cpu - own:.1f} ms in the in-process emulator's threads; the floor counts neither."
    )
    if not all(r.requests == GOAL_REQUESTS for r in ours):
        report.note(
            "Figure 1 MISSED: ekyc made "
            + ", ".join(str(r.requests) for r in ours)
            + f" requests, not {GOAL_REQUESTS}."
        )
    if t_ours > GOAL_FLOOR_RATIO * floor:
        report.note(
            f"Figure 2 MISSED: {t_ours:.3f} s is {t_ours / floor:.3f}× the floor; the excess "
            f"({(t_ours - floor) / CALLS * 1000:.1f} ms per call) is CPU work, {own:.1f} ms in "
            f"the client and {cpu - own:.1f} ms in the emulator (which runs in the same process "
            "and answers each request after its 50 ms), plus waiting for a CPU on a shared "
            "machine (see the load averages)."
        )


# ---- figure 3: cold start, 16 threads at once on one host --------------------------------


def cold_start(report: Report) -> None:
    counts: dict[str, tuple[int, float]] = {}
    for who in ("ekyc", "baseline"):
        with emulator() as emu:
            if who == "ekyc":
                client = ours_for(emu)

                def one(c: Client = client) -> None:
                    call_ours(c, "bank_card_ocr", BANK_CARD)

            else:
                base = baseline_for(emu)

                def one(c: BaselineClient = base) -> None:
                    call_base(c, "bank_card_ocr", BANK_CARD)

            wall = burst(one, THREADS)
            counts[who] = (emu.count("token", "kyc1") + emu.count("ticket", "kyc1"), wall)
            if who == "ekyc":
                client.close()
    (n_ours, t_ours), (n_base, t_base) = counts["ekyc"], counts["baseline"]
    report.add(
        "3",
        f"Cold start: {THREADS} threads call kyc1 at once: token + ticket requests",
        str(n_ours),
        str(n_base),
        ratio(n_ours, n_base),
        f"= {GOAL_COLD_AUTH} (one refresh in flight per host)",
        n_ours == GOAL_COLD_AUTH,
    )
    report.note(
        f"Figure 3: the {THREADS} concurrent calls took {t_ours:.2f} s (ekyc) and "
        f"{t_base:.2f} s (baseline) from release to the last answer."
    )
    if n_ours != GOAL_COLD_AUTH:
        report.note(f"Figure 3 MISSED: ekyc made {n_ours} token/ticket requests.")


def burst(one: Callable[[], None], threads: int) -> float:
    """Release ``threads`` callers at once; wall time until the last one finishes."""
    barrier = threading.Barrier(threads + 1)
    errors: list[BaseException] = []

    def worker() -> None:
        barrier.wait()
        try:
            one()
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in pool:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - started


# ---- figure 4: labeling ------------------------------------------------------------------


@dataclass
class LabelRun:
    ok: bool = False
    wall: float = 0.0
    requests: int = 0
    polls: int = 0
    code: str = ""


def label_once(who: str, processing: float, out: LabelRun) -> None:
    """One labeling job on its own emulator (one job in flight per appid), cold caches."""
    with emulator(processing) as emu:
        started = time.perf_counter()
        if who == "ekyc":
            with ours_for(emu) as client:
                result = client.media_labeling(FACE, "A14,B03")
            out.ok, out.code = result.ok, result.code
        else:
            answer = baseline_for(emu).media_labeling(FACE, "A14,B03")
            out.ok, out.code = answer.ok, answer.code
        out.wall = time.perf_counter() - started
        out.requests = emu.count()
        out.polls = emu.count("poll")


def labeling(report: Report) -> None:
    runs = {(who, p): LabelRun() for who in ("ekyc", "baseline") for p in PROCESSING_TIMES}
    threads = [
        threading.Thread(target=label_once, args=(who, p, run), name=f"label-{who}-{p}")
        for (who, p), run in runs.items()
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in PROCESSING_TIMES:
        ours, base = runs[("ekyc", p)], runs[("baseline", p)]
        if not ours.ok:
            raise RuntimeError(f"ekyc labeling failed with {p} s processing: {ours.code}")
        extra = " (extra point)" if p not in (2.0, 5.0, 8.0) else ""
        over_ours = ours.wall - p
        if base.ok:
            base_cell = f"{base.wall - p:.2f} s ({plural(base.polls, 'poll')})"
            rat = ratio(over_ours, base.wall - p)
        else:
            base_cell = f"FAILED after {base.polls} polls, {base.wall:.1f} s (code {base.code})"
            rat = "-"
        report.add(
            f"4{'abcd'[PROCESSING_TIMES.index(p)]}",
            f"Labeling, {p:.0f} s upstream processing{extra}: wall time − processing time",
            f"{over_ours:.2f} s ({plural(ours.polls, 'poll')})",
            base_cell,
            rat,
            f"≤ {GOAL_LABEL_OVERHEAD:.1f} s",
            over_ours <= GOAL_LABEL_OVERHEAD,
        )
        if over_ours > GOAL_LABEL_OVERHEAD:
            report.note(
                f"Figure 4 MISSED at {p:.0f} s: ekyc finished {over_ours:.2f} s after the "
                "result was ready upstream (poll interval poll_max plus round trips)."
            )
    total = {w: sum(runs[(w, p)].requests for p in PROCESSING_TIMES) for w in ("ekyc", "baseline")}
    defaults = Settings()
    worst = 2 * RTT + defaults.poll_max + RTT
    report.note(
        f"Figure 4: the {len(runs)} jobs ran concurrently, each on its own emulator (one job in "
        "flight per appid), with cold ticket caches. Requests for the "
        f"{len(PROCESSING_TIMES)} jobs: ekyc {total['ekyc']}, baseline {total['baseline']} "
        "(the baseline fetches a ticket before the submit and before every poll; ekyc polls "
        f"more often: after {defaults.poll_initial} s, then ×1.5 up to every "
        f"{defaults.poll_max} s). At exactly 5 s the baseline's fixed 5 s sleep happens to "
        "end just after the result is ready, hence its small figure there; at 2 and 8 s it "
        "waits for the next 5 s tick, past 15 s it gives up. The measured points are not "
        "ekyc's worst case: a result that becomes ready just after a poll waits for the next "
        f"one, about {worst:.2f} s in all (ticket and submit round trips + poll_max "
        f"{defaults.poll_max} s + a round trip), "
        + ("over" if worst > GOAL_LABEL_OVERHEAD else "within")
        + f" the {GOAL_LABEL_OVERHEAD:.1f} s goal."
    )


# ---- figures 5-6: preparation of a 20 MB video and a 12 MP phone photo -------------------


def prep(who: str, kind: str, path: Path, tree: Path = ROOT) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(tree / "bench" / "prep.py"), who, kind, str(path)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"bench/prep.py {who} {kind} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def preparation(report: Report, folder: Path) -> None:
    video = folder / "clip.mp4"
    video.write_bytes(inputs.video())
    photo = folder / "phone.jpg"
    photo.write_bytes(inputs.phone_photo())
    v_size, p_size = video.stat().st_size, photo.stat().st_size
    m = {
        (who, kind): prep(who, kind, path)
        for who in ("ekyc", "baseline")
        for kind, path in (("video", video), ("image", photo))
    }

    vo, vb = m[("ekyc", "video")], m[("baseline", "video")]
    report.add(
        "5a",
        f"Preparation CPU, {mb(v_size)} MP4 of {inputs.VIDEO_SECONDS:.0f} s (read, checks, "
        "base64, JSON body)",
        f"{vo['cpu_s'] * 1000:.0f} ms",
        f"{vb['cpu_s'] * 1000:.0f} ms",
        ratio(vo["cpu_s"], vb["cpu_s"]),
        f"≤ {GOAL_VIDEO_CPU * 1000:.0f} ms",
        vo["cpu_s"] <= GOAL_VIDEO_CPU,
    )
    report.add(
        "5b",
        "Preparation peak memory, same video (tracemalloc peak; × file size)",
        f"{mb(vo['traced_peak'])} = {vo['traced_peak'] / v_size:.1f}×",
        f"{mb(vb['traced_peak'])} = {vb['traced_peak'] / v_size:.1f}×",
        ratio(vo["traced_peak"], vb["traced_peak"]),
        f"≤ {GOAL_MEMORY_RATIO:.0f}× file size",
        vo["traced_peak"] <= GOAL_MEMORY_RATIO * v_size,
    )

    po, pb = m[("ekyc", "image")], m[("baseline", "image")]
    report.add(
        "5c",
        f"Preparation CPU, 12 MP phone JPEG ({mb(p_size)}, EXIF orientation 6)",
        f"{po['cpu_s'] * 1000:.0f} ms (decode, rotate, re-encode)",
        f"{pb['cpu_s'] * 1000:.0f} ms (no checks)",
        ratio(po["cpu_s"], pb["cpu_s"]),
        "none set",
        None,
    )
    photo_peak = max(po["traced_peak"], po["rss_growth"])
    sent_w, sent_h = po["size"]
    bitmap = sent_w * sent_h * 3  # the 24-bit bitmap of the size sent
    report.add(
        "5d",
        "Preparation peak memory, same photo (max of tracemalloc peak and RSS growth; × the "
        "24-bit bitmap of the size sent)",
        f"{mb(photo_peak)} = {photo_peak / bitmap:.2f}× ({sent_w}x{sent_h} sent)",
        f"{mb(max(pb['traced_peak'], pb['rss_growth']))} (no decoding)",
        ratio(photo_peak, max(pb["traced_peak"], pb["rss_growth"])),
        f"≤ {GOAL_BITMAP_RATIO:.0f}× the bitmap sent",
        photo_peak <= GOAL_BITMAP_RATIO * bitmap,
    )
    with memory.exported(memory.default_before()) as old:
        then = prep("ekyc", "image", photo, old)
    then_peak = max(then["traced_peak"], then["rss_growth"])
    then_w, then_h = then["size"]
    report.note(
        f"Figure 5d, before bounded-memory preparation ({memory.short(memory.default_before())}"
        f", the same photo, same run): {mb(then_peak)} = "
        f"{then_peak / (then_w * then_h * 3):.2f}× the bitmap of the {then_w}x{then_h} it sent, "
        f"CPU {then['cpu_s'] * 1000:.0f} ms. Now the JPEG is decoded at the smallest eighth-step "
        "scale covering the size to send and resampled band by band straight into the upright "
        "array; its Huffman tables are not optimised (that needs a whole-image coefficient "
        "buffer), which costs about 2.5 % of the long side."
    )
    report.note(
        "Figure 5: each preparation runs in a fresh process (bench/prep.py), CPU is the median "
        f"of 5 runs of time.process_time. Video: RSS growth ekyc {mb(vo['rss_growth'])}, "
        f"baseline {mb(vb['rss_growth'])}. Photo: tracemalloc peak ekyc {mb(po['traced_peak'])}"
        f" ({po['traced_peak'] / p_size:.1f}×), RSS growth {mb(po['rss_growth'])}; tracemalloc"
        " does not see Pillow's pixel buffers (numpy's it does), so the RSS growth is the "
        "figure that counts there. The photo is a smooth colour scene plus Gaussian noise (std "
        f"{inputs.PHOTO_NOISE:.0f}) at JPEG quality {inputs.PHOTO_QUALITY}, between a flat card"
        " and tests.support.noisy_photo (pure noise, the worst case)."
    )
    if photo_peak > GOAL_BITMAP_RATIO * bitmap:
        report.note(
            f"Figure 5d MISSED: {mb(photo_peak)} is {photo_peak / bitmap:.2f}× the bitmap sent."
        )
    if vo["cpu_s"] > GOAL_VIDEO_CPU:
        report.note(f"Figure 5 MISSED: video preparation took {vo['cpu_s'] * 1000:.0f} ms.")
    if vo["traced_peak"] > GOAL_MEMORY_RATIO * v_size:
        report.note(f"Figure 5 MISSED: video preparation peaked at {mb(vo['traced_peak'])}.")

    wire(report, photo, p_size)


def wire(report: Report, photo: Path, p_size: int) -> None:
    """Figure 6: the real calls, body sizes recorded as they leave each client."""
    from PIL import Image

    with emulator() as emu, ours_for(emu) as client:
        sent: list[bytes] = []
        post = client.transport.post

        def recording(url: str, params: Any, body: bytes, timeout: float | None = None) -> Any:
            sent.append(body)
            return post(url, params, body, timeout=timeout)

        client.transport.post = recording  # type: ignore[method-assign]
        result = client.photo_liveness_detect(str(photo))
        if not result.ok:
            raise RuntimeError(f"ekyc photo_liveness_detect failed: {result.code}")
        base = baseline_for(emu)
        answer = base.call("photo_liveness_detect", str(photo))
        if not answer.ok:
            raise RuntimeError(f"baseline photo_liveness_detect failed: {answer.code}")
    ours_body, base_body = len(sent[-1]), base.last_body_bytes
    faceinput = json.loads(sent[-1])["faceInput"]
    b64 = len(faceinput)
    with Image.open(io.BytesIO(base64.b64decode(faceinput))) as im:
        sent_size = im.size
    with Image.open(photo) as im:
        raw_size = im.size
    report.add(
        "6",
        f"Body on the wire, 12 MP phone JPEG ({mb(p_size)} raw); long side sent",
        f"{mb(ours_body)} = {ours_body / p_size:.2f}× raw; {max(sent_size)} px upright"
        f" ({sent_size[0]}x{sent_size[1]})",
        f"{mb(base_body)} = {base_body / p_size:.2f}× raw; {max(raw_size)} px sideways"
        " (EXIF left to upstream)",
        ratio(ours_body, base_body),
        f"base64 ≤ {mb(IMAGE_CAP)} cap, long side as large as fits",
        b64 <= IMAGE_CAP,
    )
    base_b64 = 4 * ((p_size + 2) // 3)
    over = "over" if base_b64 > IMAGE_CAP else "under"
    report.note(
        f"Figure 6: ekyc's base64 is {mb(b64)}, {b64 / IMAGE_CAP:.0%} of the {mb(IMAGE_CAP)} cap"
        f" (EKYC_MAX_IMAGE_BASE64_BYTES), long side {max(sent_size)} of {max(raw_size)} px. "
        f"The baseline's base64 ({mb(base_b64)}) is {over} that cap, which the vendor's other "
        "services enforce (upstream may reject it; the emulator accepts both)."
    )
    if b64 > IMAGE_CAP:
        report.note(f"Figure 6 MISSED: ekyc sent {mb(b64)} of base64, over the cap.")


# ---- figure 7: the page ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def launch_page(folder: Path) -> tuple[float, int]:
    """Seconds from ``python app.py`` to the first HTTP 200 on /, and the RSS after idling."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KYC_", "LABEL_"))}
    env.update(
        EKYC_MODE="sandbox",
        GRADIO_SERVER_PORT=str(port),
        GRADIO_SERVER_NAME="127.0.0.1",
        GRADIO_ANALYTICS_ENABLED="False",  # a bench makes no calls home
    )
    log = (folder / f"page-{port}.log").open("wb")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {proc.returncode}; see {log.name}")
            if time.perf_counter() - started > PAGE_DEADLINE:
                raise RuntimeError(f"app.py did not answer within {PAGE_DEADLINE:.0f} s")
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.02)
        ready = time.perf_counter() - started
        time.sleep(PAGE_IDLE)
        process = psutil.Process(proc.pid)
        rss = process.memory_info().rss
        rss += sum(c.memory_info().rss for c in process.children(recursive=True))
        return ready, rss
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def import_seconds(module: str, tries: int = 2) -> float:
    """Wall time of ``python -c "import module"`` less a bare interpreter start (best of 2)."""

    def run(code: str) -> float:
        best = float("inf")
        for _ in range(tries):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
            best = min(best, time.perf_counter() - started)
        return best

    return run(f"import {module}") - run("pass")


def page(report: Report, folder: Path) -> None:
    launches = [launch_page(folder) for _ in range(PAGE_LAUNCHES)]
    gradio_import = import_seconds("gradio")
    ekyc_import = import_seconds("ekyc")
    ready = statistics.median(t for t, _ in launches)
    rss = statistics.median(r for _, r in launches)
    report.add(
        "7a",
        f"Page: python app.py (sandbox) to first HTTP 200 on / (median of {PAGE_LAUNCHES})",
        f"{ready:.2f} s",
        "- (no page)",
        "-",
        f"≤ {GOAL_STARTUP:.0f} s",
        ready <= GOAL_STARTUP,
    )
    report.add(
        "7b",
        f"Page: idle RSS {PAGE_IDLE:.0f} s after the first 200 (median)",
        mb(rss),
        "- (no page)",
        "-",
        f"≤ {mb(GOAL_IDLE_RSS)}",
        rss <= GOAL_IDLE_RSS,
    )
    report.note(
        "Figure 7: launches took "
        + ", ".join(f"{t:.2f} s" for t, _ in launches)
        + "; idle RSS "
        + ", ".join(mb(r) for _, r in launches)
        + f". For scale, measured right after (best of 2): `import gradio` alone takes "
        f"{gradio_import:.2f}"
        f" s, `import ekyc` {ekyc_import:.2f} s."
    )
    if ready > GOAL_STARTUP:
        report.note(
            f"Figure 7 MISSED: {ready:.2f} s to the first 200, of which importing Gradio is "
            f"about {gradio_import:.1f} s (python -X importtime app.py shows where); the "
            "machine's load (above) slows every launch."
        )


# ---- main --------------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} | {platform.platform()} | "
        f"{os.cpu_count()} CPUs ({cpu_model()}) | "
        f"Python {platform.python_version()} | load average at start {load}"
    )


def main() -> int:
    started = time.perf_counter()
    header = machine()
    print(header, flush=True)
    report = Report()
    steps: list[tuple[str, Callable[[], None]]] = []
    with tempfile.TemporaryDirectory(prefix="ekyc-bench-") as tmp:
        folder = Path(tmp)
        steps = [
            ("warm-up", warm_up),
            ("figures 1-2: 20 sequential calls", lambda: sequential(report)),
            ("figure 3: cold start", lambda: cold_start(report)),
            ("figure 4: labeling (concurrent runs)", lambda: labeling(report)),
            ("figures 5-6: preparation and body size", lambda: preparation(report, folder)),
            ("figure 7: the page", lambda: page(report, folder)),
        ]
        for title, step in steps:
            t0 = time.perf_counter()
            print(f"  {title} ...", end=" ", flush=True)
            step()
            print(f"{time.perf_counter() - t0:.1f} s", flush=True)
    elapsed = time.perf_counter() - started
    load_end = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    missed = sum(r.status == "MISSED" for r in report.rows)
    met = sum(r.status == "met" for r in report.rows)
    summary = (
        f"Emulator round-trip time {RTT * 1000:.0f} ms per request. Ratio = ekyc / baseline "
        f"(lower is better). {met} goals met, {missed} missed. "
        f"Run took {elapsed:.0f} s; load average at the end {load_end}."
    )
    print()
    print(text_table(report))
    print()
    for n in report.notes:
        print(f"- {n}")
    print()
    print(summary)
    markdown = "\n".join(
        [
            "<!-- generated by python bench/run.py: do not edit by hand -->",
            "",
            f"Measured {header}.",
            "",
            markdown_table(report),
            "",
            summary,
            "",
            *[f"- {n}" for n in report.notes],
            "",
        ]
    )
    (ROOT / "bench" / "results.md").write_text(markdown, encoding="utf-8")
    print()
    print("Markdown (also written to bench/results.md):")
    print()
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
