"""A batch's rows and their exports (table, CSV, JSON). Rows keep the key fields only, never
the raw answers."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ..catalog import language
from ..explain import mask_data
from .texts import COLUMNS, OUTCOME

Outcome = Literal["ok", "example", "failed", "refused", "skipped"]


@dataclass
class Row:
    file: str
    outcome: Outcome
    code: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    message: str = ""
    message_zh: str | None = None
    capability: str = ""
    reason: str = ""  # why a skipped file was not run (a key of texts.SKIP_REASONS)

    def to_json(self, lang: str = "en", mask: bool = True) -> dict[str, Any]:
        fields = mask_data(self.capability, self.fields) if mask else dict(self.fields)
        return {
            "file": self.file,
            "outcome": self.outcome,
            "code": self.code,
            "fields": fields,
            "seconds": round(self.seconds, 3),
            "message": self.message_zh if lang == "zh" and self.message_zh else self.message,
        }


@dataclass
class BatchResult:
    capability: str
    rows: list[Row]
    seconds: float
    parallel: int
    calls: int
    sandbox: bool = False
    lang: str = "en"

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOME, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    def to_json(self, lang: str | None = None, mask: bool = True) -> dict[str, Any]:
        lang = language(lang or self.lang)
        return {
            "capability": self.capability,
            "sandbox": self.sandbox,
            "calls": self.calls,
            "parallel": self.parallel,
            "seconds": round(self.seconds, 3),
            "counts": self.counts(),
            "rows": [row.to_json(lang, mask) for row in self.rows],
        }

    def table(self, lang: str | None = None, mask: bool = True) -> list[list[Any]]:
        """Rows for a table or CSV: file, outcome, code, key fields, seconds, message."""
        lang = language(lang or self.lang)
        out = []
        for row in self.rows:
            shown = row.to_json(lang, mask)
            fields = "; ".join(f"{k}={_flat(v)}" for k, v in shown["fields"].items())
            outcome = OUTCOME[row.outcome][lang]
            out.append([row.file, outcome, row.code, fields, shown["seconds"], shown["message"]])
        return out

    def headers(self, lang: str | None = None) -> list[str]:
        lang = language(lang or self.lang)
        return [
            COLUMNS[c][lang] for c in ("file", "outcome", "code", "fields", "seconds", "message")
        ]

    def to_csv(self, lang: str | None = None, mask: bool = True) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.headers(lang))
        for row in self.table(lang, mask):
            writer.writerow([_csv_safe(v) for v in row])
        return buffer.getvalue()


_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return ",".join(f"{k}:{v}" for k, v in value.items())
    return str(value)


def _csv_safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return value if _NUMBER.fullmatch(value) else "'" + value
    return value
