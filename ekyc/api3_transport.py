"""API 3.0 transport: the official SDK's ``CommonClient`` signs (TC3-HMAC-SHA256) and sends.

Nothing is signed by hand here. Every outcome, the SDK's exceptions included, becomes a
``transport.Reply`` (code "0" with the ``Response`` object, or upstream's error code, or a local
pseudo-code for network trouble), so no traceback reaches a user. The SDK's own logger, which
would write request bodies (photos, videos) at DEBUG, is kept silent.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from urllib3.exceptions import NewConnectionError

from .errors import InputError
from .transport import BAD_ANSWER, HTTP_ERROR, NETWORK, TIMEOUT, Reply

SERVICE = "faceid"
VERSION = "2018-03-01"
INTL_ENDPOINT = "faceid.intl.tencentcloudapi.com"
CHINA_ENDPOINT = "faceid.tencentcloudapi.com"

_sdk_log = logging.getLogger("tencentcloud_sdk_common")
_sdk_log.propagate = False  # its DEBUG lines carry whole request bodies
_sdk_log.setLevel(logging.WARNING)


@dataclass(frozen=True)
class Endpoint:
    """Where one API 3.0 host is reached: ``protocol`` and ``host`` (``host[:port]``)."""

    protocol: str
    host: str

    @classmethod
    def parse(cls, value: str, variable: str = "endpoint") -> Endpoint:
        """``host``, ``host:port`` (HTTPS) or a URL with scheme (``http://127.0.0.1:8700``)."""
        text = value.strip()
        parts = urlsplit(text if "://" in text else f"https://{text}")
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise InputError(
                f"{variable} must be host[:port] or http(s)://host[:port], not {value!r}",
                zh=f"{variable} 应为 host[:port] 或 http(s)://host[:port]，而不是 {value!r}",
            )
        return cls(parts.scheme, parts.netloc)


class Api3Transport:
    """One ``CommonClient`` per endpoint and region, reused (its session keeps connections)."""

    def __init__(self, secret_id: str, secret_key: str, timeout: float, lang: str = "en") -> None:
        self._credential = credential.Credential(secret_id, secret_key)
        self.timeout = timeout
        self.language = "zh-CN" if lang == "zh" else "en-US"
        self._clients: dict[tuple[Endpoint, str], CommonClient] = {}
        self._lock = threading.Lock()
        self.requests_sent = 0

    def _client(self, endpoint: Endpoint, region: str) -> CommonClient:
        with self._lock:
            client = self._clients.get((endpoint, region))
            if client is None:
                http = HttpProfile(
                    protocol=endpoint.protocol,
                    endpoint=endpoint.host,
                    reqTimeout=self.timeout,
                    keepAlive=True,
                )
                profile = ClientProfile(httpProfile=http, language=self.language)
                client = CommonClient(SERVICE, VERSION, self._credential, region, profile)
                self._clients[(endpoint, region)] = client
            return client

    def call(self, endpoint: Endpoint, action: str, params: dict[str, Any], region: str) -> Reply:
        """One signed call; never raises for upstream or network trouble."""
        client = self._client(endpoint, region)
        self.requests_sent += 1
        try:
            answer = client.call_json(action, params)
        except TencentCloudSDKException as exc:
            return _sdk_failure(exc)
        except (ValueError, KeyError, TypeError):  # a 200 answer that is not API 3.0 JSON
            return Reply(BAD_ANSWER, "the answer was not an API 3.0 JSON object")
        response = answer.get("Response") if isinstance(answer, dict) else None
        if not isinstance(response, dict):
            return Reply(BAD_ANSWER, "the answer carried no Response object")
        return Reply("0", "", response, 200)

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.request.conn._session.close()
            self._clients.clear()


def _sdk_failure(exc: TencentCloudSDKException) -> Reply:
    """An SDK exception as a Reply; the underlying network error decides retry safety."""
    code = str(exc.code or "")
    if code == "ClientNetworkError":
        cause = exc.__context__
        exc.__context__ = None  # drop the broken connection the traceback holds
        if isinstance(cause, requests.ConnectTimeout) or _never_connected(cause):
            return Reply(NETWORK, "could not reach the service")
        if isinstance(cause, requests.Timeout):
            return Reply(TIMEOUT, "the service did not answer in time", maybe_processed=True)
        return Reply(NETWORK, "could not reach the service", maybe_processed=True)
    if code == "ServerNetworkError":
        return Reply(HTTP_ERROR, "the service answered with an HTTP error", text=_snippet(exc))
    if code in ("ClientError", "ClientParamsError"):
        return Reply(BAD_ANSWER, "the request could not be built")
    payload = {"Error": {"Code": code, "Message": exc.message}, "RequestId": exc.requestId}
    return Reply(code, str(exc.message or ""), payload, 200)


def _never_connected(cause: BaseException | None) -> bool:
    if not isinstance(cause, requests.ConnectionError):
        return False
    reason = getattr(cause.args[0], "reason", None) if cause.args else None
    return isinstance(reason, NewConnectionError)


def _snippet(exc: TencentCloudSDKException) -> str:
    body = exc.message if isinstance(exc.message, bytes) else str(exc.message or "").encode()
    if body.lstrip()[:1] in (b"{", b"["):
        return f"(a JSON answer of {len(body)} bytes, not shown)"
    text = body[:200].decode("utf-8", "replace")
    return " ".join(text.replace("<", " <").split())
