"""The page as an MCP server, seen through the official ``mcp`` client (sandbox).

One app launch per login setting for the module: without a login, and with ``EKYC_AUTH``. Files
travel as data: URIs, the way an MCP client passes a local file. Expected answers come from the
client called directly on the same samples, not from constants.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

import app
from ekyc import Client
from ekyc.capabilities import CAPABILITIES
from ekyc.explain import explain
from ekyc.sandbox import Emulator
from tests.pagehelp import launched
from tests.support import ASSETS, jpeg, settings_for
from tests.test_page_api import ID_NUMBER
from webui import mcp_tools
from webui.handlers import Page

CREDENTIALS = ("tester", "s3cret-pass")


def _launch(
    monkeypatch: pytest.MonkeyPatch, auth: str | None
) -> Iterator[tuple[str, Page, Client]]:
    if auth:
        monkeypatch.setenv("EKYC_AUTH", auth)
    else:
        monkeypatch.delenv("EKYC_AUTH", raising=False)
    monkeypatch.delenv("EKYC_MCP", raising=False)
    with (
        Emulator(processing_time=0.2) as emu,
        Client.sandboxed(settings_for(emu), emulator=emu) as sandbox,
        launched(sandbox, login=True) as (url, page),
    ):
        yield url.rstrip("/"), page, sandbox


@pytest.fixture(scope="module")
def open_app() -> Iterator[tuple[str, Page, Client]]:
    with pytest.MonkeyPatch.context() as mp:
        yield from _launch(mp, None)


@pytest.fixture(scope="module")
def locked_app() -> Iterator[tuple[str, Page, Client]]:
    with pytest.MonkeyPatch.context() as mp:
        yield from _launch(mp, ":".join(CREDENTIALS))


def data_uri(relative: str) -> str:
    data = (ASSETS / relative).read_bytes()
    mime = "video/mp4" if relative.endswith(".mp4") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def _session(url: str, headers: dict[str, str] | None, work: Any) -> Any:
    async with (
        httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(30, read=300)) as http,
        streamable_http_client(f"{url}/gradio_api/mcp/", http_client=http) as (reader, writer, _),
        ClientSession(reader, writer) as session,
    ):
        await session.initialize()
        return await work(session)


def tools(url: str, headers: dict[str, str] | None = None) -> list[Any]:
    async def work(session: ClientSession) -> list[Any]:
        return (await session.list_tools()).tools

    return asyncio.run(_session(url, headers, work))


def call(url: str, name: str, arguments: dict[str, Any], headers: dict[str, str] | None = None):
    async def work(session: ClientSession) -> Any:
        return await session.call_tool(name, arguments)

    return asyncio.run(_session(url, headers, work))


def answer(result: Any) -> tuple[str, dict[str, Any]]:
    """A tool result: its explanation and the JSON fields after it."""
    assert not result.isError, result.content
    text = result.content[0].text
    explanation, _, block = text.partition("\n\n```json\n")
    return explanation, json.loads(block.removesuffix("\n```"))


def direct(client: Client, name: str, files: list[str], **options: Any) -> Any:
    labels = options.pop("labels", None)
    return client.call(name, [str(ASSETS / f) for f in files], options, labels)


# ---- the tool list ---------------------------------------------------------------------------


TOOLS = [*(cap.name for cap in CAPABILITIES), "journey", "batch"]


def test_one_tool_per_capability_under_its_own_name(open_app):
    listed = tools(open_app[0])
    assert [t.name for t in listed] == TOOLS


@pytest.mark.parametrize("cap", CAPABILITIES, ids=lambda cap: cap.name)
def test_descriptions_come_from_the_table(open_app, cap):
    tool = next(t for t in tools(open_app[0]) if t.name == cap.name)
    assert tool.description.startswith(f"{cap.en} ({cap.zh}).")
    assert "never pass names, id numbers, phone numbers" in tool.description.lower()
    assert "Returns:" in tool.description and "masked" in tool.description
    props = tool.inputSchema["properties"]
    expected = [spec.name for spec in cap.files] + (["labels"] if cap.has_labels else [])
    expected += [opt.name for opt in cap.options]
    assert sorted(props) == sorted([*expected, "lang", "show_sensitive"])  # files and options only
    for spec in cap.files:
        described = props[spec.name]["description"]
        assert spec.en in described and "20 MiB" in described and "data: URI" in described
        for fmt in spec.formats:
            assert ("JPG" if fmt == "jpeg" else fmt.upper()) in described
    for opt in cap.options:
        if opt.default is None and opt.role != "media_type":
            assert opt.name in tool.inputSchema["required"]
        assert all(f'"{c.value}" = {c.en}' in props[opt.name]["description"] for c in opt.choices)


def test_mcp_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("EKYC_MCP", "0")
    monkeypatch.delenv("EKYC_AUTH", raising=False)
    assert app.launch_kwargs()["mcp_server"] is False
    with Emulator() as emu:
        demo, _ = app.create_app(Client.sandboxed(settings_for(emu), emulator=emu))
    names = [fn.api_name for fn in demo.fns.values() if fn.api_visibility == "public"]
    assert sorted(names) == sorted([cap.name for cap in CAPABILITIES] + ["journey", "batch"])
    assert not [name for name in names if name.startswith("tool_")]  # no tool endpoints
    monkeypatch.setenv("EKYC_MCP", "1")
    assert app.launch_kwargs()["mcp_server"] is True


# ---- calls -----------------------------------------------------------------------------------


def test_face_comparison_gives_the_clients_answer(open_app):
    url, _, client = open_app
    files = ["faces/person_a_1.jpg", "faces/person_a_2.jpg"]
    result = call(url, "face_compare", {"photo1": data_uri(files[0]), "photo2": data_uri(files[1])})
    explanation, fields = answer(result)
    expected = direct(client, "face_compare", files, source_photo_type="2")
    assert explanation == explain(expected, lang="en", mask=True)
    assert fields == {"success": True, **expected.data, "sandbox": True}


def test_media_labeling_infers_the_type_and_answers_in_chinese(open_app):
    url, _, client = open_app
    labels = ["A14", "B03", "A02"]
    args = {"file": data_uri("labels/hat_in_car.jpg"), "labels": labels, "lang": "zh"}
    explanation, fields = answer(call(url, "media_labeling", args))
    expected = direct(
        client, "media_labeling", ["labels/hat_in_car.jpg"], labels=labels, type="image"
    )
    assert explanation == explain(expected, lang="zh", mask=True)
    assert list(fields["labels"]) == labels
    assert fields["labels"] == expected.data["labels"]


def test_an_unknown_file_gets_an_example_not_a_verdict(open_app, tmp_path):
    url = open_app[0]
    mine = jpeg(tmp_path / "mine.jpg", color="navy")
    uri = "data:image/jpeg;base64," + base64.b64encode(mine.read_bytes()).decode()
    explanation, fields = answer(call(url, "photo_liveness_detect", {"file": uri}))
    assert fields["example_only"] is True and fields["sandbox"] is True
    assert "riskLevel" in fields["example"]
    assert "example" in explanation.lower()


def test_sensitive_fields_masked_unless_asked(open_app):
    url = open_app[0]
    args = {"image": data_uri("docs/id_card_front.jpg"), "side": "0"}
    text, fields = answer(call(url, "id_card_ocr", args))
    assert ID_NUMBER not in text + json.dumps(fields)
    assert fields["idcard"].startswith("9901") and "*" in fields["idcard"]
    text, fields = answer(call(url, "id_card_ocr", {**args, "show_sensitive": True}))
    assert fields["idcard"] == ID_NUMBER and ID_NUMBER in text


# ---- refusals --------------------------------------------------------------------------------


def refusal(result: Any) -> str:
    assert result.isError
    return result.content[0].text


def test_a_bad_file_is_a_clear_tool_error(open_app):
    url, page, _ = open_app
    before = page.calls("mcp:127.0.0.1")
    text = refusal(call(url, "photo_liveness_detect", {"file": "data:image/jpeg;base64,aGVsbG8="}))
    assert "The input was refused (nothing was sent)" in text
    assert "not a JPG or PNG image" in text
    text = refusal(
        call(
            url, "photo_liveness_detect", {"file": "data:image/jpeg;base64,aGVsbG8=", "lang": "zh"}
        )
    )
    assert "输入未通过检查" in text
    assert page.calls("mcp:127.0.0.1") == before  # refused locally: no call used up


def test_a_missing_option_and_a_bad_label_are_tool_errors(open_app):
    url = open_app[0]
    text = refusal(call(url, "id_card_ocr", {"image": data_uri("docs/id_card_front.jpg")}))
    assert "'side' is a required property" in text
    text = refusal(
        call(url, "media_labeling", {"file": data_uri("labels/hat_in_car.jpg"), "labels": ["Z99"]})
    )
    assert "Z99" in text and "refused" in text
    text = refusal(call(url, "face_compare", {"photo1": "not a file", "photo2": "x"}))
    assert "provide a url" in text


def test_call_limits_apply_to_mcp_clients(open_app):
    url, page, _ = open_app
    photo = {"file": data_uri("faces/person_a_1.jpg")}
    used = page.calls("mcp:127.0.0.1")
    page.call_limit = used + 1
    try:
        answer(call(url, "photo_liveness_detect", photo))
        text = refusal(call(url, "photo_liveness_detect", photo))
        assert f"Call limit reached: this session may make {used + 1} calls" in text
    finally:
        page.call_limit = None
    page.total_limit = page._total
    try:
        text = refusal(call(url, "photo_liveness_detect", {**photo, "lang": "zh"}))
        assert f"本演示的调用额度已用完（{page._total} 次）" in text
    finally:
        page.total_limit = None


# ---- the login -------------------------------------------------------------------------------

MCP_ROUTES = [
    "/gradio_api/mcp/",
    "/gradio_api/mcp",
    "/gradio_api/mcp/schema",
    "/gradio_api/mcp/sse",
]


@pytest.mark.parametrize("route", MCP_ROUTES)
def test_without_credentials_the_mcp_routes_give_nothing(locked_app, route):
    url = locked_app[0]
    for headers in ({}, basic(CREDENTIALS[0], "wrong")):
        reply = httpx.get(
            url + route, headers={"accept": "text/event-stream", **headers}, timeout=5
        )
        assert reply.status_code == 401
        assert reply.headers["www-authenticate"].startswith("Basic")
        assert "face_compare" not in reply.text
    listing = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    reply = httpx.post(url + route, json=listing, timeout=5)
    assert reply.status_code == 401 and "face_compare" not in reply.text


def test_the_mcp_client_without_credentials_cannot_connect(locked_app):
    with pytest.raises(BaseException) as caught:
        tools(locked_app[0])
    assert "401" in repr(caught.value) or "Unauthorized" in repr(caught.value)


def test_with_credentials_the_tools_work(locked_app):
    url, _, client = locked_app
    headers = basic(*CREDENTIALS)
    assert [t.name for t in tools(url, headers)] == TOOLS
    files = ["faces/person_a_1.jpg", "faces/person_b.jpg"]
    args = {"photo1": data_uri(files[0]), "photo2": data_uri(files[1])}
    explanation, fields = answer(call(url, "face_compare", args, headers))
    expected = direct(client, "face_compare", files, source_photo_type="2")
    assert fields["similarity"] == expected.data["similarity"]
    assert explanation == explain(expected, lang="en", mask=True)


def test_the_page_login_cookie_also_opens_the_mcp_routes(locked_app):
    url = locked_app[0]
    with httpx.Client(base_url=url, timeout=5) as browser:
        assert browser.get("/gradio_api/mcp/schema").status_code == 401
        browser.post("/login", data={"username": CREDENTIALS[0], "password": CREDENTIALS[1]})
        reply = browser.get("/gradio_api/mcp/schema")
    assert reply.status_code == 200
    assert "face_compare" in reply.text


def test_repeated_wrong_passwords_are_slowed_down():
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from webui.mcp_guard import MAX_FAILURES, McpGuard

    guarded = McpGuard(Starlette(), credentials=CREDENTIALS)
    with TestClient(guarded) as http:
        for _ in range(MAX_FAILURES):
            assert http.get("/gradio_api/mcp/", headers=basic("tester", "nope")).status_code == 401
        assert http.get("/gradio_api/mcp/", headers=basic(*CREDENTIALS)).status_code == 429
        assert http.get("/elsewhere").status_code == 404  # other routes are not its business


def test_an_oversized_mcp_request_is_refused_before_it_is_read(open_app):
    from webui.mcp_guard import MAX_BODY

    assert MAX_BODY > 2 * 20 * 1024 * 1024 * 4 // 3  # two files at the 20 MiB cap fit
    host, port = httpx.URL(open_app[0]).host, httpx.URL(open_app[0]).port
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:  # a declared size, and only the first bytes: the refusal must not wait for the rest
        connection.putrequest("POST", "/gradio_api/mcp/")
        connection.putheader("content-type", "application/json")
        connection.putheader("content-length", str(MAX_BODY + 1))
        connection.endheaders(b"{")
        reply = connection.getresponse()
        assert reply.status == 413
        assert b"larger than" in reply.read()
    finally:
        connection.close()


def test_a_free_text_option_is_a_string_argument():
    """Rows whose options have no choices (a URL, a token) get a text argument, described."""
    import inspect

    from ekyc.capabilities import FACE_IMAGE, Capability, FileInput, Option

    url = Option(
        name="redirect_url", wire="RedirectURL", zh="跳转地址", en="return page", choices=()
    )
    row = Capability(
        name="made_up_start",
        kind="verification_link",
        zh="发起",
        en="Start",
        host="kyc1",
        path="/made/up",
        files=(
            FileInput(
                name="photo", wire="P", kind="image", zh="照片", en="photo", formats=FACE_IMAGE
            ),
        ),
        options=(url,),
    )
    params = inspect.signature(mcp_tools.tool(None, row)).parameters  # type: ignore[arg-type]
    assert params["redirect_url"].annotation is str
    assert params["redirect_url"].default is inspect.Parameter.empty  # no default: required
    assert "redirect_url: return page (跳转地址): text; required" in mcp_tools.describe(row)


# ---- the workflows -----------------------------------------------------------------------------


def test_the_journey_gives_the_clients_verdict(open_app):
    url, page, client = open_app
    front, selfie = "docs/id_card_front.jpg", "faces/person_a_1.jpg"
    used = page.calls("mcp:127.0.0.1")
    args = {"id_front": data_uri(front), "selfie_photo": data_uri(selfie)}
    text, report = answer(call(url, "journey", args))
    expected = client.journey(str(ASSETS / front), str(ASSETS / selfie))
    assert report["verdict"] == expected.verdict
    assert [s["status"] for s in report["steps"]] == [s.status for s in expected.steps]
    assert ID_NUMBER not in text + json.dumps(report)  # masked by default
    assert page.calls("mcp:127.0.0.1") == used + 3  # three steps, three calls


def test_the_journey_is_refused_whole_over_the_limit(open_app):
    url, page, _ = open_app
    used = page.calls("mcp:127.0.0.1")
    page.call_limit = used + 2  # the journey needs three
    try:
        args = {
            "id_front": data_uri("docs/id_card_front.jpg"),
            "selfie_photo": data_uri("faces/person_a_1.jpg"),
        }
        text = refusal(call(url, "journey", args))
    finally:
        page.call_limit = None
    assert "Call limit reached" in text and "**" not in text
    assert page.calls("mcp:127.0.0.1") == used  # nothing spent


def test_batch_runs_a_zip_a_row_per_file(open_app, tmp_path):
    url = open_app[0]
    archive = tmp_path / "set.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(ASSETS / "faces/person_a_1.jpg", "live.jpg")
        packed.write(ASSETS / "faces/screen_replay.jpg", "replay.jpg")
        packed.writestr("notes.txt", "not a picture")
    zipped = "data:application/zip;base64," + base64.b64encode(archive.read_bytes()).decode()
    _, table = answer(
        call(url, "batch", {"archive": zipped, "capability": "photo_liveness_detect"})
    )
    rows = {row["file"].rsplit("/", 1)[1]: row for row in table["rows"]}
    assert rows["live.jpg"]["fields"]["riskLevel"] == "1"
    assert rows["replay.jpg"]["fields"]["riskLevel"] == "3"
    assert rows["notes.txt"]["outcome"] == "skipped"
    assert table["calls"] == 2
    text = refusal(
        call(url, "batch", {"archive": zipped, "capability": "id_card_ocr", "lang": "zh"})
    )
    assert "证件面" in text  # the ID card's side is required
