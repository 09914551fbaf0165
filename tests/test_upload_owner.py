"""Uploads belong to the client that sent them (a launched page, clients over HTTP).

Each client gets its own cookie from its first answer (gradio_client keeps it, as a browser
does). Another client that learns an upload's path can neither run the page on it (refused in
the handlers, the file kept for its owner) nor download it, nor take over its owner's session.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.pagehelp import sandbox_launched
from tests.support import ASSETS, jpeg
from webui.upload_owner import COOKIE, NOT_YOURS


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with sandbox_launched() as (local_url, _, _):
        yield local_url


def visitor(url: str) -> httpx.Client:
    """A client with its own cookie, from its first answer (the page's config)."""
    client = httpx.Client(base_url=url, timeout=30)
    client.get("config").raise_for_status()
    assert client.cookies.get(COOKIE)
    return client


def upload(client: httpx.Client, path) -> str:
    with open(path, "rb") as handle:
        answer = client.post("gradio_api/upload", files={"files": (path.name, handle)})
    answer.raise_for_status()
    return answer.json()[0]


def run(client: httpx.Client, endpoint: str, data: list, session: str | None = None) -> Any:
    """The page's run button as the browser presses it: join the queue, read the answer."""
    config = client.get("config").json()
    index = next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == endpoint)
    session = session or uuid.uuid4().hex
    joined = client.post(
        "gradio_api/queue/join",
        json={"data": data, "fn_index": index, "session_hash": session, "trigger_id": None},
    )
    if joined.status_code != 200:
        return joined.status_code
    with client.stream("GET", f"gradio_api/queue/data?session_hash={session}") as events:
        for line in events.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message["output"]["data"][:2]  # the verdict and the raw JSON
    raise AssertionError("no answer")


def file_data(path: str) -> dict:
    return {"path": path, "meta": {"_type": "gradio.FileData"}}


def test_another_client_cannot_run_on_an_upload(url, tmp_path):
    owner, other = visitor(url), visitor(url)
    path = upload(owner, jpeg(tmp_path / "owners_face.jpg", color="olive"))

    text, raw = run(other, "photo_liveness_detect", [file_data(path), "en", False])
    assert NOT_YOURS["en"] in text
    assert raw is None
    text, _ = run(other, "photo_liveness_detect", [file_data(path), "zh", False])
    assert NOT_YOURS["zh"] in text
    assert owner.get(f"gradio_api/file={path}").status_code == 200  # still there for its owner

    text, _ = run(owner, "photo_liveness_detect", [file_data(path), "en", False])
    assert "Photo liveness" in text and NOT_YOURS["en"] not in text


def test_another_client_cannot_download_an_upload(url, tmp_path):
    owner, other = visitor(url), visitor(url)
    path = upload(owner, jpeg(tmp_path / "private.jpg", color="maroon"))
    assert owner.get(f"gradio_api/file={path}").status_code == 200
    assert other.get(f"gradio_api/file={path}").status_code == 404
    assert httpx.get(f"{url}gradio_api/file={path}").status_code == 404  # no cookie at all


def test_a_session_cannot_be_taken_over(url):
    owner, other = visitor(url), visitor(url)
    session = uuid.uuid4().hex
    sample = file_data(upload(owner, ASSETS / "faces/person_a_1.jpg"))
    text, _ = run(owner, "photo_liveness_detect", [sample, "en", False], session)
    assert "Photo liveness" in text
    assert run(other, "photo_liveness_detect", [sample, "en", False], session) == 403


def test_clients_without_cookies_still_work(url, tmp_path):
    """A bare script (no cookie jar) uploads and runs: such uploads are shared by all of them."""
    path = upload(httpx.Client(base_url=url), jpeg(tmp_path / "script.jpg", color="teal"))
    script = httpx.Client(base_url=url, timeout=30)
    script.cookies.clear()
    answer = script.post(
        "gradio_api/call/photo_liveness_detect", json={"data": [file_data(path), "en", False]}
    )
    event = answer.json()["event_id"]
    stream = script.get(f"gradio_api/call/photo_liveness_detect/{event}").text
    assert "Photo liveness" in stream


def test_a_bundled_samples_copy_is_nobodys(url):
    """One cached copy per content: the sample galleries use the same path as an upload of the
    same bytes, so an upload of a sample must not take it from everyone else."""
    owner, other = visitor(url), visitor(url)
    path = upload(owner, ASSETS / "faces/person_b.jpg")
    text, _ = run(other, "photo_liveness_detect", [file_data(path), "en", False])
    assert "Photo liveness" in text and NOT_YOURS["en"] not in text
    assert other.get(f"gradio_api/file={path}").status_code == 200
