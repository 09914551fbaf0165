"""Figure 3: cold start, 16 threads calling one host at once: how many token and ticket
requests each client makes before its first answers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from bench.baseline import BaselineClient
from bench.report import Report, ratio
from bench.sides import BANK_CARD, baseline_for, call_base, call_ours, emulator, ours_for
from ekyc import Client

THREADS = 16
GOAL_COLD_AUTH = 2


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
