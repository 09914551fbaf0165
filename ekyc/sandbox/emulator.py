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
from .environment import add_faults_from, settings_from
from .faults import Faults
from .keys import key_registries
from .models import RequestRecord, Settings, State
from .parsing import Incoming
from .replies import Reply
from .responses import Responder
from .scripted import Library
from .server import SandboxServer
from .urls import Route


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
        keys_a, keys_b = key_registries(credentials)
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
        kwargs = settings_from(env)
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        emu = cls(**kwargs)
        add_faults_from(env, emu.faults)
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
