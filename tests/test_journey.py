"""The onboarding journey through the real client against the emulator: the four sandbox
scenarios, concurrency, independence of the steps, refusals before any call."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from ekyc import Client, InputError, Settings
from ekyc.workflows import JourneyResult
from tests.support import ASSETS, jpeg, settings_for

FRONT = ASSETS / "docs/id_card_front.jpg"
BACK = ASSETS / "docs/id_card_back.jpg"
PERSON_A = ASSETS / "faces/person_a_1.jpg"
PERSON_B = ASSETS / "faces/person_b.jpg"
REPLAY = ASSETS / "faces/screen_replay.jpg"
BANK_CARD = ASSETS / "docs/bank_card.jpg"


def statuses(result: JourneyResult) -> dict[str, str]:
    return {step.name: step.status for step in result.steps}


def not_passed(result: JourneyResult) -> set[str]:
    return {r["rule"] for r in result.reasons if r["outcome"] != "pass"}


def test_passing_journey_person_a_against_the_sample_card(client, emu):
    result = client.journey(FRONT, PERSON_A, BACK)
    assert result.verdict == "pass" and result.ok and not result.example
    assert statuses(result) == dict.fromkeys(
        ("id_front", "id_back", "liveness", "face_compare"), "done"
    )
    assert result.step("face_compare").result.data["similarity"] == 92.5
    assert result.calls == 4 and emu.count("call") == 4
    answer = result.to_json()
    assert answer["verdict"] == "pass" and answer["reasons"] and len(answer["steps"]) == 4
    assert answer["steps"][0]["fields"]["idcard"] == "990101199001010027"


def test_face_mismatch_fails_on_similarity(client):
    result = client.journey(FRONT, PERSON_B, BACK)
    assert result.verdict == "fail" and not_passed(result) == {"similarity"}


def test_replayed_selfie_fails_on_liveness(client):
    result = client.journey(FRONT, REPLAY, BACK)
    assert result.verdict == "fail" and not_passed(result) == {"liveness_level"}


def test_wrong_document_fails_and_hides_no_step(client):
    result = client.journey(BANK_CARD, PERSON_A, BACK)
    assert result.verdict == "fail"
    assert {"not_id_card", "refused"} <= not_passed(result)
    assert statuses(result) == {
        "id_front": "failed",
        "id_back": "done",
        "liveness": "done",
        "face_compare": "failed",
    }
    front = result.to_json()["steps"][0]
    assert front["code"] == "66661001" and front["explanation"].startswith("❌")


def test_without_the_emblem_side_three_calls_and_review(client, emu):
    result = client.journey(FRONT, PERSON_A)
    assert result.verdict == "review" and not_passed(result) == {"back_given"}
    assert result.calls == 3 and emu.count("call") == 3
    assert result.step("id_back").status == "skipped"


def test_expired_card_fails(client):
    result = client.journey(FRONT, PERSON_A, BACK, today=dt.date(2040, 1, 2))
    assert result.verdict == "fail" and not_passed(result) == {"expired"}


def test_the_calls_run_concurrently(emu):
    """Each call waits at a barrier for the others: run one after another, they would break it."""
    barrier = threading.Barrier(4, timeout=10)

    class Waiting(Client):
        def send(self, *args, **kwargs):
            barrier.wait()
            return super().send(*args, **kwargs)

    with Waiting(settings_for(emu)) as client:
        result = client.journey(FRONT, PERSON_A, BACK)
    assert result.verdict == "pass" and not barrier.broken


def test_a_file_the_sandbox_does_not_know_gets_no_verdict(client, tmp_path):
    selfie = jpeg(tmp_path / "me.jpg")
    result = client.journey(FRONT, selfie, BACK)
    assert result.example and result.verdict != "pass"
    assert result.step("liveness").example and result.step("face_compare").example
    assert not result.step("id_front").example
    assert "example" in not_passed(result)


def test_an_example_answer_passes_or_fails_no_rule_and_shows_no_fields(client, tmp_path):
    """A card the sandbox does not know: its example fields (six of them, a valid check digit)
    must not read as facts about the file, on the card or in the report."""
    front = jpeg(tmp_path / "my_card.jpg")
    result = client.journey(front, PERSON_A, BACK)
    assert result.step("id_front").example and result.verdict == "review"
    about_front = ("fields_missing", "check_digit_ok", "similarity")
    assert all(result.facts[name] is None for name in about_front)
    assert not set(about_front) & {r["rule"] for r in result.reasons if r["outcome"] == "pass"}
    answer = result.to_json()
    front_step = next(s for s in answer["steps"] if s["name"] == "id_front")
    assert front_step["fields"] == {} and front_step["example_fields"]["idcard"]
    assert "990101199001010027" not in json.dumps(answer["steps"][0]["fields"])
    # The selfie is a bundled sample: its liveness answer still counts.
    assert "liveness_level" in {r["rule"] for r in result.reasons if r["outcome"] == "pass"}


@pytest.mark.parametrize(
    ("front", "selfie", "message"),
    [
        (None, PERSON_A, "portrait side"),
        (FRONT, None, "selfie"),
        (FRONT, ASSETS / "README.md", "README.md"),
    ],
)
def test_bad_input_is_refused_before_any_call(client, emu, front, selfie, message):
    with pytest.raises(InputError, match=message):
        client.journey(front, selfie, BACK)
    assert emu.count("call") == 0


def test_a_bmp_card_is_refused_locally_as_it_is_also_the_face_reference(client, emu, tmp_path):
    """BMP is fine for OCR, not for the face comparison the card also serves: refused whole."""
    from PIL import Image

    bmp = tmp_path / "card.bmp"
    Image.new("RGB", (320, 200), "white").save(bmp, "BMP")
    with pytest.raises(InputError, match="BMP"):
        client.journey(bmp, PERSON_A)
    assert emu.count("call") == 0


def test_missing_credentials_are_refused_before_any_call(emu):
    with (
        Client(Settings(base_urls=dict(emu.base_urls))) as client,
        pytest.raises(InputError, match="KYC_APPID"),
    ):
        client.journey(FRONT, PERSON_A, BACK)
    assert emu.count("call") == 0


def test_json_masked_on_request_and_in_chinese(emu):
    with Client(settings_for(emu), lang="zh") as client:
        result = client.journey(FRONT, PERSON_B)
    masked = result.to_json(mask=True)
    assert masked["steps"][0]["fields"]["idcard"] == "9901**********0027"
    assert masked["steps"][0]["title"] == "身份证人像面"
    assert any("相似度 31.2" in r["text"] for r in masked["reasons"])
    english = result.to_json("en")
    assert any("Similarity 31.2" in r["text"] for r in english["reasons"])


def test_on_step_reports_each_step_once(client):
    seen: list[str] = []
    lock = threading.Lock()

    def on_step(step):
        with lock:
            seen.append(step.name)

    client.journey(FRONT, PERSON_A, BACK, on_step=on_step)
    assert sorted(seen) == ["face_compare", "id_back", "id_front", "liveness"]


def test_a_pair_of_samples_without_a_script_is_an_example_too(client):
    """Both files are samples, but the sandbox has no answer for this pair: no verdict."""
    result = client.journey(ASSETS / "docs/driver_license_main.jpg", PERSON_A, BACK)
    compare = result.step("face_compare")
    assert compare.example and compare.status == "done"
    assert result.example and "example" in not_passed(result)
    assert not result.step("liveness").example
