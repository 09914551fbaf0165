"""The CLI: ``python -m ekyc <capability> ...``, one sub-command per row of the capability table.

Exit status: 0 success, 1 upstream or network error, 2 bad usage, bad input or missing credentials.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence

from . import capabilities, kinds
from .capabilities import CAPABILITIES, Capability
from .catalog import LABELS
from .client import Client
from .config import Settings
from .errors import InputError
from .explain import explain
from .request import with_media_type
from .workflows import cli as workflow_cli
from .workflows import verification_cli

EXIT_OK, EXIT_UPSTREAM, EXIT_USAGE = 0, 1, 2
SANDBOX_NOTICE = "sandbox: simulated answer, not recognition / 沙箱：模拟结果，非真实识别"


def _default_lang() -> str:
    return "zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en"


_CODE_SPAN = re.compile(r"(`[^`]*`)")
_MARKUP = (
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),  # bold
    (re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)"), r"\1"),  # italics
    (re.compile(r"^> ", re.MULTILINE), "  "),  # quotes
    (re.compile(r"\\([\\`*_\[\]<>#|~()!.+-])"), r"\1"),  # escapes
)


def terminal_text(markdown: str) -> str:
    """The explanation without Markdown markup, for a terminal (code spans kept verbatim)."""
    parts = _CODE_SPAN.split(markdown)
    for i, part in enumerate(parts):
        if i % 2:  # a code span: its text as it is, masks included
            parts[i] = part[1:-1]
            continue
        for pattern, replacement in _MARKUP:
            part = pattern.sub(replacement, part)
        parts[i] = part
    return "".join(parts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ekyc",
        description="Tencent Cloud eKYC from the command line (images and videos only).",
    )
    commands = parser.add_subparsers(dest="capability", required=True, metavar="<capability>")
    for cap in CAPABILITIES:
        _add_command(commands, cap)
    workflow_cli.add_commands(commands, _output_flags)
    return parser


def _add_command(commands: argparse._SubParsersAction, cap: Capability) -> None:
    sub = commands.add_parser(cap.name, help=f"{cap.en} ({cap.zh})", description=cap.en)
    for spec in cap.files:
        sub.add_argument(f"--{spec.name}", required=True, metavar="PATH", help=spec.en)
    if cap.labels is not None:
        codes = ", ".join(f"{code} {names['en']}" for code, names in LABELS.items())
        sub.add_argument(
            f"--{cap.labels.name}",
            required=True,
            help=f"1-5 label codes, comma-separated. Known: {codes}",
        )
    media_type = cap.option_for("media_type")
    for opt in cap.options:
        choices = ", ".join(f"{c.value}={c.en}" for c in opt.choices)
        if opt.free_text:
            choices = f"text, e.g. {opt.example}" if opt.example else "text"
        inferred = opt is media_type
        default = (
            " (default: from the file's content)"
            if inferred
            else (f" (default {opt.default})" if opt.default else "")
        )
        sub.add_argument(
            f"--{opt.name.replace('_', '-')}",
            dest=opt.name,
            required=opt.default is None,
            default=None if inferred else opt.default,
            choices=opt.values or None,
            help=f"{opt.en}: {choices}{default}",
        )
    if verification_cli.offers_wait(cap):
        verification_cli.add_flag(sub)
    _output_flags(sub)


def _output_flags(sub: argparse.ArgumentParser) -> None:
    out = sub.add_argument_group("output")
    out.add_argument("--json", action="store_true", help="one JSON object on stdout (unmasked)")
    out.add_argument("--mask", action="store_true", help="mask sensitive fields in --json output")
    out.add_argument("--no-mask", action="store_true", help="show sensitive fields in full")
    out.add_argument("--lang", choices=("zh", "en"), default=_default_lang())
    out.add_argument("--sandbox", action="store_true", help="use the bundled local emulator")
    out.add_argument("--env-file", default=".env", help="settings file (default .env)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.capability in workflow_cli.COMMANDS:
        return workflow_cli.run(args)
    cap = capabilities.get(args.capability)
    try:
        client = (
            Client.sandboxed(Settings.from_env(args.env_file), lang=args.lang)
            if args.sandbox
            else Client.from_env(args.env_file, lang=args.lang)
        )
        files = [getattr(args, spec.name) for spec in cap.files]
        options = {opt.name: getattr(args, opt.name) for opt in cap.options}
        options = with_media_type(cap, files, options)
        labels = getattr(args, cap.labels.name) if cap.labels else None
        with client:
            result = client.call(cap, files, options, labels)
            waited = (
                verification_cli.wait(client, result, args.lang)
                if getattr(args, "wait", False)
                else None
            )
    except InputError as exc:
        message = exc.text(args.lang)
        if args.json:
            print(
                json.dumps(
                    {"success": False, "code": "INPUT", "error": message}, ensure_ascii=False
                )
            )
        else:
            print(f"{'错误' if args.lang == 'zh' else 'error'}: {message}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        output = result.to_json()
        if result.ok and args.mask:
            output = {"success": True, **kinds.of(cap).mask(cap, result.data)}
        if result.sandbox:
            output["sandbox"] = True
            print(SANDBOX_NOTICE, file=sys.stderr)
        print(json.dumps(verification_cli.json_output(output, waited), ensure_ascii=False))
    else:
        print(terminal_text(explain(result, lang=args.lang, mask=not args.no_mask)))
        if waited is not None:
            print("\n" + terminal_text(explain(waited, lang=args.lang, mask=not args.no_mask)))
    final = waited if waited is not None else result
    return EXIT_OK if final.ok else EXIT_UPSTREAM


if __name__ == "__main__":
    sys.exit(main())
