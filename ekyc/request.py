"""A call checked and prepared from the table, before any protocol puts it on the wire.

``prepare`` does every local check (options, labels, files) and reads each upload once; bad
input raises an ``InputError`` and costs no upstream call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import media as media_mod
from . import media_formats
from .capabilities import Capability, Option
from .errors import InputError
from .labels import parse_labels

FilePath = str | os.PathLike[str]
Progress = Callable[[str, float], Any]  # (stage, seconds since submit): see LABELING_STAGES
LABELING_STAGES = ("submitting", "processing", "done")


@dataclass(frozen=True)
class Request:
    """What one call sends: option wire values and fixed fields, media base64 by wire field,
    and the label codes (joined on the wire as the protocol requires)."""

    fields: dict[str, Any]
    media: dict[str, bytes]
    labels: list[str] | None = None
    values: dict[str, str] = field(default_factory=dict)  # option name -> checked value


def prepare(
    cap: Capability,
    files: Sequence[FilePath],
    options: Mapping[str, Any] | None,
    labels: str | Sequence[str] | None,
    max_image_base64: int,
) -> Request:
    values = check_options(cap, options or {})
    label_codes = parse_labels(labels) if cap.labels else None  # type: ignore[arg-type]
    if len(files) != len(cap.files):
        raise InputError(
            f"{cap.name} needs {len(cap.files)} file(s), got {len(files)}",
            zh=f"{cap.zh}需要 {len(cap.files)} 个文件，收到 {len(files)} 个",
        )
    media_type = cap.option_for("media_type")
    media: dict[str, bytes] = {}
    for spec, path in zip(cap.files, files, strict=True):
        kind = spec.kind
        if kind == "by_type":
            kind = values[media_type.name] if media_type else "image"
        loaded = media_mod.load(path, kind, max_image_base64, formats=spec.formats)
        media[spec.wire] = loaded.base64
    fields: dict[str, Any] = dict(cap.fixed)
    for opt in cap.options:
        fields[opt.wire] = opt.wire_value(values[opt.name])
    return Request(fields, media, label_codes, values)


def with_media_type(
    cap: Capability, files: Sequence[FilePath | None], options: Mapping[str, Any]
) -> dict[str, Any]:
    """``options`` with the media type option, when left out, read from the content of the file
    it describes (an MP4 is a video); its default when that cannot be told."""
    opt = cap.option_for("media_type")
    if opt is None or options.get(opt.name):
        return dict(options)
    typed = [path for spec, path in zip(cap.files, files, strict=False) if spec.kind == "by_type"]
    found = media_formats.kind_of(typed[0]) if typed and typed[0] else None
    return {**options, opt.name: found or opt.default}


def check_options(cap: Capability, given: Mapping[str, Any]) -> dict[str, str]:
    """Option name -> value, defaults applied; an unknown, missing or bad one is refused."""
    unknown = set(given) - {opt.name for opt in cap.options}
    if unknown:
        raise InputError(f"{cap.name} has no option {', '.join(sorted(unknown))}")
    values: dict[str, str] = {}
    for opt in cap.options:
        raw = given.get(opt.name)
        raw = opt.default if raw is None else raw
        if opt.free_text:
            values[opt.name] = _check_text(cap, opt, raw)
            continue
        allowed = ", ".join(f"{c.value} ({c.en})" for c in opt.choices)
        allowed_zh = "、".join(f"{c.value}（{c.zh}）" for c in opt.choices)
        if raw is None or str(raw).strip() == "":
            raise InputError(
                f"{opt.name} ({opt.en}) is required for {cap.name}: choose {allowed}",
                zh=f"请选择{opt.zh}：{allowed_zh}",
            )
        value = str(raw).strip().lower()
        if value not in opt.values:
            raise InputError(
                f"{opt.name} ({opt.en}) must be one of {allowed}, not {str(raw)!r}",
                zh=f"{opt.zh}只能是 {allowed_zh}，不能是 {str(raw)!r}",
            )
        values[opt.name] = value
    return values


def _check_text(cap: Capability, opt: Option, raw: Any) -> str:
    """A free-text option's value: required unless its default is "", checked by its pattern."""
    value = "" if raw is None else str(raw).strip()
    form = f" (e.g. {opt.example})" if opt.example else ""
    form_zh = f"（例如 {opt.example}）" if opt.example else ""
    if not value:
        if opt.default == "":
            return ""
        raise InputError(
            f"{opt.name} ({opt.en}) is required for {cap.name}{form}",
            zh=f"请填写{opt.zh}{form_zh}",
        )
    if opt.pattern and not re.fullmatch(opt.pattern, value):
        raise InputError(
            f"{opt.name} ({opt.en}) is not in the expected form{form}: {value[:60]!r}",
            zh=f"{opt.zh}格式不对{form_zh}：{value[:60]!r}",
        )
    return value
