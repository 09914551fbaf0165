"""Request signatures (PROTOCOL §2-3): SHA1 over the sorted, concatenated values, upper-case hex."""

from __future__ import annotations

import hashlib
import secrets
import string
import time

VERSION = "1.0.0"
_ALPHANUMERIC = string.ascii_letters + string.digits


def sign(*values: str) -> str:
    """``UPPER(SHA1(join(sorted(values))))``: always 40 hex characters."""
    return hashlib.sha1("".join(sorted(values)).encode("utf-8")).hexdigest().upper()


def sign_key_a(app_id: str, order_no: str, nonce: str, ticket: str) -> str:
    return sign(app_id, order_no, nonce, VERSION, ticket)


def sign_key_b(app_id: str, order_no: str, nonce: str, ticket: str, unix_time: str) -> str:
    return sign(app_id, order_no, nonce, VERSION, ticket, unix_time)


def new_nonce() -> str:
    """32 random letters and digits, new for every request."""
    return "".join(secrets.choice(_ALPHANUMERIC) for _ in range(32))


def new_order_no(prefix: str = "ekyc") -> str:
    """Unique per request, letters and digits, at most 32 characters."""
    stamp = str(time.time_ns() // 1_000_000)
    tail = "".join(secrets.choice(string.digits) for _ in range(32 - len(prefix) - len(stamp)))
    return f"{prefix}{stamp}{tail}"


def unix_timestamp() -> str:
    return str(int(time.time()))
