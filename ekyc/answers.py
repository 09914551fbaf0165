"""Upstream answers out: ``r.data`` of DESIGN.md, by the answer's kind (``ekyc.kinds``).

``normalise`` never raises on JSON-ish input: what it cannot read goes under ``unparsed``.
``parse_labels`` (the labels argument in) lives in ``ekyc.labels`` and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import capabilities, kinds
from .capabilities import Capability
from .kinds.reading import maybe_json
from .labels import parse_labels

__all__ = ["normalise", "parse_labels"]


def _capability(capability: Capability | str) -> Capability:
    return capability if isinstance(capability, Capability) else capabilities.get(capability)


def _unwrap(answer: Any, unparsed: list[Any]) -> dict:
    """The answer as a dict, with a ``result`` held as a JSON string parsed."""
    if isinstance(answer, str):
        answer = maybe_json(answer)
    if not isinstance(answer, dict):
        if answer not in (None, "", [], {}):
            unparsed.append(answer)
        return {}
    inner = answer.get("result")
    if isinstance(inner, str) and isinstance(maybe_json(inner), dict):
        return {**answer, "result": maybe_json(inner)}
    return answer


def _normalise(
    capability: Capability | str, answer: Any, requested_labels: Sequence[str] | None = None
) -> dict:
    cap = _capability(capability)
    unparsed: list[Any] = []
    answer = _unwrap(answer, unparsed)
    data, more = kinds.of(cap).normalise(cap, answer, requested_labels)
    unparsed += more
    if unparsed:
        data["unparsed"] = unparsed
    return data


def normalise(
    capability: Capability | str, answer: Any, requested_labels: Sequence[str] | None = None
) -> dict[str, Any]:
    """``r.data`` for an upstream answer (DESIGN.md "The public Python API").

    Fields are looked up at the top level first, then inside ``result``. Only fields present in
    the answer appear (empty strings kept). Never raises for any JSON-ish ``answer``; raises
    ``KeyError`` only for an unknown capability name.
    """
    cap = _capability(capability)
    try:
        return _normalise(cap, answer, requested_labels)
    except Exception:  # last resort: an answer is never worth a traceback
        return {**kinds.of(cap).empty(cap, requested_labels), "unparsed": [answer]}
