"""One registry of answer kinds: what an answer means, and so how it is read and explained.

A kind is one module of this package exposing ``KIND``: how to normalise an upstream answer
into ``r.data``, how to explain ``r.data`` in plain language, how to mask it, and what ``r.data``
holds when the answer could not be read at all. Nothing in a kind module is per capability: a
row of ``ekyc.capabilities`` names its kind, and everything specific to it (fields, key fields,
aliases, sensitive fields) comes from that row.

Add a kind: write ``ekyc/kinds/<name>.py`` with a ``KIND``, and list it in ``_MODULES`` (or
call ``register`` from your own package).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..capabilities import Capability
from ..masking import mask_data

# (capability, upstream answer as a dict, requested labels) -> (r.data, unparsed pieces)
Normalise = Callable[[Capability, dict, Sequence[str] | None], tuple[dict[str, Any], list[Any]]]
# (capability, r.data, title, lang) -> (verdict line, body lines) of the explanation
Explain = Callable[[Capability, dict, str, str], tuple[str, list[str]]]


def _nothing(cap: Capability, requested: Sequence[str] | None) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, kw_only=True)
class Kind:
    name: str
    normalise: Normalise
    explain: Explain
    # r.data when the answer could not be read at all (beside "unparsed")
    empty: Callable[[Capability, Sequence[str] | None], dict[str, Any]] = _nothing
    mask: Callable[[Capability, dict], dict] = mask_data


_MODULES = (
    "compare",
    "liveness",
    "ocr",
    "labeling",
    "face_liveness",
    "live_code",
    "verification_link",
    "verification_result",
)
REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    REGISTRY[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown answer kind {name!r}; known: {', '.join(REGISTRY)}") from None


def of(cap: Capability) -> Kind:
    """The kind of ``cap``'s answers."""
    return get(cap.kind)


for _module in _MODULES:
    register(importlib.import_module(f"{__name__}.{_module}").KIND)
