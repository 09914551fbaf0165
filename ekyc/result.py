"""The outcome of one capability call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Every answer of the bundled emulator says this in its ``msg``: a Result carrying it is marked
# simulated even when the emulator runs standalone and the client believes it is live.
SIMULATED_MARK = "sandbox: simulated answer, not recognition"
# A sandbox answer about a file that is not one of its bundled samples carries this: the shape of
# a real answer, never a verdict about that file.
EXAMPLE_MARK = "sandbox: not recognised: example only"


@dataclass
class Result:
    """``ok``/``code``/``message`` say how the call went; ``data`` holds normalised fields.

    ``raw`` is the upstream answer as parsed JSON (or the text of a non-JSON answer, or None when
    nothing came back). ``sandbox`` marks simulated answers from the bundled emulator;
    ``example`` marks a sandbox answer about a file it did not recognise (not a bundled sample):
    its fields show what a real answer looks like and say nothing about that file.
    """

    ok: bool
    code: str
    message: str
    data: dict[str, Any] = field(default_factory=dict)
    raw: Any = None
    capability: str = ""
    order_no: str = ""
    sandbox: bool = False
    example: bool = False
    elapsed: float | None = None  # seconds the call took, when its caller measured them

    def to_json(self) -> dict[str, Any]:
        """The CLI's ``--json`` object."""
        if self.ok and self.example:
            return {"success": True, "example_only": True, "example": self.data}
        if self.ok:
            return {"success": True, **self.data}
        return {"success": False, "code": self.code, "error": self.message}


def lookup(answer: Any, name: str) -> Any:
    """A field may sit at the top level or inside ``result``: top level first."""
    if not isinstance(answer, dict):
        return None
    if answer.get(name) not in (None, ""):
        return answer[name]
    inner = answer.get("result")
    if isinstance(inner, dict) and name in inner:
        return inner[name]
    return answer.get(name)
