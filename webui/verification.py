"""The HTML5 verification demo's handlers: start (link + QR code), wait (poll), show the result.

Plain functions of the page state, testable without a browser. The wait is a timer on the page:
each tick asks GetWebVerificationResultIntl once (not billed) until the user finishes on the
phone or the BizToken's 10 minutes are over; the RedirectURL page (``verified_page``) tells the
phone to look at the big screen.
"""

from __future__ import annotations

import base64
import binascii
import io
import time
from dataclasses import dataclass, field
from typing import Any

import segno
from PIL import Image, UnidentifiedImageError

from ekyc import Result
from ekyc.capabilities import by_kind
from ekyc.errors import InputError
from ekyc.workflows.verification import pending

from .handlers import INPUT_ERROR, Page, plain, render

POLL_SECONDS = 0.5  # one result query per tick: the result shows within this of the finish
TOKEN_SECONDS = 600  # a BizToken's lifetime (the SDK's documents); the wait stops after it

TEXTS = {
    "open": {
        "en": "**Scan the QR code with a phone** (or open the link) and complete the check there:",
        "zh": "**用手机扫描二维码**（或打开链接），在手机上完成核身：",
    },
    "left": {
        "en": "⏳ Waiting for the phone… the link stays valid for {m}:{s:02d} more",
        "zh": "⏳ 等待手机端完成…… 链接剩余有效期 {m}:{s:02d}",
    },
    "expired": {
        "en": "⌛ The link expired before the check was finished; start again.",
        "zh": "⌛ 链接已过期，核身未完成，请重新开始。",
    },
    "done": {"en": "✅ Finished after {s} s.", "zh": "✅ 已完成，用时 {s} 秒。"},
    "no_photo": {
        "en": "Add the reference photo first (the person who will verify on the phone).",
        "zh": "请先添加比对照片（将在手机上核身的本人照片）。",
    },
}


@dataclass
class Wait:
    """One verification in progress: what the page keeps between ticks (no photo, no answer)."""

    token: str = ""
    url: str = ""
    started: float = 0.0
    expires: float = 0.0
    finished: bool = False
    polls: int = 0
    answers: list[float] = field(default_factory=list)  # when each tick was answered


def _t(key: str, lang: str, **values: Any) -> str:
    return TEXTS[key]["zh" if lang == "zh" else "en"].format(**values)


def qr_html(url: str) -> str:
    """The link as a QR code image (SVG data URI), sized for a phone camera across a room."""
    uri = segno.make(url, error="m").svg_data_uri(scale=6, border=2)
    return (
        f'<div id="verification-qr" style="text-align:center">'
        f'<img src="{uri}" alt="QR code of the verification link" style="width:240px">'
        "</div>"
    )


def frame_image(b64: Any) -> Image.Image | None:
    """The best frame as an image, None when there is none or it does not decode."""
    if not isinstance(b64, str) or not b64:
        return None
    try:
        return Image.open(io.BytesIO(base64.b64decode(b64, validate=True))).convert("RGB")
    except (binascii.Error, ValueError, UnidentifiedImageError, OSError):
        return None


def start(
    page: Page,
    photo: str | None,
    options: dict[str, str],
    lang: str,
    show_sensitive: bool,
    session: str,
) -> tuple[str, str, str, Wait | None, Result | None]:
    """(link text, QR code HTML, explanation, wait state, Result) after asking for a link."""
    if not photo:
        return INPUT_ERROR[lang].format(message=_t("no_photo", lang)), "", "", None, None
    cap = by_kind("verification_link")
    # the form keeps its photo for another run, as the capability tabs' forms do
    text, _, result = page.execute(
        cap, [photo], options, None, lang, show_sensitive, session, keep_files=True
    )
    if result is None or not result.ok:
        return text, "", "", None, result
    url, token = result.data["verificationUrl"], result.data["bizToken"]
    now = time.time()
    wait = Wait(token, url, now, now + TOKEN_SECONDS)
    link = f"{_t('open', lang)}\n\n[{plain(url)}]({url})"
    return link, qr_html(url), text, wait, result


def poll(
    page: Page, wait: Wait | None, lang: str, show_sensitive: bool
) -> tuple[str, str, Image.Image | None, bool, Result | None]:
    """(wait line, explanation, best frame, keep polling, Result) for one tick of the wait."""
    if wait is None or wait.finished:
        return "", "", None, False, None
    now = time.time()
    try:
        cap = by_kind("verification_result")
        token = cap.option_for("verification_token")
        result = page.client.call(cap, [], {token.name if token else "": wait.token})
    except InputError as exc:
        return INPUT_ERROR[lang].format(message=plain(exc.text(lang))), "", None, False, None
    wait.polls += 1
    wait.answers.append(time.time())
    if pending(result):
        if now >= wait.expires:
            wait.finished = True
            return _t("expired", lang), "", None, False, result
        left = int(wait.expires - now)
        return _t("left", lang, m=left // 60, s=left % 60), "", None, True, result
    wait.finished = result.ok or now >= wait.expires
    text, _ = render(result, lang, show_sensitive)
    frame = frame_image(result.data.get("bestFrameBase64")) if result.ok else None
    line = _t("done", lang, s=round(now - wait.started)) if result.ok else ""
    return line, text, frame, not wait.finished, result
