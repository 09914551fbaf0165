"""TC3-HMAC-SHA256 verification, written from the documented algorithm (not the SDK's signer).

A test double that reused the SDK's signer would accept whatever the SDK gets wrong; this module
recomputes the signature from the request as it arrived: the canonical request over the headers
the client says it signed, the credential scope of the timestamp's UTC date, the HMAC chain
``"TC3" + SecretKey`` -> date -> service -> ``"tc3_request"``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

ALGORITHM = "TC3-HMAC-SHA256"
SERVICE = "faceid"
TOLERANCE = 300  # s a timestamp may be away from the server's clock

_AUTHORIZATION = re.compile(
    r"TC3-HMAC-SHA256\s+Credential=(?P<id>[^/,\s]+)/(?P<date>\d{4}-\d{2}-\d{2})/"
    r"(?P<service>[a-z0-9]+)/tc3_request,\s*SignedHeaders=(?P<headers>[a-z0-9;-]+),\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})"
)


class AuthRefusal(Exception):
    """A request refused before its action runs: ``code`` is upstream's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Verified:
    secret_id: str
    timestamp: int


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def signature(
    secret_key: str,
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    signed_headers: list[str],
    body: bytes,
    timestamp: int,
    service: str = SERVICE,
) -> str:
    """The hex signature of a request, step by step as the API 3.0 documents describe."""
    canonical_headers = "".join(
        f"{name}:{headers.get(name, '').strip().lower()}\n" for name in signed_headers
    )
    canonical_request = "\n".join(
        [
            method.upper(),
            path or "/",
            query,
            canonical_headers,
            ";".join(signed_headers),
            _sha256_hex(body),
        ]
    )
    date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = "\n".join(
        [ALGORITHM, str(timestamp), scope, _sha256_hex(canonical_request.encode("utf-8"))]
    )
    k_date = _hmac(("TC3" + secret_key).encode("utf-8"), date)
    k_service = _hmac(k_date, service)
    k_signing = _hmac(k_service, "tc3_request")
    return hmac.new(k_signing, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    now: float,
    secret_of: Callable[[str], str | None],
) -> Verified:
    """Check a request's TC3 signature; raise AuthRefusal with upstream's code if it fails.

    ``headers`` has lower-case names. ``secret_of`` gives a SecretId's SecretKey, or None.
    """
    raw_ts = headers.get("x-tc-timestamp", "").strip()
    if not raw_ts:
        raise AuthRefusal("MissingParameter", "The request is missing the X-TC-Timestamp header.")
    if not raw_ts.isdigit():
        raise AuthRefusal("InvalidParameter", "X-TC-Timestamp must be Unix seconds.")
    timestamp = int(raw_ts)
    authorization = headers.get("authorization", "").strip()
    match = _AUTHORIZATION.fullmatch(authorization)
    if not match:
        raise AuthRefusal(
            "AuthFailure.InvalidAuthorization",
            "The Authorization header is missing or not of the form "
            "'TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...'.",
        )
    signed = match["headers"].split(";")
    if "content-type" not in signed or "host" not in signed or signed != sorted(signed):
        raise AuthRefusal(
            "AuthFailure.InvalidAuthorization",
            "SignedHeaders must list content-type and host, in sorted order.",
        )
    if abs(now - timestamp) > TOLERANCE:
        raise AuthRefusal(
            "AuthFailure.SignatureExpire",
            f"The request timestamp is more than {TOLERANCE} seconds from the server's time.",
        )
    secret_id = match["id"]
    secret_key = secret_of(secret_id)
    if secret_key is None:
        raise AuthRefusal("AuthFailure.SecretIdNotFound", "The SecretId is not found.")
    date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
    if match["date"] != date or match["service"] != SERVICE:
        raise AuthRefusal(
            "AuthFailure.SignatureFailure",
            "The credential scope does not match the timestamp's UTC date and the service.",
        )
    expected = signature(
        secret_key, method, path, query, headers, signed, body, timestamp, match["service"]
    )
    if not hmac.compare_digest(expected, match["signature"]):
        raise AuthRefusal(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated. Check the signature.",
        )
    return Verified(secret_id, timestamp)
