"""The command line as a person and a script use it (sandbox, in-process)."""

from __future__ import annotations

import json

from ekyc.__main__ import main, terminal_text
from tests.support import ASSETS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--sandbox"])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_labeling_type_follows_the_file(capsys):
    status, out, _ = run(
        capsys,
        "media_labeling",
        "--file",
        str(ASSETS / "video/face_pan.mp4"),
        "--labels",
        "A02",
        "--lang",
        "en",
    )
    assert status == 0 and out.startswith("✅ Labeling done")


def test_json_is_one_object_with_the_fields_and_the_sandbox_mark(capsys):
    status, out, err = run(
        capsys,
        "id_card_ocr",
        "--image",
        str(ASSETS / "docs/id_card_front.jpg"),
        "--side",
        "0",
        "--json",
    )
    answer = json.loads(out)
    assert status == 0 and answer["success"] is True and answer["sandbox"] is True
    assert answer["idcard"] == "990101199001010027"  # --json is unmasked unless --mask
    assert "simulated" in err


def test_json_masked_on_request(capsys):
    _, out, _ = run(
        capsys, "bank_card_ocr", "--image", str(ASSETS / "docs/bank_card.jpg"), "--json", "--mask"
    )
    assert json.loads(out)["bankcardNo"] == "6200***********8903"


def test_text_is_plain_and_masked_by_default(capsys):
    status, out, _ = run(
        capsys,
        "id_card_ocr",
        "--image",
        str(ASSETS / "docs/id_card_front.jpg"),
        "--side",
        "0",
        "--lang",
        "zh",
    )
    assert status == 0 and "身份证号：9901**********0027" in out
    assert "990101199001010027" not in out and "`" not in out


def test_refusal_in_chinese_on_stderr_with_exit_2(capsys):
    status, out, err = run(
        capsys,
        "media_labeling",
        "--file",
        str(ASSETS / "labels/hat_in_car.jpg"),
        "--labels",
        "A14,X99",
        "--lang",
        "zh",
    )
    assert status == 2 and out == ""
    assert err.startswith("错误: 未知的标签代码 'X99'")


def test_terminal_text_keeps_code_spans_verbatim():
    markdown = "✅ **Done** (`1101**********1234`)\n\n> _note_ \\*"
    assert terminal_text(markdown) == "✅ Done (1101**********1234)\n\n  note *"
