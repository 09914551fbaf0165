"""Request parsing: an HTTP request as ``Incoming``, and the checks of a call's body fields.

Each capability's request schema comes from the table (``appid_field``, file and option wire
fields and their allowed wire values, ``fixed`` fields such as ``faceInputType``); the rules
(what counts as missing, which type each field must have, the label code format) are the
emulator's own. Every failed check raises a ``Refusal`` through ``Context.refuse``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..capabilities import Capability
from . import answers
from .replies import Context
from .urls import ROUTER, Route

MAX_BODY = 32 * 1024 * 1024  # bytes: a 20 MiB video travels as about 27 MiB of base64
ORDER_NO = re.compile(r"[A-Za-z0-9]{1,32}")
NONCE = re.compile(r"[A-Za-z0-9]{32}")
LABEL = re.compile(r"[A-Z][0-9]{2}")


@dataclass
class Incoming:
    """A request as parsed from the HTTP layer's pieces."""

    host: str
    path: str
    method: str
    query: dict[str, str]
    content_type: str = ""
    payload: Any = None
    body_error: str | None = None  # "too_large" | "not_json"


def parse(
    method: str, target: str, content_type: str, data: bytes, body_error: str | None = None
) -> tuple[Incoming, Route | None]:
    """The request and its route: host prefix and protocol path, query, JSON body."""
    split = urlsplit(target)
    host, sub, route = ROUTER.resolve(split.path)
    query = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
    payload: Any = None
    if data and method == "POST":
        try:
            payload = json.loads(data)
        except ValueError:
            body_error = body_error or "not_json"
    return Incoming(host, sub, method, query, content_type, payload, body_error), route


def body_of(req: Incoming, ctx: Context) -> dict[str, Any]:
    if req.body_error == "too_large":
        ctx.refuse("too_large", f"the limit is {MAX_BODY} bytes")
    if "json" not in req.content_type.lower():
        ctx.refuse("not_json", "Content-Type must be application/json")
    if req.body_error or not isinstance(req.payload, dict):
        ctx.refuse("not_json", "the body must be a JSON object")
    return req.payload


def common_fields(cap: Capability, ctx: Context) -> tuple[str, ...]:
    names = (cap.appid_field, "orderNo", "nonce", "sign", "version")
    return (*names, "unixTimeStamp") if ctx.timestamped else names


def require(
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


def select(route: Route, body: dict[str, Any], ctx: Context) -> Capability:
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


def options_of(cap: Capability, body: dict[str, Any], ctx: Context) -> dict[str, str]:
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


def labels_of(wire: str, body: dict[str, Any], ctx: Context) -> list[str]:
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


def decode(value: str, ctx: Context) -> bytes:
    if not value:
        ctx.refuse("empty_file")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        ctx.refuse("bad_base64", "plain base64 without prefix or line breaks")
    if not data:
        ctx.refuse("empty_file")
    return data
