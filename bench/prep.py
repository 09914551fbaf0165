"""Figure 5 worker: one client's preparation of one upload, measured in a fresh process.

    python bench/prep.py ekyc|baseline image|video PATH

Preparation is everything before the network: reading, checks, decoding and re-encoding,
base64 and the JSON body. For ``ekyc`` that is ``ekyc.media.load`` + ``ekyc.transport.json_body``
(what ``Client.call`` does before posting); for the baseline it is read + base64 + ``json.dumps``.

A fresh process per measurement keeps other threads out of ``time.process_time``; the peak RSS
is the kernel's high-water mark (``VmHWM``), reset just before the preparation by writing 5 to
``/proc/self/clear_refs`` (``ru_maxrss`` would not do: it survives ``exec`` from the parent).
Two memory figures are printed: ``tracemalloc`` sees Python's allocators only, not Pillow's
pixel buffers (plain ``malloc``), so for a decoded image the RSS growth is the honest one.

Prints one JSON object.
"""

from __future__ import annotations

import gc
import io
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from PIL import Image  # noqa: E402

from bench import baseline  # noqa: E402
from ekyc import media as media_mod  # noqa: E402
from ekyc.config import Settings  # noqa: E402
from ekyc.sandbox import SANDBOX_KEY_A  # noqa: E402
from ekyc.signing import VERSION, new_nonce, new_order_no, sign_key_a  # noqa: E402
from ekyc.transport import json_body  # noqa: E402

CPU_REPEATS = 5
TICKET = "T" * 32  # any value: signing cost does not depend on it


def signed_fields(kind: str) -> dict[str, object]:
    """The body fields besides the media, as for photo/video liveness (faceInputType)."""
    app_id = SANDBOX_KEY_A[0]
    order_no, nonce = new_order_no(), new_nonce()
    return {
        "appId": app_id,
        "orderNo": order_no,
        "nonce": nonce,
        "version": VERSION,
        "sign": sign_key_a(app_id, order_no, nonce, TICKET),
        "faceInputType": 1 if kind == "image" else 2,
    }


def prepare_ekyc(kind: str, path: str) -> tuple[bytes, tuple[int, int] | None]:
    loaded = media_mod.load(path, kind, Settings().max_image_base64_bytes)  # type: ignore[arg-type]
    return json_body(signed_fields(kind), {"faceInput": loaded.base64}), loaded.size


def prepare_baseline(kind: str, path: str) -> tuple[bytes, tuple[int, int] | None]:
    body = baseline.prepare(path, "faceInput", signed_fields(kind))
    return body, None


def reset_peak_rss() -> None:
    """Reset VmHWM to the current RSS (Linux 4.0+)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def peak_rss_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(argv: list[str]) -> None:
    who, kind, path = argv
    prepare = prepare_ekyc if who == "ekyc" else prepare_baseline
    # One-time costs (decoder plug-ins, lazy imports) are not part of a call's preparation.
    warm = io.BytesIO()
    Image.new("RGB", (64, 64)).save(warm, "JPEG")
    Image.open(io.BytesIO(warm.getvalue())).load()
    gc.collect()

    reset_peak_rss()
    rss_before = psutil.Process().memory_info().rss
    tracemalloc.start()
    body, size = prepare(kind, path)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    peak_rss = peak_rss_bytes()
    body_bytes = len(body)
    del body
    gc.collect()

    cpu: list[float] = []
    for _ in range(CPU_REPEATS):
        started = time.process_time()
        prepare(kind, path)
        cpu.append(time.process_time() - started)
    print(
        json.dumps(
            {
                "cpu_s": statistics.median(cpu),
                "cpu_all_s": cpu,
                "traced_peak": traced_peak,
                "rss_growth": max(0, peak_rss - rss_before),
                "body_bytes": body_bytes,
                "size": size,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
