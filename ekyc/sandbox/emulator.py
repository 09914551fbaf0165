"""``Emulator``: the public face of the sandbox (start, stop, clock, settings, faults, log)."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import capabilities
from . import urls
from .answers import LABEL_SHAPES
from .api3 import SANDBOX_KEY_C, Api3Service
from .faults import Faults
from .models import RequestRecord, Settings, State
from .parsing import Incoming
from .replies import Reply
from .responses import Responder
from .scripted import Library
from .server import SandboxServer
from .urls import Route

SANDBOX_KEY_A = ("SANDBOXKYC0001", "sandbox-kyc-secret-0001")
SANDBOX_KEY_B = ("SANDBOXLBL0001", "sandbox-label-secret-0001")

#: Environment variables read by ``Emulator.from_env`` (and so by ``python -m ekyc.sandbox``).
ENV_SETTINGS = {
    "EKYC_SANDBOX_PROCESSING_TIME": ("processing_time", float),
    "EKYC_SANDBOX_QUOTA": ("quota", int),
    "EKYC_SANDBOX_RTT": ("rtt", float),
    "EKYC_SANDBOX_TOKEN_LIFETIME": ("token_lifetime", float),
    "EKYC_SANDBOX_PUBLIC_URL": ("public_url", str),
}
ENV_FAULT_RATES = {
    "EKYC_SANDBOX_BUSY_RATE": "busy",
    "EKYC_SANDBOX_502_RATE": "http502",
    "EKYC_SANDBOX_DROP_RATE": "drop",
    "EKYC_SANDBOX_SLOW_RATE": "slow",
    "EKYC_SANDBOX_TRUNCATED_RATE": "truncated",
    "EKYC_SANDBOX_ARRAY_RATE": "array",
    "EKYC_SANDBOX_TEXT_RATE": "text",
}
ENV_SLOW_SECONDS = "EKYC_SANDBOX_SLOW_SECONDS"
DEFAULT_SLOW_SECONDS = 2.0


def _credentials(extra: Mapping[str, Any] | None) -> tuple[dict[str, str], dict[str, str]]:
    """Key A and Key B registries: the sandbox pairs plus ``extra``.

    ``extra`` is either ``{"A": {appid: secret}, "B": {appid: secret}}`` or a flat
    ``{appid: secret}``, whose appids are then accepted with either credential set.
    """
    keys_a = {SANDBOX_KEY_A[0]: SANDBOX_KEY_A[1]}
    keys_b = {SANDBOX_KEY_B[0]: SANDBOX_KEY_B[1]}
    if not extra:
        return keys_a, keys_b
    if set(extra) <= {"A", "B"} and all(isinstance(v, Mapping) for v in extra.values()):
        keys_a.update({str(k): str(v) for k, v in extra.get("A", {}).items()})
        keys_b.update({str(k): str(v) for k, v in extra.get("B", {}).items()})
        return keys_a, keys_b
    for app_id, secret in extra.items():
        if not isinstance(secret, str):
            raise TypeError("credentials are {appid: secret} or {'A': {...}, 'B': {...}}")
        keys_a[str(app_id)] = secret
        keys_b[str(app_id)] = secret
    return keys_a, keys_b


class Emulator:
    """The three upstream hosts (kyc1, mini, kyc2) under path prefixes of one loopback server.

    >>> with Emulator() as emu:
    ...     sorted(emu.base_urls)
    ['faceid', 'faceid_intl', 'kyc1', 'kyc2', 'mini']
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        processing_time: float = 3.0,
        quota: int = 100,
        rtt: float = 0.0,
        credentials: Mapping[str, Any] | None = None,
        *,
        assets_dir: str | Path | None = None,
        label_shape: str = "objects",
        seed: int | None = None,
        token_lifetime: float = 600.0,
        public_url: str | None = None,
    ) -> None:
        self.host = host
        self._requested_port = port
        keys_a, keys_b = _credentials(credentials)
        self._state = State(Settings(processing_time, quota, rtt), keys_a, keys_b)
        self.label_shape = label_shape
        self.faults = Faults(seed)
        self._assets_dir = Path(assets_dir) if assets_dir is not None else None
        self._responder = Responder(self._state, Library())
        #: The API 3.0 side (faceid, Key C), on the same server at ``POST /``.
        self.api3 = Api3Service(
            self._state.now,
            token_lifetime=token_lifetime,
            assets_dir=self._assets_dir,
        )
        self._public_url = public_url
        self._server: SandboxServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lifecycle = threading.Lock()

    # ---- life cycle ----------------------------------------------------------------------

    def start(self) -> Emulator:
        """Load the samples, bind, serve in a daemon thread. Returns self."""
        with self._lifecycle:
            if self._server is not None:
                return self
            self._responder.library = Library.load(self._assets_dir)
            self._stopping.clear()
            self._server = SandboxServer((self.host, self._requested_port), self)
            self.api3.public_url = (self._public_url or _reachable_url(self)).rstrip("/")
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="ekyc-sandbox",
                daemon=True,
            )
            self._thread.start()
            return self

    def stop(self) -> None:
        """Stop serving, close every open connection, join every thread, free the port."""
        with self._lifecycle:
            server, thread = self._server, self._thread
            if server is None:
                return
            self._stopping.set()
            server.shutdown()  # no new connection is accepted after this
            server.close_connections()  # wakes and joins every connection's thread
            server.server_close()  # frees the port
            if thread is not None:
                thread.join()
            self._server = self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    # ---- the interface the HTTP layer serves through ----------------------------------------

    def pause(self, seconds: float) -> bool:
        """Sleep, waking early when stopping; True means the emulator is stopping."""
        if seconds > 0:
            return self._stopping.wait(seconds)
        return self._stopping.is_set()

    def respond(self, route: Route | None, request: Incoming) -> Reply:
        """The answer to a parsed request (refusals included); never raises for bad input."""
        return self._responder.handle(route, request)

    def envelope(self, code: str, msg: str, **extra: Any) -> dict[str, Any]:
        """Upstream's answer envelope at the emulator's time (for injected faults)."""
        return self._responder.envelope(code, msg, **extra)

    def record(self, record: RequestRecord) -> None:
        """Add a request to the log (no payloads)."""
        self._state.record(record)

    # ---- addresses -----------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the emulator is not running: call start() first")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_urls(self) -> dict[str, str]:
        """{"kyc1": "http://127.0.0.1:PORT/kyc1", ..., "faceid_intl": "http://127.0.0.1:PORT"}

        PaaS hosts sit under a path prefix; the API 3.0 hosts are the server's root.
        """
        return {
            host.name: f"{self.url}/{host.name}"
            if host.protocol == urls.ROUTED_PROTOCOL
            else self.url
            for host in capabilities.REGISTRY.hosts
        }

    @property
    def api3_url(self) -> str:
        """The API 3.0 endpoint (``EKYC_FACEID_INTL_ENDPOINT`` / ``EKYC_FACEID_ENDPOINT``)."""
        return self.url

    @property
    def key_c(self) -> tuple[str, str]:
        return SANDBOX_KEY_C

    # ---- clock and settings --------------------------------------------------------------

    def now(self) -> float:
        """The emulator clock: wall-clock time plus every ``advance``."""
        return self._state.now()

    def advance(self, seconds: float) -> None:
        """Move the clock forward: token/ticket expiry, job processing, timestamp freshness."""
        self._state.clock.advance(seconds)

    @property
    def processing_time(self) -> float:
        return self._state.settings.processing_time

    @processing_time.setter
    def processing_time(self, seconds: float) -> None:
        self._state.settings.processing_time = float(seconds)

    @property
    def rtt(self) -> float:
        return self._state.settings.rtt

    @rtt.setter
    def rtt(self, seconds: float) -> None:
        self._state.settings.rtt = float(seconds)

    @property
    def quota(self) -> int:
        return self._state.settings.quota

    @quota.setter
    def quota(self, calls: int) -> None:
        self._state.settings.quota = int(calls)

    @property
    def label_shape(self) -> str:
        return self._state.settings.label_shape

    @label_shape.setter
    def label_shape(self, shape: str) -> None:
        if shape not in LABEL_SHAPES:
            raise ValueError(f"label_shape must be one of {LABEL_SHAPES}, not {shape!r}")
        self._state.settings.label_shape = shape

    def reset_quota(self) -> None:
        self._state.reset_quota()

    def used(self, app_id: str) -> int:
        """Business calls charged to ``app_id`` so far."""
        with self._state.lock:
            return self._state.used[app_id]

    # ---- request log ---------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of the requests seen, oldest first (no payloads)."""
        with self._state.lock:
            return list(self._state.records)

    def count(self, kind: str | None = None, host: str | None = None) -> int:
        return sum(
            1
            for r in self.requests
            if (kind is None or r.kind == kind) and (host is None or r.host == host)
        )

    def clear_requests(self) -> None:
        with self._state.lock:
            self._state.records.clear()

    # ---- configuration from the environment ----------------------------------------------

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Emulator:
        """An emulator configured by ``EKYC_SANDBOX_*`` variables (keyword arguments win).

        Reads EKYC_SANDBOX_PROCESSING_TIME, EKYC_SANDBOX_QUOTA, EKYC_SANDBOX_RTT, and adds a
        rate fault for each of EKYC_SANDBOX_BUSY_RATE, EKYC_SANDBOX_502_RATE,
        EKYC_SANDBOX_DROP_RATE, EKYC_SANDBOX_SLOW_RATE (with EKYC_SANDBOX_SLOW_SECONDS, default
        2), EKYC_SANDBOX_TRUNCATED_RATE, EKYC_SANDBOX_ARRAY_RATE and EKYC_SANDBOX_TEXT_RATE.
        An empty variable counts as unset.
        """
        env = os.environ if environ is None else environ
        kwargs: dict[str, Any] = {}
        for var, (name, kind) in ENV_SETTINGS.items():
            if env.get(var):
                kwargs[name] = _parse(env, var, kind)
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        emu = cls(**kwargs)
        slow = _parse(env, ENV_SLOW_SECONDS, float) if env.get(ENV_SLOW_SECONDS) else None
        for var, kind in ENV_FAULT_RATES.items():
            if not env.get(var):
                continue
            rate = _parse(env, var, float)
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"{var} is a probability between 0 and 1, not {rate}")
            if rate > 0:
                delay = (
                    (slow if slow is not None else DEFAULT_SLOW_SECONDS) if kind == "slow" else 0
                )
                emu.faults.add(kind, rate=rate, delay=delay)
        return emu


def _reachable_url(emu: Emulator) -> str:
    """Where a phone on the same network finds the verification page.

    Bound to every address (0.0.0.0), the emulator is reached through this machine's LAN
    address, not through loopback.
    """
    if emu.host not in ("0.0.0.0", "::", ""):
        return emu.url
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: picks the outgoing address
            address = probe.getsockname()[0]
        except OSError:
            address = "127.0.0.1"
    return f"http://{address}:{emu.port}"


def _parse(env: Mapping[str, str], var: str, kind: type) -> Any:
    try:
        return kind(env[var])
    except ValueError:
        raise ValueError(f"{var} must be a {kind.__name__}, not {env[var]!r}") from None
