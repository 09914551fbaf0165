"""The API 3.0 rows through the public Client against the emulator over HTTP: every method, its
scripted answers, its local refusals (nothing sent) and upstream's refusals as Results."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from ekyc import Client, MissingCredentials, Settings
from ekyc.config import KeyPair
from ekyc.errors import InputError
from ekyc.explain import explain
from ekyc.result import EXAMPLE_MARK
from ekyc.sandbox import SANDBOX_KEY_C, Emulator
from tests.support import ASSETS, jpeg, mp4, settings_for

PHOTO = str(ASSETS / "faces/person_a_1.jpg")
OTHER = str(ASSETS / "faces/person_b.jpg")
VIDEO = str(ASSETS / "video/face_pan.mp4")


def asset(rel: str) -> str:
    return str(ASSETS / rel)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def client(emu) -> Iterator[Client]:
    with Client(settings_for(emu, key_c=KeyPair(*SANDBOX_KEY_C), base_urls=emu.base_urls)) as c:
        yield c


def api3_calls(emu: Emulator) -> int:
    """Actions the API 3.0 side has answered (counted before it answers, so never late)."""
    return emu.api3.state.calls


@pytest.mark.parametrize(
    ("photo", "video", "kind", "ok", "code", "similarity"),
    [
        (PHOTO, VIDEO, "silent", True, "0", 92.5),
        (OTHER, VIDEO, "silent", True, "0", 31.2),
        (
            PHOTO,
            asset("video/face_short.mp4"),
            "silent",
            False,
            "FailedOperation.SilentTooShort",
            None,
        ),
        (
            PHOTO,
            asset("video/screen_replay.mp4"),
            "silent",
            False,
            "FailedOperation.SilentPictureLiveFail",
            None,
        ),
        (
            asset("faces/no_face.jpg"),
            VIDEO,
            "silent",
            False,
            "FailedOperation.LifePhotoDetectNoFaces",
            None,
        ),
    ],
)
def test_compare_face_liveness_on_samples(client, photo, video, kind, ok, code, similarity):
    result = client.compare_face_liveness(photo, video, liveness_type=kind)
    assert (result.ok, result.code) == (ok, code)
    assert result.sandbox  # the emulator's answers say so, even to a client that thinks it is live
    if ok:
        assert result.data["similarity"] == similarity
        frame = base64.b64decode(result.data["bestFrameBase64"])
        assert frame == (ASSETS / "video/face_pan_frame.jpg").read_bytes()
    else:
        assert "—" in result.message  # the reason, then what to do


def test_verdicts_are_explained_in_both_languages(client):
    same = client.compare_face_liveness(PHOTO, VIDEO)
    assert explain(same, "en").startswith("✅ **Live, and the same person** (92.5)")
    other = client.compare_face_liveness(OTHER, VIDEO)
    assert explain(other, "zh").startswith("❌ **活体检测通过，但不是同一人**（31.2）")
    short = client.compare_face_liveness(PHOTO, asset("video/face_short.mp4"))
    assert short.message.startswith("The video is too short (2 s or more needed) — Record")


def test_an_unknown_file_gets_no_verdict(client, tmp_path):
    mine = jpeg(tmp_path / "me.jpg")
    result = client.compare_face_liveness(str(mine), VIDEO)
    assert result.ok and result.example and result.sandbox
    text = explain(result, "en")
    assert "judges nothing about it" in text.splitlines()[0]
    assert "✅" not in text and "❌" not in text
    assert EXAMPLE_MARK in result.data["description"]


def test_action_mode_and_local_refusals(client, emu, tmp_path):
    acted = client.compare_face_liveness(PHOTO, VIDEO, liveness_type="ACTION", actions="4,2")
    assert acted.code == "FailedOperation.ActionFirstAction"  # the sample shows no action
    before = api3_calls(emu)
    with pytest.raises(InputError, match="ACTION liveness needs one or two actions"):
        client.compare_face_liveness(PHOTO, VIDEO, liveness_type="action")
    with pytest.raises(InputError, match="takes no action sequence"):
        client.compare_face_liveness(PHOTO, VIDEO, actions="4,2")
    with pytest.raises(InputError, match="must be one of"):
        client.compare_face_liveness(PHOTO, VIDEO, actions="5")
    with pytest.raises(InputError, match="must be one of"):
        client.compare_face_liveness(PHOTO, VIDEO, liveness_type="lip")  # China site only
    with pytest.raises(InputError):
        client.compare_face_liveness(VIDEO, VIDEO)  # a video where the photo belongs
    big = mp4(tmp_path / "long.mp4", seconds=10, padding=6_500_000)  # > 8 MB as base64
    with pytest.raises(InputError, match="at most 8 MB") as caught:
        client.compare_face_liveness(PHOTO, str(big))
    assert "MB" in caught.value.text("zh")
    assert api3_calls(emu) == before  # nothing was sent


def test_live_code_then_lip_mode(client, emu):
    code = client.get_live_code()
    assert code.ok and len(code.data["liveCode"]) == 4
    assert explain(code, "en").startswith("✅ **Code to read aloud:")
    lip = client.liveness_compare(
        PHOTO, VIDEO, liveness_type="lip", validate_data=code.data["liveCode"]
    )
    assert lip.code == "FailedOperation.LipVoiceDetect"  # the sample clip has no sound
    silent = client.liveness_compare(PHOTO, VIDEO)
    assert silent.ok and silent.data["similarity"] == 92.5
    before = api3_calls(emu)
    with pytest.raises(InputError, match="LIP liveness needs the 4-digit code"):
        client.liveness_compare(PHOTO, VIDEO, liveness_type="lip")
    with pytest.raises(InputError, match="not in the expected form"):
        client.liveness_compare(PHOTO, VIDEO, liveness_type="lip", validate_data="12345")
    assert api3_calls(emu) == before


def test_html5_flow_through_the_client(client, emu):
    started = client.web_verification_start(PHOTO, "https://app.example/done", language="zh-cn")
    assert started.ok
    token, url = started.data["bizToken"], started.data["verificationUrl"]
    assert started.data["expiresAt"] == pytest.approx(time.time() + 600, abs=5)
    pending = client.web_verification_result(token)
    assert pending.ok and pending.data["status"] == "pending"
    assert requests.get(url, timeout=5).status_code == 200
    requests.post(
        emu.url + "/faceid-h5/finish",
        data={"token": token, "outcome": "retry", "reason": "1301"},
        allow_redirects=False,
        timeout=5,
    )
    requests.post(
        emu.url + "/faceid-h5/finish",
        data={"token": token, "outcome": "pass"},
        allow_redirects=False,
        timeout=5,
    )
    done = client.web_verification_result(token)
    assert done.data["status"] == "passed" and done.data["similarity"] == 92.5
    assert [a["errorCode"] for a in done.data["attempts"]] == [1301, 0]
    text = explain(done, "en")
    assert text.startswith("✅ **Verified: live and the same person** (92.5)")
    assert "attempt 1: Real person detection failed" in text


def test_html5_refusals(client, emu):
    with pytest.raises(InputError, match="redirect_url"):
        client.web_verification_start(PHOTO, "javascript:alert(1)")
    with pytest.raises(InputError):
        client.web_verification_start(PHOTO, "https://a.example", security_level="9")
    with pytest.raises(InputError):
        client.web_verification_start(PHOTO, "https://a.example", extra="x" * 1001)
    with pytest.raises(InputError, match="biz_token"):
        client.web_verification_result("not a token!")
    unknown = client.web_verification_result("00000000-0000-0000-0000-000000000000")
    assert not unknown.ok and unknown.code == "InvalidParameterValue"


def test_upstream_refusals_are_results(emu):
    wrong = settings_for(emu, key_c=KeyPair(SANDBOX_KEY_C[0], "wrong"), base_urls=emu.base_urls)
    with Client(wrong, lang="zh") as client:
        result = client.get_live_code()
    assert not result.ok and result.code == "AuthFailure.SignatureFailure"
    assert result.message.startswith("签名错误")
    emu.api3.inject("UnauthorizedOperation.Nonactivated")
    good = settings_for(emu, key_c=KeyPair(*SANDBOX_KEY_C), base_urls=emu.base_urls)
    with Client(good) as client:
        off = client.get_live_code()
    assert off.code == "UnauthorizedOperation.Nonactivated"
    assert "not activated" in off.message


def test_key_c_alone_is_a_setup_and_its_absence_is_named():
    settings = Settings.from_mapping(
        {"TENCENTCLOUD_SECRET_ID": "AKIDx", "TENCENTCLOUD_SECRET_KEY": "k", "EKYC_API3_REGION": ""}
    )
    assert settings.mode == "live" and settings.configured() == {"A": False, "B": False, "C": True}
    assert settings.api3_region == "ap-singapore"
    without = Settings.from_mapping({"KYC_APPID": "a", "KYC_SECRET": "b"})
    with Client(without) as client, pytest.raises(MissingCredentials) as caught:
        client.get_live_code()
    assert caught.value.variables == ("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY")


def test_sandboxed_client_reaches_the_api3_side():
    with Emulator() as emu, Client.sandboxed(emulator=emu) as client:
        assert client.get_live_code().ok
        assert client.settings.base_urls["faceid_intl"] == emu.url


def _finish_soon(emu, token: str, delay: float) -> threading.Thread:
    """The "phone": passes the verification after ``delay`` seconds."""

    def finish() -> None:
        time.sleep(delay)
        requests.post(
            emu.url + "/faceid-h5/finish",
            data={"token": token, "outcome": "pass"},
            allow_redirects=False,
            timeout=5,
        )

    thread = threading.Thread(target=finish, daemon=True)
    thread.start()
    return thread


def test_the_wait_returns_the_result_once_the_phone_is_done(client, emu):
    started = client.web_verification_start(PHOTO, "https://app.example/done")
    token = started.data["bizToken"]
    ticks: list[float] = []
    _finish_soon(emu, token, 0.4)
    began = time.monotonic()
    done = client.web_verification_wait(token, interval=0.1, on_wait=ticks.append)
    assert done.ok and done.data["status"] == "passed" and done.data["similarity"] == 92.5
    assert time.monotonic() - began < 3 and len(ticks) >= 2  # it asked while pending
    assert all(left <= 600 for left in ticks) and ticks == sorted(ticks, reverse=True)


def test_the_wait_gives_up_after_its_timeout_with_the_pending_answer(client):
    started = client.web_verification_start(PHOTO, "https://app.example/done")
    result = client.web_verification_wait(started.data["bizToken"], timeout=0.3, interval=0.1)
    assert result.ok and result.data["status"] == "pending"


def test_the_wait_ends_on_a_failed_call(client):
    result = client.web_verification_wait("00000000-0000-0000-0000-000000000000", interval=0.1)
    assert not result.ok
