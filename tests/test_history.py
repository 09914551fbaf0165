"""The run history's records, table and exports (no browser; see test_browser_history)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from ekyc import Result
from webui import history
from webui.snippets import make_call

WHEN = dt.datetime(2026, 11, 29, 21, 5, 7, 123, tzinfo=dt.UTC)


def _runs() -> list[history.Run]:
    ok = Result(True, "0", "ok", {"similarity": 92.5}, capability="face_compare", elapsed=0.4)
    failed = Result(False, "-9005", "supplementary page", capability="driver_license_ocr")
    runs = history.record(
        None,
        make_call("face_compare", ["/c/a.jpg", "/c/b.jpg"], {"source_photo_type": "2"}, None),
        ok,
        "",
        ok.elapsed,
        now=WHEN,
    )
    runs = history.record(
        runs, make_call("driver_license_ocr", ["/c/=cmd|x.jpg"], {}, None), failed, "", 1.25, WHEN
    )
    refused = make_call("id_card_ocr", ["/c/card.jpg"], {"side": None}, None, lang="zh")
    return history.record(runs, refused, None, "❌ **输入未通过检查**", None, now=WHEN)


def test_runs_are_numbered_and_listed_newest_first():
    runs = _runs()
    assert [run.number for run in runs] == [1, 2, 3]
    assert [run.outcome for run in runs] == ["ok", "failed", "refused"]
    table = history.rows(runs, "en")
    assert [row[0] for row in table] == [3, 2, 1]
    assert table[2] == [1, "21:05:07", "Face comparison", "a.jpg, b.jpg", "✅ done", "0", "0.40"]
    assert table[0][4:] == ["⛔ refused", "—", "—"]
    assert history.rows(runs, "zh")[1][2:5] == ["驾驶证识别", "=cmd|x.jpg", "❌ 失败"]


def test_the_history_keeps_the_latest_runs_only():
    runs = _runs()
    call = runs[0].call
    for _ in range(history.MAX_RUNS):
        runs = history.record(runs, call, runs[0].result, "", 0.1)
    assert len(runs) == history.MAX_RUNS
    assert runs[0].number == 4 and runs[-1].number == history.MAX_RUNS + 3


def test_a_record_never_changes_the_list_it_was_given():
    runs = _runs()
    before = list(runs)
    history.record(runs, runs[0].call, None, "refused", None)
    assert runs == before


def test_json_export_has_stable_keys_and_the_options():
    records = json.loads(history.export_json(_runs()))
    assert records[0] == {
        "number": 1,
        "time": "2026-11-29T21:05:07+00:00",
        "capability": "face_compare",
        "files": ["a.jpg", "b.jpg"],
        "options": {"source_photo_type": "2"},
        "labels": None,
        "outcome": "ok",
        "code": "0",
        "seconds": 0.4,
        "sandbox": True,
    }
    assert records[2]["options"] == {} and records[2]["outcome"] == "refused"


def test_csv_export_reads_back_and_cannot_carry_a_formula():
    rows = list(csv.DictReader(io.StringIO(history.export_csv(_runs()))))
    assert [row["capability"] for row in rows] == [
        "face_compare",
        "driver_license_ocr",
        "id_card_ocr",
    ]
    assert rows[0]["files"] == "a.jpg; b.jpg"
    assert rows[1]["files"] == "'=cmd|x.jpg"  # a spreadsheet shows it as text
    assert rows[1]["code"] == "-9005"  # a negative code stays a number
    assert rows[2]["seconds"] == "" and rows[2]["code"] == ""


def test_an_empty_history():
    assert history.rows([], "en") == []
    assert json.loads(history.export_json(None)) == []
    assert history.export_csv([]).splitlines() == [",".join(history.EXPORT_FIELDS)]
    assert history.find([], 1) is None
