"""Answering: one handler per route kind, one generic code path per protocol step.

``Responder`` is the emulator's public answering interface: ``handle(route, request)`` runs the
handler the route names (token, ticket, timestamped ticket, call, poll) and turns a refusal into
upstream's envelope with the code ``codes.py`` tables for it. Nothing here lists the calls one by
one: rows come from the table through the route, scripted answers from ``scripted.RULES``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from .. import capabilities, signing
from ..capabilities import Capability
from . import answers, codes, scripted
from .models import TICKET_LIFETIME, TOKEN_LIFETIME, Job, State
from .parsing import (
    NONCE,
    ORDER_NO,
    Incoming,
    body_of,
    common_fields,
    decode,
    labels_of,
    options_of,
    require,
    select,
)
from .replies import AUTH_MESSAGE, Context, Refusal, Reply, envelope, json_reply, stamp
from .scripted import Library
from .urls import Route

TIMESTAMP_TOLERANCE = 300  # s, Key B unixTimeStamp against real time


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
        #: Route.handler -> the method answering it.
        self.handlers: dict[str, Callable[[Route, Incoming, Context], Reply]] = {
            "token": self._token,
            "ticket": self._ticket,
            "timestamped_ticket": self._label_ticket,
            "call": self._call,
            "poll": self._poll,
        }

    # ---- entry point ---------------------------------------------------------------------

    def handle(self, route: Route | None, req: Incoming) -> Reply:
        ctx = _context(req.host)
        try:
            if route is None:
                ctx.refuse("unknown_path", "unknown path", status=404)
            if req.method != route.method:
                ctx.refuse("wrong_method", f"use {route.method}", status=405)
            if route.capabilities:
                ctx.family = _family(route.capabilities[0])
            return self.handlers[route.handler](route, req, ctx)
        except Refusal as refusal:
            out = self.envelope(refusal.code, codes.message(refusal.code, refusal.detail))
            if ctx.order_no:
                out["orderNo"] = ctx.order_no
            return json_reply(out, refusal.status)

    def envelope(self, code: str, msg: str, **extra: Any) -> dict[str, Any]:
        """Upstream's answer envelope, timed by the emulator's clock."""
        return envelope(self.state.now(), code, msg, **extra)

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

    @classmethod
    def _grant_query(
        cls, req: Incoming, ctx: Context, credential: str, kind: str, wanted: str
    ) -> dict[str, str]:
        """A token or ticket request's query (app, ``credential``, grant ``kind``, version),
        refused unless every field is there, the version is ours and ``kind`` is ``wanted``."""
        q = cls._query(req, ("app_id", credential, kind, "version"), ctx)
        if q["version"] != signing.VERSION:
            ctx.refuse("version")
        if q[kind] != wanted:
            ctx.refuse("grant", f"{kind} must be {wanted}")
        return q

    def _token(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        q = self._grant_query(req, ctx, "secret", "grant_type", "client_credential")
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
        q = self._grant_query(req, ctx, "access_token", "type", "SIGN")
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

    def _call(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        body = body_of(req, ctx)
        common = common_fields(route.capabilities[0], ctx)
        require(body, common, ctx=ctx)
        ctx.order_no = body["orderNo"]
        cap = select(route, body, ctx)
        required = tuple(o.wire for o in cap.options if o.default is None)
        require(body, common, tuple(f.wire for f in cap.files), required, ctx=ctx)
        app_id = self._authenticate(cap, req, body, ctx)
        if not self.state.quota_left(app_id):
            ctx.refuse("quota", f"{self.state.settings.quota} calls per appid")
        options = options_of(cap, body, ctx)
        labels = labels_of(cap.labels.wire, body, ctx) if cap.labels else []
        files = [decode(body[f.wire], ctx) for f in cap.files]
        call = scripted.call_of(cap, options, labels, files)
        if cap.asynchronous:
            return self._submit(call, app_id, ctx)
        outcome = scripted.answer(self.library, call)
        if not self.state.charge(app_id):  # a concurrent call took the last one
            ctx.refuse("quota", f"{self.state.settings.quota} calls per appid")
        if outcome.code != "0":
            return json_reply(
                self.envelope(outcome.code, codes.message(outcome.code), orderNo=ctx.order_no)
            )
        msg = codes.ok_message(outcome.example)
        return json_reply(self.envelope("0", msg, orderNo=ctx.order_no, result=outcome.fields))

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
                job = Job(order_no, app_id, self.state.now(), outcome.fields, outcome.example)
                self.state.add_job(job)
        if outcome.code != "0":
            return json_reply(
                self.envelope(outcome.code, codes.message(outcome.code), orderNo=order_no)
            )
        return json_reply(self.envelope("0", codes.OK_MESSAGE, orderNo=order_no))

    # ---- labeling poll (8b) --------------------------------------------------------------

    def _poll(self, route: Route, req: Incoming, ctx: Context) -> Reply:
        cap = route.capabilities[0]
        body = body_of(req, ctx)
        common = common_fields(cap, ctx)
        require(body, common, ctx=ctx)
        ctx.order_no = body["orderNo"]
        app_id = self._authenticate(cap, req, body, ctx)
        with self.state.lock:
            job = self.state.job(ctx.order_no)
            if job is None or job.app_id != app_id:
                ctx.refuse("no_job")
            if not self.state.ready(job):
                ctx.refuse("processing")
            answer = dict(job.answer)
            example = job.example
            shape = self.state.settings.label_shape
        extra: dict[str, Any] = {"fileLabel": scripted.file_label(answer.pop("labels"), shape)}
        extra.update(answer)
        msg = codes.ok_message(example)
        return json_reply(self.envelope("0", msg, orderNo=ctx.order_no, **extra))
