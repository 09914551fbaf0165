"""Batch testing through the real client against the emulator: a row per file, bounded
concurrency, call limits before and during the run, upstream quota, exports."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import zipfile

import pytest

from ekyc import Client, InputError
from ekyc.sandbox import Emulator
from tests.support import ASSETS, jpeg, settings_for

DOCS = ASSETS / "docs"


def copies(tmp_path, source, n):
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        shutil.copy(source, folder / f"{i:02d}{source.suffix}")
    return folder


def test_a_row_per_file_one_failure_stops_nothing(client, emu):
    result = client.batch("id_card_ocr", [DOCS], {"side": "0"})
    rows = {row.file: row for row in result.rows}
    assert rows["docs/id_card_front.jpg"].outcome == "ok"
    assert rows["docs/id_card_front.jpg"].fields["idcard"] == "990101199001010027"
    assert rows["docs/bank_card.jpg"].outcome == "failed"
    assert rows["docs/bank_card.jpg"].code == "66661001"
    assert rows["docs/id_card_back.jpg"].code == "-9001"
    assert len(result.rows) == 7 and result.calls == 7 == emu.count("call")
    assert result.counts()["ok"] == 1 and result.counts()["failed"] == 6


def test_rows_are_masked_by_default_in_every_export(client):
    result = client.batch("id_card_ocr", [DOCS / "id_card_front.jpg"], {"side": "0"})
    assert result.to_json()["rows"][0]["fields"]["idcard"] == "9901**********0027"
    assert result.to_json(mask=False)["rows"][0]["fields"]["idcard"] == "990101199001010027"
    table = list(csv.reader(io.StringIO(result.to_csv())))
    assert table[0] == ["file", "outcome", "code", "key fields", "seconds", "message"]
    assert "990101199001010027" not in result.to_csv()
    assert "idcard=9901**********0027" in table[1][3]
    assert result.to_csv("zh").startswith("文件,结果,代码")


def test_concurrency_is_bounded_by_parallel(client, tmp_path):
    folder = copies(tmp_path, ASSETS / "faces/person_a_1.jpg", 12)
    lock = threading.Lock()
    state = {"now": 0, "max": 0}
    original = client.call

    def counting(*args, **kwargs):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        try:
            return original(*args, **kwargs)
        finally:
            with lock:
                state["now"] -= 1

    client.call = counting
    result = client.batch("photo_liveness_detect", [folder], parallel=3)
    assert result.parallel == 3 and state["max"] <= 3
    assert [row.outcome for row in result.rows] == ["ok"] * 12


def test_labeling_runs_one_job_at_a_time(emu, tmp_path):
    emu.processing_time = 0.1
    folder = copies(tmp_path, ASSETS / "labels/hat_in_car.jpg", 3)
    with Client(settings_for(emu)) as client:
        result = client.batch("media_labeling", [folder], labels="A14,B03", parallel=8)
    assert result.parallel == 1
    assert [row.fields["labels"] for row in result.rows] == [{"A14": "1", "B03": "1"}] * 3


def test_face_compare_against_a_reference(client):
    faces = [ASSETS / "faces/person_a_2.jpg", ASSETS / "faces/person_b.jpg"]
    result = client.batch("face_compare", faces, reference=ASSETS / "faces/person_a_1.jpg")
    assert [row.fields["similarity"] for row in result.rows] == [92.5, 31.2]
    with pytest.raises(InputError, match="reference"):
        client.batch("face_compare", faces)


def test_budget_is_asked_before_each_call_and_refunded_on_local_refusal(client, emu, tmp_path):
    folder = copies(tmp_path, DOCS / "id_card_front.jpg", 5)
    (folder / "zz_broken.jpg").write_bytes(b"\xff\xd8\xff broken jpeg")
    budget = {"left": 4, "refunds": 0}
    lock = threading.Lock()

    def spend() -> bool:
        with lock:
            if budget["left"] <= 0:
                return False
            budget["left"] -= 1
            return True

    def refund() -> None:
        with lock:
            budget["refunds"] += 1

    result = client.batch(
        "id_card_ocr", [folder], {"side": "0"}, parallel=1, spend=spend, refund=refund
    )
    outcomes = [(row.file, row.outcome) for row in result.rows]
    assert outcomes[:4] == [(f"files/{i:02d}.jpg", "ok") for i in range(4)]
    assert outcomes[4:] == [("files/04.jpg", "skipped"), ("files/zz_broken.jpg", "skipped")]
    assert result.rows[4].reason == "call_limit" and emu.count("call") == 4


def test_a_locally_refused_file_is_a_row_and_gives_its_call_back(client, emu, tmp_path):
    folder = copies(tmp_path, DOCS / "id_card_front.jpg", 1)
    (folder / "zz_broken.jpg").write_bytes(b"\xff\xd8\xff broken jpeg")
    refunds = []
    result = client.batch("id_card_ocr", [folder], {"side": "0"}, refund=lambda: refunds.append(1))
    assert [row.outcome for row in result.rows] == ["ok", "refused"]
    assert result.rows[1].code == "INPUT" and refunds == [1] and emu.count("call") == 1


def test_upstream_quota_stops_the_calls_still_waiting(tmp_path):
    folder = copies(tmp_path, DOCS / "id_card_front.jpg", 6)
    with Emulator(quota=2) as emu, Client(settings_for(emu)) as client:
        result = client.batch("id_card_ocr", [folder], {"side": "0"}, parallel=1)
        calls = emu.count("call")
    outcomes = [row.outcome for row in result.rows]
    assert outcomes == ["ok", "ok", "failed"] + ["skipped"] * 3
    assert result.rows[2].code == "400602" and calls == 3
    assert {row.reason for row in result.rows[3:]} == {"quota"}


def test_required_option_and_empty_batch_are_refused_before_any_call(client, emu, tmp_path):
    with pytest.raises(InputError, match="card side"):
        client.batch("id_card_ocr", [DOCS])
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="No image or video"):
        client.batch("bank_card_ocr", [tmp_path])
    assert emu.count("call") == 0


def test_progress_counts_every_file(client, tmp_path):
    folder = copies(tmp_path, ASSETS / "faces/person_a_1.jpg", 5)
    seen = []
    client.batch("photo_liveness_detect", [folder], progress=lambda *a: seen.append(a))
    assert seen[0] == (0, 5, 0.0, 0.0)
    assert sorted(done for done, *_ in seen) == [0, 1, 2, 3, 4, 5]
    assert all(total == 5 and elapsed >= 0 and left >= 0 for _, total, elapsed, left in seen)


def test_zip_members_run_and_their_copies_are_removed(client, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    archive = tmp_path / "set.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DOCS / "bank_card.jpg", "cards/bank_card.jpg")
        zf.writestr("cards/notes.txt", "x")
    result = client.batch("bank_card_ocr", [archive])
    assert [(r.file, r.outcome) for r in result.rows] == [
        ("set.zip/cards/bank_card.jpg", "ok"),
        ("set.zip/cards/notes.txt", "skipped"),
    ]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_file_the_sandbox_does_not_know_is_an_example_row(client, tmp_path):
    result = client.batch("bank_card_ocr", [jpeg(tmp_path / "mine.jpg")])
    row = result.rows[0]
    assert row.outcome == "example" and "not a verdict" in row.message
    assert row.fields == {}  # the example's card number is not this file's


def test_json_export_is_one_object(client):
    result = client.batch("bank_card_ocr", [DOCS / "bank_card.jpg"])
    answer = json.loads(json.dumps(result.to_json("zh")))
    assert answer["capability"] == "bank_card_ocr" and answer["counts"]["ok"] == 1
    assert answer["rows"][0]["fields"]["bankcardNo"] == "6200***********8903"
