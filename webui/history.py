"""The run history of one browser session: records, the table, exports, reopening.

A history is a plain list of ``Run`` kept in the session's ``gr.State`` (server memory for that
session only; Gradio drops it when the session ends). Exports are strings the browser turns into
a download, so no file of them is written on the server. Nothing here imports gradio.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ekyc import Result
from ekyc.capabilities import get

from .scripting_texts import HISTORY
from .snippets import Call

MAX_RUNS = 200  # the oldest runs drop off past this
SHOWN_FILES = 5  # a batch's files in the table: the first few, then how many more
Outcome = Literal["ok", "failed", "refused"]
EXPORT_FIELDS = ("number", "time", "capability", "files", "outcome", "detail", "code", "seconds")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")  # an upstream code such as -9005 stays a number


@dataclass(frozen=True, eq=False)
class Workflow:
    """A journey or a batch in the history: how it is named, listed and reopened."""

    kind: str  # "journey" or "batch": the capability column of the exports
    title: Mapping[str, str]  # by language
    summary: Mapping[str, str]  # by language: the outcome as the table shows it
    detail: str  # the outcome in the exports: a verdict, or the batch's counts
    view: Callable[[str, bool], tuple[str, Any]]  # (lang, show sensitive) -> (text, raw JSON)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a run happens once
class Run:
    number: int
    when: dt.datetime
    call: Call
    outcome: Outcome
    code: str
    seconds: float | None
    result: Result | None  # None when refused before anything was sent
    refusal: str = ""  # the page's text for a refused run
    workflow: Workflow | None = None  # a journey or a batch rather than one call

    def to_json(self) -> dict[str, Any]:
        """One exported record: stable English keys, the options and labels that were used."""
        extra = {"detail": self.workflow.detail} if self.workflow else {}
        return {
            "number": self.number,
            "time": self.when.isoformat(timespec="seconds"),
            "capability": self.workflow.kind if self.workflow else self.call.capability,
            "files": list(self.call.files),
            "options": {k: v for k, v in self.call.options.items() if v is not None},
            "labels": list(self.call.labels) if self.call.labels else None,
            "outcome": self.outcome,
            "code": self.code,
            "seconds": self.seconds,
            "sandbox": self.call.sandbox,
            **extra,
        }


def record(
    history: list[Run] | None,
    call: Call,
    result: Result | None,
    refusal: str,
    seconds: float | None,
    now: dt.datetime | None = None,
    workflow: Workflow | None = None,
) -> list[Run]:
    """A new list with this run added (State values are replaced, never changed in place).
    A workflow's run is "ok" when it completed, whatever its verdict (``workflow.summary``)."""
    runs = list(history or [])
    number = runs[-1].number + 1 if runs else 1
    if workflow is not None:
        outcome: Outcome = "refused" if refusal else "ok"
    else:
        outcome = "refused" if result is None else ("ok" if result.ok else "failed")
    when = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
    code = result.code if result is not None else ""
    runs.append(Run(number, when, call, outcome, code, seconds, result, refusal, workflow))
    return runs[-MAX_RUNS:]


def title(run: Run, lang: str) -> str:
    """What ran, in ``lang``: the capability's title, or the workflow's."""
    if run.workflow is not None:
        return run.workflow.title[lang]
    cap = get(run.call.capability)
    return cap.zh if lang == "zh" else cap.en


def rows(history: list[Run] | None, lang: str) -> list[list[Any]]:
    """The table, newest first, in the page's language."""
    words = HISTORY[lang if lang in HISTORY else "en"]
    table = []
    for run in reversed(history or []):
        done = run.workflow is not None and run.outcome == "ok"
        table.append(
            [
                run.number,
                run.when.strftime("%H:%M:%S"),
                title(run, lang),
                files_shown(run.call.files, words),
                run.workflow.summary[lang] if done and run.workflow else words[run.outcome],
                run.code or "—",
                "—" if run.seconds is None else f"{run.seconds:.2f}",
            ]
        )
    return table


def files_shown(files: tuple[str, ...], words: dict[str, Any]) -> str:
    """The files of a run for the table: the first few, then how many more (a batch's)."""
    names = [name for name in files if name]
    if len(names) > SHOWN_FILES:
        names = [*names[:SHOWN_FILES], words["more_files"].format(n=len(names) - SHOWN_FILES)]
    return ", ".join(names)


def find(history: list[Run] | None, number: int) -> Run | None:
    return next((run for run in history or [] if run.number == number), None)


def export_json(history: list[Run] | None) -> str:
    return json.dumps([run.to_json() for run in history or []], ensure_ascii=False, indent=2)


def export_csv(history: list[Run] | None) -> str:
    """CSV for a spreadsheet: file names cannot turn into formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for run in history or []:
        record = run.to_json()
        record["files"] = "; ".join(record["files"])
        writer.writerow([_cell(record.get(name)) for name in EXPORT_FIELDS])
    return out.getvalue()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
