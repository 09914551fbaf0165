"""The upload cache sweep on its own: age, sample copies, folders (tests/test_app_process runs
it in a real process)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.support import ASSETS
from webui.handlers import _asset_digests
from webui.uploads_cleanup import EVERY, MAX_AGE, sweep


def aged(path: Path, data: bytes, seconds: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (time.time() - seconds, time.time() - seconds))
    return path


def test_the_promise_is_ten_minutes():
    assert MAX_AGE + EVERY == 600


def test_old_files_go_with_their_folders_samples_and_young_files_stay(tmp_path):
    sample = ASSETS / "faces/person_a_1.jpg"
    old = aged(tmp_path / "aa" / "old.jpg", b"old upload", MAX_AGE + 1)
    twin = aged(tmp_path / "aa" / "old.png", b"old upload 2", MAX_AGE + 100)
    young = aged(tmp_path / "bb" / "young.jpg", b"young upload", MAX_AGE - 60)
    copy = aged(tmp_path / "cc" / sample.name, sample.read_bytes(), MAX_AGE * 10)
    gradios = tmp_path / "vibe_edit_history"
    gradios.mkdir()  # an empty folder Gradio made: not ours to remove

    assert sweep(tmp_path, MAX_AGE, _asset_digests()) == 2
    assert not old.exists() and not twin.exists() and not old.parent.exists()
    assert young.is_file() and copy.is_file() and gradios.is_dir()
    assert sweep(tmp_path, MAX_AGE, _asset_digests()) == 0


def test_a_missing_cache_is_no_error(tmp_path):
    assert sweep(tmp_path / "nothing", MAX_AGE) == 0


def test_what_the_running_page_keeps_is_spared(tmp_path):
    shown = aged(tmp_path / "dd" / "thumbnail.png", b"a gallery's picture", MAX_AGE * 10)
    assert sweep(tmp_path, MAX_AGE, (), {str(shown.resolve())}) == 0
    assert shown.is_file()


def test_the_page_keeps_its_sample_galleries():
    import gradio as gr

    import app
    from ekyc import Client
    from ekyc.sandbox import Emulator
    from tests.support import settings_for
    from webui.uploads_cleanup import page_keeps

    with Emulator() as emu:
        demo, _ = app.create_app(Client.sandboxed(settings_for(emu), emulator=emu))
    galleries = [b for b in demo.blocks.values() if isinstance(b, gr.Gallery)]
    assert galleries, "the tabs show their samples as galleries"
    shown = {os.path.realpath(item["image"]["path"]) for g in galleries for item in g.value or []}
    assert shown and shown <= page_keeps(demo)
