"""Routing: ``/<host>/<protocol path>`` -> a route, built from the capability table."""

from __future__ import annotations

from dataclasses import dataclass

from ..capabilities import CAPABILITIES, HOSTS, Capability

Kind = str  # "token" | "ticket" | "call" | "poll"

KEY_A_TOKEN = "/api/oauth2/access_token"
KEY_A_TICKET = "/api/oauth2/api_ticket"
KEY_B_TICKET = "/idap-ac/oauth2/v2/api_ticket"

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


def build_routes() -> dict[tuple[str, str], Route]:
    routes: dict[tuple[str, str], Route] = {}
    for host in ("kyc1", "mini"):
        routes[(host, KEY_A_TOKEN)] = Route(host, "token", "GET")
        routes[(host, KEY_A_TICKET)] = Route(host, "ticket", "GET")
    routes[("kyc2", KEY_B_TICKET)] = Route("kyc2", "ticket", "GET")
    for cap in CAPABILITIES:
        key = (cap.host, cap.path)
        shared = routes.get(key)
        routes[key] = Route(
            cap.host, "call", "POST", (shared.capabilities if shared else ()) + (cap,)
        )
        if cap.poll_path:
            routes[(cap.host, cap.poll_path)] = Route(cap.host, "poll", "POST", (cap,))
    return routes


ROUTES = build_routes()


def resolve(path: str) -> tuple[str, str, Route | None]:
    """(host, protocol path, route) of a request path; host "" when the prefix is unknown."""
    prefix, _, rest = path.lstrip("/").partition("/")
    if prefix not in HOSTS:
        return "", path, None
    sub = "/" + rest
    return prefix, sub, ROUTES.get((prefix, sub))
