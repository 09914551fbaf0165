"""How a prepared request reaches a host: one protocol per host type (envelope, auth, signing).

A host entry of ``ekyc.capabilities.HOST_TABLE`` names its protocol; ``PROTOCOLS`` maps that
name to a factory. A protocol instance serves one host for one client (so it may cache tokens
and tickets) and turns a ``Request`` into a ``Reply`` whose ``payload`` the answer's kind reads.

Add a host type: write ``ekyc/protocols/<name>.py`` with a class satisfying ``Protocol`` and
register it in ``PROTOCOLS``; give the host entries ``protocol="<name>"``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol as _Protocol

from ..capabilities import Capability, Host
from ..config import KeyPair, Settings
from ..request import Progress, Request
from ..transport import Reply, Transport
from .api3 import Api3
from .paas import Paas


class Protocol(_Protocol):
    def call(
        self, cap: Capability, key: KeyPair, request: Request, progress: Progress | None
    ) -> tuple[Reply, str]:
        """Send ``request`` (polling an asynchronous job to its end); the reply and the
        request's id (the PaaS orderNo) for the Result."""
        ...


ProtocolFactory = Callable[[Host, Settings, Transport], Protocol]

PROTOCOLS: dict[str, ProtocolFactory] = {"paas": Paas, "api3": Api3}


def register(name: str, factory: ProtocolFactory) -> None:
    PROTOCOLS[name] = factory


def for_host(host: Host, settings: Settings, transport: Transport) -> Protocol:
    try:
        factory = PROTOCOLS[host.protocol]
    except KeyError:
        raise KeyError(f"host {host.name!r}: unknown protocol {host.protocol!r}") from None
    return factory(host, settings, transport)
