"""Every capability as an MCP tool (Gradio's MCP server), described from the capability table.

Each tool is a ``gr.api`` endpoint with a clean signature (files, labels, options, lang,
show_sensitive) that runs through ``Page.execute``: the same input checks, session and total call
limits and clean-up as the run buttons. A refusal is raised, so an MCP client gets a tool error
saying why. The page's own button endpoints stay for the browser and gradio_client, hidden from
the MCP tool list so each capability is listed once under its own name.

Tools skip Gradio's queue: a queued MCP call goes through an HTTP loopback client that cannot log
in when ``EKYC_AUTH`` is set. The client serialises labeling jobs itself.
"""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Callable
from typing import Any, Literal

import gradio as gr
from gradio.data_classes import FileData

from ekyc.__main__ import terminal_text
from ekyc.capabilities import CAPABILITIES, Capability, Option
from ekyc.catalog import LABELS
from ekyc.explain import mask_data
from ekyc.request import with_media_type

from . import tool_texts as T
from .handlers import Page

ENV = "EKYC_MCP"
OFF = ("0", "false", "no", "off")
TOOL_PREFIX = "tool_"  # API names of the tool endpoints: /tool_face_compare ...
_POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD


class ToolError(gr.Error):
    """A refusal as the MCP client shows it: the message itself, without quotes."""

    def __str__(self) -> str:
        return str(self.message)


def enabled() -> bool:
    """On unless ``EKYC_MCP`` says 0/false/no/off."""
    return os.environ.get(ENV, "").strip().lower() not in OFF


def _shown(fmt: str) -> str:
    return "JPG" if fmt == "jpeg" else fmt.upper()


def file_hint(spec: Any) -> str:
    """What a file argument takes: formats, limits, and how to pass it."""
    formats = ", ".join(_shown(f) for f in spec.formats) or "an image or video"
    if spec.kind == "video":
        limits = f"{formats} video, {T.VIDEO_LIMITS}"
    elif spec.kind == "image":
        limits = f"{formats} image; {T.IMAGE_LIMITS}"
    else:
        limits = f"{formats} (a video {T.VIDEO_LIMITS})"
    return f"{limits}. {T.FILE_HINT}."


def _file_arg(cap: Capability, spec: Any) -> str:
    return f"the {spec.en} ({spec.zh}): {file_hint(spec)}"


def _free_text(opt: Option) -> bool:
    """An option without choices is free text (a URL, a token, a code), checked by pattern."""
    return not opt.choices


def _option_arg(cap: Capability, opt: Option) -> str:
    if _free_text(opt):
        pattern, example = getattr(opt, "pattern", None), getattr(opt, "example", "")
        text = T.FREE_TEXT.format(name=opt.en, zh=opt.zh)
        text += T.FREE_TEXT_PATTERN.format(pattern=pattern) if pattern else ""
        text += T.FREE_TEXT_EXAMPLE.format(example=example) if example else ""
        return text + ("; required" if opt.default is None else "; optional")
    choices = ", ".join(f'"{c.value}" = {c.en}' for c in opt.choices)
    if _inferred(opt):
        return T.TYPE_ARG.format(choices=choices)
    default = f"; default {opt.default}" if opt.default else "; required, no default"
    return f"{opt.en} ({opt.zh}): {choices}{default}"


def describe(cap: Capability) -> str:
    """The tool's docstring: what it does, its arguments (Gradio reads them), what it returns."""
    names = {f"file{i}": spec.en for i, spec in enumerate(cap.files, 1)}
    template = T.WHAT_IT_DOES.get(cap.kind, T.FALLBACK)
    what = template.format(title=cap.en, fields=", ".join(cap.answer_fields), **names)
    args = [f"{spec.name}: {_file_arg(cap, spec)}" for spec in cap.files]
    if cap.has_labels:
        codes = ", ".join(f"{code} {words['en']}" for code, words in LABELS.items())
        args.append(f"labels: {T.LABELS_ARG.format(codes=codes)}")
    args += [f"{opt.name}: {_option_arg(cap, opt)}" for opt in cap.options]
    args += [f"lang: {T.LANG_ARG}", f"show_sensitive: {T.SHOW_ARG}"]
    body = "\n".join(f"    {line}" for line in args)
    return f"{cap.en} ({cap.zh}). {what} {T.PRIVACY}\n\nArgs:\n{body}\n\nReturns:\n    {T.RETURNS}"


def _inferred(opt: Option) -> bool:
    """The media type option: left out, it follows the file's content, as on the page."""
    return opt.role == "media_type"


def _optional(opt: Option) -> bool:
    return opt.default is not None or _inferred(opt)


def _parameters(cap: Capability) -> list[inspect.Parameter]:
    """Required arguments first (files, labels, options without a default), then the rest."""
    params = [inspect.Parameter(s.name, _POSITIONAL, annotation=FileData) for s in cap.files]
    if cap.has_labels:
        params.append(inspect.Parameter("labels", _POSITIONAL, annotation=list[str]))
    required = [o for o in cap.options if not _optional(o)]
    optional = [o for o in cap.options if _optional(o)]
    for opt in required:
        params.append(inspect.Parameter(opt.name, _POSITIONAL, annotation=_type(opt)))
    for opt in optional:
        default = None if _inferred(opt) else opt.default
        kind = _type(opt) if default is not None else _type(opt) | None
        params.append(inspect.Parameter(opt.name, _POSITIONAL, default=default, annotation=kind))
    params += [
        inspect.Parameter("lang", _POSITIONAL, default="en", annotation=Literal["en", "zh"]),
        inspect.Parameter("show_sensitive", _POSITIONAL, default=False, annotation=bool),
        inspect.Parameter("request", _POSITIONAL, default=None, annotation=gr.Request),
    ]
    return params


def _type(opt: Option) -> Any:
    """The argument's type for the JSON schema: its choices, or a string for free text."""
    return str if _free_text(opt) else Literal[opt.values]


def caller(request: gr.Request | None) -> str:
    """The per-session call limit's key for an MCP client: its address (tools have no session)."""
    headers = getattr(request, "headers", None) or {}
    forwarded = (headers.get("x-forwarded-for") or "").split(",")[0].strip()
    client = getattr(getattr(request, "client", None), "host", None)
    return f"mcp:{forwarded or client or 'anonymous'}"


def structured(cap: Capability, result: Any, show_sensitive: bool) -> dict[str, Any]:
    """The answer's fields as a script reads them: the CLI's --json object, masked by default."""
    fields = result.to_json()
    if result.ok and not show_sensitive:
        masked = mask_data(cap.name, result.data)
        # a sandbox answer about an unknown file: the shape of an answer, not a verdict
        fields = {**fields, "example": masked} if result.example else {"success": True, **masked}
    return {**fields, "sandbox": bool(result.sandbox)}


def tool(page: Page, cap: Capability) -> Callable[..., str]:
    """The tool's function, with a real signature and docstring for Gradio to describe."""
    params = _parameters(cap)
    names = [p.name for p in params]

    def run(*args: Any, **kwargs: Any) -> str:
        values = dict(zip(names, args, strict=False))
        values.update(kwargs)
        lang = values.get("lang") if values.get("lang") in ("zh", "en") else "en"
        show = bool(values.get("show_sensitive"))
        files = [path_of(values.get(spec.name)) for spec in cap.files]
        # left out, the media type follows the file's content, as on the page
        options = with_media_type(cap, files, {o.name: values.get(o.name) for o in cap.options})
        text, _, result = page.execute(
            cap, files, options, values.get("labels"), lang, show, caller(values.get("request"))
        )
        if result is None:  # refused before anything was sent, or a call limit
            raise ToolError(terminal_text(text), title=T.REFUSED[lang])
        answer = json.dumps(structured(cap, result, show), ensure_ascii=False, indent=1)
        return f"{text}\n\n```json\n{answer}\n```"

    run.__signature__ = inspect.Signature(params, return_annotation=str)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params} | {"return": str}
    run.__name__ = cap.name  # the MCP tool's name
    run.__doc__ = describe(cap)
    return run


def path_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("path") or None
    return getattr(value, "path", None) or (value if isinstance(value, str) else None)


def register(demo: gr.Blocks, page: Page) -> None:
    """Add one tool per capability, the journey and batch to ``demo``, and keep the page's own
    endpoints out of the tool list."""
    from . import mcp_workflows  # after this module: it uses the helpers above

    tools = set()
    with demo:
        for fn in [*(tool(page, cap) for cap in CAPABILITIES), *mcp_workflows.tools(page)]:
            tools.add(fn)
            gr.api(fn, api_name=TOOL_PREFIX + fn.__name__, queue=False)
    for block_fn in demo.fns.values():
        fn = block_fn.fn
        if fn is None or fn in tools or block_fn.api_visibility != "public":
            continue
        # A page endpoint: callable from gradio_client, not an MCP tool (Gradio lists only
        # functions whose _mcp_type is "tool"), and renamed so the tool keeps the plain name.
        fn._mcp_type = "page"
        fn.__name__ = f"page_{fn.__name__}"
