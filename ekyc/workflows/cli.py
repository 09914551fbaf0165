"""``python -m ekyc journey`` and ``python -m ekyc batch``: the workflows' sub-commands.

journey exit status: 0 pass, 1 review or fail, 2 bad input. batch: 0 when every file ran
successfully (non-media members skipped are fine), 1 when any failed or was not run, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..capabilities import CAPABILITIES
from ..catalog import language
from ..client import Client
from ..config import Settings
from ..errors import InputError
from .batch import PARALLEL, BatchResult
from .journey import JourneyResult
from .texts import BATCH_SUMMARY, OUTCOME, STATUS, STEP_TITLES, VERDICT, VERDICT_ICON

COMMANDS = ("journey", "batch")
EXIT_OK, EXIT_NOT_PASSED, EXIT_USAGE = 0, 1, 2
SANDBOX_NOTICE = "sandbox: simulated answer, not recognition / 沙箱：模拟结果，非真实识别"
OPTION_NAMES = sorted({opt.name for cap in CAPABILITIES for opt in cap.options})
STATUS_ICON = {"done": "✓", "failed": "✗", "skipped": "–"}


def add_commands(commands: argparse._SubParsersAction, output: Any) -> None:
    """Add both sub-commands; ``output(sub)`` adds the common output flags of the CLI."""
    journey = commands.add_parser(
        "journey",
        help="onboarding journey: ID card + selfie, one verdict (身份核验流程)",
        description=(
            "ID card OCR (portrait side, optionally emblem side), selfie liveness and the "
            "selfie compared with the card, concurrently; one verdict: pass, review or fail. "
            "Exit status 0 pass, 1 review or fail, 2 bad input."
        ),
    )
    journey.add_argument("--id-front", required=True, metavar="PATH", help="portrait side")
    journey.add_argument("--id-back", metavar="PATH", help="emblem side (optional)")
    journey.add_argument("--selfie", required=True, metavar="PATH", help="selfie photo")
    output(journey)

    batch = commands.add_parser(
        "batch",
        help="one capability over many files, folders or ZIPs (批量测试)",
        description="A row per file. PATH is a file, a folder or a ZIP archive.",
    )
    batch.add_argument(
        "batch_capability", metavar="CAPABILITY", choices=[c.name for c in CAPABILITIES]
    )
    batch.add_argument("paths", nargs="+", metavar="PATH")
    for name in OPTION_NAMES:
        batch.add_argument(f"--{name.replace('_', '-')}", dest=f"opt_{name}", default=None)
    batch.add_argument("--labels", help="labeling: 1-5 label codes, comma-separated")
    batch.add_argument("--reference", metavar="PATH", help="face_compare: the reference photo")
    batch.add_argument("--parallel", type=int, default=PARALLEL, help="calls at once (default 4)")
    batch.add_argument(
        "--csv", metavar="FILE", help="also write the rows to FILE (masked unless --no-mask)"
    )
    output(batch)


def run(args: argparse.Namespace) -> int:
    lang = language(args.lang)
    try:
        client = (
            Client.sandboxed(Settings.from_env(args.env_file), lang=lang)
            if args.sandbox
            else Client.from_env(args.env_file, lang=lang)
        )
        with client:
            if args.capability == "journey":
                return _journey(client, args, lang)
            return _batch(client, args, lang)
    except InputError as exc:
        message = exc.text(lang)
        if args.json:
            print(json.dumps({"error": message, "code": "INPUT"}, ensure_ascii=False))
        else:
            print(f"{'错误' if lang == 'zh' else 'error'}: {message}", file=sys.stderr)
        return EXIT_USAGE


def _journey(client: Client, args: argparse.Namespace, lang: str) -> int:
    result = client.journey(args.id_front, args.selfie, args.id_back)
    if result.sandbox:
        print(SANDBOX_NOTICE, file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_json(lang, mask=args.mask), ensure_ascii=False))
    else:
        print(journey_text(result, lang, mask=not args.no_mask))
    return EXIT_OK if result.verdict == "pass" else EXIT_NOT_PASSED


def journey_text(result: JourneyResult, lang: str, mask: bool = True) -> str:
    """The verdict, its reasons and every step, as plain text for a terminal."""
    shown = "example" if result.example else result.verdict
    lines = [f"{VERDICT_ICON[shown]} {VERDICT[shown][lang]}"]
    lines += [f"  {VERDICT_ICON[r['outcome']]} {r['text']}" for r in result.reasons_in(lang)]
    lines.append("")
    for step in result.steps:
        status = STATUS[step.status][lang]
        lines.append(
            f"{STATUS_ICON[step.status]} {STEP_TITLES[step.name][lang]} [{status}, "
            f"{step.seconds:.2f} s] {step.explanation(lang, mask)}"
        )
    return "\n".join(lines)


def _batch(client: Client, args: argparse.Namespace, lang: str) -> int:
    cap = next(c for c in CAPABILITIES if c.name == args.batch_capability)
    own = {opt.name for opt in cap.options}
    options: dict[str, str] = {}
    for name in OPTION_NAMES:
        value = getattr(args, f"opt_{name}")
        if value is None:
            continue
        if name not in own:
            raise InputError(
                f"{cap.name} has no option --{name.replace('_', '-')}",
                zh=f"{cap.zh}没有选项 --{name.replace('_', '-')}",
            )
        options[name] = value
    if args.parallel < 1:
        raise InputError("--parallel must be at least 1", zh="--parallel 至少为 1")
    result = client.batch(
        cap.name, args.paths, options, args.labels, reference=args.reference, parallel=args.parallel
    )
    if result.sandbox:
        print(SANDBOX_NOTICE, file=sys.stderr)
    if args.csv:
        Path(args.csv).write_text(result.to_csv(lang, mask=not args.no_mask), encoding="utf-8")
    if args.json:
        print(json.dumps(result.to_json(lang, mask=args.mask), ensure_ascii=False))
    else:
        print(batch_text(result, lang, mask=not args.no_mask))
    return EXIT_OK if batch_passed(result) else EXIT_NOT_PASSED


#: Skipped rows that mean "should have run but did not" (or an archive refused as a whole).
NOT_RUN = frozenset({"call_limit", "quota", "too_many", "refused"})


def batch_passed(result: BatchResult) -> bool:
    """Every file ran successfully; members skipped for what they are (not media) do not count."""
    return not any(
        row.outcome in ("failed", "refused") or row.reason in NOT_RUN for row in result.rows
    )


def batch_text(result: BatchResult, lang: str, mask: bool = True) -> str:
    headers = result.headers(lang)
    rows = [[str(v) for v in row] for row in result.table(lang, mask)]
    sep = "、" if lang == "zh" else ", "
    counts = sep.join(f"{OUTCOME[k][lang]} {v}" for k, v in result.counts().items() if v)
    lines = ["\t".join(headers)] + ["\t".join(row) for row in rows]
    lines.append(
        BATCH_SUMMARY[lang].format(
            calls=result.calls, seconds=result.seconds, parallel=result.parallel, counts=counts
        )
    )
    return "\n".join(lines)
