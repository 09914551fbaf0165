"""The baseline: what the original per-call scripts do, kept minimal on purpose.

- a fresh access token and SIGN ticket before every call (Key A: two GETs, Key B: one GET),
  with module-level ``requests.get``/``requests.post``, so no connection is ever reused;
- the signature from ``ekyc.signing`` (the same rule, so upstream accepts both clients);
- the file's bytes sent as they are: read, base64, ``json=`` (``json.dumps`` then encode);
- labeling: submit, then ``sleep(5)`` before each poll, at most 3 polls, then give up.

It only knows the endpoints the bench uses. Nothing here is imported by the ``ekyc`` package.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from typing import Any

import requests

from ekyc.signing import VERSION, new_nonce, new_order_no, sign_key_a, sign_key_b, unix_timestamp

TIMEOUT = 30
POLL_SLEEP = 5.0
MAX_POLLS = 3
STILL_PROCESSING = "66661015"

# name -> (host, path, orderNo in the query, appid field, media field, fixed fields)
ENDPOINTS: dict[str, tuple[str, str, bool, str, str, dict[str, Any]]] = {
    "bank_card_ocr": ("kyc1", "/api/paas/bankcardocrapp", False, "appId", "bankcardStr", {}),
    "driver_license_ocr": (
        "mini",
        "/api/v2/ocrpaas/driverlicenseupload",
        False,
        "webankAppId",
        "imageStr",
        {},
    ),
    "photo_liveness_detect": (
        "kyc1",
        "/api/v2/paas/detectAIFakeFace",
        True,
        "appId",
        "faceInput",
        {"faceInputType": 1},
    ),
    "video_liveness_detect": (
        "kyc1",
        "/api/v2/paas/detectAIFakeFace",
        True,
        "appId",
        "faceInput",
        {"faceInputType": 2},
    ),
}
LABEL_SUBMIT = "/idap-ac/server/fileModeration"
LABEL_POLL = "/idap-ac/server/getFileModeration"


@dataclass
class Answer:
    code: str
    payload: dict[str, Any]
    polls: int = 0

    @property
    def ok(self) -> bool:
        return self.code == "0"


def encode_body(fields: dict[str, Any]) -> bytes:
    """What ``requests.post(json=...)`` does with a body: ``json.dumps``, then UTF-8 bytes."""
    return json.dumps(fields).encode("utf-8")


def prepare(path: str, media_field: str, fields: dict[str, Any]) -> bytes:
    """The baseline's preparation of one upload: read, base64, JSON (no checks at all)."""
    with open(path, "rb") as f:
        data = f.read()
    body = dict(fields)
    body[media_field] = base64.b64encode(data).decode("ascii")
    return encode_body(body)


class BaselineClient:
    def __init__(
        self, base_urls: dict[str, str], key_a: tuple[str, str], key_b: tuple[str, str]
    ) -> None:
        self.base_urls = base_urls
        self.key_a = key_a
        self.key_b = key_b
        self.last_body_bytes = 0

    # ---- auth, every time ---------------------------------------------------------------

    def _ticket_a(self, host: str) -> str:
        base = self.base_urls[host]
        app_id, secret = self.key_a
        token = requests.get(
            f"{base}/api/oauth2/access_token",
            params={
                "app_id": app_id,
                "secret": secret,
                "grant_type": "client_credential",
                "version": VERSION,
            },
            timeout=TIMEOUT,
        ).json()["access_token"]
        reply = requests.get(
            f"{base}/api/oauth2/api_ticket",
            params={"app_id": app_id, "access_token": token, "type": "SIGN", "version": VERSION},
            timeout=TIMEOUT,
        ).json()
        return str(reply["tickets"][0]["value"])

    def _ticket_b(self) -> str:
        app_id, secret = self.key_b
        reply = requests.get(
            f"{self.base_urls['kyc2']}/idap-ac/oauth2/v2/api_ticket",
            params={"appId": app_id, "secret": secret},
            timeout=TIMEOUT,
        ).json()
        return str(reply.get("ticket") or reply["result"]["ticket"])

    def _post(self, url: str, params: dict[str, str], body: bytes) -> Answer:
        self.last_body_bytes = len(body)
        reply = requests.post(
            url,
            params=params,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
        payload = reply.json()
        return Answer(str(payload.get("code")), payload)

    # ---- capabilities 1-7 ---------------------------------------------------------------

    def call(self, name: str, path: str) -> Answer:
        host, api_path, order_in_query, appid_field, media_field, fixed = ENDPOINTS[name]
        ticket = self._ticket_a(host)
        app_id = self.key_a[0]
        order_no, nonce = new_order_no(), new_nonce()
        fields: dict[str, Any] = {
            appid_field: app_id,
            "orderNo": order_no,
            "nonce": nonce,
            "version": VERSION,
            "sign": sign_key_a(app_id, order_no, nonce, ticket),
            **fixed,
        }
        body = prepare(path, media_field, fields)
        params = {"orderNo": order_no} if order_in_query else {}
        return self._post(self.base_urls[host] + api_path, params, body)

    # ---- media labeling -----------------------------------------------------------------

    def _label_fields(self, order_no: str) -> dict[str, Any]:
        app_id = self.key_b[0]
        ticket = self._ticket_b()
        nonce, now = new_nonce(), unix_timestamp()
        return {
            "appId": app_id,
            "orderNo": order_no,
            "nonce": nonce,
            "version": VERSION,
            "unixTimeStamp": now,
            "sign": sign_key_b(app_id, order_no, nonce, ticket, now),
        }

    def media_labeling(self, path: str, labels: str) -> Answer:
        base = self.base_urls["kyc2"]
        order_no = new_order_no("label")
        fields = self._label_fields(order_no)
        fields.update(
            {"fileType": "0", "doLive": "1", "doCompare": "1", "labelList": labels},
        )
        submitted = self._post(
            base + LABEL_SUBMIT, {"orderNo": order_no}, prepare(path, "fileStr", fields)
        )
        if not submitted.ok:
            return submitted
        answer = submitted
        for poll in range(1, MAX_POLLS + 1):
            time.sleep(POLL_SLEEP)
            body = encode_body(self._label_fields(order_no))
            answer = self._post(base + LABEL_POLL, {"orderNo": order_no}, body)
            answer.polls = poll
            if answer.code != STILL_PROCESSING:
                return answer
        return answer  # still processing after 3 polls: the script gives up
