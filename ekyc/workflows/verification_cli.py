"""``--wait`` for the HTML5 verification's start command: show the link (and its QR code, in a
terminal), wait while the person verifies on their phone, then answer with the result.

The link and the progress go to stderr (with ``--json`` too), so stdout stays the answer alone.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

import segno

from ..capabilities import Capability
from ..result import Result
from .verification import wait_for_result

if TYPE_CHECKING:
    from ..client import Client

WORDS = {
    "en": {
        "help": "then wait (up to the link's 10 minutes) for the person to finish on their phone, "
        "and print the result",
        "open": "Open this link on a phone (or scan the code) and complete the check there:",
        "left": "waiting for the phone… {m}:{s:02d} left",
    },
    "zh": {
        "help": "然后等待（最长为链接的 10 分钟有效期）对方在手机上完成核身，并输出结果",
        "open": "请在手机上打开此链接（或扫描二维码）完成核身：",
        "left": "等待手机端完成… 剩余 {m}:{s:02d}",
    },
}


def offers_wait(cap: Capability) -> bool:
    """Whether the command starts the HTML5 flow (its answer is a verification link)."""
    return cap.kind == "verification_link"


def add_flag(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--wait", action="store_true", help=WORDS["en"]["help"])


def wait(client: Client, started: Result, lang: str) -> Result | None:
    """The final result after the person finished; None when the start itself failed."""
    if not started.ok or not isinstance(started.data, dict):
        return None
    url, token = started.data.get("verificationUrl"), started.data.get("bizToken")
    if not isinstance(url, str) or not isinstance(token, str):
        return None
    words = WORDS["zh" if lang == "zh" else "en"]
    err = sys.stderr
    print(f"\n{words['open']}\n{url}\n", file=err, flush=True)
    if err.isatty():  # a code the phone can scan from the screen
        segno.make(url, error="m").terminal(out=err, compact=True)

    def show(left: float) -> None:
        if err.isatty():
            seconds = int(left)
            line = words["left"].format(m=seconds // 60, s=seconds % 60)
            print(f"\r{line}  ", end="", file=err, flush=True)

    result = wait_for_result(client, token, on_wait=show)
    if err.isatty():
        print(file=err)
    return result


def json_output(started: dict[str, Any], waited: Result | None) -> dict[str, Any]:
    """The start's JSON with the final result's under ``"verification"``."""
    return started if waited is None else {**started, "verification": waited.to_json()}
