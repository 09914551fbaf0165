"""``Client``: one generic code path for every capability, one method per row of the table.

The methods (``face_compare``, ``id_card_ocr``, ...) are generated from the capability table with
real signatures, in the way botocore builds its operations from a service model. A call flows
capability row -> ``request.prepare`` (local checks, uploads read once) -> the host's protocol
(``ekyc.protocols``) -> the kind's ``normalise`` (``ekyc.kinds``) -> ``Result``; the row object,
not its name, travels along.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import capabilities, protocols
from .answers import normalise
from .capabilities import CAPABILITIES, Capability
from .catalog import describe_error
from .config import KeyPair, Settings
from .errors import InputError
from .protocols.paas import LABEL_TIMEOUT, MAX_ATTEMPTS, STILL_PROCESSING, THROTTLED
from .request import LABELING_STAGES, FilePath, Progress, Request, prepare
from .result import EXAMPLE_MARK, SIMULATED_MARK, Result
from .transport import Reply, Transport

__all__ = [
    "LABELING_STAGES",
    "LABEL_TIMEOUT",
    "MAX_ATTEMPTS",
    "STILL_PROCESSING",
    "THROTTLED",
    "Client",
    "FilePath",
    "Progress",
]

log = logging.getLogger("ekyc.client")


class Client:
    def __init__(
        self, settings: Settings | None = None, *, sandbox: bool = False, lang: str = "en"
    ) -> None:
        self.settings = settings or Settings()
        self.sandbox = sandbox
        self.lang = lang
        self.transport = Transport(self.settings.connect_timeout, self.settings.read_timeout)
        self._protocols: dict[str, protocols.Protocol] = {}
        self._protocols_lock = threading.Lock()

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
        """A client wired to the bundled emulator (the process's shared one if not given)."""
        from .sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, SANDBOX_KEY_C, shared_emulator

        emulator = emulator or shared_emulator()
        settings = (settings or Settings()).with_sandbox(
            emulator.base_urls,
            KeyPair(*SANDBOX_KEY_A),
            KeyPair(*SANDBOX_KEY_B),
            KeyPair(*SANDBOX_KEY_C),
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

    def __getattr__(self, name: str) -> Any:
        """The method of a row added to the table after this class was built."""
        if not name.startswith("_") and name in capabilities.BY_NAME:
            return _method(capabilities.get(name)).__get__(self, type(self))
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ---- the generic call -------------------------------------------------------------------

    def call(
        self,
        capability: Capability | str,
        files: Sequence[FilePath],
        options: Mapping[str, Any] | None = None,
        labels: str | Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> Result:
        """Check everything locally, then make the call. Bad input raises InputError."""
        return self.send(capability, self.prepare(capability, files, options, labels), progress)

    def prepare(
        self,
        capability: Capability | str,
        files: Sequence[FilePath],
        options: Mapping[str, Any] | None = None,
        labels: str | Sequence[str] | None = None,
    ) -> Request:
        """The local half of ``call``: credentials, options and files checked and encoded.
        Raises InputError; sends nothing (a workflow checks all its inputs before any call)."""
        cap = capability if isinstance(capability, Capability) else capabilities.get(capability)
        self.settings.key(capabilities.host(cap.host).key_set)
        return prepare(cap, files, options, labels, self.settings.max_image_base64_bytes)

    def send(
        self, capability: Capability | str, request: Request, progress: Progress | None = None
    ) -> Result:
        """The network half of ``call``, for a request from ``prepare``."""
        cap = capability if isinstance(capability, Capability) else capabilities.get(capability)
        key = self.settings.key(capabilities.host(cap.host).key_set)
        reply, order_no = self._protocol(cap).call(cap, key, request, progress)
        return self._result(cap, reply, order_no, request.labels)

    def _protocol(self, cap: Capability) -> protocols.Protocol:
        with self._protocols_lock:
            protocol = self._protocols.get(cap.host)
            if protocol is None:
                host = capabilities.host(cap.host)
                protocol = protocols.for_host(host, self.settings, self.transport)
                self._protocols[cap.host] = protocol
            return protocol

    def _result(
        self, cap: Capability, reply: Reply, order_no: str, labels: list[str] | None = None
    ) -> Result:
        sandbox = self.sandbox or SIMULATED_MARK in reply.msg
        if reply.ok:
            payload = reply.payload or {}
            data = normalise(cap, payload, labels)
            msg = reply.msg or "success"
            example = sandbox and EXAMPLE_MARK in reply.msg  # not a sample: no verdict
            return Result(True, "0", msg, data, payload, cap.name, order_no, sandbox, example)
        message, action = describe_error(reply.code, reply.msg, self.lang)
        text = f"{message} — {action}" if action else message
        return Result(False, reply.code, text, {}, reply.raw, cap.name, order_no, sandbox)


# ---- one method per capability, generated from the table ------------------------------------


def _signature(cap: Capability) -> inspect.Signature:
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for spec in cap.files:
        params.append(
            inspect.Parameter(
                spec.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation="str | PathLike"
            )
        )
    if cap.labels is not None:
        params.append(
            inspect.Parameter(
                cap.labels.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation="str | list[str]",
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
    return inspect.Signature(params, return_annotation="Result")


def _method(cap: Capability) -> Callable[..., Result]:
    signature = _signature(cap)

    def method(self: Client, *args: Any, **kwargs: Any) -> Result:
        try:
            bound = signature.bind(self, *args, **kwargs)
        except TypeError as exc:
            raise InputError(f"{cap.name}: {exc}") from None
        bound.apply_defaults()
        arguments = bound.arguments
        return self.call(
            cap,
            [arguments[spec.name] for spec in cap.files],
            {opt.name: arguments[opt.name] for opt in cap.options},
            arguments.get(cap.labels.name) if cap.labels else None,
            arguments.get("progress"),
        )

    method.__name__ = method.__qualname__ = cap.name
    method.__signature__ = signature  # type: ignore[attr-defined]
    method.__doc__ = f"{cap.en} ({cap.zh}): {cap.host} {cap.path}. Returns a Result."
    return method


for _cap in CAPABILITIES:
    setattr(Client, _cap.name, _method(_cap))


# ---- the multi-call workflows (ekyc.workflows), built on call() ------------------------------

from .workflows import batch as _batch, journey as _journey  # noqa: E402, I001
from .workflows import web_verification_wait as _web_verification_wait  # noqa: E402

Client.journey = _journey  # type: ignore[attr-defined]
Client.batch = _batch  # type: ignore[attr-defined]
Client.web_verification_wait = _web_verification_wait  # type: ignore[attr-defined]
