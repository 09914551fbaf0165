"""Per-host token and SIGN ticket cache (PROTOCOL §2-3).

A ticket is fetched once and reused until it is close to expiry (at most ~20 minutes, as the
vendor advises). One refresh is in flight per host: other threads wait on the host's lock and
then use the ticket the first one fetched.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .config import KeyPair
from .signing import VERSION
from .transport import BAD_ANSWER, Reply, Transport

log = logging.getLogger("ekyc.auth")

MAX_AGE = 20 * 60.0
SAFETY_MARGIN = 60.0
# Codes by which upstream rejects a signature or ticket: refresh once, retry once.
SIGNATURE_REJECTED = frozenset({"1104", "400106"})


@dataclass(frozen=True)
class Ticket:
    value: str = field(repr=False)
    expires_at: float  # time.monotonic() seconds


class AuthError(Exception):
    """The token or ticket endpoint refused or failed; ``reply`` says how."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(f"authentication failed with code {reply.code}")
        self.reply = reply


def _lifetime(*expire_in: object) -> float:
    """Seconds to trust a ticket: the smallest stated lifetime and 20 minutes, less a margin."""
    seconds = [MAX_AGE]
    for value in expire_in:
        try:
            seconds.append(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    lifetime = min(seconds)
    return max(lifetime - min(SAFETY_MARGIN, lifetime / 10), 1.0)


def fetch_key_a(transport: Transport, base_url: str, key: KeyPair) -> Ticket:
    """Access token, then SIGN ticket: two GETs."""
    token_reply = transport.get(
        f"{base_url}/api/oauth2/access_token",
        {
            "app_id": key.app_id,
            "secret": key.secret,
            "grant_type": "client_credential",
            "version": VERSION,
        },
    )
    token = (token_reply.payload or {}).get("access_token") if token_reply.ok else None
    if not token:
        raise AuthError(_unusable(token_reply, "access token"))
    ticket_reply = transport.get(
        f"{base_url}/api/oauth2/api_ticket",
        {"app_id": key.app_id, "access_token": token, "type": "SIGN", "version": VERSION},
    )
    tickets = (ticket_reply.payload or {}).get("tickets") if ticket_reply.ok else None
    first = tickets[0] if isinstance(tickets, list) and tickets else None
    if not isinstance(first, dict) or not first.get("value"):
        raise AuthError(_unusable(ticket_reply, "ticket"))
    lifetime = _lifetime(token_reply.payload.get("expire_in"), first.get("expire_in"))
    return Ticket(str(first["value"]), time.monotonic() + lifetime)


def fetch_key_b(transport: Transport, base_url: str, key: KeyPair) -> Ticket:
    """The label ticket: one GET, no access token; the ticket may sit under ``result``."""
    reply = transport.get(
        f"{base_url}/idap-ac/oauth2/v2/api_ticket", {"appId": key.app_id, "secret": key.secret}
    )
    payload = reply.payload or {}
    value = payload.get("ticket")
    if not value and isinstance(payload.get("result"), dict):
        value = payload["result"].get("ticket")
    if not reply.ok or not value:
        raise AuthError(_unusable(reply, "ticket"))
    return Ticket(str(value), time.monotonic() + _lifetime(payload.get("expire_in")))


def _unusable(reply: Reply, what: str) -> Reply:
    """The reply to report for a failed token/ticket fetch, never carrying a credential.

    An error code comes back as it is (its payload is a code and a message). A "success" whose
    token or ticket cannot be found has an unexpected shape, and that payload may well hold the
    very credential under another name: report the shape, drop the payload.
    """
    if not reply.ok:
        return reply
    return Reply(BAD_ANSWER, f"the {what} answer had an unexpected shape", status=reply.status)


class TicketCache:
    """One host's ticket. ``get`` blocks while another thread refreshes it."""

    def __init__(self, fetch: Callable[[], Ticket], host: str) -> None:
        self._fetch = fetch
        self._host = host
        self._lock = threading.Lock()
        self._ticket: Ticket | None = None

    def get(self) -> Ticket:
        ticket = self._ticket
        if ticket is not None and time.monotonic() < ticket.expires_at:
            return ticket
        with self._lock:
            ticket = self._ticket
            if ticket is None or time.monotonic() >= ticket.expires_at:
                log.debug("refreshing the %s ticket", self._host)
                ticket = self._fetch()
                self._ticket = ticket
            return ticket

    def invalidate(self, stale: Ticket) -> None:
        """Forget ``stale`` if it is still current, so many rejections cause one refresh."""
        with self._lock:
            if self._ticket is stale:
                self._ticket = None
