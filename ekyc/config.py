"""Settings from the process environment and a ``.env`` file.

The process environment wins over ``.env`` (python-dotenv's default), and an empty variable counts
as unset, so ``KYC_APPID= python -m ekyc ...`` really runs without Key A.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from dotenv import dotenv_values

from .capabilities import HOST_TABLE, KEY_SETS, KeySet
from .errors import InputError, MissingCredentials

Mode = Literal["live", "sandbox"]

# From the host entries of the table (ekyc.capabilities.HOST_TABLE).
UPSTREAM_BASE_URLS: dict[str, str] = {host.name: host.base_url for host in HOST_TABLE}
BASE_URL_VARIABLES: dict[str, str] = {host.name: host.base_url_variable for host in HOST_TABLE}
MIB = 1024 * 1024
DEFAULT_API3_REGION = "ap-singapore"

# name of the variable -> (attribute, type, default); the README's configuration table mirrors it.
NUMERIC_SETTINGS: dict[str, tuple[str, type, float]] = {
    "EKYC_CONNECT_TIMEOUT": ("connect_timeout", float, 5.0),
    "EKYC_READ_TIMEOUT": ("read_timeout", float, 30.0),
    "EKYC_LABEL_TIMEOUT": ("label_timeout", float, 60.0),
    "EKYC_RETRY_BACKOFF": ("retry_backoff", float, 0.5),
    "EKYC_POLL_INITIAL": ("poll_initial", float, 0.5),
    "EKYC_POLL_MAX": ("poll_max", float, 0.8),
    "EKYC_MAX_IMAGE_BASE64_BYTES": ("max_image_base64_bytes", int, 3 * MIB),
}


@dataclass(frozen=True)
class KeyPair:
    app_id: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class Settings:
    key_a: KeyPair | None = None
    key_b: KeyPair | None = None
    key_c: KeyPair | None = None  # API 3.0: SecretId as app_id, SecretKey as secret
    base_urls: dict[str, str] = field(default_factory=lambda: dict(UPSTREAM_BASE_URLS))
    mode: Mode = "live"
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    label_timeout: float = 60.0
    retry_backoff: float = 0.5
    poll_initial: float = 0.5
    poll_max: float = 0.8
    max_image_base64_bytes: int = 3 * MIB
    api3_region: str = DEFAULT_API3_REGION  # EKYC_API3_REGION: region of the API 3.0 calls

    @classmethod
    def from_env(
        cls, env_file: str | Path | None = ".env", environ: Mapping[str, str] | None = None
    ) -> Settings:
        values: dict[str, str | None] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update(dotenv_values(env_file))
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str | None]) -> Settings:
        def get(name: str) -> str | None:
            value = values.get(name)
            return value.strip() if value and value.strip() else None

        keys = {
            name: _key_pair(get(info["appid"]), get(info["secret"]))
            for name, info in KEY_SETS.items()
        }
        base_urls = {
            host: (get(var) or default).rstrip("/")
            for (host, default), var in zip(
                UPSTREAM_BASE_URLS.items(), BASE_URL_VARIABLES.values(), strict=True
            )
        }
        mode = get("EKYC_MODE")
        if mode is None:
            mode = "live" if any(keys.values()) else "sandbox"
        elif mode not in ("live", "sandbox"):
            raise InputError(f"EKYC_MODE must be 'live' or 'sandbox', not {mode!r}")
        numbers: dict[str, float | int] = {}
        for var, (attr, kind, default) in NUMERIC_SETTINGS.items():
            raw = get(var)
            try:
                numbers[attr] = kind(raw) if raw is not None else kind(default)
            except ValueError:
                raise InputError(f"{var} must be a number, not {raw!r}") from None
            if numbers[attr] <= 0:
                raise InputError(f"{var} must be positive")
        return cls(
            key_a=keys["A"],
            key_b=keys["B"],
            key_c=keys["C"],
            base_urls=base_urls,
            mode=mode,
            api3_region=get("EKYC_API3_REGION") or DEFAULT_API3_REGION,
            **numbers,
        )

    def _keys(self) -> dict[KeySet, KeyPair | None]:
        return {"A": self.key_a, "B": self.key_b, "C": self.key_c}

    def key(self, key_set: KeySet) -> KeyPair:
        """The key pair for a key set, or MissingCredentials naming what to set and where."""
        pair = self._keys().get(key_set)
        if pair is not None:
            return pair
        info = KEY_SETS[key_set]
        variables = (info["appid"], info["secret"])
        raise MissingCredentials(
            f"Key {key_set} is not configured: set {variables[0]} and {variables[1]} "
            f"(in the environment or .env; {info['en']})",
            variables,
            zh=f"未配置密钥 {key_set}：请在环境变量或 .env 中设置 {variables[0]} 和 "
            f"{variables[1]}（{info['zh']}）",
        )

    def configured(self) -> dict[KeySet, bool]:
        return {name: pair is not None for name, pair in self._keys().items()}

    def with_sandbox(
        self,
        base_urls: Mapping[str, str],
        key_a: KeyPair,
        key_b: KeyPair,
        key_c: KeyPair | None = None,
    ) -> Settings:
        return replace(
            self,
            base_urls={**self.base_urls, **base_urls},
            key_a=key_a,
            key_b=key_b,
            key_c=key_c or self.key_c,
            mode="sandbox",
        )


def _key_pair(app_id: str | None, secret: str | None) -> KeyPair | None:
    if app_id and secret:
        return KeyPair(app_id, secret)
    return None
