"""The emulator over raw HTTP (``requests``): life cycle, every enforcement rule, the clock,
labeling, quota, faults and the scripted answers. Contract tests of the client live elsewhere."""

from __future__ import annotations

import base64
import hashlib
import http.client
import inspect
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import requests

from ekyc import signing
from ekyc.capabilities import BY_NAME
from ekyc.sandbox import SANDBOX_KEY_A, SANDBOX_KEY_B, Emulator, RequestRecord

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SAMPLE_DATA = ASSETS / "sample_data.json"
KEY_A_APP, KEY_A_SECRET = SANDBOX_KEY_A
KEY_B_APP, KEY_B_SECRET = SANDBOX_KEY_B
IMAGE = b"\xff\xd8\xff\xe0 not really a jpeg, the emulator never looks"
VIDEO = b"\x00\x00\x00\x18ftypisom not really a video"
# emu: a fresh emulator, for tests that change the clock, quota, faults or jobs
pytestmark = pytest.mark.emulator(processing_time=3.0)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# ---- a tiny raw client ----------------------------------------------------------------------


@dataclass
class Raw:
    """Speaks the protocol by hand, so each test can bend exactly one rule."""

    emu: Emulator
    http: requests.Session = field(default_factory=requests.Session)
    tickets: dict[tuple[str, str], str] = field(default_factory=dict)

    def url(self, host: str, path: str) -> str:
        return self.emu.base_urls[host] + path

    def token(self, host: str, app: str = KEY_A_APP, secret: str = KEY_A_SECRET) -> dict:
        params = {
            "app_id": app,
            "secret": secret,
            "grant_type": "client_credential",
            "version": "1.0.0",
        }
        return self.http.get(self.url(host, "/api/oauth2/access_token"), params=params).json()

    def ticket_answer(self, host: str, token: str, app: str = KEY_A_APP) -> dict:
        params = {"app_id": app, "access_token": token, "type": "SIGN", "version": "1.0.0"}
        return self.http.get(self.url(host, "/api/oauth2/api_ticket"), params=params).json()

    def label_ticket_answer(self, app: str = KEY_B_APP, secret: str = KEY_B_SECRET) -> dict:
        params = {"appId": app, "secret": secret}
        return self.http.get(
            self.url("kyc2", "/idap-ac/oauth2/v2/api_ticket"), params=params
        ).json()

    def ticket(self, host: str, fresh: bool = False) -> str:
        if fresh or (host, "t") not in self.tickets:
            if host == "kyc2":
                value = self.label_ticket_answer()["ticket"]
            else:
                value = self.ticket_answer(host, self.token(host)["access_token"])["tickets"][0][
                    "value"
                ]
            self.tickets[(host, "t")] = value
        return self.tickets[(host, "t")]

    def request(
        self,
        name: str,
        files: dict[str, bytes] | None = None,
        options: dict[str, Any] | None = None,
        before: dict[str, Any] | None = None,
        ticket: str | None = None,
        poll: bool = False,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        """(url, query, body) of a valid, signed request; ``before`` overrides fields pre-sign."""
        cap = BY_NAME[name]
        app = KEY_B_APP if cap.key_set == "B" else KEY_A_APP
        body: dict[str, Any] = {
            cap.appid_field: app,
            "orderNo": signing.new_order_no(),
            "nonce": signing.new_nonce(),
            "version": "1.0.0",
        }
        if cap.key_set == "B":
            body["unixTimeStamp"] = str(int(time.time()))  # real time, as a client sends
        if not poll:
            body.update(cap.fixed)
            for f in cap.files:
                body[f.wire] = b64((files or {}).get(f.wire, IMAGE))
            for opt in cap.options:
                body[opt.wire] = opt.wire_value(opt.default or opt.values[0])
            if cap.has_labels:
                body["labelList"] = "A14,B03"
            body.update(options or {})
        body.update(before or {})
        ticket = ticket or self.ticket(cap.host)
        parts = [body[cap.appid_field], body["orderNo"], body["nonce"], "1.0.0", ticket]
        if cap.key_set == "B":
            parts.append(body["unixTimeStamp"])
        body["sign"] = signing.sign(*[str(p) for p in parts])
        query = {"orderNo": body["orderNo"]} if cap.order_in_query else {}
        path = cap.poll_path if poll else cap.path
        return self.url(cap.host, path or ""), query, body

    def call(self, name: str, **kwargs: Any) -> dict:
        url, query, body = self.request(name, **kwargs)
        return self.http.post(url, params=query, json=body).json()

    def poll(self, order_no: str) -> dict:
        url, query, body = self.request("media_labeling", poll=True, before={"orderNo": order_no})
        return self.http.post(url, params=query, json=body).json()


@pytest.fixture(scope="module")
def shared() -> Iterator[Emulator]:
    """One emulator for the stateless checks (generous quota)."""
    with Emulator(quota=10_000, processing_time=0.0) as emu:
        yield emu


@pytest.fixture(scope="module")
def raw(shared: Emulator) -> Iterator[Raw]:
    client = Raw(shared)
    yield client
    client.http.close()


@pytest.fixture
def fresh(emu: Emulator) -> Iterator[Raw]:
    client = Raw(emu)
    yield client
    client.http.close()


# ---- life cycle -----------------------------------------------------------------------------


def test_start_stop_leaves_no_thread_and_frees_the_port() -> None:
    before = set(threading.enumerate())
    emu = Emulator().start()
    port = emu.port
    session = requests.Session()  # keeps its keep-alive connection open across stop()
    for _ in range(3):
        assert Raw(emu, session).token("kyc1")["code"] == "0"
    held = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    held.connect()  # an idle connection that never sends a request
    started = time.monotonic()
    emu.stop()
    assert time.monotonic() - started < 2
    assert set(threading.enumerate()) == before
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
    with pytest.raises(requests.ConnectionError):
        session.get(f"http://127.0.0.1:{port}/kyc1/api/oauth2/access_token", timeout=2)
    held.close()
    session.close()
    emu.stop()  # idempotent


def test_keep_alive_reuses_one_connection(shared: Emulator) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", shared.port, timeout=5)
    for _ in range(3):
        conn.request("GET", "/kyc1/api/oauth2/access_token?app_id=x")
        answer = conn.getresponse()
        assert answer.getheader("Connection") != "close"
        assert json.loads(answer.read())["code"] == "1107"
    conn.close()


def test_base_urls_and_records_keep_no_payload(shared: Emulator, raw: Raw) -> None:
    assert shared.base_urls == {
        **{h: f"http://127.0.0.1:{shared.port}/{h}" for h in ("kyc1", "mini", "kyc2")},
        # API 3.0 hosts are the server's root (actions at POST /)
        **{h: f"http://127.0.0.1:{shared.port}" for h in ("faceid_intl", "faceid")},
    }
    assert raw.call("bank_card_ocr")["code"] == "0"
    record = shared.requests[-1]
    expected = RequestRecord("kyc1", "call", "/api/paas/bankcardocrapp", KEY_A_APP, 200, "0")
    assert record == replace(expected, order_no=record.order_no) and record.order_no
    assert set(RequestRecord.__dataclass_fields__) == {
        "host",
        "kind",
        "path",
        "app_id",
        "status",
        "code",
        "fault",
        "order_no",
    }
    assert shared.count(kind="call", host="kyc1") >= 1
    assert shared.count(kind="token", host="kyc2") == 0


# ---- every enforcement rule gives its code --------------------------------------------------

TOKEN = "/api/oauth2/access_token"
TICKET = "/api/oauth2/api_ticket"
LABEL_TICKET = "/idap-ac/oauth2/v2/api_ticket"
GOOD_TOKEN_QUERY = {
    "app_id": KEY_A_APP,
    "secret": KEY_A_SECRET,
    "grant_type": "client_credential",
    "version": "1.0.0",
}

AUTH_CASES = [
    ("unknown appid", "kyc1", TOKEN, {"app_id": "NOSUCHAPP"}, "1101"),
    ("key B appid on kyc1", "kyc1", TOKEN, {"app_id": KEY_B_APP}, "1101"),
    ("wrong secret", "mini", TOKEN, {"secret": "nope"}, "1102"),
    ("missing secret", "kyc1", TOKEN, {"secret": None}, "1107"),
    ("version", "kyc1", TOKEN, {"version": "2.0.0"}, "1502"),
    ("grant type", "kyc1", TOKEN, {"grant_type": "password"}, "1107"),
]


@pytest.mark.parametrize(
    ("host", "path", "change", "code"), [c[1:] for c in AUTH_CASES], ids=[c[0] for c in AUTH_CASES]
)
def test_token_refusals(raw: Raw, host: str, path: str, change: dict, code: str) -> None:
    params = {k: v for k, v in {**GOOD_TOKEN_QUERY, **change}.items() if v is not None}
    answer = raw.http.get(raw.url(host, path), params=params).json()
    assert answer["code"] == code


def test_ticket_refusals(raw: Raw) -> None:
    kyc1_token = raw.token("kyc1")["access_token"]
    assert raw.ticket_answer("kyc1", "not-a-token")["code"] == "1104"
    assert raw.ticket_answer("mini", kyc1_token)["code"] == "1104"  # tokens belong to a host
    answer = raw.ticket_answer("kyc1", kyc1_token)
    assert answer["code"] == "0"
    assert answer["tickets"][0]["expire_in"] == "3600"
    params = {"app_id": KEY_A_APP, "access_token": kyc1_token, "type": "NONCE", "version": "1.0.0"}
    assert raw.http.get(raw.url("kyc1", TICKET), params=params).json()["code"] == "1107"


def test_label_ticket_refusals(raw: Raw) -> None:
    assert raw.label_ticket_answer(KEY_A_APP, KEY_A_SECRET)["code"] == "400105"
    assert raw.label_ticket_answer("NOSUCHAPP", "x")["code"] == "66660001"
    assert raw.label_ticket_answer(KEY_B_APP, "wrong")["code"] == "1102"
    missing = raw.http.get(raw.url("kyc2", LABEL_TICKET), params={"appId": KEY_B_APP}).json()
    assert missing["code"] == "400101"
    assert raw.label_ticket_answer()["code"] == "0"


SHA256_SIGN = hashlib.sha256(b"x").hexdigest().upper()
DROP = object()  # remove the field after signing


@dataclass(frozen=True)
class Case:
    id: str
    cap: str
    code: str
    # changed before signing; a callable is called when the test runs (timestamps)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)  # changed after signing
    query: dict[str, Any] = field(default_factory=dict)
    ticket_host: str | None = None  # sign with a ticket of another host


CASES = [
    Case("version", "face_compare", "1502", before={"version": "1.0.1"}),
    Case("version kyc2", "media_labeling", "1502", before={"version": "2"}),
    Case("missing appId", "face_compare", "1107", after={"appId": DROP}),
    Case(
        "appid field per table",
        "driver_license_ocr",
        "-1301",
        before={"appId": KEY_A_APP},
        after={"webankAppId": DROP},
    ),
    Case("missing image OCR", "vehicle_license_ocr", "-1301", after={"imageStr": DROP}),
    Case("missing side OCR", "id_card_ocr", "-1301", after={"cardType": DROP}),
    Case("missing nonce", "photo_liveness_detect", "1107", after={"nonce": DROP}),
    Case("missing faceInputType", "photo_liveness_detect", "1107", after={"faceInputType": DROP}),
    Case("missing timestamp kyc2", "media_labeling", "400101", after={"unixTimeStamp": DROP}),
    Case("missing file kyc2", "media_labeling", "400101", after={"fileStr": DROP}),
    Case("non-string orderNo", "bank_card_ocr", "1107", after={"orderNo": 12345}),
    Case("unknown appid", "face_compare", "1101", before={"appId": "NOSUCHAPP"}),
    Case("key B appid on mini", "face_compare", "1101", before={"appId": KEY_B_APP}),
    Case("key A appid on kyc2", "media_labeling", "400105", before={"appId": KEY_A_APP}),
    Case("unknown appid kyc2", "media_labeling", "66660001", before={"appId": "NOSUCHAPP"}),
    Case("orderNo query differs", "id_card_ocr", "1107", query={"orderNo": "other1"}),
    Case("orderNo missing in query", "face_compare", "1107", query={"orderNo": None}),
    Case("orderNo query differs kyc2", "media_labeling", "66660000", query={"orderNo": "o1"}),
    Case("orderNo too long", "bank_card_ocr", "1107", before={"orderNo": "A" * 33}),
    Case("orderNo not alnum", "bank_card_ocr", "1107", before={"orderNo": "order-1"}),
    Case("nonce too short", "bank_card_ocr", "1107", before={"nonce": "abc"}),
    Case("wrong sign", "bank_card_ocr", "1104", after={"sign": "0" * 40}),
    Case("sha256 sign", "bank_card_ocr", "1104", after={"sign": SHA256_SIGN}),
    Case("kyc1 ticket on mini", "face_compare", "1104", ticket_host="kyc1"),
    Case("mini ticket on kyc1", "id_card_ocr", "1104", ticket_host="mini"),
    Case("wrong sign kyc2", "media_labeling", "400106", after={"sign": "0" * 40}),
    Case(
        "stale timestamp",
        "media_labeling",
        "66660002",
        before={"unixTimeStamp": lambda: str(int(time.time()) - 301)},
    ),
    Case(
        "future timestamp",
        "media_labeling",
        "66660002",
        before={"unixTimeStamp": lambda: str(int(time.time()) + 400)},
    ),
    Case("cardType 2", "id_card_ocr", "-9001", before={"cardType": "2"}),
    Case("cardType as number", "id_card_ocr", "-9001", before={"cardType": 0}),
    Case("vehicle side 3", "vehicle_license_ocr", "-9001", before={"vehicleLicenseSide": "3"}),
    Case("sourcePhotoType 3", "face_compare", "1107", before={"sourcePhotoType": "3"}),
    Case("faceInputType string", "photo_liveness_detect", "1107", before={"faceInputType": "1"}),
    Case("faceInputType 3", "video_liveness_detect", "1107", before={"faceInputType": 3}),
    Case("fileType 2", "media_labeling", "400103", before={"fileType": "2"}),
    Case("doLive yes", "media_labeling", "400103", before={"doLive": "yes"}),
    Case("no label", "media_labeling", "66661019", before={"labelList": ""}),
    Case(
        "six labels", "media_labeling", "66661016", before={"labelList": "A01,A02,A04,A05,A06,A09"}
    ),
    Case("malformed label", "media_labeling", "66661020", before={"labelList": "A14,a02"}),
    Case("unknown label", "media_labeling", "66661018", before={"labelList": "A14,A03"}),
    Case(
        "data: prefix face",
        "face_compare",
        "66660016",
        before={"photoStr": "data:image/jpeg;base64," + b64(IMAGE)},
    ),
    Case(
        "line breaks face",
        "photo_liveness_detect",
        "66660016",
        before={"faceInput": b64(IMAGE * 20)[:60] + "\n" + b64(IMAGE * 20)[60:]},
    ),
    Case("bad base64 OCR", "bank_card_ocr", "-1102", before={"bankcardStr": "@@@"}),
    Case("empty image OCR", "driver_license_ocr", "-1300", before={"imageStr": ""}),
    Case("bad base64 labeling", "media_labeling", "400506", before={"fileStr": "%%%"}),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_call_refusals(raw: Raw, case: Case) -> None:
    cap = BY_NAME[case.cap]
    ticket = raw.ticket(case.ticket_host) if case.ticket_host else None
    before = {k: v() if callable(v) else v for k, v in case.before.items()}
    url, query, body = raw.request(case.cap, before=before, ticket=ticket)
    for name, value in case.after.items():
        if value is DROP:
            body.pop(name, None)
        else:
            body[name] = value
    query = {k: v for k, v in {**query, **case.query}.items() if v is not None}
    answer = raw.http.post(url, params=query, json=body)
    assert answer.status_code == 200
    assert answer.json()["code"] == case.code, answer.json()["msg"]
    assert "sandbox" in answer.json()["msg"]
    assert cap.name == case.cap


def test_replayed_nonce_is_refused(raw: Raw) -> None:
    for name, replay in (("bank_card_ocr", "1106"), ("media_labeling", "66660002")):
        url, query, body = raw.request(name, options={"labelList": "A14"})
        first = raw.http.post(url, params=query, json=body).json()
        if name == "media_labeling":
            assert first["code"] in ("0", "66660004")
        else:
            assert first["code"] == "0"
        again = raw.http.post(url, params=query, json=body).json()
        assert again["code"] == replay


def test_body_not_json_and_oversize(raw: Raw) -> None:
    url = raw.url("kyc1", BY_NAME["bank_card_ocr"].path)
    headers = {"Content-Type": "application/json"}
    assert raw.http.post(url, data=b"{not json", headers=headers).json()["code"] == "1602"
    assert raw.http.post(url, data=b"[1, 2]", headers=headers).json()["code"] == "1602"
    url_b, _, body = raw.request("bank_card_ocr")
    as_text = raw.http.post(url_b, data=json.dumps(body), headers={"Content-Type": "text/plain"})
    assert as_text.json()["code"] == "1602"
    huge = b" " * (32 * 1024 * 1024 + 1)
    assert raw.http.post(url, data=huge, headers=headers).json()["code"] == "1601"
    # the connection stays usable after an oversize body
    assert raw.call("bank_card_ocr")["code"] == "0"


def test_a_20_mib_video_fits(raw: Raw) -> None:
    video = b"\x00" * (20 * 1024 * 1024)
    answer = raw.call("video_liveness_detect", files={"faceInput": video})
    assert answer["code"] == "0"


def test_unknown_path_and_wrong_method(raw: Raw) -> None:
    missing = raw.http.get(raw.url("kyc1", "/api/nothing"))
    assert (missing.status_code, missing.json()["code"]) == (404, "1106")
    other_host = raw.http.get(f"{raw.emu.url}/elsewhere{TOKEN}")
    assert other_host.status_code == 404
    not_on_kyc2 = raw.http.get(raw.url("kyc2", TOKEN), params=GOOD_TOKEN_QUERY)
    assert not_on_kyc2.status_code == 404
    wrong = raw.http.get(raw.url("kyc1", BY_NAME["bank_card_ocr"].path))
    assert (wrong.status_code, wrong.json()["code"]) == (405, "1106")


def test_order_no_only_in_body_where_the_table_says(raw: Raw) -> None:
    for name in ("bank_card_ocr", "driver_license_ocr", "vehicle_license_ocr"):
        assert not BY_NAME[name].order_in_query
        url, query, body = raw.request(name)
        assert query == {}
        assert raw.http.post(url, json=body).json()["code"] == "0"


# ---- the clock: expiry and grace -----------------------------------------------------------


def test_clock_expires_tickets_and_tokens(emu: Emulator, fresh: Raw) -> None:
    token = fresh.token("kyc1")["access_token"]
    ticket = fresh.ticket_answer("kyc1", token)["tickets"][0]["value"]
    assert fresh.call("bank_card_ocr", ticket=ticket)["code"] == "0"
    emu.advance(3601)
    assert fresh.call("bank_card_ocr", ticket=ticket)["code"] == "1104"
    assert fresh.ticket_answer("kyc1", token)["code"] == "0"  # the token still lives
    emu.advance(7200 - 3601)
    assert fresh.ticket_answer("kyc1", token)["code"] == "1104"
    label_ticket = fresh.ticket("kyc2")
    emu.advance(3601)
    late = fresh.call("media_labeling", ticket=label_ticket)
    assert late["code"] == "400106"


def test_old_ticket_stays_valid_60_seconds_after_a_new_one(emu: Emulator, fresh: Raw) -> None:
    old = fresh.ticket("mini", fresh=True)
    new = fresh.ticket("mini", fresh=True)
    assert old != new
    emu.advance(59)
    assert fresh.call("face_compare", ticket=old)["code"] == "0"
    emu.advance(2)
    assert fresh.call("face_compare", ticket=old)["code"] == "1104"
    assert fresh.call("face_compare", ticket=new)["code"] == "0"


# ---- labeling is asynchronous --------------------------------------------------------------


def _submit(raw: Raw, **options: Any) -> tuple[str, dict]:
    url, query, body = raw.request("media_labeling", options=options)
    return body["orderNo"], raw.http.post(url, params=query, json=body).json()


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (
            "objects",
            [{"labelCode": "A14", "labelValue": "1"}, {"labelCode": "B03", "labelValue": "0"}],
        ),
        ("map", {"A14": "1", "B03": "0"}),
        ("maps", [{"A14": "1"}, {"B03": "0"}]),
        ("strings", ["A14:1", "B03:0"]),
    ],
)
def test_labeling_processes_then_answers(
    emu: Emulator, fresh: Raw, shape: str, expected: Any
) -> None:
    emu.label_shape = shape
    order_no, submitted = _submit(fresh, labelList="A14,B03")
    assert submitted["code"] == "0"
    assert submitted["orderNo"] == order_no
    assert fresh.poll(order_no)["code"] == "66661015"
    emu.advance(emu.processing_time)
    done = fresh.poll(order_no)
    assert done["code"] == "0"
    assert done["fileLabel"] == expected
    assert "liveStatus" not in done and "compareStatus" not in done  # images: left out
    assert "sandbox" in done["msg"]
    assert fresh.poll(order_no)["code"] == "0"  # fresh nonce each poll; result stays
    assert emu.count(kind="poll") == 3


def test_labeling_video_status_and_unknown_order(emu: Emulator, fresh: Raw) -> None:
    emu.processing_time = 0
    order_no, submitted = _submit(
        fresh, fileType="1", doLive="1", doCompare="0", fileStr=b64(VIDEO)
    )
    assert submitted["code"] == "0"
    done = fresh.poll(order_no)
    assert done["liveStatus"] == "1"
    assert "compareStatus" not in done
    assert fresh.poll("nosuchorder123")["code"] == "66661014"
    with pytest.raises(ValueError):
        emu.label_shape = "xml"


def test_labeling_concurrency_one_job_per_appid(emu: Emulator, fresh: Raw) -> None:
    first, answer = _submit(fresh)
    assert answer["code"] == "0"
    assert _submit(fresh)[1]["code"] == "66660004"
    emu.advance(emu.processing_time)
    assert _submit(fresh)[1]["code"] == "0"  # the first finished, even though never polled
    url, query, body = fresh.request("media_labeling", before={"orderNo": first})
    emu.advance(emu.processing_time)
    assert fresh.http.post(url, params=query, json=body).json()["code"] == "66660000"


def test_processing_time_is_read_live(emu: Emulator, fresh: Raw) -> None:
    order_no, _ = _submit(fresh)
    assert fresh.poll(order_no)["code"] == "66661015"
    emu.processing_time = 0.0
    assert fresh.poll(order_no)["code"] == "0"


# ---- quota ----------------------------------------------------------------------------------


def test_quota_exhaustion_and_reset(emu: Emulator, fresh: Raw) -> None:
    emu.quota = 2
    emu.processing_time = 0
    assert fresh.call("bank_card_ocr")["code"] == "0"
    assert fresh.call("face_compare")["code"] == "0"  # one quota per appid, across hosts
    assert fresh.call("id_card_ocr")["code"] == "400602"
    assert fresh.ticket("kyc1", fresh=True)  # auth is not counted
    assert fresh.call("id_card_ocr", before={"cardType": "9"})["code"] == "400602"
    assert emu.used(KEY_A_APP) == 2
    for _ in range(2):
        order_no, answer = _submit(fresh)
        assert answer["code"] == "0"
        assert fresh.poll(order_no)["code"] == "0"  # polls are not counted
    assert _submit(fresh)[1]["code"] == "66660003"
    emu.reset_quota()
    assert fresh.call("bank_card_ocr")["code"] == "0"
    assert _submit(fresh)[1]["code"] == "0"


def test_quota_holds_under_concurrent_calls(emu: Emulator, fresh: Raw) -> None:
    emu.quota = 5
    ticket = fresh.ticket("kyc1")
    prepared = [fresh.request("bank_card_ocr", ticket=ticket) for _ in range(16)]
    codes: list[str] = []

    def send(url: str, query: dict, body: dict) -> None:
        with requests.Session() as session:
            codes.append(session.post(url, params=query, json=body).json()["code"])

    workers = [threading.Thread(target=send, args=p) for p in prepared]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(codes) == ["0"] * 5 + ["400602"] * 11
    assert emu.used(KEY_A_APP) == 5


def test_refused_calls_are_not_charged(emu: Emulator, fresh: Raw) -> None:
    emu.quota = 1
    assert fresh.call("bank_card_ocr", before={"bankcardStr": "@@"})["code"] == "-1102"
    assert fresh.call("bank_card_ocr", before={"version": "9"})["code"] == "1502"
    assert fresh.call("bank_card_ocr")["code"] == "0"
    assert fresh.call("bank_card_ocr")["code"] == "400602"


def test_readme_states_both_default_quotas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standalone emulator allows a test key's 100 calls, the page's own sandbox 100000:
    README's settings table must say which is which, as the code has them."""
    from ekyc.sandbox import shared

    started: dict[str, Any] = {}

    def record(**kwargs: Any) -> Any:
        started.update(kwargs)
        raise RuntimeError("recorded")

    monkeypatch.delenv("EKYC_SANDBOX_QUOTA", raising=False)
    monkeypatch.setattr(shared, "_shared", None)
    monkeypatch.setattr(Emulator, "from_env", staticmethod(record))
    with pytest.raises(RuntimeError, match="recorded"):
        shared.shared_emulator()
    in_process = started["quota"]
    standalone = inspect.signature(Emulator).parameters["quota"].default
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if "`EKYC_SANDBOX_QUOTA` |" in line)
    stated = re.search(
        r"quota `(\d+)` in the page and CLI, `(\d+)`.*`python -m ekyc\.sandbox`", row
    )
    assert stated, row
    assert (int(stated[1]), int(stated[2])) == (in_process, standalone) == (100_000, 100)
    assert f"allows {standalone} business calls per appid" in readme


# ---- faults ---------------------------------------------------------------------------------


def test_busy_fault_spends_no_nonce(emu: Emulator, fresh: Raw) -> None:
    fresh.ticket("kyc1")
    fault = emu.faults.add("busy", count=2, code="999998", paths="call")
    url, query, body = fresh.request("bank_card_ocr")
    for _ in range(2):
        assert fresh.http.post(url, params=query, json=body).json()["code"] == "999998"
    assert fresh.http.post(url, params=query, json=body).json()["code"] == "0"
    assert fault.hits == 2
    assert len(emu.faults) == 0
    assert [r.fault for r in emu.requests[-3:]] == ["busy", "busy", ""]


def test_slow_and_rtt(emu: Emulator, fresh: Raw) -> None:
    fresh.ticket("kyc1")
    emu.faults.add("slow", delay=0.3)
    started = time.monotonic()
    assert fresh.call("bank_card_ocr")["code"] == "0"
    assert time.monotonic() - started >= 0.3
    emu.rtt = 0.15
    started = time.monotonic()
    assert fresh.token("mini")["code"] == "0"  # auth too
    assert time.monotonic() - started >= 0.15
    emu.rtt = 0.0


def test_http502_drop_and_truncated(emu: Emulator, fresh: Raw) -> None:
    fresh.ticket("mini")
    emu.faults.add("http502", hosts={"mini"})
    page = fresh.http.post(fresh.request("face_compare")[0], json={})
    assert page.status_code == 502
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.text.startswith("<html>")
    emu.faults.add("drop")
    url, query, body = fresh.request("face_compare")
    with pytest.raises(requests.ConnectionError):
        fresh.http.post(url, params=query, json=body)
    emu.faults.add("truncated")
    cut = fresh.http.post(url, params=query, json=body)
    assert cut.status_code == 200
    with pytest.raises(ValueError):
        cut.json()
    assert fresh.http.post(url, params=query, json=body).json()["code"] == "0"
    assert [r.status for r in emu.requests[-4:]] == [502, 0, 200, 200]


def test_fault_filters_and_rates(emu: Emulator, fresh: Raw) -> None:
    emu.faults.add("busy", rate=1.0, hosts=["kyc2"])
    emu.faults.add("busy", count=1, paths="auth", code="999997")
    assert fresh.token("kyc1")["code"] == "999997"
    assert fresh.token("kyc1")["code"] == "0"
    assert fresh.label_ticket_answer()["code"] == "999999"
    assert fresh.call("bank_card_ocr")["code"] == "0"
    emu.faults.clear()
    emu.faults.add("busy", rate=0.0)
    assert fresh.label_ticket_answer()["code"] == "0"
    with pytest.raises(ValueError):
        emu.faults.add("explode")
    with pytest.raises(ValueError):
        emu.faults.add("busy", hosts={"kyc3"})
    with pytest.raises(ValueError):
        emu.faults.add("busy", paths="everything")


def test_from_env() -> None:
    env = {
        "EKYC_SANDBOX_QUOTA": "7",
        "EKYC_SANDBOX_PROCESSING_TIME": "1.5",
        "EKYC_SANDBOX_RTT": "",
        "EKYC_SANDBOX_BUSY_RATE": "0.25",
        "EKYC_SANDBOX_SLOW_RATE": "0.5",
        "EKYC_SANDBOX_SLOW_SECONDS": "4",
        "EKYC_SANDBOX_502_RATE": "0",
    }
    emu = Emulator.from_env(env, processing_time=2.0)
    assert (emu.quota, emu.processing_time, emu.rtt) == (7, 2.0, 0.0)
    kinds = {(f.kind, f.rate, f.delay) for f in emu.faults}
    assert kinds == {("busy", 0.25, 0.0), ("slow", 0.5, 4.0)}
    with pytest.raises(ValueError, match="EKYC_SANDBOX_QUOTA"):
        Emulator.from_env({"EKYC_SANDBOX_QUOTA": "lots"})
    with pytest.raises(ValueError, match="EKYC_SANDBOX_DROP_RATE"):
        Emulator.from_env({"EKYC_SANDBOX_DROP_RATE": "2"})


def test_extra_credentials() -> None:
    with Emulator(credentials={"MYAPP": "s3cret"}) as emu:
        raw = Raw(emu)
        assert raw.token("kyc1", "MYAPP", "s3cret")["code"] == "0"
        assert raw.label_ticket_answer("MYAPP", "s3cret")["code"] == "0"
        raw.http.close()
    with Emulator(credentials={"A": {"ONLYA": "a"}, "B": {"ONLYB": "b"}}) as emu:
        raw = Raw(emu)
        assert raw.token("mini", "ONLYA", "a")["code"] == "0"
        assert raw.label_ticket_answer("ONLYA", "a")["code"] == "400105"
        assert raw.label_ticket_answer("ONLYB", "b")["code"] == "0"
        raw.http.close()


def test_standalone_prints_env_lines() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ekyc.sandbox", "--port", "0", "--quota", "5"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        lines = dict(
            line.strip().split("=", 1)
            for line in (proc.stdout.readline() for _ in range(8))
            if "=" in line
        )
        assert lines["KYC_APPID"] == KEY_A_APP
        assert lines["LABEL_SECRET"] == KEY_B_SECRET
        base = lines["EKYC_KYC1_BASE_URL"]
        assert base.startswith("http://127.0.0.1:") and base.endswith("/kyc1")
        answer = requests.get(base + TOKEN, params=GOOD_TOKEN_QUERY, timeout=5).json()
        assert answer["code"] == "0"
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0


# ---- answers --------------------------------------------------------------------------------


def test_generic_answers_for_any_other_upload(raw: Raw) -> None:
    compare = raw.call("face_compare", files={"photoStr": IMAGE, "sourcePhotoStr": IMAGE + b"!"})
    assert compare["result"] == {"similarity": "85.0"}
    # not a bundled sample: the answer says it is an example only, beside "simulated"
    assert compare["msg"] == (
        "请求成功（沙箱不认识此文件，结果仅为示例）/ sandbox: simulated answer, not recognition; "
        "sandbox: not recognised: example only"
    )
    assert set(compare) >= {"code", "msg", "bizSeqNo", "transactionTime", "orderNo", "result"}
    assert len(compare["transactionTime"]) == 14
    same = raw.call("face_compare", files={"photoStr": IMAGE, "sourcePhotoStr": IMAGE})
    assert same["result"]["similarity"] == "99.9"
    live = raw.call("video_liveness_detect", files={"faceInput": VIDEO})["result"]
    assert live == {"livenessInfoLevel": "1", "livenessInfoTag": ""}
    back = raw.call("id_card_ocr", options={"cardType": "1"})["result"]
    assert set(back) == {"authority", "validDate"}
    supplementary = raw.call("vehicle_license_ocr", options={"vehicleLicenseSide": "2"})["result"]
    assert "curbWeright" in supplementary
    assert "SAMPLE" in raw.call("driver_license_ocr")["result"]["name"]


def test_scripted_answers_from_a_synthetic_assets_folder(tmp_path: Path) -> None:
    """The mechanism, independent of the real samples: hash of a file + sample_data fields."""
    (tmp_path / "faces").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "faces" / "person_a_1.jpg").write_bytes(b"face a one")
    (tmp_path / "faces" / "person_b.jpg").write_bytes(b"face b")
    (tmp_path / "docs" / "vehicle_license_supplementary.jpg").write_bytes(b"vehicle page 2")
    fields = {"plateNo": "X1", "curbWeight": "999kg"}  # client spelling is mapped to upstream's
    sample = {
        "docs/vehicle_license_supplementary.jpg": {"fields": fields},
        "faces/person_a_2.jpg": {"sha256": hashlib.sha256(b"face a two").hexdigest()},
    }
    (tmp_path / "sample_data.json").write_text(json.dumps(sample))
    with Emulator(assets_dir=tmp_path) as emu:
        raw = Raw(emu)
        pair = {"photoStr": b"face a one", "sourcePhotoStr": b"face a two"}
        assert raw.call("face_compare", files=pair)["result"]["similarity"] == "92.5"
        pair = {"photoStr": b"face a one", "sourcePhotoStr": b"face b"}
        assert raw.call("face_compare", files=pair)["result"]["similarity"] == "31.2"
        page = {"imageStr": b"vehicle page 2"}
        answer = raw.call("vehicle_license_ocr", files=page, options={"vehicleLicenseSide": "2"})
        assert answer["result"] == {"plateNo": "X1", "curbWeright": "999kg"}
        answer = raw.call("vehicle_license_ocr", files=page, options={"vehicleLicenseSide": "1"})
        assert answer["code"] == "-9001"
        raw.http.close()


def _asset(relpath: str) -> bytes:
    return (ASSETS / relpath).read_bytes()


needs_assets = pytest.mark.skipif(
    not SAMPLE_DATA.is_file(), reason="assets/sample_data.json is not there yet"
)

# (capability, wire name -> sample, options, code, what "result" holds: its fields, the sample
# whose fields sample_data.json lists, or None for no result)
Scripted = tuple[str, dict[str, str], dict[str, str], str, Any]


def _compare(photo: str, source: str, code: str, similarity: str | None = None) -> Scripted:
    files = {"photoStr": f"faces/{photo}", "sourcePhotoStr": f"faces/{source}"}
    return "face_compare", files, {}, code, {"similarity": similarity} if similarity else None


def _liveness(name: str, face: str, code: str, level: str = "", tag: str = "") -> Scripted:
    result = {"livenessInfoLevel": level, "livenessInfoTag": tag} if level else None
    return name, {"faceInput": face}, {}, code, result


def _document(name: str, wire: str, sample: str, code: str = "0", **options: str) -> Scripted:
    return name, {wire: sample}, options, code, sample if code == "0" else None


SCRIPTED = [
    _compare("person_a_1.jpg", "person_a_2.jpg", "0", "92.5"),
    _compare("person_b.jpg", "person_a_1.jpg", "0", "31.2"),
    _compare("person_b.jpg", "person_b.jpg", "0", "99.9"),
    _compare("no_face.jpg", "person_b.jpg", "66660078"),
    _liveness("photo_liveness_detect", "faces/screen_replay.jpg", "0", "3", "03"),
    _liveness("photo_liveness_detect", "faces/person_a_1.jpg", "0", "1"),
    _liveness("photo_liveness_detect", "faces/no_face.jpg", "66660078"),
    _liveness("photo_liveness_detect", "faces/two_faces.jpg", "66660037"),
    _liveness("photo_liveness_detect", "video/face_pan.mp4", "66660016"),
    _liveness("video_liveness_detect", "video/face_pan.mp4", "0", "1"),
    _document("id_card_ocr", "idcardStr", "docs/id_card_front.jpg", cardType="0"),
    _document("id_card_ocr", "idcardStr", "docs/id_card_back.jpg", cardType="1"),
    _document("id_card_ocr", "idcardStr", "docs/id_card_back.jpg", "-9001", cardType="0"),
    _document("id_card_ocr", "idcardStr", "docs/bank_card.jpg", "66661001", cardType="0"),
    _document("bank_card_ocr", "bankcardStr", "docs/bank_card.jpg"),
    _document("driver_license_ocr", "imageStr", "docs/driver_license_main.jpg"),
    _document("driver_license_ocr", "imageStr", "docs/driver_license_supplementary.jpg", "-9005"),
    _document(
        "vehicle_license_ocr", "imageStr", "docs/vehicle_license_main.jpg", vehicleLicenseSide="1"
    ),
    _document(
        "vehicle_license_ocr",
        "imageStr",
        "docs/vehicle_license_supplementary.jpg",
        vehicleLicenseSide="2",
    ),
]


@needs_assets
@pytest.mark.parametrize(
    ("name", "files", "options", "code", "expected"),
    SCRIPTED,
    ids=[f"{s[0]}-{'+'.join(Path(p).stem for p in s[1].values())}-{s[3]}" for s in SCRIPTED],
)
def test_scripted_answers_for_the_samples(
    raw: Raw, name: str, files: dict, options: dict, code: str, expected: Any
) -> None:
    missing = [p for p in files.values() if not (ASSETS / p).is_file()]
    if missing:
        pytest.skip(f"sample not there yet: {missing}")
    data = {wire: _asset(path) for wire, path in files.items()}
    answer = raw.call(name, files=data, options=options)
    assert answer["code"] == code, answer["msg"]
    if isinstance(expected, str):  # document fields from sample_data.json
        sample = json.loads(SAMPLE_DATA.read_text(encoding="utf-8"))[expected]["fields"]
        sample = {("curbWeright" if k == "curbWeight" else k): v for k, v in sample.items()}
        assert answer["result"] == sample
        if expected.endswith("vehicle_license_supplementary.jpg"):
            assert "curbWeright" in answer["result"]
    elif expected is not None:
        assert answer["result"] == expected
    else:
        assert "result" not in answer


@needs_assets
def test_scripted_labels_for_the_hat_in_car(emu: Emulator, fresh: Raw) -> None:
    if not (ASSETS / "labels/hat_in_car.jpg").is_file():
        pytest.skip("sample not there yet")
    emu.processing_time = 0
    image = b64(_asset("labels/hat_in_car.jpg"))
    order_no, submitted = _submit(fresh, fileStr=image, labelList="A02,A14,B03,A11")
    assert submitted["code"] == "0"
    assert fresh.poll(order_no)["fileLabel"] == [
        {"labelCode": "A02", "labelValue": "0"},
        {"labelCode": "A14", "labelValue": "1"},
        {"labelCode": "B03", "labelValue": "1"},
        {"labelCode": "A11", "labelValue": ""},
    ]
