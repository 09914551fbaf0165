""" "Use from code" for the journey and a batch: each snippet, run against the sandbox, gives
the page's answer (the same verdict and reasons; the same rows). The CLI command runs through
the CLI's entry point, the Python snippet with exec, the gradio_client call against the page.
"""

from __future__ import annotations

import json

import pytest

from ekyc.__main__ import main as cli_main
from tests.test_snippets import ROOT, cli_argv, launched, printed  # noqa: F401 (fixture)
from webui.snippets import Call
from webui.workflow_handlers import run_batch, run_journey
from webui.workflow_snippets import all_three, batch_call, journey_call

FRONT, BACK = "assets/docs/id_card_front.jpg", "assets/docs/id_card_back.jpg"
PERSON_A, PERSON_B = "assets/faces/person_a_1.jpg", "assets/faces/person_b.jpg"
BANK = "assets/docs/bank_card.jpg"


def _abs(path: str) -> str:
    return str(ROOT / path)


@pytest.mark.parametrize(("selfie", "back"), [(PERSON_A, BACK), (PERSON_B, None)])
def test_the_journey_snippets_give_the_pages_verdict(launched, capsys, selfie, back):  # noqa: F811
    url, page = launched
    view = run_journey(page, _abs(FRONT), _abs(back) if back else None, _abs(selfie), "en",
                       False, "snippets")  # fmt: skip
    expected = view.report
    call = journey_call(_abs(FRONT), _abs(back) if back else None, _abs(selfie), url=url)
    assert call.files == (FRONT, back or "", selfie)  # samples named by their project path
    code = all_three(call)

    argv = cli_argv(code["cli"])
    assert argv[:4] == ["python", "-m", "ekyc", "journey"] and "--sandbox" in argv
    capsys.readouterr()
    status = cli_main([*argv[3:], "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert answer["verdict"] == expected["verdict"] and status == (expected["verdict"] != "pass")
    assert [r["rule"] for r in answer["reasons"]] == [r["rule"] for r in expected["reasons"]]

    lines = printed(code["python"]).splitlines()
    assert lines[0] == expected["verdict"]
    assert json.loads(lines[1])["reasons"] == expected["reasons"]

    shown = printed(code["gradio"]).splitlines()[-1]
    assert shown == expected["verdict"]


def test_the_batch_snippets_give_the_pages_rows(launched, capsys):  # noqa: F811
    url, page = launched
    paths = [_abs(FRONT), _abs(BANK)]
    view = run_batch(page, "id_card_ocr", paths, {"side": "0"}, None, None, "en", False,
                     "snippets")  # fmt: skip
    expected = view.result.to_json("en")
    call = batch_call("id_card_ocr", paths, "0", [], None, url=url)
    assert call.options == {"capability": "id_card_ocr", "side": "0"}
    code = all_three(call)

    argv = cli_argv(code["cli"])
    assert argv[3:7] == ["batch", "id_card_ocr", FRONT, BANK] and "--side" in argv
    capsys.readouterr()
    cli_main([*argv[3:], "--json"])
    answer = json.loads(capsys.readouterr().out)
    outcomes = [(r["file"], r["outcome"], r["code"]) for r in expected["rows"]]
    assert [(r["file"], r["outcome"], r["code"]) for r in answer["rows"]] == outcomes

    lines = printed(code["python"]).splitlines()
    assert json.loads(lines[0].replace("'", '"'))["ok"] == expected["counts"]["ok"] == 1

    rows = printed(code["gradio"]).splitlines()[-1]
    assert "66661001" in rows and "9901**********0027" in rows


def test_a_comparison_batch_names_its_reference_and_a_labeling_batch_its_labels():
    compare = batch_call("face_compare", [_abs(PERSON_A)], None, [], _abs(PERSON_B))
    code = all_three(compare)
    assert "--reference assets/faces/person_b.jpg" in code["cli"]
    assert 'reference="assets/faces/person_b.jpg"' in code["python"]
    labels = batch_call("media_labeling", [_abs(PERSON_A)], None, ["A14", "B03"], None)
    assert "--labels A14,B03" in all_three(labels)["cli"]
    assert 'labels=["A14", "B03"]' in all_three(labels)["python"]


def test_no_password_in_a_workflow_snippet_behind_a_login():
    call = Call("journey", (FRONT, "", PERSON_A), login=True, sandbox=False)
    code = all_three(call)
    assert '("<user>", "<password>")' in code["gradio"] and "Client.from_env()" in code["python"]
