""" "Use from code": the CLI command, the Python ``ekyc`` snippet and the ``gradio_client`` call
equivalent to a run on the page, built from the capability table.

Files are named as the visitor knows them: a bundled sample by its path in the project
(``assets/faces/person_a_1.jpg``, so the snippet runs as is from a clone), an upload by its own
file name. No snippet ever holds a key or a password: the page's login appears as placeholders.
Nothing here imports gradio.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from ekyc.capabilities import get

from .scripting_texts import SNIPPET

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
SAMPLE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".mp4", ".mov")
WIDTH = 88  # longer commands and calls are split over lines
DEFAULT_URL = "http://127.0.0.1:7860/"


@dataclass(frozen=True)
class Call:
    """What was run: enough to write it again as code."""

    capability: str
    files: tuple[str, ...]  # as shown: a sample's project path or the upload's file name
    options: dict[str, str | None] = field(default_factory=dict)
    labels: tuple[str, ...] | None = None
    lang: str = "en"
    show_sensitive: bool = False
    sandbox: bool = True
    url: str = DEFAULT_URL
    login: bool = False

    def __hash__(self) -> int:  # Gradio hashes State values to see whether they changed
        options = tuple(sorted(self.options.items()))
        return hash((self.capability, self.files, options, self.labels, self.lang, self.url))


@cache
def _samples() -> dict[str, dict[str, str]]:
    """Bundled samples by file name, then by SHA-256: their paths relative to the project."""
    found: dict[str, dict[str, str]] = {}
    if ASSETS.is_dir():
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file() and path.suffix.lower() in SAMPLE_SUFFIXES:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found.setdefault(path.name, {})[digest] = path.relative_to(ROOT).as_posix()
    return found


def shown_file(path: str | Path | None) -> str:
    """A sample's project path when the file is a bundled sample, else its own name."""
    if not path:
        return ""
    file = Path(str(path))
    candidates = _samples().get(file.name)
    if candidates:
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        if digest in candidates:
            return candidates[digest]
    return file.name


def make_call(
    capability: str,
    paths: Sequence[str | None],
    options: dict[str, Any],
    labels: Sequence[str] | str | None,
    **page: Any,
) -> Call:
    """A Call from the page's own values (paths in Gradio's cache, the options' values)."""
    cap = get(capability)
    if isinstance(labels, str):
        labels = [t for t in labels.replace("，", ",").split(",") if t.strip()]
    return Call(
        capability,
        tuple(shown_file(p) for p in paths),
        {opt.name: _text(options.get(opt.name)) for opt in cap.options},
        tuple(str(code).strip() for code in labels) if cap.has_labels and labels else None,
        **page,
    )


def with_switches(call: Call, lang: str, show_sensitive: bool) -> Call:
    """The same call in another language or masking (the page's switches changed)."""
    return replace(call, lang=lang if lang in ("zh", "en") else "en", show_sensitive=show_sensitive)


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _literal(value: Any) -> str:
    """A Python literal (double quotes, any script kept readable)."""
    if isinstance(value, (str, list)):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def cli(call: Call) -> str:
    cap = get(call.capability)
    words = SNIPPET[call.lang if call.lang in SNIPPET else "en"]
    parts = ["python", "-m", "ekyc", cap.name]
    for spec, name in zip(cap.files, call.files, strict=True):
        parts += [f"--{spec.name}", name]
    if call.labels:
        parts += ["--labels", ",".join(call.labels)]
    for opt in cap.options:
        value = call.options.get(opt.name)
        if value is not None:
            parts += [f"--{opt.name.replace('_', '-')}", value]
    parts += switches(call)
    return f"{words['cli_note']}\n{_shell_lines(parts)}"


def switches(call: Call) -> list[str]:
    """The CLI's flags for the page's language, masking and mode."""
    flags = ["--lang", call.lang]
    flags += ["--no-mask"] if call.show_sensitive else []
    return flags + (["--sandbox"] if call.sandbox else [])


def opening(call: Call, words: dict[str, str]) -> str:
    """The Python snippet's client: the sandbox, as on the page, or the keys from the
    environment."""
    if call.sandbox:
        return f"{words['sandbox']}\nclient = Client.sandboxed()"
    return f"{words['live']}\nclient = Client.from_env()"


def _shell_lines(parts: list[str]) -> str:
    """One line when it is short, else a flag (and its value) per continued line."""
    line = shlex.join(parts)
    if len(line) <= WIDTH:
        return line
    lines, current = [shlex.join(parts[:4])], []
    for part in parts[4:]:
        if part.startswith("--") and current:
            lines.append(shlex.join(current))
            current = []
        current.append(part)
    lines.append(shlex.join(current))
    return " \\\n    ".join(lines)


def python(call: Call) -> str:
    cap = get(call.capability)
    words = SNIPPET[call.lang if call.lang in SNIPPET else "en"]
    args = [_literal(name) for name in call.files]
    if call.labels:
        args.append(_literal(list(call.labels)))
    args += [
        f"{opt.name}={_literal(call.options[opt.name])}"
        for opt in cap.options
        if call.options.get(opt.name) is not None
    ]
    mask = "False" if call.show_sensitive else "True"
    return "\n".join(
        [
            "from ekyc import Client",
            "from ekyc.explain import explain",
            "",
            opening(call, words),
            _python_call(f"result = client.{cap.name}", args),
            f'print(explain(result, lang="{call.lang}", mask={mask}))',
            words["fields"],
        ]
    )


def _python_call(opening: str, args: list[str]) -> str:
    line = f"{opening}({', '.join(args)})"
    if len(line) <= WIDTH:
        return line
    return "\n".join([f"{opening}(", *(f"    {arg}," for arg in args), ")"])


def gradio(call: Call) -> str:
    cap = get(call.capability)
    words = SNIPPET[call.lang if call.lang in SNIPPET else "en"]
    args = [f"handle_file({_literal(name)})" for name in call.files]
    if cap.has_labels:
        args.append(_literal(list(call.labels or [])))
    args += [_literal(call.options.get(opt.name)) for opt in cap.options]
    args += [_literal(call.lang), repr(call.show_sensitive), f'api_name="/{cap.name}"']
    lines = [*page_lines(call, words), "text, raw = page.predict("]
    lines += [f"    {arg}," for arg in args]
    lines += [")", "print(text)"]
    return "\n".join(lines)


def page_lines(call: Call, words: dict[str, str]) -> list[str]:
    """The gradio_client opening: the import and the page's client (a login as placeholders:
    a snippet never carries a password)."""
    lines = ["from gradio_client import Client, handle_file", ""]
    if call.login:
        lines.append(
            f'page = Client({_literal(call.url)}, auth=("<user>", "<password>"))  {words["login"]}'
        )
    else:
        lines.append(f"page = Client({_literal(call.url)})")
    return lines


def all_three(call: Call) -> dict[str, str]:
    from . import workflow_snippets  # the journey's and batch's (which use this module's pieces)

    if call.capability in workflow_snippets.KINDS:
        return workflow_snippets.all_three(call)
    return {"cli": cli(call), "python": python(call), "gradio": gradio(call)}
