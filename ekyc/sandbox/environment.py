"""The ``EKYC_SANDBOX_*`` variables: the emulator's settings and faults from the environment.

Kept apart from ``Emulator`` so that ``python -m ekyc.sandbox`` and the page's shared emulator
read the same variables the same way, and a bad value is refused with the variable's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .faults import Faults

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


def settings_from(env: Mapping[str, str]) -> dict[str, Any]:
    """``Emulator`` keyword arguments from the variables set (an empty one counts as unset)."""
    return {
        name: _parse(env, var, kind) for var, (name, kind) in ENV_SETTINGS.items() if env.get(var)
    }


def add_faults_from(env: Mapping[str, str], faults: Faults) -> None:
    """A rate fault for each ``EKYC_SANDBOX_*_RATE`` set above zero."""
    slow = _parse(env, ENV_SLOW_SECONDS, float) if env.get(ENV_SLOW_SECONDS) else None
    for var, kind in ENV_FAULT_RATES.items():
        if not env.get(var):
            continue
        rate = _parse(env, var, float)
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"{var} is a probability between 0 and 1, not {rate}")
        if rate > 0:
            delay = (slow if slow is not None else DEFAULT_SLOW_SECONDS) if kind == "slow" else 0
            faults.add(kind, rate=rate, delay=delay)


def _parse(env: Mapping[str, str], var: str, kind: type) -> Any:
    try:
        return kind(env[var])
    except ValueError:
        raise ValueError(f"{var} must be a {kind.__name__}, not {env[var]!r}") from None
