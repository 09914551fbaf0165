"""The PaaS protocol of the kyc1, mini and kyc2 hosts (PROTOCOL §2-4).

Every request carries the appid, an orderNo, a nonce, the version and a SHA1 ``sign`` over them
and a SIGN ticket (plus ``unixTimeStamp`` for the timestamped scheme); tickets are cached per
host. Busy answers and lost connections are retried with a new orderNo; a rejected signature
refreshes the ticket once. An asynchronous capability (``poll_path``) is submitted once, then
polled early and with back-off until done or the time budget runs out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..auth import SIGNATURE_REJECTED, AuthError, Ticket, TicketCache, fetch_key_a, fetch_key_b
from ..capabilities import Capability, Host
from ..config import KeyPair, Settings
from ..request import Progress, Request
from ..signing import VERSION, new_nonce, new_order_no, sign_key_a, sign_key_b, unix_timestamp
from ..transport import (
    CONNECTION_LOST,
    HTTP_ERROR,
    NETWORK,
    TIMEOUT,
    Reply,
    Transport,
    backoff_delay,
    json_body,
)

log = logging.getLogger("ekyc.client")

MAX_ATTEMPTS = 3
STILL_PROCESSING = "66661015"
LABEL_TIMEOUT = "LABEL_TIMEOUT"
THROTTLED = ("1506", "1507")  # too many requests: wait and ask again


def _sign_ticket(key: KeyPair, ticket: Ticket, order_no: str, nonce: str) -> dict[str, str]:
    return {"sign": sign_key_a(key.app_id, order_no, nonce, ticket.value)}


def _sign_timestamped(key: KeyPair, ticket: Ticket, order_no: str, nonce: str) -> dict[str, str]:
    now = unix_timestamp()
    return {
        "unixTimeStamp": now,
        "sign": sign_key_b(key.app_id, order_no, nonce, ticket.value, now),
    }


@dataclass(frozen=True)
class AuthScheme:
    """How a host hands out tickets and how a request is signed with one."""

    fetch: Callable[[Transport, str, KeyPair], Ticket]
    sign: Callable[[KeyPair, Ticket, str, str], dict[str, str]]


# Host.auth -> scheme: "ticket" (Key A: access token, then SIGN ticket) and
# "timestamped_ticket" (Key B: one ticket call; the signature covers a unix timestamp too).
AUTH_SCHEMES: dict[str, AuthScheme] = {
    "ticket": AuthScheme(fetch_key_a, _sign_ticket),
    "timestamped_ticket": AuthScheme(fetch_key_b, _sign_timestamped),
}


class Paas:
    """One PaaS host for one client: its ticket cache and its labeling lock."""

    def __init__(self, host: Host, settings: Settings, transport: Transport) -> None:
        self.host = host
        self.settings = settings
        self.transport = transport
        self.scheme = AUTH_SCHEMES[host.auth]
        self._cache: TicketCache | None = None
        self._cache_lock = threading.Lock()
        # Upstream allows one asynchronous job in flight per appid: never race ourselves
        # into 66660004.
        self._job_lock = threading.Lock()

    def call(
        self, cap: Capability, key: KeyPair, request: Request, progress: Progress | None
    ) -> tuple[Reply, str]:
        fields = dict(request.fields)
        if cap.labels is not None and request.labels is not None:
            fields[cap.labels.wire] = ",".join(request.labels)
        if cap.poll_path is None:
            return self._send(cap, key, cap.path, fields, request.media)
        with self._job_lock:
            return self._job(cap, key, fields, request.media, progress)

    # ---- signing, retries and ticket refresh -------------------------------------------------

    def _tickets(self, key: KeyPair) -> TicketCache:
        with self._cache_lock:
            if self._cache is None:
                base = self.settings.base_urls[self.host.name]
                fetch = self.scheme.fetch
                self._cache = TicketCache(lambda: fetch(self.transport, base, key), self.host.name)
            return self._cache

    def _send(
        self,
        cap: Capability,
        key: KeyPair,
        path: str,
        fields: Mapping[str, Any],
        media: Mapping[str, bytes],
        order_no: str | None = None,
        timeout: float | None = None,
        repeatable: bool = False,
    ) -> tuple[Reply, str]:
        """Sign and post; a new orderNo/nonce/sign per attempt unless ``order_no`` is fixed.

        Only what certainly did not reach upstream (refused, failed before sending, a busy code)
        is sent again: a call whose connection broke after sending, like one that timed out, may
        have been processed and billed, and a second one would bill it twice (and get past the
        page's call limits). ``repeatable`` True (polls) resends those, too; so does a failed
        token or ticket request, which bills nothing.
        """
        cache = self._tickets(key)
        url = self.settings.base_urls[self.host.name] + path
        in_query = cap.order_in_query or path == cap.poll_path
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            this_order = order_no or new_order_no()  # every attempt is a new request
            safe = repeatable
            try:
                ticket = cache.get()
            except AuthError as exc:
                reply, safe = exc.reply, True
            else:
                body = json_body(self._signed(cap, key, ticket, this_order, fields), media)
                params = {"orderNo": this_order} if in_query else {}
                reply = self.transport.post(url, params, body, timeout=timeout)
                if reply.code in SIGNATURE_REJECTED and not refreshed:
                    log.debug("%s rejected the signature: refreshing the ticket", self.host.name)
                    cache.invalidate(ticket)
                    refreshed = True
                    attempt -= 1
                    continue
            retry = reply.transient and (safe or not reply.maybe_processed)
            if retry and attempt < MAX_ATTEMPTS:
                time.sleep(backoff_delay(attempt, self.settings.retry_backoff))
                continue
            if reply.code == NETWORK and reply.maybe_processed and not safe:
                reply = Reply(CONNECTION_LOST, "the connection broke after the request was sent")
            return reply, this_order

    def _signed(
        self, cap: Capability, key: KeyPair, ticket: Ticket, order_no: str, fields: Mapping
    ) -> dict[str, Any]:
        nonce = new_nonce()
        signed: dict[str, Any] = {
            cap.appid_field: key.app_id,
            "orderNo": order_no,
            "nonce": nonce,
            "version": VERSION,
        }
        signed.update(self.scheme.sign(key, ticket, order_no, nonce))
        signed.update(fields)
        return signed

    # ---- asynchronous jobs: submit, then poll early and back off ------------------------------

    def _job(
        self,
        cap: Capability,
        key: KeyPair,
        fields: Mapping[str, Any],
        media: Mapping[str, bytes],
        progress: Progress | None,
    ) -> tuple[Reply, str]:
        assert cap.poll_path is not None
        started = time.monotonic()
        budget = self.settings.label_timeout
        _report(progress, "submitting", 0.0)
        reply, order_no = self._send(cap, key, cap.path, fields, media)
        if not reply.ok:
            return reply, order_no
        delay = self.settings.poll_initial
        polls = 0
        while True:
            elapsed = time.monotonic() - started
            remaining = budget - elapsed
            if remaining <= 0:
                return Reply(LABEL_TIMEOUT, f"no result after {budget:.0f} s"), order_no
            _report(progress, "processing", elapsed)
            time.sleep(min(delay, remaining))
            delay = min(delay * 1.5, self.settings.poll_max)
            polls += 1
            read_timeout = max(
                0.1, min(self.settings.read_timeout, budget - (time.monotonic() - started))
            )
            reply, _ = self._send(
                cap,
                key,
                cap.poll_path,
                {},
                {},
                order_no=order_no,
                timeout=read_timeout,
                repeatable=True,
            )
            if reply.code == STILL_PROCESSING:
                continue
            if _ask_again(reply):
                # A poll is safe to repeat and the job is paid for: a failed poll only means
                # "ask again", until the time budget runs out.
                log.debug("poll failed with %s: asking again", reply.code)
                continue
            log.debug("job finished after %d polls, code %s", polls, reply.code)
            _report(progress, "done", time.monotonic() - started)
            return reply, order_no


def _ask_again(reply: Reply) -> bool:
    """A poll answer that says nothing about the job: busy, throttled, lost or timed out."""
    return reply.transient or reply.code in (TIMEOUT, HTTP_ERROR, *THROTTLED) or reply.status >= 500


def _report(progress: Progress | None, stage: str, elapsed: float) -> None:
    if progress is not None:
        try:
            progress(stage, elapsed)
        except Exception:  # a broken progress display must never break the call
            log.debug("progress callback failed", exc_info=False)
