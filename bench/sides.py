"""The two sides of every figure: this client and the per-call-auth baseline, each against an
emulator that adds ``RTT`` to every request, so request counts turn into seconds as upstream.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from bench.baseline import BaselineClient
from ekyc import Client
from ekyc.config import KeyPair, Settings
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, Emulator

ROOT = Path(__file__).resolve().parents[1]
RTT = 0.05  # s injected by the emulator on every request
QUOTA = 10_000_000

BANK_CARD = str(ROOT / "assets" / "docs" / "bank_card.jpg")
DRIVER_LICENSE = str(ROOT / "assets" / "docs" / "driver_license_main.jpg")
FACE = str(ROOT / "assets" / "faces" / "person_a_1.jpg")


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
