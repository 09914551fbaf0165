"""The onboarding journey: ID card (portrait side, optionally the emblem side), a selfie, one
verdict.

The three or four calls are independent, so they run concurrently; every step keeps its own
status, time and explanation, and a failed step hides none of the others. The verdict comes from
the rule table in ``rules.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..catalog import FIELD_LABELS, language
from ..errors import InputError
from ..explain import explain, mask_data
from ..result import Result
from . import idcard, rules
from .texts import MISSING_INPUT, NOT_RECOGNISED, SKIPPED_BACK, STEP_TITLES

if TYPE_CHECKING:
    from ..client import Client
    from ..request import Request

FilePath = str | os.PathLike[str]
Status = Literal["done", "failed", "skipped"]
Verdict = Literal["pass", "review", "fail"]

PORTRAIT_FIELDS = ("name", "sex", "nation", "birth", "idcard", "address")
#: Upstream's "this is not an ID card (or cannot be read)" on the portrait side.
NOT_ID_CARD_CODES = frozenset({"66661001"})
MAX_CALLS = 4


@dataclass(frozen=True)
class StepSpec:
    name: str
    capability: str
    options: Mapping[str, str]
    inputs: tuple[str, ...]  # which of the journey's files, in the capability's order


STEPS: tuple[StepSpec, ...] = (
    StepSpec("id_front", "id_card_ocr", {"side": "0"}, ("id_front",)),
    StepSpec("id_back", "id_card_ocr", {"side": "1"}, ("id_back",)),
    StepSpec("liveness", "photo_liveness_detect", {}, ("selfie",)),
    # The selfie is the photo checked, the card image the reference: upstream finds the card's
    # portrait itself. A crop would need the card's layout, which a phone photo does not keep.
    StepSpec("face_compare", "face_compare", {}, ("selfie", "id_front")),
)


@dataclass
class Step:
    """One call of the journey and how it went."""

    name: str
    capability: str
    status: Status
    seconds: float = 0.0
    result: Result | None = None
    example: bool = False  # sandbox answer about a file that is not a bundled sample

    @property
    def code(self) -> str:
        return self.result.code if self.result else ""

    def explanation(self, lang: str, mask: bool = True) -> str:
        if self.result is None:  # skipped: its file was not given
            return SKIPPED_BACK[lang] if self.name == "id_back" else ""
        text = first_line(explain(self.result, lang=lang, mask=mask))
        return f"{text} ({NOT_RECOGNISED[lang]})" if self.example else text

    def to_json(self, lang: str, mask: bool) -> dict[str, Any]:
        data = dict(self.result.data) if self.result and self.result.ok else {}
        shown = mask_data(self.capability, data) if mask else data
        # An example answer's fields are not about the file: kept apart, never as its fields.
        fields, example_fields = ({}, shown) if self.example else (shown, {})
        return {
            "name": self.name,
            "title": STEP_TITLES[self.name][lang],
            "capability": self.capability,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "code": self.code,
            "message": self.result.message if self.result else self.explanation(lang),
            "explanation": self.explanation(lang, mask),
            "example": self.example,
            "fields": fields,
            "example_fields": example_fields,
        }


@dataclass
class JourneyResult:
    """The verdict, the reasons (rule by rule), every step, and the facts the rules saw."""

    verdict: Verdict
    reasons: list[dict[str, str]]
    steps: list[Step]
    facts: dict[str, Any]
    seconds: float
    lang: str = "en"
    sandbox: bool = False
    example: bool = False
    calls: int = 0
    rules: Sequence[rules.Rule] = field(default=rules.RULES, repr=False)

    @property
    def ok(self) -> bool:
        return self.verdict == "pass"

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    def reasons_in(self, lang: str) -> list[dict[str, str]]:
        """The reasons in another language (the rules are re-read, nothing is called again)."""
        return rules.evaluate(self.facts_in(lang), self.rules, lang)[1]

    def facts_in(self, lang: str) -> dict[str, Any]:
        return {**self.facts, **_worded(self.facts, self.steps, lang)}

    def to_json(self, lang: str | None = None, mask: bool = False) -> dict[str, Any]:
        """The CLI's ``--json`` object: ``verdict``, ``reasons``, ``steps`` and totals."""
        lang = language(lang or self.lang)
        return {
            "verdict": self.verdict,
            "example": self.example,
            "sandbox": self.sandbox,
            "reasons": self.reasons_in(lang),
            "steps": [step.to_json(lang, mask) for step in self.steps],
            "calls": self.calls,
            "seconds": round(self.seconds, 3),
        }


def first_line(markdown: str) -> str:
    """The verdict line of an explanation, without Markdown."""
    line = markdown.strip().splitlines()[0] if markdown.strip() else ""
    return re.sub(r"\*\*|`|\\(?=\S)", "", line).strip()


def calls_needed(id_back: FilePath | None) -> int:
    return MAX_CALLS if id_back else MAX_CALLS - 1


def check_inputs(id_front: FilePath | None, selfie: FilePath | None) -> None:
    """Refuse a missing file before anything else (InputError)."""
    if not id_front:
        raise InputError(MISSING_INPUT["id_front"]["en"], zh=MISSING_INPUT["id_front"]["zh"])
    if not selfie:
        raise InputError(MISSING_INPUT["selfie"]["en"], zh=MISSING_INPUT["selfie"]["zh"])


def run_journey(
    client: Client,
    id_front: FilePath | None,
    selfie: FilePath | None,
    id_back: FilePath | None = None,
    *,
    rules_table: Sequence[rules.Rule] = rules.RULES,
    today: dt.date | None = None,
    on_step: Callable[[Step], Any] | None = None,
) -> JourneyResult:
    """Check every input, then run the calls concurrently and apply the rules.

    All the requests are prepared (files decoded and checked, credentials present) before any
    is sent, so that bad input costs no call; the preparations run concurrently as well.
    """
    lang = language(client.lang)
    started = time.monotonic()
    check_inputs(id_front, selfie)
    files = {"id_front": id_front, "id_back": id_back, "selfie": selfie}
    specs = [s for s in STEPS if all(files[name] for name in s.inputs)]
    with ThreadPoolExecutor(max_workers=len(specs), thread_name_prefix="journey") as pool:
        prepared = [pool.submit(_prepare, client, s, files) for s in specs]
        requests = [future.result() for future in prepared]  # the first InputError is raised
        futures = [
            pool.submit(_send, client, spec, request, seconds, on_step)
            for spec, (request, seconds) in zip(specs, requests, strict=True)
        ]
        done = {spec.name: future.result() for spec, future in zip(specs, futures, strict=True)}
    steps = [done.get(s.name) or Step(s.name, s.capability, "skipped") for s in STEPS]
    facts = read_facts(steps, today or dt.date.today())
    verdict, reasons = rules.evaluate({**facts, **_worded(facts, steps, lang)}, rules_table, lang)
    return JourneyResult(
        verdict,
        reasons,
        steps,
        facts,
        time.monotonic() - started,
        lang,
        sandbox=any(s.result is not None and s.result.sandbox for s in steps),
        example=bool(facts["example"]),
        calls=sum(1 for s in steps if s.result is not None),
        rules=rules_table,
    )


def _prepare(
    client: Client, spec: StepSpec, files: Mapping[str, FilePath | None]
) -> tuple[Request, float]:
    started = time.monotonic()
    paths = [str(files[name]) for name in spec.inputs]
    request = client.prepare(spec.capability, paths, dict(spec.options))
    return request, time.monotonic() - started


def _send(
    client: Client,
    spec: StepSpec,
    request: Request,
    prepared_in: float,
    on_step: Callable[[Step], Any] | None,
) -> Step:
    started = time.monotonic()
    result = client.send(spec.capability, request)
    status: Status = "done" if result.ok else "failed"
    seconds = prepared_in + time.monotonic() - started
    step = Step(spec.name, spec.capability, status, seconds, result, result.example)
    if on_step is not None:
        with contextlib.suppress(Exception):  # a broken display must not break the journey
            on_step(step)
    return step


def read_facts(steps: Sequence[Step], today: dt.date) -> dict[str, Any]:
    """What the rules test, from the steps' answers (None: not known)."""
    by_name = {s.name: s for s in steps}
    front, back = by_name["id_front"], by_name["id_back"]
    live, compare = by_name["liveness"], by_name["face_compare"]
    facts: dict[str, Any] = {
        "example": any(s.example for s in steps),
        "not_id_card": front.status == "failed" and front.code in NOT_ID_CARD_CODES,
        "fields_missing": None,
        "check_digit_ok": None,
        "back_given": back.status != "skipped",
        "expired": None,
        "validity_unreadable": None,
        "valid_date": "",
        "liveness_level": None,
        "similarity": None,
    }
    # An example answer (sandbox, a file that is not a bundled sample) says nothing about the
    # file: its fields stay unknown, so no rule passes or fails on them.
    if _read(front):
        data = front.result.data
        facts["fields_missing"] = [f for f in PORTRAIT_FIELDS if not str(data.get(f) or "")]
        if data.get("idcard"):
            facts["check_digit_ok"] = idcard.valid_id_number(data["idcard"])
    if _read(back):
        valid_date = str(back.result.data.get("validDate") or "")
        facts["valid_date"] = valid_date
        facts["expired"] = idcard.expired(valid_date, today)
        facts["validity_unreadable"] = facts["expired"] is None
    if _read(live):
        level = live.result.data.get("riskLevel")
        facts["liveness_level"] = str(level) if level not in (None, "") else None
    if _read(compare):
        similarity = compare.result.data.get("similarity")
        facts["similarity"] = similarity if isinstance(similarity, int | float) else None
    return facts


def _read(step: Step) -> bool:
    """Whether the step's answer is about the file it was given."""
    return step.status == "done" and step.result is not None and not step.example


def _worded(facts: Mapping[str, Any], steps: Sequence[Step], lang: str) -> dict[str, Any]:
    """The facts that read as words, in ``lang``: failed steps and missing fields."""
    missing = facts.get("fields_missing")
    return {
        "refused": [STEP_TITLES[s.name][lang] for s in steps if s.status == "failed"],
        "fields_missing": (
            None
            if missing is None
            else [FIELD_LABELS.get(name, {}).get(lang, name) for name in missing]
        ),
    }
