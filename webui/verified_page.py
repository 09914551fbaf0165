"""The page a phone lands on after the HTML5 verification (its RedirectURL): "look at the big
screen". An ASGI middleware answering one path, so it needs no Gradio front end on the phone."""

from __future__ import annotations

from typing import Any

PATH = "/ekyc/verified"

HTML = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eKYC · done / 完成</title>
<style>body{font-family:system-ui,sans-serif;text-align:center;margin:3rem 1rem}
h1{font-size:2rem}p{font-size:1.2rem;color:#444}</style></head>
<body><div style="font-size:4rem">✅</div>
<h1 lang="en">Done: look at the big screen</h1>
<p lang="en">The result is on the page where the check was started. You can close this page.</p>
<h1 lang="zh">已完成，请看大屏幕</h1>
<p lang="zh">结果显示在发起核身的页面上。您可以关闭此页面。</p>
</body></html>""".encode()


def redirect_url(request: Any) -> str:
    """This app's done page, as the browser that started the check reaches the app.

    ``request`` is Gradio's ``gr.Request``; behind a proxy its forwarded headers say the
    public scheme and host.
    """
    headers = getattr(request, "headers", None) or {}
    host = headers.get("x-forwarded-host") or headers.get("host") or "127.0.0.1:7860"
    scheme = headers.get("x-forwarded-proto") or "http"
    return f"{scheme.split(',')[0].strip()}://{host.split(',')[0].strip()}{PATH}"


class VerifiedPage:
    """Answers ``GET /ekyc/verified`` (with any query, e.g. ``?token=...``); passes the rest on."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") != PATH:
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(HTML)).encode()),
            (b"cache-control", b"no-store"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": HTML})
