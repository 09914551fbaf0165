"""The API 3.0 protocol of the faceid hosts (PROTOCOL-API3): TC3 through the official SDK.

A row's ``path`` is the action (``CompareFaceLiveness``); its inputs' wire names are the action's
parameters, a dotted one (``Config.SecurityLevel``) nesting into an object. What this module
knows is the faceid API's, not a capability's: the size limits of its media parameters, the
syntax ``ValidateData`` must have for each ``LivenessType``, which parameters are integers, and
which ``Result`` values are answers (billed) rather than failures. Every check runs before the
call, so bad input costs nothing.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..api3_result import is_simulated
from ..api3_transport import Api3Transport, Endpoint
from ..capabilities import Capability, Host
from ..config import KeyPair, Settings
from ..errors import InputError
from ..request import Progress, Request
from ..result import EXAMPLE_MARK, SIMULATED_MARK
from ..transport import Reply, Transport

MIB = 1024 * 1024
#: Base64 size limits of the media parameters (PROTOCOL-API3).
MEDIA_LIMITS: dict[str, int] = {
    "ImageBase64": 3 * MIB,
    "VideoBase64": 8 * MIB,
    "CompareImageBase64": 8 * MIB,
}
INTEGER_FIELDS = frozenset({"Config.SecurityLevel", "Config.CheckMode"})
#: ValidateData per LivenessType: (syntax, English and Chinese description).
VALIDATE_DATA: dict[str, tuple[re.Pattern[str], str, str]] = {
    "ACTION": (
        re.compile(r"[1-4](,[1-4])?"),
        "one or two actions of 1-4 separated by a comma (1 open mouth, 2 blink, 3 nod, "
        "4 shake head), e.g. 4,2",
        "一到两个动作（1 张嘴、2 眨眼、3 点头、4 摇头），用逗号分隔，例如 4,2",
    ),
    "LIP": (
        re.compile(r"[0-9]{4}"),
        "the 4-digit code from get_live_code",
        "get_live_code 返回的 4 位数字验证码",
    ),
}
#: Result values that are answers (a comparison was made and billed); others are failures.
ANSWER_RESULTS = frozenset({"Success", "FailedOperation.CompareLowSimilarity"})
#: Host.auth -> whether the call carries the configured region (the China site's may not).
REGIONAL = {"tc3": True, "tc3_no_region": False}


def build_params(request: Request) -> dict[str, Any]:
    """The action's JSON parameters; raises InputError for what upstream would refuse."""
    params: dict[str, Any] = {}
    for wire, b64 in request.media.items():
        limit = MEDIA_LIMITS.get(wire)
        if limit is not None and len(b64) > limit:
            raise InputError(
                f"the file is {len(b64) / MIB:.1f} MB in base64; {wire} takes at most "
                f"{limit // MIB} MB: use a shorter or smaller file",
                zh=f"文件的 base64 大小为 {len(b64) / MIB:.1f} MB，超过上限 {limit // MIB} MB，"
                "请使用更短或更小的文件",
            )
        params[wire] = b64.decode("ascii")
    for wire, value in request.fields.items():
        if value is None or value == "":
            continue
        text = str(value)
        _put(params, wire, int(text) if wire in INTEGER_FIELDS and text.isdigit() else value)
    _check_validate_data(params)
    return params


def _put(params: dict[str, Any], wire: str, value: Any) -> None:
    *parents, name = wire.split(".")
    for parent in parents:
        params = params.setdefault(parent, {})
    params[name] = value


def _check_validate_data(params: dict[str, Any]) -> None:
    mode = params.get("LivenessType")
    if mode is None:
        return
    value = str(params.get("ValidateData") or "")
    rule = VALIDATE_DATA.get(mode)
    if rule is None:
        if value:
            raise InputError(
                f"{mode} liveness takes no action sequence or code (got {value!r})",
                zh=f"{mode} 模式不需要动作序列或验证码（收到 {value!r}）",
            )
        return
    pattern, en, zh = rule
    if not pattern.fullmatch(value):
        raise InputError(
            f"{mode} liveness needs {en}, not {value!r}"
            if value
            else f"{mode} liveness needs {en}",
            zh=f"{mode} 模式需要{zh}" + (f"，而不是 {value!r}" if value else ""),
        )


class Api3:
    """One faceid host for one client: the SDK's client for its endpoint."""

    def __init__(self, host: Host, settings: Settings, transport: Transport) -> None:
        self.host = host
        self.settings = settings
        self.endpoint = Endpoint.parse(settings.base_urls[host.name], host.base_url_variable)
        self.region = settings.api3_region if REGIONAL[host.auth] else ""
        self.lang = "en"
        self._sdk: dict[KeyPair, Api3Transport] = {}
        self._lock = threading.Lock()

    def _transport(self, key: KeyPair) -> Api3Transport:
        with self._lock:
            sdk = self._sdk.get(key)
            if sdk is None:
                sdk = Api3Transport(key.app_id, key.secret, self.settings.read_timeout)
                self._sdk[key] = sdk
            return sdk

    def call(
        self, cap: Capability, key: KeyPair, request: Request, progress: Progress | None
    ) -> tuple[Reply, str]:
        params = build_params(request)
        reply = self._transport(key).call(self.endpoint, cap.path, params, self.region)
        if is_simulated(reply) and SIMULATED_MARK not in reply.msg:
            # the sandbox, told by its answers' content (RequestId), says so like the PaaS side
            reply.msg = f"{reply.msg or 'success'} ({SIMULATED_MARK})"
            description = str((reply.payload or {}).get("Description") or "")
            if EXAMPLE_MARK in description:  # not a bundled sample: an example, no verdict
                reply.msg = f"{reply.msg}; {EXAMPLE_MARK}"
        payload = reply.payload or {}
        request_id = str(payload.get("RequestId") or "")
        result = payload.get("Result")
        if reply.ok and isinstance(result, str) and result not in ANSWER_RESULTS:
            # a failure reported in the answer (no face, too short, replayed ...): not billed
            return Reply(result, reply.msg, payload, reply.status), request_id
        return reply, request_id

    def close(self) -> None:
        with self._lock:
            for sdk in self._sdk.values():
                sdk.close()
            self._sdk.clear()
