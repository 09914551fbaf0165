"""The downloadable files of a journey (JSON, HTML) and a batch (CSV, JSON), written per render.

Each render gets a new private folder under the cache; Gradio serves its own copy of each file,
so ours are removed once they are ``REPORT_SECONDS`` old (swept at every render). A failure to
write is logged and leaves the page without downloads, never without its result.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from ekyc.workflows import BatchResult, JourneyResult
from ekyc.workflows.report import report_html

log = logging.getLogger("webui.workflows")

REPORTS = "ekyc-reports"  # under the cache
REPORT_SECONDS = 120


def journey_files(
    cache_dir: Path, result: JourneyResult, report: dict[str, Any], lang: str, mask: bool
) -> list[str] | None:
    """The journey's JSON report (``report``, already built) and printable HTML report."""
    try:
        folder = report_folder(cache_dir)
        json_path = folder / "journey-report.json"
        html_path = folder / "journey-report.html"
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        html_path.write_text(report_html(result, lang, mask), encoding="utf-8")
        return [str(json_path), str(html_path)]
    except OSError:
        log.warning("could not write the journey report")
        return None


def batch_files(cache_dir: Path, result: BatchResult, lang: str, mask: bool) -> list[str] | None:
    """The batch's rows as CSV and JSON."""
    try:
        folder = report_folder(cache_dir)
        csv_path = folder / f"batch-{result.capability}.csv"
        json_path = folder / f"batch-{result.capability}.json"
        csv_path.write_text(result.to_csv(lang, mask), encoding="utf-8")
        json_path.write_text(
            json.dumps(result.to_json(lang, mask), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        return [str(csv_path), str(json_path)]
    except OSError:
        log.warning("could not write the batch exports")
        return None


def report_folder(cache_dir: Path) -> Path:
    """A new private folder for one render's report files; older ones are removed."""
    root = cache_dir / REPORTS
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = time.time()
    for old in root.iterdir():
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > REPORT_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
    folder = root / secrets.token_hex(8)
    folder.mkdir(mode=0o700)
    return folder
