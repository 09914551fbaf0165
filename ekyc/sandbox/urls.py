"""Routing: ``/<host>/<protocol path>`` -> a route, built from the table's rows and hosts.

The auth endpoints are the emulator's own protocol knowledge, per auth scheme (PROTOCOL §2-3);
which scheme a host uses, and which paths its capabilities answer on, come from the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import capabilities
from ..capabilities import Capability, Host

Kind = str  # "token" | "ticket" | "call" | "poll"
PROTOCOL = "paas"  # the host protocol (Host.protocol) these routes speak

KEY_A_TOKEN = "/api/oauth2/access_token"
KEY_A_TICKET = "/api/oauth2/api_ticket"
KEY_B_TICKET = "/idap-ac/oauth2/v2/api_ticket"

#: Auth scheme (Host.auth) -> its endpoints: (path, route kind, handler).
AUTH_ENDPOINTS: dict[str, tuple[tuple[str, Kind, str], ...]] = {
    "ticket": ((KEY_A_TOKEN, "token", "token"), (KEY_A_TICKET, "ticket", "ticket")),
    "timestamped_ticket": ((KEY_B_TICKET, "ticket", "timestamped_ticket"),),
}

#: The protocol whose hosts are routed by path here; API 3.0 hosts are answered by action at
#: ``POST /`` (``ekyc.sandbox.api3``).
ROUTED_PROTOCOL = "paas"

#: The path class a fault can target ("auth" | "call" | "poll") per route kind.
PATH_CLASS: dict[Kind, str] = {"token": "auth", "ticket": "auth", "call": "call", "poll": "poll"}


@dataclass(frozen=True)
class Route:
    host: str
    kind: Kind
    method: str
    #: The capabilities served here: several share a path (photo and video liveness are told
    #: apart by their fixed fields, faceInputType); a poll route names the capability it polls.
    capabilities: tuple[Capability, ...] = ()
    auth: str = ""  # the host's auth scheme
    handler: str = ""  # the Responder handler answering here (defaults to ``kind``)

    def __post_init__(self) -> None:
        if not self.handler:
            object.__setattr__(self, "handler", self.kind)


def build_routes(
    rows: Iterable[Capability] | None = None, hosts: Iterable[Host] | None = None
) -> dict[tuple[str, str], Route]:
    """Every route of the table (the live registry unless ``rows`` and ``hosts`` are given)."""
    rows = capabilities.CAPABILITIES if rows is None else rows
    hosts = [
        h
        for h in (capabilities.REGISTRY.hosts if hosts is None else hosts)
        if h.protocol == ROUTED_PROTOCOL
    ]
    rows = [cap for cap in rows if cap.host in {h.name for h in hosts}]
    routes: dict[tuple[str, str], Route] = {}
    # The PaaS responder serves the PaaS hosts; another host type brings its own service.
    auth = {host.name: host.auth for host in hosts if host.protocol == PROTOCOL}
    for host in hosts:
        for path, kind, handler in AUTH_ENDPOINTS.get(auth.get(host.name, ""), ()):
            routes[(host.name, path)] = Route(host.name, kind, "GET", (), host.auth, handler)
    for cap in rows:
        if cap.host not in auth:
            continue
        key = (cap.host, cap.path)
        shared = routes.get(key)
        served = (shared.capabilities if shared else ()) + (cap,)
        routes[key] = Route(cap.host, "call", "POST", served, auth[cap.host])
        if cap.poll_path:
            routes[(cap.host, cap.poll_path)] = Route(
                cap.host, "poll", "POST", (cap,), auth[cap.host]
            )
    return routes


class Router:
    """Resolves request paths; rebuilt when the table changes (rows added at run time)."""

    def __init__(self) -> None:
        self._signature: tuple = ()
        self._routes: dict[tuple[str, str], Route] = {}

    @property
    def routes(self) -> dict[tuple[str, str], Route]:
        signature = (
            *map(id, capabilities.CAPABILITIES),
            None,
            *map(id, capabilities.REGISTRY.hosts),
        )
        if signature != self._signature:
            self._routes = build_routes()
            self._signature = signature
        return self._routes

    def resolve(self, path: str) -> tuple[str, str, Route | None]:
        """(host, protocol path, route) of a request path; host "" when the prefix is unknown."""
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix not in capabilities.HOSTS:
            return "", path, None
        sub = "/" + rest
        return prefix, sub, self.routes.get((prefix, sub))


ROUTER = Router()


def resolve(path: str) -> tuple[str, str, Route | None]:
    """(host, protocol path, route) of a request path; host "" when the prefix is unknown."""
    return ROUTER.resolve(path)
