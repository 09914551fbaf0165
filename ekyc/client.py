"""``Client``: one generic code path for the eight calls, one method per capability.

The methods (``face_compare``, ``id_card_ocr``, ...) are generated from the capability table with
real signatures, in the way botocore builds its operations from a service model.
"""

from __future__ import annotations

import atexit
import inspect
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import media as media_mod
from .answers import normalise, parse_labels
from .auth import SIGNATURE_REJECTED, AuthError, Ticket, TicketCache, fetch_key_a, fetch_key_b
from .capabilities import CAPABILITIES, Capability, get
from .catalog import describe_error
from .config import KeyPair, Settings
from .errors import InputError
from .result import SIMULATED_MARK, Result
from .signing import VERSION, new_nonce, new_order_no, sign_key_a, sign_key_b, unix_timestamp
from .transport import (
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
LABELING_STAGES = ("submitting", "processing", "done")
THROTTLED = ("1506", "1507")  # too many requests: wait and ask again
Progress = Callable[[str, float], Any]  # (stage, seconds since submit): see LABELING_STAGES
FilePath = str | os.PathLike[str]


class Client:
    def __init__(
        self, settings: Settings | None = None, *, sandbox: bool = False, lang: str = "en"
    ) -> None:
        self.settings = settings or Settings()
        self.sandbox = sandbox
        self.lang = lang
        self.transport = Transport(self.settings.connect_timeout, self.settings.read_timeout)
        self._caches: dict[str, TicketCache] = {}
        self._caches_lock = threading.Lock()
        # Upstream allows one labeling job in flight per appid: never race ourselves into 66660004.
        self._labeling_lock = threading.Lock()

    @classmethod
    def from_env(cls, env_file: str | Path | None = ".env", *, lang: str = "en") -> Client:
        """Settings from the environment and ``.env``; sandbox mode when none are configured."""
        settings = Settings.from_env(env_file)
        if settings.mode == "sandbox":
            return cls.sandboxed(settings, lang=lang)
        return cls(settings, lang=lang)

    @classmethod
    def sandboxed(
        cls, settings: Settings | None = None, emulator: Any = None, *, lang: str = "en"
    ) -> Client:
        """A client wired to the bundled emulator (started in-process on loopback if not given)."""
        from .sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B

        emulator = emulator or shared_emulator()
        settings = (settings or Settings()).with_sandbox(
            emulator.base_urls, KeyPair(*SANDBOX_KEY_A), KeyPair(*SANDBOX_KEY_B)
        )
        client = cls(settings, sandbox=True, lang=lang)
        client.emulator = emulator
        return client

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the generic call -------------------------------------------------------------------

    def call(
        self,
        name: str,
        files: Sequence[FilePath],
        options: Mapping[str, Any] | None = None,
        labels: str | Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> Result:
        """Check everything locally, then make the call. Bad input raises InputError."""
        cap = get(name)
        key = self.settings.key(cap.key_set)
        values = _check_options(cap, options or {})
        label_codes = parse_labels(labels) if cap.has_labels else None
        if len(files) != len(cap.files):
            raise InputError(
                f"{cap.name} needs {len(cap.files)} file(s), got {len(files)}",
                zh=f"{cap.zh}需要 {len(cap.files)} 个文件，收到 {len(files)} 个",
            )
        media: dict[str, bytes] = {}
        for spec, path in zip(cap.files, files, strict=True):
            kind = values.get("type", "image") if spec.kind == "by_type" else spec.kind
            loaded = media_mod.load(
                path, kind, self.settings.max_image_base64_bytes, formats=spec.formats
            )
            media[spec.wire] = loaded.base64
        fields: dict[str, Any] = dict(cap.fixed)
        for opt in cap.options:
            fields[opt.wire] = opt.wire_value(values[opt.name])
        if label_codes is not None:
            fields["labelList"] = ",".join(label_codes)
        if cap.asynchronous:
            with self._labeling_lock:
                return self._labeling(cap, key, fields, media, label_codes or [], progress)
        reply, order_no = self._send(cap, key, cap.path, fields, media)
        return self._result(cap, reply, order_no)

    # ---- transport with signing, retries and ticket refresh -----------------------------------

    def _cache(self, cap: Capability, key: KeyPair) -> TicketCache:
        with self._caches_lock:
            cache = self._caches.get(cap.host)
            if cache is None:
                base = self.settings.base_urls[cap.host]
                fetch = fetch_key_b if cap.key_set == "B" else fetch_key_a
                cache = TicketCache(lambda: fetch(self.transport, base, key), cap.host)
                self._caches[cap.host] = cache
            return cache

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
        page's call limits). ``repeatable`` True (labeling polls) resends those, too; so does a
        failed token or ticket request, which bills nothing.
        """
        cache = self._cache(cap, key)
        url = self.settings.base_urls[cap.host] + path
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
                    log.debug("%s rejected the signature: refreshing the ticket once", cap.host)
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

    @staticmethod
    def _signed(
        cap: Capability, key: KeyPair, ticket: Ticket, order_no: str, fields: Mapping[str, Any]
    ) -> dict[str, Any]:
        nonce = new_nonce()
        signed: dict[str, Any] = {
            cap.appid_field: key.app_id,
            "orderNo": order_no,
            "nonce": nonce,
            "version": VERSION,
        }
        if cap.key_set == "B":
            now = unix_timestamp()
            signed["unixTimeStamp"] = now
            signed["sign"] = sign_key_b(key.app_id, order_no, nonce, ticket.value, now)
        else:
            signed["sign"] = sign_key_a(key.app_id, order_no, nonce, ticket.value)
        signed.update(fields)
        return signed

    # ---- labeling: submit, then poll early and back off --------------------------------------

    def _labeling(
        self,
        cap: Capability,
        key: KeyPair,
        fields: Mapping[str, Any],
        media: Mapping[str, bytes],
        labels: list[str],
        progress: Progress | None,
    ) -> Result:
        started = time.monotonic()
        budget = self.settings.label_timeout
        _report(progress, "submitting", 0.0)
        reply, order_no = self._send(cap, key, cap.path, fields, media)
        if not reply.ok:
            return self._result(cap, reply, order_no, labels)
        assert cap.poll_path is not None
        delay = self.settings.poll_initial
        polls = 0
        while True:
            elapsed = time.monotonic() - started
            remaining = budget - elapsed
            if remaining <= 0:
                timeout_reply = Reply(LABEL_TIMEOUT, f"no result after {budget:.0f} s")
                return self._result(cap, timeout_reply, order_no, labels)
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
                log.debug("labeling poll failed with %s: asking again", reply.code)
                continue
            log.debug("labeling finished after %d polls, code %s", polls, reply.code)
            _report(progress, "done", time.monotonic() - started)
            return self._result(cap, reply, order_no, labels)

    # ---- answers -----------------------------------------------------------------------------

    def _result(
        self, cap: Capability, reply: Reply, order_no: str, labels: list[str] | None = None
    ) -> Result:
        sandbox = self.sandbox or SIMULATED_MARK in reply.msg
        if reply.ok:
            payload = reply.payload or {}
            return Result(
                True,
                "0",
                reply.msg or "success",
                normalise(cap.name, payload, labels),
                payload,
                cap.name,
                order_no,
                sandbox,
            )
        message, action = describe_error(reply.code, reply.msg, self.lang)
        return Result(
            False,
            reply.code,
            f"{message} — {action}" if action else message,
            {},
            reply.raw,
            cap.name,
            order_no,
            sandbox,
        )


def _ask_again(reply: Reply) -> bool:
    """A poll answer that says nothing about the job: busy, throttled, lost or timed out."""
    return reply.transient or reply.code in (TIMEOUT, HTTP_ERROR, *THROTTLED) or reply.status >= 500


def _report(progress: Progress | None, stage: str, elapsed: float) -> None:
    if progress is not None:
        try:
            progress(stage, elapsed)
        except Exception:  # a broken progress display must never break the call
            log.debug("progress callback failed", exc_info=False)


def _check_options(cap: Capability, given: Mapping[str, Any]) -> dict[str, str]:
    unknown = set(given) - {opt.name for opt in cap.options}
    if unknown:
        raise InputError(f"{cap.name} has no option {', '.join(sorted(unknown))}")
    values: dict[str, str] = {}
    for opt in cap.options:
        raw = given.get(opt.name, opt.default)
        allowed = ", ".join(f"{c.value} ({c.en})" for c in opt.choices)
        allowed_zh = "、".join(f"{c.value}（{c.zh}）" for c in opt.choices)
        if raw is None or str(raw).strip() == "":
            raise InputError(
                f"{opt.name} ({opt.en}) is required for {cap.name}: choose {allowed}",
                zh=f"请选择{opt.zh}：{allowed_zh}",
            )
        value = str(raw).strip().lower()
        if value not in opt.values:
            raise InputError(
                f"{opt.name} ({opt.en}) must be one of {allowed}, not {str(raw)!r}",
                zh=f"{opt.zh}只能是 {allowed_zh}，不能是 {str(raw)!r}",
            )
        values[opt.name] = value
    return values


# ---- one method per capability, generated from the table ------------------------------------


def _method(cap: Capability) -> Callable[..., Result]:
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for spec in cap.files:
        params.append(
            inspect.Parameter(
                spec.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="str | PathLike"
            )
        )
    if cap.has_labels:
        params.append(
            inspect.Parameter(
                "labels", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="str | list[str]"
            )
        )
    for opt in cap.options:
        default = inspect.Parameter.empty if opt.default is None else opt.default
        params.append(
            inspect.Parameter(
                opt.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation="str"
            )
        )
    if cap.asynchronous:
        params.append(inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=None))
    signature = inspect.Signature(params, return_annotation="Result")

    def method(self: Client, *args: Any, **kwargs: Any) -> Result:
        try:
            bound = signature.bind(self, *args, **kwargs)
        except TypeError as exc:
            raise InputError(f"{cap.name}: {exc}") from None
        bound.apply_defaults()
        arguments = bound.arguments
        return self.call(
            cap.name,
            [arguments[spec.name] for spec in cap.files],
            {opt.name: arguments[opt.name] for opt in cap.options},
            arguments.get("labels"),
            arguments.get("progress"),
        )

    method.__name__ = method.__qualname__ = cap.name
    method.__signature__ = signature  # type: ignore[attr-defined]
    method.__doc__ = f"{cap.en} ({cap.zh}): {cap.host} {cap.path}. Returns a Result."
    return method


for _cap in CAPABILITIES:
    setattr(Client, _cap.name, _method(_cap))


# ---- the in-process sandbox shared by the CLI and the page -----------------------------------

_shared: Any = None
_shared_lock = threading.Lock()


def shared_emulator() -> Any:
    """Start the bundled emulator once per process, on loopback; stopped at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            from .sandbox import Emulator

            _shared = Emulator.from_env(
                quota=int(os.environ.get("EKYC_SANDBOX_QUOTA", "100000")),
                processing_time=float(os.environ.get("EKYC_SANDBOX_PROCESSING_TIME", "3")),
            ).start()
            atexit.register(_shared.stop)
        return _shared


# ---- the multi-call workflows (ekyc.workflows), built on call() ------------------------------

from .workflows import batch as _batch, journey as _journey  # noqa: E402, I001

Client.journey = _journey  # type: ignore[attr-defined]
Client.batch = _batch  # type: ignore[attr-defined]
