"""The project's API 3.0 transport (CommonClient underneath) against the emulator over HTTP:
every action, every refusal and every network failure ends as a Reply and a Result."""

from __future__ import annotations

import base64
import logging
import socket
from collections.abc import Iterator

import pytest

from ekyc import api3_result
from ekyc.api3_transport import Api3Settings, Api3Transport, Endpoint
from ekyc.catalog_api3 import COMMON, HTML5, RESULTS
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


def settings(emu: Emulator, key: tuple[str, str] = SANDBOX_KEY_C, **extra) -> Api3Settings:
    values = {
        "TENCENTCLOUD_SECRET_ID": key[0],
        "TENCENTCLOUD_SECRET_KEY": key[1],
        "EKYC_FACEID_INTL_ENDPOINT": emu.api3_url,
        "EKYC_FACEID_ENDPOINT": emu.api3_url,
        **extra,
    }
    return Api3Settings.from_mapping(values, timeout=2.0)


def connect(s: Api3Settings) -> Api3Transport:
    t = Api3Transport(s.secret_id, s.secret_key, s.timeout)
    t.settings = s  # the endpoints and region these tests call
    return t


@pytest.fixture
def transport(emu) -> Iterator[Api3Transport]:
    t = connect(settings(emu))
    yield t
    t.close()


def call(t: Api3Transport, action: str, params: dict | None = None):
    return t.call(t.settings.intl, action, params or {}, t.settings.region)


def test_settings_from_the_environment_names():
    s = Api3Settings.from_mapping(
        {
            "TENCENTCLOUD_SECRET_ID": "AKIDx",
            "TENCENTCLOUD_SECRET_KEY": "k",
            "EKYC_FACEID_INTL_ENDPOINT": "http://127.0.0.1:8700",
            "EKYC_FACEID_ENDPOINT": "faceid.example:8443",
        }
    )
    assert s.configured and s.region == "ap-singapore"
    assert s.intl == Endpoint("http", "127.0.0.1:8700")
    assert s.china == Endpoint("https", "faceid.example:8443")
    assert "k" not in repr(s)
    half = Api3Settings.from_mapping({"TENCENTCLOUD_SECRET_ID": "AKIDx"})
    assert not half.configured
    assert Api3Settings.from_mapping({"EKYC_API3_REGION": "ap-jakarta"}).region == "ap-jakarta"
    default = Api3Settings()
    assert default.intl.host == "faceid.intl.tencentcloudapi.com"
    assert default.china.host == "faceid.tencentcloudapi.com"


@pytest.mark.parametrize("bad", ["ftp://host", "http://host/path", "http://", "ht tp://x"])
def test_bad_endpoints_are_refused_clearly(bad):
    with pytest.raises(InputError) as caught:
        Api3Settings.from_mapping({"EKYC_FACEID_INTL_ENDPOINT": bad})
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
    for lang, entry_text in (("en", COMMON[code].en), ("zh", COMMON[code].zh)):
        result = api3_result.failure(reply, "get_live_code", lang)
        assert not result.ok and result.code == code and result.sandbox
        assert result.message.startswith(entry_text)
        assert key[1] not in result.message and key[1] not in str(result.raw)


def test_stale_clock_is_explained():
    with Emulator() as emu:
        emu.advance(400)
        reply = call(connect(settings(emu)), "GetLiveCode")
        assert reply.code == "AuthFailure.SignatureExpire"
        assert "clock" in api3_result.failure(reply, "get_live_code").message


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
    entry = api3_result.code_entry(code)
    assert entry is not None
    assert api3_result.failure(reply, "get_live_code", "zh").message.startswith(entry.zh)


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
    s = Api3Settings.from_mapping(
        {
            "TENCENTCLOUD_SECRET_ID": "AKIDx",
            "TENCENTCLOUD_SECRET_KEY": "k",
            "EKYC_FACEID_INTL_ENDPOINT": f"http://127.0.0.1:{port}",
        },
        timeout=2.0,
    )
    reply = call(connect(s), "GetLiveCode")
    assert reply.code == "NETWORK" and not reply.maybe_processed
    result = api3_result.failure(reply, "get_live_code")
    assert not result.ok and "127.0.0.1" not in result.message


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
