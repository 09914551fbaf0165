"""The API 3.0 commands on the command line (sandbox, in-process): output, exit status, refusals."""

from __future__ import annotations

import json

import pytest

from ekyc.__main__ import main
from tests.support import ASSETS

PHOTO = str(ASSETS / "faces/person_a_1.jpg")
VIDEO = str(ASSETS / "video/face_pan.mp4")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--sandbox"])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_compare_face_liveness_plain_and_json(capsys):
    status, out, _ = run(
        capsys, "compare_face_liveness", "--photo", PHOTO, "--video", VIDEO, "--lang", "en"
    )
    assert status == 0 and out.startswith("✅ Live, and the same person (92.5)")
    status, out, err = run(
        capsys, "compare_face_liveness", "--photo", PHOTO, "--video", VIDEO, "--json"
    )
    answer = json.loads(out)
    assert status == 0 and answer["success"] and answer["result"] == "Success"
    assert answer["similarity"] == 92.5 and answer["sandbox"] is True
    assert "sandbox" in err


def test_a_failed_check_exits_1_and_bad_input_exits_2(capsys):
    short = str(ASSETS / "video/face_short.mp4")
    status, _, err = run(capsys, "liveness_compare", "--photo", PHOTO, "--video", short)
    assert status == 1
    status, _, err = run(
        capsys,
        "compare_face_liveness",
        "--photo",
        PHOTO,
        "--video",
        VIDEO,
        "--liveness-type",
        "action",
        "--lang",
        "zh",
    )
    assert status == 2 and "ACTION 模式需要" in err


def test_live_code_and_html5_start(capsys):
    status, out, _ = run(capsys, "get_live_code", "--json")
    assert status == 0 and len(json.loads(out)["liveCode"]) == 4
    status, out, _ = run(
        capsys,
        "web_verification_start",
        "--photo",
        PHOTO,
        "--redirect-url",
        "https://app.example/done",
        "--lang",
        "en",
    )
    assert status == 0 and "/faceid-h5/verify?token=" in out


def test_redirect_url_is_required(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["web_verification_start", "--photo", PHOTO, "--sandbox"])
    assert caught.value.code == 2
    assert "--redirect-url" in capsys.readouterr().err
