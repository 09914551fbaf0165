"""The API 3.0 commands on the command line (sandbox, in-process): output, exit status, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import requests

from ekyc.__main__ import main
from tests.support import ASSETS

ROOT = Path(__file__).resolve().parents[1]
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


def test_wait_prints_the_link_then_the_result_once_the_phone_is_done():
    """A real process: the link on stderr, the "phone" finishes, one JSON object on stdout."""
    start = ["web_verification_start", "--photo", PHOTO, "--redirect-url", "https://a.example/done"]
    command = [sys.executable, "-m", "ekyc", *start, "--sandbox", "--wait", "--json"]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            link = ""
            while not link:
                line = process.stderr.readline()
                assert line, "the command ended without printing the link"
                link = line.strip() if "/faceid-h5/verify?token=" in line else ""
            parts = urllib.parse.urlsplit(link)
            token = urllib.parse.parse_qs(parts.query)["token"][0]
            requests.post(
                f"{parts.scheme}://{parts.netloc}/faceid-h5/finish",
                data={"token": token, "outcome": "pass"},
                allow_redirects=False,
                timeout=5,
            )
            out, _ = process.communicate(timeout=60)
        finally:
            process.kill()
    answer = json.loads(out)
    assert process.returncode == 0 and answer["bizToken"] == token
    assert answer["verification"]["status"] == "passed"
    assert answer["verification"]["similarity"] == 92.5
