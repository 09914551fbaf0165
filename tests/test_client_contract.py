"""The real Client against the emulator over HTTP on 127.0.0.1."""

from __future__ import annotations

import socket
import threading

import pytest

from ekyc import Client, MissingCredentials, capabilities
from ekyc.capabilities import CAPABILITIES
from ekyc.config import KeyPair
from tests.support import ASSETS, generic_inputs, jpeg, method_kwargs, mp4, settings_for

needs_assets = pytest.mark.skipif(
    not (ASSETS / "sample_data.json").is_file(), reason="bundled samples not generated"
)


def a(rel: str) -> str:
    return str(ASSETS / rel)


@pytest.fixture
def photo(tmp_path):
    return str(jpeg(tmp_path / "face.jpg"))


@pytest.fixture
def video(tmp_path):
    return str(mp4(tmp_path / "clip.mp4", seconds=3))


def test_every_capability_succeeds_with_a_generic_upload(client, emu, tmp_path):
    for cap in CAPABILITIES:
        files, options, labels = generic_inputs(cap, tmp_path)
        result = getattr(client, cap.name)(**method_kwargs(cap, files, options, labels))
        assert result.ok, (cap.name, result.code, result.message)
        assert result.capability == cap.name and result.code == "0"
        assert result.order_no
    # PaaS calls are counted by path, API 3.0 actions (POST /, TC3-signed, no ticket) apart
    assert emu.count("call") + emu.api3.state.calls == len(CAPABILITIES)
    # one token per ticket-scheme host, one ticket per host: kyc1, mini (A) and kyc2 (B)
    hosts = {capabilities.host(cap.host) for cap in CAPABILITIES}
    assert emu.count("token") == sum(h.auth == "ticket" for h in hosts) == 2
    assert emu.count("ticket") == sum(h.protocol == "paas" for h in hosts) == 3


@needs_assets
def test_scripted_sample_answers(client):
    same = client.face_compare(a("faces/person_a_1.jpg"), a("faces/person_a_2.jpg"))
    assert same.ok and same.data["similarity"] == pytest.approx(92.5)
    other = client.face_compare(a("faces/person_a_1.jpg"), a("faces/person_b.jpg"))
    assert other.data["similarity"] == pytest.approx(31.2)
    replay = client.photo_liveness_detect(a("faces/screen_replay.jpg"))
    assert (replay.data["riskLevel"], replay.data["riskTag"]) == ("3", "03")
    front = client.id_card_ocr(a("docs/id_card_front.jpg"), "0")
    assert front.ok and len(front.data["idcard"]) == 18
    supplementary = client.vehicle_license_ocr(a("docs/vehicle_license_supplementary.jpg"), "2")
    assert supplementary.data["curbWeight"] == supplementary.data["curbWeright"] != ""


@needs_assets
@pytest.mark.parametrize(
    "call, code",
    [
        (lambda c: c.photo_liveness_detect(a("faces/no_face.jpg")), "66660078"),
        (lambda c: c.face_compare(a("faces/two_faces.jpg"), a("faces/person_a_1.jpg")), "66660037"),
        (lambda c: c.driver_license_ocr(a("docs/driver_license_supplementary.jpg")), "-9005"),
    ],
)
def test_upstream_error_codes_become_results(client, call, code):
    result = call(client)
    assert not result.ok and result.code == code
    assert result.message and code not in ("", None)


def test_busy_codes_are_retried_with_fresh_order_numbers(client, emu, photo):
    emu.faults.add("busy", count=2, paths="call")
    result = client.bank_card_ocr(photo)
    assert result.ok
    calls = [r for r in emu.requests if r.kind == "call"]
    assert len(calls) == 3 and [r.code for r in calls[:2]] == ["999999", "999999"]
    assert len({r.order_no for r in calls}) == 3 and result.order_no == calls[-1].order_no


def test_busy_codes_exhausting_three_attempts(client, emu, photo):
    emu.faults.add("busy", count=3, paths="call")
    result = client.bank_card_ocr(photo)
    assert not result.ok and result.code == "999999"
    assert "busy" in result.message.lower()
    assert emu.count("call") == 3


def test_expired_ticket_is_refreshed_once_and_the_call_retried(client, emu, photo):
    assert client.bank_card_ocr(photo).ok
    emu.advance(7300)  # token and ticket both expired on the emulator's clock
    result = client.bank_card_ocr(photo)
    assert result.ok
    assert emu.count("token", "kyc1") == 2 and emu.count("ticket", "kyc1") == 2
    calls = [r for r in emu.requests if r.kind == "call"]
    assert [r.code for r in calls] == ["0", "1104", "0"]  # the rejected one, then the retry
    assert calls[1].order_no != calls[2].order_no


def test_non_json_502_is_a_clean_error(client, emu, photo):
    emu.faults.add("http502", count=3, paths="call")
    result = client.bank_card_ocr(photo)
    assert not result.ok and result.code == "HTTP_ERROR"
    assert "<html" not in result.message.lower()


def test_single_502_is_retried(client, emu, photo):
    emu.faults.add("http502", count=1, paths="call")
    assert client.bank_card_ocr(photo).ok


def test_labeling_pending_then_done(client, emu, photo):
    emu.processing_time = 0.4
    seen = []
    result = client.media_labeling(
        photo, ["a14", "B03", "A02"], progress=lambda stage, elapsed: seen.append(stage)
    )
    assert result.ok, result.message
    assert list(result.data["labels"]) == ["A14", "B03", "A02"]
    assert set(result.data["labels"].values()) <= {"1", "0", ""}
    polls = [r for r in emu.requests if r.kind == "poll"]
    assert len(polls) >= 2 and polls[0].code == "66661015"  # still processing, then the answer
    assert {r.order_no for r in polls} == {result.order_no}  # a poll keeps the job's orderNo
    assert seen[0] == "submitting" and seen[-1] == "done" and "processing" in seen


def test_labeling_gives_up_after_its_timeout(emu, photo):
    emu.processing_time = 60
    with Client(settings_for(emu, label_timeout=0.5)) as c:
        result = c.media_labeling(photo, "A14")
    assert not result.ok and result.code == "LABEL_TIMEOUT"


def test_ten_threads_on_a_cold_cache_make_one_auth_per_host(client, emu, photo):
    results = []
    barrier = threading.Barrier(10)

    def work(i):
        barrier.wait()
        call = client.bank_card_ocr if i % 2 else client.driver_license_ocr
        results.append(call(photo))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.ok for r in results)
    for host in ("kyc1", "mini"):
        assert emu.count("token", host) == 1 and emu.count("ticket", host) == 1


def test_twenty_sequential_calls_on_two_hosts_make_twenty_four_requests(client, emu, photo):
    for i in range(20):
        assert (client.bank_card_ocr if i % 2 else client.driver_license_ocr)(photo).ok
    assert emu.count() == 24


def test_missing_key_set_names_variables_and_sends_nothing(emu, photo):
    with Client(settings_for(emu, key_b=None)) as c:
        with pytest.raises(MissingCredentials) as err:
            c.media_labeling(photo, "A14")
        assert "LABEL_APPID" in str(err.value)
        assert c.bank_card_ocr(photo).ok
    assert emu.count("call", "kyc2") == 0


def test_wrong_secret_is_reported_without_leaking_it(emu, photo):
    with Client(settings_for(emu, key_a=KeyPair("SANDBOXKYC0001", "wrong-secret-xyz"))) as c:
        result = c.bank_card_ocr(photo)
    assert not result.ok and result.code == "1102"
    assert "wrong-secret-xyz" not in result.message + str(result.raw)


def test_expired_label_ticket_is_refreshed_once(client, emu, photo):
    emu.processing_time = 0.1
    assert client.media_labeling(photo, "A14").ok
    emu.advance(3700)  # the label ticket has expired on the emulator's clock
    assert client.media_labeling(photo, "A14").ok
    assert emu.count("ticket", "kyc2") == 2
    submits = [r.code for r in emu.requests if r.kind == "call" and r.host == "kyc2"]
    assert submits == ["0", "400106", "0"]


def test_read_timeout_is_not_retried_because_the_call_may_be_billed(emu, photo):
    emu.faults.add("slow", count=1, paths="call", delay=0.6)
    with Client(settings_for(emu, read_timeout=0.2)) as c:
        result = c.bank_card_ocr(photo)
    assert not result.ok and result.code == "TIMEOUT"
    emu.stop()  # joins the slow handler, so its request is on the record
    assert emu.count("call") == 1


def test_answers_of_a_standalone_emulator_are_marked_simulated(client, photo):
    # `client` is a live-mode client pointed at the emulator: only the answers tell
    assert not client.sandbox
    assert client.bank_card_ocr(photo).sandbox
    assert client.id_card_ocr(photo, "1").sandbox  # generic answer


def test_failed_polls_only_mean_ask_again(client, emu, photo):
    emu.processing_time = 0.3
    emu.faults.add("busy", count=4, paths="poll")  # more than one poll's 3 attempts
    emu.faults.add("http502", count=1, paths="poll")
    result = client.media_labeling(photo, "A14")
    assert result.ok, result.message
    polls = [r for r in emu.requests if r.kind == "poll"]
    assert [r.code for r in polls[:4]] == ["999999"] * 4 and polls[-1].code == "0"


def test_a_dropped_labeling_submit_is_not_sent_again(client, emu, photo):
    emu.faults.add("drop", count=1, paths="call", hosts=["kyc2"])
    result = client.media_labeling(photo, "A14")
    assert not result.ok and result.code == "CONNECTION_LOST"
    assert emu.count("call", "kyc2") == 1  # a second submit could collide with a live job


def test_a_refused_connection_is_retried(emu, photo):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    urls = {**emu.base_urls, "kyc1": closed}
    with Client(settings_for(emu, base_urls=urls)) as c:
        result = c.bank_card_ocr(photo)
        assert c.transport.requests_sent == 3  # never reached anyone: safe to try again
    assert not result.ok and result.code == "NETWORK"


# ---- the emulator's checks, as a user of the client meets them (code and message) ----------


def test_quota_exhaustion_and_reset(client, emu, photo):
    emu.quota = 2
    assert client.bank_card_ocr(photo).ok and client.driver_license_ocr(photo).ok
    spent = client.bank_card_ocr(photo)
    assert not spent.ok and spent.code == "400602"
    assert "quota" in spent.message.lower()
    emu.reset_quota()
    assert client.bank_card_ocr(photo).ok


def test_labeling_quota_has_its_own_code(client, emu, photo):
    emu.quota, emu.processing_time = 1, 0.1
    assert client.media_labeling(photo, "A14").ok
    spent = client.media_labeling(photo, "A14")
    assert spent.code == "66660003" and "quota" in spent.message.lower()


def test_a_second_labeling_job_in_flight_is_refused(emu, photo):
    emu.processing_time = 30
    first = Client(settings_for(emu, label_timeout=0.3))  # gives up polling; the job runs on
    second = Client(settings_for(emu))
    with first, second:
        assert first.media_labeling(photo, "A14").code == "LABEL_TIMEOUT"
        busy = second.media_labeling(photo, "A14")
    assert busy.code == "66660004" and "concurren" in busy.message.lower()


def test_a_stale_timestamp_is_refused(client, photo, monkeypatch):
    from ekyc.protocols import paas

    monkeypatch.setattr(paas, "unix_timestamp", lambda: "1700000000")
    stale = client.media_labeling(photo, "A14")
    assert stale.code == "66660002" and "expired" in stale.message.lower()
