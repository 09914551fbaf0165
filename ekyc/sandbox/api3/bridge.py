"""The bridge from the emulator's HTTP handler to ``Api3Service``: read, answer, write."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from .answers import BODY_LIMIT
from .service import HTML_502, Api3Reply, Api3Service

DRAIN_LIMIT = 64 * 1024 * 1024  # an oversize body up to this is read and discarded


def serve(handler: BaseHTTPRequestHandler, service: Api3Service) -> Api3Reply | None:
    """Answer one request on ``handler``'s connection; None when the connection was lost."""
    split = urlsplit(handler.path)
    headers = {k.lower(): v for k, v in handler.headers.items()}
    try:
        length = int(headers.get("content-length") or 0)
    except ValueError:
        length = -1
    body: bytes | None
    if length < 0 or length > DRAIN_LIMIT:
        handler.close_connection = True
        body = None
    elif length > BODY_LIMIT:
        left = length
        while left > 0:
            chunk = handler.rfile.read(min(left, 1 << 20))
            if not chunk:
                handler.close_connection = True
                return None
            left -= len(chunk)
        body = None
    else:
        body = handler.rfile.read(length) if length else b""
        if len(body) < length:
            handler.close_connection = True
            return None
    fault = service.take_fault(split.path)
    kind = fault[0] if fault else ""
    if kind == "drop":
        handler.close_connection = True
        return None
    if kind == "slow":
        time.sleep(fault[1] if fault else 0.0)
    if kind == "http502":
        reply = Api3Reply(502, HTML_502, "text/html", code="http502")
    else:
        reply = service.handle(handler.command, split.path, split.query, headers, body)
    if kind == "truncated":
        reply = Api3Reply(200, reply.body[: len(reply.body) // 2], reply.content_type)
    handler.send_response(reply.status)
    handler.send_header("Content-Type", reply.content_type)
    handler.send_header("Content-Length", str(len(reply.body)))
    if reply.location:
        handler.send_header("Location", reply.location)
    if handler.close_connection:
        handler.send_header("Connection", "close")
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(reply.body)
    return reply
