"""Checks the page makes on its own, before any call: a file as soon as it is uploaded, and a
form's missing inputs named by their labels. Messages in both languages; nothing is sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ekyc import InputError
from ekyc.capabilities import Capability, FileInput, Option
from ekyc.media import load
from ekyc.media_files import MIB
from ekyc.media_formats import kind_of

from .language import language
from .texts import OPTION_INFO, UPLOAD_CHECK


def info_key(opt: Option) -> str | None:
    """The OPTION_INFO entry explaining an option (by its role, else its name), if any."""
    for key in (opt.role, opt.name):
        if key in OPTION_INFO:
            return key
    return None


def file_report(spec: FileInput, path: str | None, lang: str) -> str:
    """What a local check of the uploaded file found: fine (and what it is), or why not."""
    if not path:
        return ""
    words = UPLOAD_CHECK[lang]
    kind = spec.kind if spec.kind != "by_type" else (kind_of(path) or "image")
    label = getattr(spec, lang)
    try:
        media = load(path, kind, formats=spec.formats or None)
    except InputError as exc:
        return words["bad"].format(label=_start(label, lang), message=exc.text(lang))
    except Exception:  # an unexpected reader failure must not break the page
        return words["bad"].format(label=_start(label, lang), message=words["unreadable"])
    facts = [media.format.upper()]
    if media.size:
        facts.append(f"{media.size[0]}×{media.size[1]}")
    if media.duration:
        facts.append(words["seconds"].format(seconds=f"{media.duration:.1f}"))
    facts.append(f"{media.original_bytes / MIB:.1f} MB")
    return words["good"].format(label=_start(label, lang), facts=", ".join(facts))


def on_upload(cap: Capability, spec: FileInput) -> Callable[[str | None, str], str]:
    def check(path: str | None, lang: str) -> str:
        return file_report(spec, path, language(lang))

    return check


def _start(text: str, lang: str) -> str:
    return text[:1].upper() + text[1:] if lang == "en" else text


def missing(
    cap: Capability, files: Sequence[Any], options: dict[str, Any], lang: str
) -> str | None:
    """The plain-language refusal naming the missing inputs by their labels, or None."""
    words = UPLOAD_CHECK[lang]
    absent = [getattr(spec, lang) for spec, path in zip(cap.files, files, strict=True) if not path]
    if absent:
        return words["add_file"].format(label=words["and"].join(absent))
    for opt in cap.options:
        if opt.default is None and options.get(opt.name) in (None, ""):  # must be chosen
            if not opt.choices:  # free text
                return words["enter"].format(label=getattr(opt, lang))
            choices = words["or"].join(getattr(c, lang) for c in opt.choices)
            return words["choose"].format(label=getattr(opt, lang), choices=choices)
    return None
