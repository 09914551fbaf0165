"""The simulated HTML5 verification page, served at the ``VerificationURL`` the emulator issues.

It stands in for the phone's liveness check: no camera is used. The user passes, fails with a
reason of their choice (finishing the verification), or fails one attempt and tries again; then
the browser is sent to ``RedirectURL?token=...`` as upstream does.
"""

from __future__ import annotations

import html
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from . import answers
from .state import Api3State, Attempt, BizToken

PREFIX = "/faceid-h5/"
HTML_TYPE = "text/html; charset=utf-8"

TEXTS = {
    "title": ("模拟人脸核身（沙箱）", "Simulated verification (sandbox)"),
    "lead": (
        "此页面代替手机上的真实活体检测：不使用摄像头，不识别任何内容。请选择结果。",
        "This page stands in for the real liveness check on a phone: no camera is used and "
        "nothing is recognised. Choose the outcome.",
    ),
    "photo": ("比对照：{photo}", "Reference photo: {photo}"),
    "photo_unknown": (
        "非沙箱样本（结果由您选择）",
        "not a bundled sample (you choose the outcome)",
    ),
    "photo_none": ("无（仅活体检测）", "none (liveness only)"),
    "left": ("有效期剩余 {minutes} 分 {seconds} 秒", "Valid for {minutes} min {seconds} s more"),
    "attempts": ("已失败 {n} 次", "{n} failed attempt(s) so far"),
    "pass": ("通过：我就是照片中的人", "Pass: I am the person in the photo"),
    "reason": ("失败原因", "Reason"),
    "fail": ("失败并结束", "Fail and finish"),
    "retry": ("本次失败，再试一次", "Fail this attempt, try again"),
    "expired": ("此验证链接已过期或已完成。", "This verification link has expired or is finished."),
    "unknown": ("未知的验证链接。", "Unknown verification link."),
    "done": ("验证已完成，您可以关闭此页面。", "Verification finished: you can close this page."),
}


@dataclass
class PageReply:
    status: int
    body: bytes
    content_type: str = HTML_TYPE
    location: str = ""


def _t(key: str, zh: bool, **values: object) -> str:
    return TEXTS[key][0 if zh else 1].format(**values)


def _page(title: str, body: str, zh: bool, status: int = 200) -> PageReply:
    lang = "zh" if zh else "en"
    doc = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:30rem;margin:1.5rem auto;padding:0 1rem}"
        "button,select{font-size:1.1rem;padding:.7rem;margin:.3rem 0;width:100%}"
        ".pass{background:#1a7f37;color:#fff;border:0;border-radius:.5rem}"
        ".fail{background:#b42318;color:#fff;border:0;border-radius:.5rem}"
        ".note{color:#555}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return PageReply(status, doc.encode("utf-8"))


class VerificationPage:
    def __init__(self, state: Api3State) -> None:
        self.state = state

    def handle(self, method: str, path: str, query: str, body: bytes) -> PageReply:
        fields = parse_qs(query)
        if method == "POST":
            fields.update(parse_qs(body.decode("utf-8", "replace")))
        value = (fields.get("token") or [""])[0]
        token = self.state.token(value) if value else None
        if path == PREFIX + "done":
            return _page(_t("title", False), f"<p>{_t('done', False)}</p>", False)
        if token is None:
            return _page(_t("title", False), f"<p>{_t('unknown', False)}</p>", False, 404)
        zh = token.language.startswith("zh")
        if not self.state.usable(token):
            return _page(_t("title", zh), f"<p>{_t('expired', zh)}</p>", zh, 410)
        if path == PREFIX + "verify" and method in ("GET", "HEAD"):
            return self._form(token, zh)
        if path == PREFIX + "finish" and method == "POST":
            outcome = (fields.get("outcome") or [""])[0]
            reason = (fields.get("reason") or [""])[0]
            return self._finish(token, outcome, reason, zh)
        return _page(_t("title", zh), f"<p>{_t('unknown', zh)}</p>", zh, 404)

    def _form(self, token: BizToken, zh: bool) -> PageReply:
        left = max(0, int(token.expires_at - self.state.now()))
        if token.photo:
            photo = html.escape(token.photo.rsplit("/", 1)[-1])
        else:
            photo = _t("photo_unknown" if token.check_mode == 2 else "photo_none", zh)
        options = "".join(
            f'<option value="{code}">{code} · '
            f"{html.escape(answers.HTML5_CODES[code][0 if zh else 1])}</option>"
            for code in answers.PAGE_FAILURES
        )
        tv = html.escape(token.value)
        body = (
            f'<p class="note">{_t("lead", zh)}</p>'
            f"<p>{_t('photo', zh, photo=photo)}</p>"
            f'<p id="left">{_t("left", zh, minutes=left // 60, seconds=left % 60)}</p>'
            + (f"<p>{_t('attempts', zh, n=len(token.attempts))}</p>" if token.attempts else "")
            + f'<form method="post" action="{PREFIX}finish">'
            f'<input type="hidden" name="token" value="{tv}">'
            f'<button class="pass" name="outcome" value="pass">{_t("pass", zh)}</button>'
            f'<label>{_t("reason", zh)} <select name="reason">{options}</select></label>'
            f'<button class="fail" name="outcome" value="fail">{_t("fail", zh)}</button>'
            f'<button name="outcome" value="retry">{_t("retry", zh)}</button>'
            "</form>"
        )
        return _page(_t("title", zh), body, zh)

    def _finish(self, token: BizToken, outcome: str, reason: str, zh: bool) -> PageReply:
        if outcome == "pass":
            attempt = self._attempt(token, 0)
        elif outcome in ("fail", "retry") and reason.lstrip("-").isdigit():
            code = int(reason)
            if code not in answers.PAGE_FAILURES:
                return self._form(token, zh)
            attempt = self._attempt(token, code)
        else:
            return self._form(token, zh)
        finish = outcome != "retry"
        self.state.attempt(token, attempt, finish)
        if not finish:
            return PageReply(303, b"", location=f"{PREFIX}verify?token={token.value}")
        return PageReply(303, b"", location=_with_token(token.redirect_url, token.value))

    def _attempt(self, token: BizToken, chosen: int) -> Attempt:
        """The attempt for the user's choice; a bundled reference photo's problem wins a pass."""
        photo = answers.PHOTOS.get(token.photo or "")
        comparing = token.check_mode == 2
        code = chosen
        if chosen == 0 and comparing and photo and photo.html5_error:
            code = photo.html5_error
        stage = answers.HTML5_CODES[code][2]
        liveness = code if stage == "liveness" else 0
        compare: int | None = code if stage == "compare" else 0
        similarity: float | None = None
        if code == 0 or code == 2016:
            similarity = answers.SIMILARITY["same_person" if code == 0 else "different_people"]
        if not comparing or stage == "liveness":
            compare, similarity = None, None
        seq = f"sandbox-{secrets.token_hex(8)}"
        return Attempt(code, liveness, compare, similarity, self.state.now(), seq)


def _with_token(url: str, token: str) -> str:
    """``url`` with ``token`` appended to its query, as upstream redirects."""
    parts = urlsplit(url)
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(parts._replace(query=query + urlencode({"token": token})))
