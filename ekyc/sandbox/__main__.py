"""``python -m ekyc.sandbox``: run the emulator standalone and print the settings to use it.

Prints env lines (EKYC_KYC1_BASE_URL=..., KYC_APPID=..., ...) ready for a ``.env`` file or
``export``; faults and timings also come from EKYC_SANDBOX_* variables (see ``Emulator.from_env``).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .emulator import Emulator
from .keys import SANDBOX_KEY_A, SANDBOX_KEY_B


def env_lines(emu: Emulator) -> list[str]:
    urls = emu.base_urls
    return [
        "# ekyc sandbox emulator: simulated answers, not recognition",
        f"EKYC_KYC1_BASE_URL={urls['kyc1']}",
        f"EKYC_MINI_BASE_URL={urls['mini']}",
        f"EKYC_KYC2_BASE_URL={urls['kyc2']}",
        f"KYC_APPID={SANDBOX_KEY_A[0]}",
        f"KYC_SECRET={SANDBOX_KEY_A[1]}",
        f"LABEL_APPID={SANDBOX_KEY_B[0]}",
        f"LABEL_SECRET={SANDBOX_KEY_B[1]}",
        f"EKYC_FACEID_INTL_ENDPOINT={emu.api3_url}",
        f"EKYC_FACEID_ENDPOINT={emu.api3_url}",
        f"TENCENTCLOUD_SECRET_ID={emu.key_c[0]}",
        f"TENCENTCLOUD_SECRET_KEY={emu.key_c[1]}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ekyc.sandbox", description="Local emulator of the eKYC upstream hosts."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=8700, help="port (0 picks a free one)")
    parser.add_argument("--processing-time", type=float, help="labeling processing time, s")
    parser.add_argument(
        "--quota", type=int, help="business calls per appid (default 100, as a test key)"
    )
    parser.add_argument("--rtt", type=float, help="delay added to every request, s")
    parser.add_argument(
        "--token-lifetime", type=float, help="HTML5 flow BizToken lifetime, s (default 600)"
    )
    parser.add_argument("--public-url", help="base URL a phone uses to reach the verification page")
    args = parser.parse_args(argv)
    try:
        emu = Emulator.from_env(
            host=args.host,
            port=args.port,
            processing_time=args.processing_time,
            quota=args.quota,
            rtt=args.rtt,
            token_lifetime=args.token_lifetime,
            public_url=args.public_url,
        )
        emu.start()
    except (OSError, ValueError) as exc:
        print(f"ekyc.sandbox: {exc}", file=sys.stderr)
        return 2
    print("\n".join(env_lines(emu)), flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        emu.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
