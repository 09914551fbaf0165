"""``python -m ekyc journey`` and ``python -m ekyc batch`` as a person and a script use them."""

from __future__ import annotations

import csv
import json
import zipfile

from ekyc.__main__ import main
from tests.support import ASSETS

FRONT = str(ASSETS / "docs/id_card_front.jpg")
BACK = str(ASSETS / "docs/id_card_back.jpg")
PERSON_A = str(ASSETS / "faces/person_a_1.jpg")
PERSON_B = str(ASSETS / "faces/person_b.jpg")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--sandbox"])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_journey_pass_exits_0_with_one_json_object(capsys):
    status, out, err = run(
        capsys, "journey", "--id-front", FRONT, "--id-back", BACK, "--selfie", PERSON_A, "--json"
    )
    answer = json.loads(out)
    assert status == 0 and answer["verdict"] == "pass"
    assert [s["status"] for s in answer["steps"]] == ["done"] * 4
    assert answer["reasons"] and answer["sandbox"] is True and "simulated" in err
    assert answer["steps"][0]["fields"]["idcard"] == "990101199001010027"  # unmasked unless --mask


def test_journey_fail_and_review_exit_1(capsys):
    status, out, _ = run(
        capsys, "journey", "--id-front", FRONT, "--selfie", PERSON_B, "--json", "--mask"
    )
    answer = json.loads(out)
    assert status == 1 and answer["verdict"] == "fail"
    assert answer["steps"][0]["fields"]["idcard"] == "9901**********0027"
    status, out, _ = run(capsys, "journey", "--id-front", FRONT, "--selfie", PERSON_A, "--json")
    assert status == 1 and json.loads(out)["verdict"] == "review"


def test_journey_text_in_chinese_is_masked(capsys):
    status, out, _ = run(
        capsys, "journey", "--id-front", FRONT, "--selfie", PERSON_B, "--lang", "zh"
    )
    assert status == 1 and out.startswith("❌ 不通过")
    assert "相似度 31.2 < 70：不是同一人" in out and "身份证国徽面 [跳过" in out
    assert "990101199001010027" not in out


def test_journey_bad_input_exits_2(capsys):
    status, out, err = run(
        capsys, "journey", "--id-front", str(ASSETS / "README.md"), "--selfie", PERSON_A
    )
    assert status == 2 and out == "" and err.startswith("error: README.md")
    status, out, _ = run(
        capsys, "journey", "--id-front", FRONT, "--selfie", "/nonexistent.jpg", "--json"
    )
    assert status == 2 and json.loads(out)["code"] == "INPUT"


def test_batch_folder_and_zip_with_csv(capsys, tmp_path):
    archive = tmp_path / "more.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(ASSETS / "docs/id_card_front.jpg", "front.jpg")
        zf.writestr("../escape.jpg", "x")
    out_csv = tmp_path / "rows.csv"
    status, out, _ = run(
        capsys, "batch", "id_card_ocr", str(ASSETS / "docs"), str(archive), "--side", "0",
        "--csv", str(out_csv),
    )  # fmt: skip
    assert status == 1  # some documents are not ID cards
    rows = list(csv.reader(out_csv.open(encoding="utf-8")))
    assert rows[0][:3] == ["file", "outcome", "code"] and len(rows) == 1 + 7 + 1
    by_file = {row[0]: row for row in rows[1:]}
    assert by_file["docs/id_card_front.jpg"][1] == "ok"
    assert "9901**********0027" in by_file["docs/id_card_front.jpg"][3]
    assert by_file["more.zip"][1] == "skipped" and "outside" in by_file["more.zip"][5]
    assert "7 calls" in out


def test_batch_json_all_ok_exits_0(capsys):
    status, out, _ = run(
        capsys, "batch", "photo_liveness_detect", str(ASSETS / "faces/person_a_1.jpg"),
        str(ASSETS / "faces/person_b.jpg"), "--json",
    )  # fmt: skip
    answer = json.loads(out)
    assert status == 0 and answer["counts"]["ok"] == 2 and len(answer["rows"]) == 2


def test_batch_refusals_exit_2(capsys, tmp_path):
    status, _, err = run(capsys, "batch", "id_card_ocr", str(ASSETS / "docs"), "--lang", "zh")
    assert status == 2 and "请选择" in err
    status, _, err = run(capsys, "batch", "bank_card_ocr", str(ASSETS / "docs"), "--side", "0")
    assert status == 2 and "no option --side" in err
    (tmp_path / "a.txt").write_text("x")
    status, _, err = run(capsys, "batch", "bank_card_ocr", str(tmp_path))
    assert status == 2 and "No image or video" in err
