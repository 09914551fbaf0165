""" "Use from code" for the onboarding journey and a batch: the CLI command, the Python call
and the ``gradio_client`` call equivalent to the page's run.

A workflow's run is a ``snippets.Call`` whose ``capability`` is "journey" or "batch":
- journey: ``files`` = (portrait side, emblem side or "", selfie);
- batch: ``files`` = every file or ZIP, ``options`` = {"capability", the side's option, and
  "reference" for a comparison}, ``labels`` for labeling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ekyc.capabilities import get

from .scripting_texts import SNIPPET
from .snippets import (
    Call,
    _literal,
    _python_call,
    _shell_lines,
    opening,
    page_lines,
    shown_file,
    switches,
)

KINDS = ("journey", "batch")
REFERENCE = "reference"


def journey_call(front: Any, back: Any, selfie: Any, **page: Any) -> Call:
    files = (shown_file(front), shown_file(back) if back else "", shown_file(selfie))
    return Call("journey", files, **page)


def batch_call(
    capability: str, paths: Sequence[Any], side: Any, labels: Any, reference: Any, **page: Any
) -> Call:
    cap = get(capability)
    side_option = cap.option_for("side")
    options: dict[str, str | None] = {"capability": capability}
    if side_option is not None and side:
        options[side_option.name] = str(side)
    if len(cap.files) == 2 and reference:
        options[REFERENCE] = shown_file(reference)
    codes = tuple(str(c) for c in labels or ()) if cap.has_labels else None
    names = tuple(shown_file(p) for p in paths if p)
    return Call("batch", names, options, codes or None, **page)


def all_three(call: Call) -> dict[str, str]:
    parts = _journey(call) if call.capability == "journey" else _batch(call)
    return dict(zip(("cli", "python", "gradio"), parts, strict=True))


def _common(call: Call) -> tuple[dict[str, str], list[str], str]:
    words = SNIPPET[call.lang if call.lang in SNIPPET else "en"]
    return words, switches(call), opening(call, words)


def _journey(call: Call) -> tuple[str, str, str]:
    words, flags, client_line = _common(call)
    front, back, selfie = call.files
    parts = ["python", "-m", "ekyc", "journey", "--id-front", front]
    parts += ["--id-back", back] if back else []
    parts += ["--selfie", selfie, *flags]
    args = [_literal(front), _literal(selfie)] + ([f"id_back={_literal(back)}"] if back else [])
    mask = "False" if call.show_sensitive else "True"
    python = [
        "import json",
        "",
        "from ekyc import Client",
        "",
        client_line,
        _python_call("result = client.journey", args),
        "print(result.verdict)  # pass, review or fail",
        f'print(json.dumps(result.to_json(lang="{call.lang}", mask={mask}), ensure_ascii=False))',
    ]
    handle = [f"handle_file({_literal(name)})" if name else "None" for name in call.files]
    page = [*page_lines(call, words), "card, report, files = page.predict("]
    page += [f"    {arg}," for arg in [*handle, _literal(call.lang), repr(call.show_sensitive)]]
    page += ['    api_name="/journey",', ")", 'print(report["verdict"])']
    return f"{words['cli_note']}\n{_shell_lines(parts)}", "\n".join(python), "\n".join(page)


def _batch(call: Call) -> tuple[str, str, str]:
    words, flags, client_line = _common(call)
    options = dict(call.options)
    capability = str(options.pop("capability"))
    reference = options.pop(REFERENCE, None)
    parts = ["python", "-m", "ekyc", "batch", capability, *call.files]
    for name, value in options.items():
        parts += [f"--{name.replace('_', '-')}", str(value)]
    parts += ["--labels", ",".join(call.labels)] if call.labels else []
    parts += ["--reference", reference] if reference else []
    parts += flags
    args = [_literal(capability), _literal(list(call.files))]
    args += [f"options={_literal_dict(options)}"] if options else []
    args += [f"labels={_literal(list(call.labels))}"] if call.labels else []
    args += [f"reference={_literal(reference)}"] if reference else []
    mask = "False" if call.show_sensitive else "True"
    python = [
        "from ekyc import Client",
        "",
        client_line,
        _python_call("result = client.batch", args),
        "print(result.counts())",
        f'print(result.to_csv(lang="{call.lang}", mask={mask}))',
    ]
    side = next(iter(options.values()), None)
    files = "[" + ", ".join(f"handle_file({_literal(n)})" for n in call.files) + "]"
    predict = [
        _literal(capability),
        files,
        _literal(side),
        _literal(list(call.labels or [])),
        f"handle_file({_literal(reference)})" if reference else "None",
        _literal(call.lang),
        repr(call.show_sensitive),
        'api_name="/batch"',
    ]
    page = [*page_lines(call, words), "summary, table, exports = page.predict("]
    page += [f"    {arg}," for arg in predict] + [")", 'print(table["data"])']
    return f"{words['cli_note']}\n{_shell_lines(parts)}", "\n".join(python), "\n".join(page)


def _literal_dict(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in values.items()) + "}"
