"""The emulator's Key A and Key B: the bundled sandbox pairs, plus any a test adds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SANDBOX_KEY_A = ("SANDBOXKYC0001", "sandbox-kyc-secret-0001")
SANDBOX_KEY_B = ("SANDBOXLBL0001", "sandbox-label-secret-0001")


def key_registries(extra: Mapping[str, Any] | None) -> tuple[dict[str, str], dict[str, str]]:
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
