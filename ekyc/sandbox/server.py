"""The HTTP layer: a threading loopback server speaking HTTP/1.1 with keep-alive.

It reads each request whole, applies round-trip delay and faults, hands the request to the
``Responder`` and writes the answer. It logs nothing (``log_message`` is silenced) and keeps no
payload. ``close_connections`` lets ``Emulator.stop`` end idle keep-alive connections so every
handler thread can be joined.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import codes, urls
from .api3 import bridge as api3_bridge
from .api3 import claims as api3_claims
from .faults import HTML_502, Fault
from .models import RequestRecord
from .parsing import MAX_BODY, Incoming, parse
from .replies import JSON_TYPE, Reply, json_reply
from .urls import Route

if TYPE_CHECKING:
    from .emulator import Emulator

IDLE_TIMEOUT = 60.0  # s an idle keep-alive connection (or a stalled upload) is kept open
DRAIN_LIMIT = 256 * 1024 * 1024  # an oversize body up to this is read and discarded, keeping
# the connection usable; a larger one is answered at once and the connection closed


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True  # a forgotten emulator never holds the interpreter open
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        self.emulator = emulator
        self._open: set[socket.socket] = set()
        self._workers: list[threading.Thread] = []
        self._open_lock = threading.Lock()
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Runs in the serving thread, so once shutdown() returns both sets are complete.
        # ThreadingMixIn does not track daemon threads; these are tracked to be joined.
        worker = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="ekyc-sandbox-connection",
            daemon=True,
        )
        with self._open_lock:
            self._open.add(request)
            self._workers = [w for w in self._workers if w.is_alive()]
            self._workers.append(worker)
        worker.start()

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self, timeout: float = 5.0) -> None:
        """Shut every open connection down (waking handlers blocked on a read), join them."""
        with self._open_lock:
            sockets = list(self._open)
            workers = list(self._workers)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for worker in workers:
            worker.join(timeout)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Silent: a client hanging up mid-answer is not news, and nothing is logged."""


def _app_id(query: dict[str, str], payload: Any) -> str:
    for name in ("app_id", "appId"):
        if query.get(name):
            return query[name]
    if isinstance(payload, dict):
        for name in ("appId", "webankAppId"):
            if isinstance(payload.get(name), str):
                return payload[name]
    return ""


def _order_no(payload: Any) -> str:
    value = payload.get("orderNo") if isinstance(payload, dict) else None
    return value if isinstance(value, str) else ""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ekyc-sandbox"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True  # small answers leave at once, not after a delayed ACK
    server: SandboxServer

    def log_message(self, format: str, *args: Any) -> None:
        """Never log: request lines carry secrets (auth queries) and orderNos."""

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    # ---- reading -------------------------------------------------------------------------

    def _read_body(self) -> tuple[bytes, str | None] | None:
        """(body, error) with error "too_large" or None; None when no answer can follow."""
        if self.headers.get("Transfer-Encoding", "identity").lower() != "identity":
            self._send(
                json_reply(
                    {"code": "1106", "msg": codes.message("1106", "send Content-Length")}, 411
                ),
                close=True,
            )
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._send(json_reply({"code": "1106", "msg": codes.message("1106")}, 400), close=True)
            return None
        if length > MAX_BODY:
            if length > DRAIN_LIMIT:
                self.close_connection = True
                return b"", "too_large"
            left = length
            while left > 0:
                chunk = self.rfile.read(min(left, 1 << 20))
                if not chunk:
                    return None
                left -= len(chunk)
            return b"", "too_large"
        data = self.rfile.read(length) if length else b""
        if len(data) < length:
            return None
        return data, None

    # ---- answering -----------------------------------------------------------------------

    def _serve(self) -> None:
        emu = self.server.emulator
        split = urlsplit(self.path)
        if api3_claims(split.path, {k.lower(): v for k, v in self.headers.items()}):
            if emu.pause(emu.rtt):
                self.close_connection = True
                return
            answered = api3_bridge.serve(self, emu.api3)
            status, code = (answered.status, answered.code) if answered else (0, "")
            emu.record(RequestRecord("api3", "api3", split.path, "", status, code))
            return
        read = self._read_body()
        if read is None:
            self.close_connection = True
            return
        data, body_error = read
        req, route = parse(
            self.command, self.path, self.headers.get("Content-Type", ""), data, body_error
        )
        del data
        kind = route.kind if route else "other"
        if emu.pause(emu.rtt):
            self.close_connection = True
            return
        fault = emu.faults.pick(req.host, urls.PATH_CLASS.get(kind, "other"))
        reply = self._faulty(fault, route, req) if fault else self._answer(route, req)
        emu.record(
            RequestRecord(
                req.host,
                kind,
                req.path,
                _app_id(req.query, req.payload),
                reply.status if reply else 0,
                reply.code if reply else "",
                fault.kind if fault else "",
                _order_no(req.payload),
            )
        )
        if reply is None:
            self.close_connection = True
            return
        self._send(reply, close=self.close_connection)

    def _answer(self, route: Route | None, req: Incoming) -> Reply:
        try:
            return self.server.emulator.respond(route, req)
        except Exception as exc:  # a sandbox bug: say so, never as a retryable busy code
            msg = f"sandbox internal error ({type(exc).__name__})"
            return json_reply({"code": "-1", "msg": msg}, 500)

    def _faulty(self, fault: Fault, route: Route | None, req: Incoming) -> Reply | None:
        emu = self.server.emulator
        if fault.kind == "drop":
            return None
        if fault.kind == "http502":
            return Reply(502, HTML_502, "", "text/html")
        if fault.kind == "slow":
            if emu.pause(fault.delay):
                return None
            return self._answer(route, req)
        envelope = emu.envelope
        if fault.kind == "busy":
            return json_reply(envelope(fault.code, codes.message(fault.code, "injected fault")))
        if fault.kind == "array":  # valid JSON, but not the object every answer is
            return Reply(200, b'[{"code": "0"}]', "", JSON_TYPE)
        if fault.kind == "text":  # a proxy's or gateway's plain-text answer
            return Reply(200, b"Service temporarily unavailable", "", "text/plain")
        # truncated: a success answer cut in half, sent as a complete HTTP 200 message
        whole = json_reply(envelope("0", codes.OK_MESSAGE, result={"similarity": "85.0"})).body
        return Reply(200, whole[: len(whole) // 2], "", JSON_TYPE)

    def _send(self, reply: Reply, close: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        if close or reply.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)
