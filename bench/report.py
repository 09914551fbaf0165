"""The bench's table: one row per figure (this client, the baseline, their ratio, the goal and
whether it holds), notes, and the machine it ran on; printed as text and written as Markdown.

``bench/memory.py`` writes its table with the same header.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


@dataclass
class Row:
    number: str  # the figure's number in the issue (1-7), lettered when it has several rows
    figure: str
    ours: str
    base: str
    ratio: str
    goal: str
    status: str  # "met" | "MISSED" | "-" (no goal for this figure)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        number: str,
        figure: str,
        ours: str,
        base: str,
        ratio: str,
        goal: str,
        ok: bool | None,
    ) -> None:
        status = "-" if ok is None else ("met" if ok else "MISSED")
        self.rows.append(Row(number, figure, ours, base, ratio, goal, status))

    def note(self, text: str) -> None:
        self.notes.append(text)


HEADER = ("#", "figure", "ekyc", "baseline", "ekyc/baseline", "goal (ekyc)", "status")


def _cells(report: Report) -> list[tuple[str, ...]]:
    return [(r.number, r.figure, r.ours, r.base, r.ratio, r.goal, r.status) for r in report.rows]


def text_table(report: Report) -> str:
    rows = [HEADER, *_cells(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(report: Report) -> str:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in _cells(report)]
    return "\n".join(lines)


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "-"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def mb(n: float) -> str:
    return f"{n / MIB:.1f} MiB"


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} | {platform.platform()} | "
        f"{os.cpu_count()} CPUs ({cpu_model()}) | "
        f"Python {platform.python_version()} | load average at start {load}"
    )
