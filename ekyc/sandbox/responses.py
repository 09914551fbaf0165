"""Request checking and answering: one generic code path per protocol, driven by CAPABILITIES.

Each capability's request schema comes from ``ekyc.capabilities`` (path, ``order_in_query``,
``appid_field``, file wire fields, option wire fields and their allowed wire values, ``fixed``
fields such as ``faceInputType``); nothing here lists the eight calls one by one. The checks, in
order, and the code each failure answers with are tabled in ``codes.py``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any, NoReturn

from .. import capabilities, signing
from ..capabilities import Capability
from . import answers, codes, scripted
from .models import TICKET_LIFETIME, TOKEN_LIFETIME, Job, State
from .scripted import Library
from .urls import Route

JSON_TYPE = "application/json;charset=UTF-8"
MAX_BODY = 32 * 1024 * 1024  # bytes: a 20 MiB video travels as about 27 MiB of base64
TIMESTAMP_TOLERANCE = 300  # s, Key B unixTimeStamp against real time
AUTH_MESSAGE = "请求成功（沙箱）/ success (sandbox)"

ORDER_NO = re.compile(r"[A-Za-z0-9]{1,32}")
NONCE = re.compile(r"[A-Za-z0-9]{32}")
LABEL = re.compile(r"[A-Z][0-9]{2}")
_BEIJING = 8 * 3600


def stamp(t: float) -> str:
    """``YYYYMMDDHHMMSS`` in Beijing time, as upstream writes transactionTime and expire_time."""
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(t + _BEIJING))


@dataclass
class Incoming:
    """A request as parsed by the HTTP layer."""

    host: str
    path: str
    method: str
    query: dict[str, str]
    content_type: str = ""
    payload: Any = None
    body_error: str | None = None  # "too_large" | "not_json"


@dataclass
class Reply:
    status: int
    body: bytes
    code: str = ""
    content_type: str = JSON_TYPE
    close: bool = False


class Refusal(Exception):
    def __init__(self, code: str, detail: str = "", status: int = 200) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.status = status


@dataclass
class Context:
    """Which code family a refusal belongs to, and the orderNo to echo once known."""

    key_set: str  # "A" | "B"
    timestamped: bool = False  # the host's signatures cover unixTimeStamp (Key B)
    family: str | None = None  # "face" | "ocr" | "label" for calls
    order_no: str | None = None

    def refuse(self, check: str, detail: str = "", *specific: str, status: int = 200) -> NoReturn:
        keys = (*specific, *((self.family,) if self.family else ()), self.key_set)
        raise Refusal(codes.refusal_code(check, *keys), detail, status)


def json_reply(payload: dict[str, Any], status: int = 200) -> Reply:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, str(payload.get("code", "")))


def _family(cap: Capability) -> str:
    return answers.FAMILY[cap.kind]


def _context(host: str) -> Context:
    """The key set and signing scheme of a host, as the table's host entries give them."""
    if host not in capabilities.HOSTS:
        return Context("A")
    entry = capabilities.host(host)
    return Context(entry.key_set, timestamped=entry.auth == "timestamped_ticket")


class Responder:
    def __init__(self, state: State, library: Library) -> None:
        self.state = state
        self.library = library

    # ---- entry point ---------------------------------------------------------------------

    def handle(self, route: Route | None, req: Incoming) -> Reply:
        ctx = _context(req.host)
        try:
            if route is None:
                ctx.refuse("unknown_path", "unknown path", status=404)
            if req.method != route.method:
                ctx.refuse("wrong_method", f"use {route.method}", status=405)
            if route.kind == "token":
                return self._token(route, req, ctx)
            if route.kind == "ticket":
                if route.auth == "timestamped_ticket":
                    return self._label_ticket(route, req, ctx)
                return self._ticket(route, req, ctx)
            ctx.family = _family(route.capabilities[0])
            if route.kind == "poll":
                return self._poll(route, req, ctx)
            return self._call(route, req, ctx)
        except Refusal as refusal:
            out = self._envelope(refusal.code, codes.message(refusal.code, refusal.detail))
            if ctx.order_no:
                out["orderNo"] = ctx.order_no
            return json_reply(out, refusal.status)

    def _envelope(self, code: str, msg: str, **extra: Any) -> dict[str, Any]:
        bizseq = "".join(secrets.choice("0123456789") for _ in range(32))
        now = stamp(self.state.now())
        return {"code": code, "msg": msg, "bizSeqNo": bizseq, "transactionTime": now, **extra}

    # ---- authentication ------------------------------------------------------------------

    def _check_app(self, ctx: Context, app_id: str) -> None:
        own, other = (
            (self.state.keys_a, self.state.keys_b)
            if ctx.key_set == "A"
            else (self.state.keys_b, self.state.keys_a)
        )
        if app_id in own:
            return
        if app_id in other:
            ctx.refuse("wrong_key_set", "appid belongs to the other credential set")
        ctx.refuse("unknown_appid")

    def _check_secret(self, ctx: Context, app_id: str, secret: str) -> None:
        self._check_app(ctx, app_id)
        keys = self.state.keys_a if ctx.key_set == "A" else self.state.keys_b
        if not secrets.compare_digest(keys[app_id].encode(), secret.encode()):
            ctx.refuse("wrong_secret")

    @staticmethod
    def _query(req: Incoming, names: tuple[str, ...], ctx: Context) -> dict[str, str]:
        missing = [n for n in names if not req.query.get(n)]
        if missing:
            ctx.refuse("missing", "missing " + ", ".join(missing))
        return {n: req.query[n] for n in names}

    def _token(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        q = self._query(req, ("app_id", "secret", "grant_type", "version"), ctx)
        if q["version"] != signing.VERSION:
            ctx.refuse("version")
        if q["grant_type"] != "client_credential":
            ctx.refuse("grant", "grant_type must be client_credential")
        self._check_secret(ctx, q["app_id"], q["secret"])
        grant = self.state.issue("token", route.host, q["app_id"], TOKEN_LIFETIME)
        return json_reply(
            {
                "code": "0",
                "msg": AUTH_MESSAGE,
                "transactionTime": stamp(self.state.now()),
                "access_token": grant.value,
                "expire_time": stamp(grant.expires_at),
                "expire_in": TOKEN_LIFETIME,
            }
        )

    def _ticket(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        q = self._query(req, ("app_id", "access_token", "type", "version"), ctx)
        if q["version"] != signing.VERSION:
            ctx.refuse("version")
        if q["type"] != "SIGN":
            ctx.refuse("grant", "type must be SIGN")
        self._check_app(ctx, q["app_id"])
        if q["access_token"] not in self.state.valid("token", route.host, q["app_id"]):
            ctx.refuse("bad_token", "access_token unknown or expired on this host")
        grant = self.state.issue("ticket", route.host, q["app_id"], TICKET_LIFETIME)
        ticket = {
            "value": grant.value,
            "expire_in": str(TICKET_LIFETIME),
            "expire_time": stamp(grant.expires_at),
        }
        return json_reply(
            {
                "code": "0",
                "msg": AUTH_MESSAGE,
                "transactionTime": stamp(self.state.now()),
                "tickets": [ticket],
            }
        )

    def _label_ticket(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        q = self._query(req, ("appId", "secret"), ctx)
        self._check_secret(ctx, q["appId"], q["secret"])
        grant = self.state.issue("ticket", route.host, q["appId"], TICKET_LIFETIME)
        return json_reply({"code": "0", "msg": AUTH_MESSAGE, "ticket": grant.value})

    # ---- the parts every call and poll share ---------------------------------------------

    @staticmethod
    def _body(req: Incoming, ctx: Context) -> dict[str, Any]:
        if req.body_error == "too_large":
            ctx.refuse("too_large", f"the limit is {MAX_BODY} bytes")
        if "json" not in req.content_type.lower():
            ctx.refuse("not_json", "Content-Type must be application/json")
        if req.body_error or not isinstance(req.payload, dict):
            ctx.refuse("not_json", "the body must be a JSON object")
        return req.payload

    @staticmethod
    def _common(cap: Capability, ctx: Context) -> tuple[str, ...]:
        names = (cap.appid_field, "orderNo", "nonce", "sign", "version")
        return (*names, "unixTimeStamp") if ctx.timestamped else names

    @staticmethod
    def _require(
        body: dict[str, Any],
        names: tuple[str, ...],
        files: tuple[str, ...] = (),
        options: tuple[str, ...] = (),
        *,
        ctx: Context,
    ) -> None:
        """Presence (an empty string counts as absent, except for a file: that is -1300 & co),
        then JSON string type of the protocol fields and files (options are checked later)."""
        missing = [n for n in (*names, *options) if body.get(n) in (None, "")]
        missing += [n for n in files if body.get(n) is None]
        if missing:
            ctx.refuse("missing", "missing " + ", ".join(missing))
        wrong = [n for n in (*names, *files) if not isinstance(body[n], str)]
        if wrong:
            ctx.refuse("bad_type", "must be strings: " + ", ".join(wrong))

    def _authenticate(
        self, cap: Capability, req: Incoming, body: dict[str, Any], ctx: Context
    ) -> str:
        """Checks 14-19 of the table; returns the appid. Spends the nonce only when all pass."""
        if body["version"] != signing.VERSION:
            ctx.refuse("version")
        app_id = body[cap.appid_field]
        self._check_app(ctx, app_id)
        order_no = body["orderNo"]
        if not ORDER_NO.fullmatch(order_no):
            ctx.refuse("order_no", "orderNo must be 1-32 letters or digits")
        if cap.order_in_query and req.query.get("orderNo") != order_no:
            ctx.refuse("order_no", "the query's orderNo differs from the body's")
        nonce = body["nonce"]
        if not NONCE.fullmatch(nonce):
            ctx.refuse("nonce", "nonce must be 32 letters or digits")
        parts = [app_id, order_no, nonce, signing.VERSION]
        if ctx.timestamped:
            timestamp = body["unixTimeStamp"]
            # Freshness is judged by real time, not the advanced clock: a client cannot see
            # ``advance``, which stands for lifetimes passing, not for the caller's clock.
            if not timestamp.isdigit() or abs(int(timestamp) - time.time()) > TIMESTAMP_TOLERANCE:
                ctx.refuse("timestamp", f"unixTimeStamp must be within {TIMESTAMP_TOLERANCE} s")
            parts.append(timestamp)
        tickets = self.state.valid("ticket", req.host, app_id)
        if not any(signing.sign(*parts, t) == body["sign"] for t in tickets):
            ctx.refuse("sign", "sign does not match a valid ticket of this host")
        if not self.state.use_nonce(req.host, nonce):
            ctx.refuse("replay", "nonce already used")
        return app_id

    # ---- synchronous calls (1-7) and labeling submission (8a) ----------------------------

    @staticmethod
    def _select(route: Route, body: dict[str, Any], ctx: Context) -> Capability:
        """The capability a request on this path means: the one whose fixed fields it carries."""

        def same(value: Any, wanted: Any) -> bool:
            return type(value) is type(wanted) and value == wanted

        for cap in route.capabilities:
            if all(same(body.get(k), v) for k, v in cap.fixed.items()):
                return cap
        fixed = sorted({k for cap in route.capabilities for k in cap.fixed})
        missing = [k for k in fixed if body.get(k) is None]
        if missing:
            ctx.refuse("missing", "missing " + ", ".join(missing))
        allowed = [cap.fixed for cap in route.capabilities]
        ctx.refuse("bad_option", f"one of {allowed} (JSON numbers)", *fixed)

    @staticmethod
    def _options(cap: Capability, body: dict[str, Any], ctx: Context) -> dict[str, str]:
        """Option name -> wire value; an option with a default may be left out of the body."""
        values: dict[str, str] = {}
        for opt in cap.options:
            raw = body.get(opt.wire)
            if raw is None and opt.default is not None:
                raw = opt.wire_value(opt.default)
            allowed = [c.wire for c in opt.choices]
            if not isinstance(raw, str) or raw not in allowed:
                ctx.refuse("bad_option", f"{opt.wire} must be one of {allowed}", opt.wire)
            values[opt.name] = raw
        return values

    @staticmethod
    def _labels(wire: str, body: dict[str, Any], ctx: Context) -> list[str]:
        raw = body.get(wire)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            ctx.refuse("no_label")
        if not isinstance(raw, str):
            ctx.refuse("bad_type", f"{wire} must be a string such as 'A02,A14'")
        items = [item.strip() for item in raw.split(",")]
        if len(items) > answers.MAX_LABELS:
            ctx.refuse("too_many_labels")
        if not all(LABEL.fullmatch(item) for item in items):
            ctx.refuse("malformed_label", "label codes look like A01")
        if not all(item in answers.LABEL_CODES for item in items):
            ctx.refuse("unknown_label")
        return items

    @staticmethod
    def _decode(value: str, ctx: Context) -> bytes:
        if not value:
            ctx.refuse("empty_file")
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            ctx.refuse("bad_base64", "plain base64 without prefix or line breaks")
        if not data:
            ctx.refuse("empty_file")
        return data

    def _call(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        body = self._body(req, ctx)
        common = self._common(route.capabilities[0], ctx)
        self._require(body, common, ctx=ctx)
        ctx.order_no = body["orderNo"]
        cap = self._select(route, body, ctx)
        required = tuple(o.wire for o in cap.options if o.default is None)
        self._require(body, common, tuple(f.wire for f in cap.files), required, ctx=ctx)
        app_id = self._authenticate(cap, req, body, ctx)
        if not self.state.quota_left(app_id):
            ctx.refuse("quota", f"{self.state.settings.quota} calls per appid")
        options = self._options(cap, body, ctx)
        labels = self._labels(cap.labels.wire, body, ctx) if cap.labels else []
        files = [self._decode(body[f.wire], ctx) for f in cap.files]
        call = scripted.call_of(cap, options, labels, files)
        if cap.asynchronous:
            return self._submit(call, app_id, ctx)
        outcome = scripted.answer(self.library, call)
        if not self.state.charge(app_id):  # a concurrent call took the last one
            ctx.refuse("quota", f"{self.state.settings.quota} calls per appid")
        if outcome.code != "0":
            return json_reply(
                self._envelope(outcome.code, codes.message(outcome.code), orderNo=ctx.order_no)
            )
        return json_reply(
            self._envelope("0", codes.OK_MESSAGE, orderNo=ctx.order_no, result=outcome.fields)
        )

    def _submit(self, call: scripted.Call, app_id: str, ctx: Context) -> Reply:
        outcome = scripted.answer(self.library, call)
        order_no = ctx.order_no or ""
        with self.state.lock:
            if self.state.job(order_no) is not None:
                ctx.refuse("job_order_no", "orderNo already used by a job")
            if self.state.in_flight(app_id):
                ctx.refuse("concurrency", "one labeling job at a time per appid")
            if not self.state.charge(app_id):
                ctx.refuse("quota", f"{self.state.settings.quota} calls per appid")
            if outcome.code == "0":
                self.state.add_job(Job(order_no, app_id, self.state.now(), outcome.fields))
        if outcome.code != "0":
            return json_reply(
                self._envelope(outcome.code, codes.message(outcome.code), orderNo=order_no)
            )
        return json_reply(self._envelope("0", codes.OK_MESSAGE, orderNo=order_no))

    # ---- labeling poll (8b) --------------------------------------------------------------

    def _poll(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        cap = route.capabilities[0]
        body = self._body(req, ctx)
        common = self._common(cap, ctx)
        self._require(body, common, ctx=ctx)
        ctx.order_no = body["orderNo"]
        app_id = self._authenticate(cap, req, body, ctx)
        with self.state.lock:
            job = self.state.job(ctx.order_no)
            if job is None or job.app_id != app_id:
                ctx.refuse("no_job")
            if not self.state.ready(job):
                ctx.refuse("processing")
            answer = dict(job.answer)
            shape = self.state.settings.label_shape
        extra: dict[str, Any] = {"fileLabel": scripted.file_label(answer.pop("labels"), shape)}
        extra.update(answer)
        return json_reply(self._envelope("0", codes.OK_MESSAGE, orderNo=ctx.order_no, **extra))
