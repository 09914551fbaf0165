"""The table is the single point of extension: a ninth capability of an existing kind (a
fictitious passport OCR), added as a row with its samples and nothing else, works end to end
through the client, the CLI, the emulator and the page.

Only data changes here: the row goes into the live registry, its sample into the emulator's
answer data and the page's sample table (under a temporary assets folder), and the page is
started afresh from the extended table (the app builds its tabs when it starts). No source file.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from gradio_client import Client as ApiClient
from gradio_client import handle_file

import app
from ekyc import Client
from ekyc.__main__ import main as cli
from ekyc.capabilities import BY_NAME, REGISTRY, Capability
from ekyc.explain import explain
from ekyc.sandbox import Emulator, answers
from tests.pagehelp import launched
from tests.support import ASSETS, env_file_for, jpeg, settings_for
from webui import samples
from webui.sample_table import Sample

PASSPORT = Capability(
    name="passport_ocr",
    kind="ocr",
    zh="护照识别",
    en="Passport OCR",
    host="kyc1",
    path="/api/paas/passportocrapp",
    order_in_query=True,
    files=(
        replace(BY_NAME["bank_card_ocr"].files[0], wire="passportStr", zh="护照", en="passport"),
    ),
    answer_fields=("passportNo", "name", "nationality", "birth"),
    key_fields=("passportNo", "name"),
    sensitive_fields=("passportNo", "name", "birth"),
)
SAMPLE = "docs/passport.jpg"
FIELDS = {"passportNo": "E12345678", "name": "SAMPLE TRAVELLER", "nationality": "CHN"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Emulator, Path]]:
    """The extended table, its sample in a temporary assets folder, an emulator serving it."""
    assets = tmp_path_factory.mktemp("assets")
    for bundled in ASSETS.rglob("*"):  # the bundled samples stay, as links
        if bundled.is_file() and bundled.name != "sample_data.json":
            link = assets / bundled.relative_to(ASSETS)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(bundled)
    sample = jpeg(assets / SAMPLE, size=(480, 320), color="darkred")
    digest = hashlib.sha256(sample.read_bytes()).hexdigest()
    data = json.loads((ASSETS / "sample_data.json").read_text(encoding="utf-8"))
    data[SAMPLE] = {"sha256": digest, "kind": "image", "fields": FIELDS}
    (assets / "sample_data.json").write_text(json.dumps(data), encoding="utf-8")
    before = list(REGISTRY.by_name)
    patch = pytest.MonkeyPatch()
    patch.setitem(answers.SCRIPTS, SAMPLE, answers.Script(document=(PASSPORT.name, None)))
    patch.setitem(samples.EXAMPLES, PASSPORT.name, [Sample("Passport", "护照", (SAMPLE,))])
    patch.setattr(samples, "ASSETS", assets)
    try:
        with REGISTRY.extended(PASSPORT), Emulator(assets_dir=assets) as emu:
            importlib.reload(app)  # the page is built from the table when the app starts
            yield emu, sample
    finally:
        patch.undo()
        importlib.reload(app)
    # the registry is as it was: the row existed only inside the ``with``
    assert list(REGISTRY.by_name) == before


def test_the_client_has_a_method_and_the_emulator_a_route(world) -> None:
    emu, sample = world
    with Client(settings_for(emu)) as client:
        result = client.passport_ocr(str(sample))
        generic = client.passport_ocr(str(jpeg(sample.with_name("other.jpg"))))
    assert result.ok, (result.code, result.message)
    assert result.capability == "passport_ocr" and result.data == FIELDS
    text = explain(result, "en")
    assert text.startswith("✅ **Passport OCR: 3 fields recognised**")
    assert "E12345678" not in text and "E1**" in text  # masked by the row's sensitive fields
    assert text.index("passportNo") < text.index("Nationality")  # key fields first
    assert generic.ok and set(generic.data) == set(PASSPORT.answer_fields)
    assert [r.path for r in emu.requests if r.kind == "call"] == [PASSPORT.path] * 2


def test_the_cli_has_a_command(world, tmp_path: Path, capsys) -> None:
    emu, sample = world
    env = env_file_for(emu, tmp_path / "cli.env")
    assert cli(["passport_ocr", "--image", str(sample), "--json", "--env-file", env]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer == {"success": True, "sandbox": True, **FIELDS}
    assert cli(["passport_ocr", "--image", str(sample), "--env-file", env, "--lang", "zh"]) == 0
    assert capsys.readouterr().out.startswith("✅ 护照识别：识别出 3 个字段")


def test_the_page_has_a_tab_and_an_endpoint_with_the_sample(world) -> None:
    emu, sample = world
    with (
        Client.sandboxed(settings_for(emu), emulator=emu) as sandbox,
        launched(sandbox) as (url, _),
    ):
        api = ApiClient(url, verbose=False)
        endpoint = api.view_api(return_format="dict", print_info=False)["named_endpoints"]
        params = [p["parameter_name"] for p in endpoint["/passport_ocr"]["parameters"]]
        text, raw = api.predict(handle_file(str(sample)), "en", False, api_name="/passport_ocr")
        api.close()
    assert params == ["image", "lang", "show_sensitive"]
    assert text.startswith("✅ **Passport OCR: 3 fields recognised**")
    assert "Sandbox: simulated answer" in text
    assert raw["code"] == "0" and raw["result"]["passportNo"] != FIELDS["passportNo"]  # masked
    rows, captions = samples.rows(PASSPORT.name, len(PASSPORT.files))
    assert captions == ["Passport"] and Path(rows[0][0]).is_file()
