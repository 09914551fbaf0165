"""Figure 4: labeling, an asynchronous job: how long after the result is ready upstream each
client has it, at several upstream processing times.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from bench.report import Report, plural, ratio
from bench.sides import FACE, RTT, baseline_for, emulator, ours_for
from ekyc.config import Settings

PROCESSING_TIMES = (2.0, 5.0, 8.0, 16.0)  # 16 s: the baseline's 3 polls end at about 15 s
GOAL_LABEL_OVERHEAD = 1.0


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
