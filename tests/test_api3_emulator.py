"""The emulator's API 3.0 side against the official SDK's CommonClient (an independent client)
and raw HTTP: TC3 verification, every action, every documented refusal, the HTML5 page."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from ekyc.result import EXAMPLE_MARK, SIMULATED_MARK
from ekyc.sandbox import Emulator
from ekyc.sandbox.api3 import SANDBOX_KEY_C, tc3
from tests.support import ASSETS, jpeg, mp4_bytes

REDIRECT = "https://app.example/done?x=1"


def b64(rel: str) -> str:
    return base64.b64encode((ASSETS / rel).read_bytes()).decode()


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(token_lifetime=60) as emulator:
        yield emulator


def sdk(
    emu: Emulator,
    key: tuple[str, str] = SANDBOX_KEY_C,
    version: str = "2018-03-01",
    region: str = "ap-singapore",
) -> CommonClient:
    http = HttpProfile(protocol="http", endpoint=urlsplit(emu.api3_url).netloc)
    profile = ClientProfile(httpProfile=http, language="en-US")
    return CommonClient("faceid", version, credential.Credential(*key), region, profile)


def refused(call, *args) -> str:
    with pytest.raises(TencentCloudSDKException) as caught:
        call(*args)
    assert SIMULATED_MARK in caught.value.message
    assert caught.value.requestId.startswith("sandbox-")
    return caught.value.code


# ---- TC3: the emulator's own implementation agrees with the SDK's signer -----------------------


def test_signature_matches_the_sdk_signer_and_the_documented_steps():
    from tencentcloud.common.sign import Sign

    body = b'{"LivenessType":"SILENT"}'
    headers = {"content-type": "application/json", "host": "faceid.intl.tencentcloudapi.com"}
    ts = 1_700_000_000
    ours = tc3.signature("secret", "POST", "/", "", headers, ["content-type", "host"], body, ts)
    import hashlib

    canonical = (
        "POST\n/\n\ncontent-type:application/json\nhost:faceid.intl.tencentcloudapi.com\n\n"
        "content-type;host\n" + hashlib.sha256(body).hexdigest()
    )
    to_sign = (
        f"TC3-HMAC-SHA256\n{ts}\n2023-11-14/faceid/tc3_request\n"
        + hashlib.sha256(canonical.encode()).hexdigest()
    )
    assert ours == Sign.sign_tc3("secret", "2023-11-14", "faceid", to_sign)
    assert ours != tc3.signature("secret", "POST", "/", "", headers, ["host"], body, ts)


# ---- every action through the SDK ------------------------------------------------------------


@pytest.mark.parametrize(
    ("photo", "video", "kind", "expected", "sim"),
    [
        ("faces/person_a_1.jpg", "video/face_pan.mp4", "SILENT", "Success", 92.5),
        (
            "faces/person_b.jpg",
            "video/face_pan.mp4",
            "SILENT",
            "FailedOperation.CompareLowSimilarity",
            31.2,
        ),
        (
            "faces/person_a_1.jpg",
            "video/face_short.mp4",
            "SILENT",
            "FailedOperation.SilentTooShort",
            0,
        ),
        (
            "faces/person_a_2.jpg",
            "video/screen_replay.mp4",
            "SILENT",
            "FailedOperation.SilentPictureLiveFail",
            0,
        ),
        (
            "faces/no_face.jpg",
            "video/face_pan.mp4",
            "SILENT",
            "FailedOperation.LifePhotoDetectNoFaces",
            0,
        ),
        (
            "faces/person_a_1.jpg",
            "video/no_face.mp4",
            "SILENT",
            "FailedOperation.SilentFaceDetectFail",
            0,
        ),
        (
            "faces/person_a_1.jpg",
            "video/face_pan.mp4",
            "ACTION",
            "FailedOperation.ActionFirstAction",
            0,
        ),
    ],
)
def test_compare_face_liveness_scripted(emu, photo, video, kind, expected, sim):
    params = {"ImageBase64": b64(photo), "VideoBase64": b64(video), "LivenessType": kind}
    if kind == "ACTION":
        params["ValidateData"] = "4,2"
    answer = sdk(emu).call_json("CompareFaceLiveness", params)["Response"]
    assert answer["Result"] == expected
    assert answer["Sim"] == sim
    assert SIMULATED_MARK in answer["Description"]
    assert EXAMPLE_MARK not in answer["Description"]
    frame = answer["BestFrameBase64"]
    if sim:
        assert base64.b64decode(frame) == (ASSETS / "video/face_pan_frame.jpg").read_bytes()
    else:
        assert frame is None


def test_unknown_files_get_an_example_never_a_verdict(emu, tmp_path):
    photo = base64.b64encode(jpeg(tmp_path / "me.jpg").read_bytes()).decode()
    video = base64.b64encode(mp4_bytes(3)).decode()
    for pair in [(photo, b64("video/face_pan.mp4")), (b64("faces/person_a_1.jpg"), video)]:
        answer = sdk(emu).call_json(
            "CompareFaceLiveness",
            {"ImageBase64": pair[0], "VideoBase64": pair[1], "LivenessType": "SILENT"},
        )["Response"]
        assert EXAMPLE_MARK in answer["Description"]


def test_liveness_compare_modes_and_best_frames(emu):
    client = sdk(emu, region="")
    code = client.call_json("GetLiveCode", {})["Response"]["LiveCode"]
    assert len(code) == 4 and code.isdigit()
    base = {"ImageBase64": b64("faces/person_a_1.jpg"), "VideoBase64": b64("video/face_pan.mp4")}
    lip = client.call_json("LivenessCompare", {**base, "LivenessType": "LIP", "ValidateData": code})
    assert lip["Response"]["Result"] == "FailedOperation.LipVoiceDetect"  # the clip is silent
    silent = client.call_json(
        "LivenessCompare", {**base, "LivenessType": "SILENT", "Optional": '{"BestFrameNum": 3}'}
    )["Response"]
    assert silent["Result"] == "Success" and len(silent["BestFrameList"]) == 3
    with pytest.raises(TencentCloudSDKException) as bad:
        client.call_json("LivenessCompare", {**base, "LivenessType": "LIP", "ValidateData": "12a4"})
    assert bad.value.code == "InvalidParameterValue"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"LivenessType": "SILENT"}, "MissingParameter"),
        ({"LivenessType": "LIP"}, "InvalidParameterValue"),  # international call: no LIP
        ({"LivenessType": "ACTION", "ValidateData": "5"}, "InvalidParameterValue"),
        ({"LivenessType": "ACTION", "ValidateData": "1,2,3"}, "InvalidParameterValue"),
        ({"LivenessType": "SILENT", "Colour": "red"}, "UnknownParameter"),
    ],
)
def test_compare_face_liveness_parameter_checks(emu, params, code):
    full = {"ImageBase64": b64("faces/person_a_1.jpg"), **params}
    if code != "MissingParameter":
        full["VideoBase64"] = b64("video/face_pan.mp4")
    assert refused(sdk(emu).call_json, "CompareFaceLiveness", full) == code


def test_media_limits_and_formats(emu):
    video = b64("video/face_pan.mp4")
    big = "A" * (3 * 1024 * 1024 + 4)
    assert (
        refused(
            sdk(emu).call_json,
            "CompareFaceLiveness",
            {"ImageBase64": big, "VideoBase64": video, "LivenessType": "SILENT"},
        )
        == "InvalidParameterValue"
    )
    not_b64 = {"ImageBase64": "@@@", "VideoBase64": video, "LivenessType": "SILENT"}
    assert refused(sdk(emu).call_json, "CompareFaceLiveness", not_b64) == "InvalidParameterValue"
    swapped = sdk(emu).call_json(
        "CompareFaceLiveness",
        {"ImageBase64": video, "VideoBase64": video, "LivenessType": "SILENT"},
    )["Response"]
    assert swapped["Result"] == "FailedOperation.LifePhotoSizeError"


# ---- authentication and routing refusals -----------------------------------------------------


def test_auth_refusals_through_the_sdk(emu):
    assert refused(sdk(emu, ("AKIDnobody", "x")).call_json, "GetLiveCode", {}) == (
        "AuthFailure.SecretIdNotFound"
    )
    assert refused(sdk(emu, (SANDBOX_KEY_C[0], "wrong")).call_json, "GetLiveCode", {}) == (
        "AuthFailure.SignatureFailure"
    )
    assert refused(sdk(emu, version="2017-01-01").call_json, "GetLiveCode", {}) == "NoSuchVersion"
    assert refused(sdk(emu).call_json, "DetectAuth", {}) == "InvalidAction"
    assert refused(sdk(emu, region="mars-1").call_json, "GetLiveCode", {}) == "UnsupportedRegion"


def test_stale_timestamp_is_refused():
    with Emulator() as emu:
        emu.advance(301)
        assert refused(sdk(emu).call_json, "GetLiveCode", {}) == "AuthFailure.SignatureExpire"


def _raw(emu: Emulator, headers: dict[str, str], body: bytes = b"{}") -> dict:
    base = {"Content-Type": "application/json", "X-TC-Timestamp": str(int(time.time()))}
    reply = requests.post(emu.api3_url + "/", data=body, headers={**base, **headers}, timeout=5)
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "application/json"
    return reply.json()["Response"]


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({"X-TC-Action": "GetLiveCode"}, "AuthFailure.InvalidAuthorization"),
        (
            {"X-TC-Action": "GetLiveCode", "Authorization": "TC3-HMAC-SHA256 Credential=x"},
            "AuthFailure.InvalidAuthorization",
        ),
        ({"Authorization": "x"}, "MissingParameter"),
        ({"X-TC-Action": "GetLiveCode", "X-TC-Timestamp": "soon"}, "InvalidParameter"),
    ],
)
def test_malformed_requests(emu, headers, code):
    assert _raw(emu, headers)["Error"]["Code"] == code


def test_signed_headers_must_cover_content_type_and_host(emu):
    auth = (
        f"TC3-HMAC-SHA256 Credential={SANDBOX_KEY_C[0]}/2026-01-01/faceid/tc3_request, "
        "SignedHeaders=host, Signature=" + "0" * 64
    )
    answer = _raw(emu, {"X-TC-Action": "GetLiveCode", "Authorization": auth})
    assert answer["Error"]["Code"] == "AuthFailure.InvalidAuthorization"


def test_rate_limit_and_injected_errors():
    with Emulator() as emu:
        emu.api3.state.rate_limit = 2
        client = sdk(emu)
        client.call_json("GetLiveCode", {})
        client.call_json("GetLiveCode", {})
        assert refused(client.call_json, "GetLiveCode", {}) == "RequestLimitExceeded"
        emu.api3.state.rate_limit = 100
        emu.api3.inject("UnauthorizedOperation.Arrears")
        assert refused(client.call_json, "GetLiveCode", {}) == "UnauthorizedOperation.Arrears"
        assert client.call_json("GetLiveCode", {})["Response"]["LiveCode"]


# ---- the HTML5 flow: token, page, redirect, result --------------------------------------------


def _start(emu: Emulator, photo: str = "faces/person_a_1.jpg", **config) -> dict:
    params = {"CompareImageBase64": b64(photo), "RedirectURL": REDIRECT, "Extra": "order-7"}
    if config:
        params["Config"] = config
    return sdk(emu).call_json("ApplyWebVerificationBizTokenIntl", params)["Response"]


def _result(emu: Emulator, token: str) -> dict:
    answer = sdk(emu).call_json("GetWebVerificationResultIntl", {"BizToken": token})
    return answer["Response"]


def test_html5_flow_pass(emu):
    started = _start(emu, Language="zh-cn")
    token, url = started["BizToken"], started["VerificationURL"]
    assert url.startswith(emu.url + "/faceid-h5/verify?token=")
    assert _result(emu, token)["ErrorCode"] is None  # not finished yet
    page = requests.get(url, timeout=5)
    assert page.status_code == 200 and "模拟人脸核身" in page.text
    done = requests.post(
        emu.url + "/faceid-h5/finish",
        data={"token": token, "outcome": "pass"},
        allow_redirects=False,
        timeout=5,
    )
    assert done.status_code == 303
    location = urlsplit(done.headers["Location"])
    assert location.netloc == "app.example"
    assert parse_qs(location.query) == {"x": ["1"], "token": [token]}
    result = _result(emu, token)
    assert result["ErrorCode"] == 0 and result["Extra"] == "order-7"
    (attempt,) = result["VerificationDetailList"]
    assert attempt["Similarity"] == 92.5 and attempt["LivenessErrorCode"] == 0
    assert base64.b64decode(result["BestFrameBase64"])[:3] == b"\xff\xd8\xff"
    assert requests.get(url, timeout=5).status_code == 410  # finished: the link is spent


def test_html5_flow_retry_then_fail_with_a_reason(emu):
    token = _start(emu)["BizToken"]
    finish = emu.url + "/faceid-h5/finish"
    again = {"token": token, "outcome": "retry", "reason": "1303"}
    back = requests.post(finish, data=again, allow_redirects=False, timeout=5)
    assert back.headers["Location"] == f"/faceid-h5/verify?token={token}"
    assert _result(emu, token)["ErrorCode"] is None
    final = {"token": token, "outcome": "fail", "reason": "2016"}
    requests.post(finish, data=final, allow_redirects=False, timeout=5)
    result = _result(emu, token)
    assert result["ErrorCode"] == 2016
    assert [a["ErrorCode"] for a in result["VerificationDetailList"]] == [1303, 2016]
    assert result["VerificationDetailList"][1]["Similarity"] == 31.2
    assert result["BestFrameBase64"] is None


def test_html5_reference_photo_problem_wins_a_pass(emu):
    token = _start(emu, "faces/no_face.jpg")["BizToken"]
    passed = {"token": token, "outcome": "pass"}
    requests.post(emu.url + "/faceid-h5/finish", data=passed, allow_redirects=False, timeout=5)
    assert _result(emu, token)["ErrorCode"] == 2013


def test_html5_token_expires_unfinished():
    with Emulator(token_lifetime=30) as emu:
        started = _start(emu)
        emu.advance(31)
        assert _result(emu, started["BizToken"])["ErrorCode"] == -999
        assert requests.get(started["VerificationURL"], timeout=5).status_code == 410


def test_html5_start_checks(emu):
    call = sdk(emu).call_json
    photo = b64("faces/person_a_1.jpg")
    assert refused(call, "ApplyWebVerificationBizTokenIntl", {"CompareImageBase64": photo}) == (
        "MissingParameter"
    )
    bad_url = {"CompareImageBase64": photo, "RedirectURL": "javascript:alert(1)"}
    assert refused(call, "ApplyWebVerificationBizTokenIntl", bad_url) == "InvalidParameterValue"
    ocr = {"CompareImageBase64": photo, "RedirectURL": REDIRECT, "Config": {"CheckMode": 1}}
    assert refused(call, "ApplyWebVerificationBizTokenIntl", ocr) == "UnsupportedOperation"
    long_extra = {"CompareImageBase64": photo, "RedirectURL": REDIRECT, "Extra": "x" * 1001}
    assert refused(call, "ApplyWebVerificationBizTokenIntl", long_extra) == "InvalidParameterValue"
    liveness_only = call(
        "ApplyWebVerificationBizTokenIntl", {"RedirectURL": REDIRECT, "Config": {"CheckMode": 3}}
    )
    assert liveness_only["Response"]["BizToken"]
    assert refused(call, "GetWebVerificationResultIntl", {"BizToken": "nope"}) == (
        "InvalidParameterValue"
    )


def test_another_key_cannot_read_a_token():
    with Emulator() as emu:
        emu.api3.state.keys["AKIDother"] = "other-secret"
        token = _start(emu)["BizToken"]
        other = sdk(emu, ("AKIDother", "other-secret"))
        assert refused(other.call_json, "GetWebVerificationResultIntl", {"BizToken": token}) == (
            "InvalidParameterValue"
        )


def test_api3_requests_are_logged_without_payloads(emu):
    sdk(emu).call_json("GetLiveCode", {})
    record = [r for r in emu.requests if r.host == "api3"][-1]
    assert (record.status, record.code, record.path) == (200, "", "/")
    assert (record.app_id, record.order_no) == ("", "")
