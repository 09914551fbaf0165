"""The project's API 3.0 transport (CommonClient underneath) against the emulator over HTTP:
every action, every refusal and every network failure ends as a Reply and a Result."""

from __future__ import annotations

import base64
import logging
import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from ekyc import Settings, api3_result
from ekyc.api3_transport import Api3Transport, Endpoint
from ekyc.catalog_api3 import COMMON, HTML5, RESULTS
from ekyc.catalog_api3 import entry as entry_of
from ekyc.errors import InputError
from ekyc.sandbox import Emulator
from ekyc.sandbox.api3 import SANDBOX_KEY_C
from tests.support import ASSETS

PHOTO = base64.b64encode((ASSETS / "faces/person_a_1.jpg").read_bytes()).decode()
VIDEO = base64.b64encode((ASSETS / "video/face_pan.mp4").read_bytes()).decode()
SILENT = {"ImageBase64": PHOTO, "VideoBase64": VIDEO, "LivenessType": "SILENT"}


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@dataclass
class Target:
    """What these tests call: Key C, both endpoints (the emulator's), the region."""

    secret_id: str
    secret_key: str
    intl: Endpoint
    china: Endpoint
    region: str = "ap-singapore"
    timeout: float = 2.0


def settings(emu: Emulator, key: tuple[str, str] = SANDBOX_KEY_C) -> Target:
    endpoint = Endpoint.parse(emu.api3_url)
    return Target(key[0], key[1], endpoint, endpoint)


def connect(s: Target) -> Api3Transport:
    t = Api3Transport(s.secret_id, s.secret_key, s.timeout)
    t.settings = s  # the endpoints and region these tests call
    return t


def message(reply, lang: str = "en") -> str:
    return api3_result.describe(reply.code, reply.msg, lang)[0]


@pytest.fixture
def transport(emu) -> Iterator[Api3Transport]:
    t = connect(settings(emu))
    yield t
    t.close()


def call(t: Api3Transport, action: str, params: dict | None = None):
    return t.call(t.settings.intl, action, params or {}, t.settings.region)


def test_settings_from_the_environment_names():
    s = Settings.from_mapping(
        {
            "TENCENTCLOUD_SECRET_ID": "AKIDx",
            "TENCENTCLOUD_SECRET_KEY": "secret-key-of-set-c",
            "EKYC_FACEID_INTL_ENDPOINT": "http://127.0.0.1:8700",
            "EKYC_FACEID_ENDPOINT": "faceid.example:8443",
        }
    )
    assert (
        s.configured()["C"]
        and s.api3_region == "ap-singapore"
        and "secret-key-of-set-c" not in repr(s)
    )
    assert Endpoint.parse(s.base_urls["faceid_intl"]) == Endpoint("http", "127.0.0.1:8700")
    assert Endpoint.parse(s.base_urls["faceid"]) == Endpoint("https", "faceid.example:8443")
    assert not Settings.from_mapping({"TENCENTCLOUD_SECRET_ID": "AKIDx"}).configured()["C"]
    region = Settings.from_mapping({"EKYC_API3_REGION": "ap-jakarta"}).api3_region
    assert region == "ap-jakarta"
    default = Settings()
    assert default.base_urls["faceid_intl"] == "https://faceid.intl.tencentcloudapi.com"
    assert default.base_urls["faceid"] == "https://faceid.tencentcloudapi.com"


@pytest.mark.parametrize("bad", ["ftp://host", "http://host/path", "http://", "ht tp://x"])
def test_bad_endpoints_are_refused_clearly(bad):
    with pytest.raises(InputError) as caught:
        Endpoint.parse(bad, "EKYC_FACEID_INTL_ENDPOINT")
    assert "EKYC_FACEID_INTL_ENDPOINT" in str(caught.value)
    assert caught.value.text("zh") != str(caught.value)


def test_every_action_through_the_transport(emu, transport):
    compared = call(transport, "CompareFaceLiveness", SILENT)
    assert compared.ok and compared.payload["Result"] == "Success"
    code = transport.call(transport.settings.china, "GetLiveCode", {}, "")
    assert code.ok and len(code.payload["LiveCode"]) == 4
    lip = transport.call(
        transport.settings.china,
        "LivenessCompare",
        {**SILENT, "LivenessType": "LIP", "ValidateData": code.payload["LiveCode"]},
        "",
    )
    assert lip.payload["Result"] == "FailedOperation.LipVoiceDetect"
    started = call(
        transport,
        "ApplyWebVerificationBizTokenIntl",
        {"CompareImageBase64": PHOTO, "RedirectURL": "https://app.example/back"},
    )
    token = started.payload["BizToken"]
    pending = call(transport, "GetWebVerificationResultIntl", {"BizToken": token})
    assert pending.ok and pending.payload["ErrorCode"] is None
    assert api3_result.is_simulated(pending)


@pytest.mark.parametrize(
    ("key", "code"),
    [
        (("AKIDnobody", "nobody-secret-9"), "AuthFailure.SecretIdNotFound"),
        ((SANDBOX_KEY_C[0], "wrong-secret-9"), "AuthFailure.SignatureFailure"),
    ],
)
def test_auth_failures_become_results_in_both_languages(emu, key, code):
    t = connect(settings(emu, key))
    reply = call(t, "GetLiveCode")
    assert reply.code == code and not reply.maybe_processed
    assert api3_result.is_simulated(reply)
    for lang, entry_text in (("en", COMMON[code].en), ("zh", COMMON[code].zh)):
        assert message(reply, lang) == entry_text
        assert key[1] not in message(reply, lang) and key[1] not in str(reply.raw)


def test_stale_clock_is_explained():
    with Emulator() as emu:
        emu.advance(400)
        reply = call(connect(settings(emu)), "GetLiveCode")
        assert reply.code == "AuthFailure.SignatureExpire"
        assert "clock" in message(reply)


@pytest.mark.parametrize(
    "code",
    [
        "RequestLimitExceeded",
        "InternalError",
        "UnauthorizedOperation.Arrears",
        "UnauthorizedOperation.NonAuthorize",
        "UnauthorizedOperation.Nonactivated",
        "UnsupportedOperation",
    ],
)
def test_injected_upstream_errors_map_to_their_catalogue_entry(emu, transport, code):
    emu.api3.inject(code)
    reply = call(transport, "GetLiveCode")
    assert reply.code == code and reply.payload["Error"]["Code"] == code
    entry = entry_of(code)
    assert entry is not None
    assert message(reply, "zh") == entry.zh


def test_parameter_errors_reach_the_caller(emu, transport):
    reply = call(transport, "CompareFaceLiveness", {**SILENT, "LivenessType": "BLINK"})
    assert reply.code == "InvalidParameterValue"
    missing = call(transport, "GetWebVerificationResultIntl", {})
    assert missing.code == "MissingParameter"
    unknown = call(transport, "GetWebVerificationResultIntl", {"BizToken": "0000"})
    assert unknown.code == "InvalidParameterValue"


def test_unreachable_service_is_a_network_result_safe_to_retry():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = Endpoint("http", f"127.0.0.1:{port}")
    reply = call(connect(Target("AKIDx", "k", closed, closed)), "GetLiveCode")
    assert reply.code == "NETWORK" and not reply.maybe_processed
    assert "127.0.0.1" not in reply.msg and "127.0.0.1" not in message(reply)


def test_transport_faults(emu, transport):
    emu.api3.inject_fault("http502")
    bad_gateway = call(transport, "GetLiveCode")
    assert bad_gateway.code == "HTTP_ERROR" and "502 Bad Gateway" in bad_gateway.text
    emu.api3.inject_fault("truncated")
    assert call(transport, "GetLiveCode").code == "BAD_ANSWER"
    emu.api3.inject_fault("drop")
    dropped = call(transport, "GetLiveCode")
    assert dropped.code == "NETWORK" and dropped.maybe_processed
    emu.api3.inject_fault("slow", delay=2.3)
    slow = call(transport, "GetLiveCode")
    assert slow.code == "TIMEOUT" and slow.maybe_processed
    assert call(transport, "GetLiveCode").ok  # the next call is served normally


def test_the_sdk_never_logs_a_request_body(emu, transport, caplog):
    with caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        call(transport, "CompareFaceLiveness", SILENT)
    assert all(PHOTO[:64] not in r.getMessage() for r in caplog.records)
    assert all(SANDBOX_KEY_C[1] not in r.getMessage() for r in caplog.records)


def test_the_catalogue_covers_every_documented_code():
    pure = {
        "Success",
        "FailedOperation.CompareLowSimilarity",
        *(
            f"FailedOperation.{name}"
            for name in (
                "ActionCloseEye",
                "ActionFaceClose",
                "ActionFaceFar",
                "ActionFaceLeft",
                "ActionFaceRight",
                "ActionFirstAction",
                "ActionLightDark",
                "ActionLightStrong",
                "ActionNodetectFace",
                "ActionOpenMouth",
                "CompareFail",
                "CompareSystemError",
                "DownLoadError",
                "DownLoadTimeoutError",
                "LifePhotoDetectFaces",
                "LifePhotoDetectFake",
                "LifePhotoDetectNoFaces",
                "LifePhotoPoorQuality",
                "LifePhotoSizeError",
                "LipFaceIncomplete",
                "LipMoveSmall",
                "LipNetFailed",
                "LipSizeError",
                "LipVideoInvalid",
                "LipVideoQuaility",
                "LipVoiceDetect",
                "LipVoiceLow",
                "LipVoiceRecognize",
                "LivessBestFrameError",
                "LivessDetectFail",
                "LivessDetectFake",
                "LivessSystemError",
                "LivessUnknownError",
                "SilentDetectFail",
                "SilentEyeLiveFail",
                "SilentFaceDetectFail",
                "SilentFaceQualityFail",
                "SilentFaceWithMaskFail",
                "SilentMouthLiveFail",
                "SilentMultiFaceFail",
                "SilentPictureLiveFail",
                "SilentThreshold",
                "SilentTooShort",
                "UnKnown",
            )
        ),
    }
    assert pure <= set(RESULTS)
    html5 = {0, 1001, 1004, 1301, 1302, 1303, 1401, 2001, 2004, 2010, 2011, 2012, 2013, 2014}
    assert html5 | {2015, 2016, -999} == set(HTML5)
    billed = {c for c, e in RESULTS.items() if e.billed} | {c for c, e in HTML5.items() if e.billed}
    assert billed == {"Success", "FailedOperation.CompareLowSimilarity", 0, 2016}
    for entry in [*RESULTS.values(), *HTML5.values(), *COMMON.values()]:
        assert entry.zh and entry.en and bool(entry.action_zh) == bool(entry.action_en)
    for name in ("SecretIdNotFound", "SignatureFailure", "SignatureExpire", "InvalidAuthorization"):
        assert f"AuthFailure.{name}" in COMMON
