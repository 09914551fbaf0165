"""The page's gr.I18n table: interface strings, group and tab titles, and every title, input and
option label from the capability table, in English and Chinese."""

from __future__ import annotations

import importlib

import gradio as gr

from ekyc.capabilities import CAPABILITIES
from ekyc.catalog import LABELS

from .checks import info_key
from .registry import TAB_MODULES, TabSpec, group_titles
from .texts import OPTION_INFO, UI


def _label(text: str, lang: str) -> str:
    """The table's English words are written to sit mid-sentence; a label starts a line."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def table(specs: list[TabSpec]) -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {lang: dict(UI[lang]) for lang in ("en", "zh")}
    for lang, titles in group_titles().items():
        words[lang].update(titles)
    for spec in specs:
        words["en"][f"tab.{spec.key}"] = spec.en
        words["zh"][f"tab.{spec.key}"] = spec.zh
    for cap in CAPABILITIES:
        for lang in ("zh", "en"):
            into = words[lang]
            into[cap.name] = getattr(cap, lang)
            for spec in cap.files:
                into[f"{cap.name}.{spec.name}"] = _label(getattr(spec, lang), lang)
            for opt in cap.options:
                into[f"{cap.name}.{opt.name}"] = _label(getattr(opt, lang), lang)
                key = info_key(opt)
                if key:
                    into[f"{cap.name}.{opt.name}.info"] = OPTION_INFO[key][lang]
                for choice in opt.choices:
                    into[f"{cap.name}.{opt.name}.{choice.value}"] = _label(
                        getattr(choice, lang), lang
                    )
    for code, names in LABELS.items():
        for lang in ("zh", "en"):
            words[lang][f"label.{code}"] = f"{code} {names[lang]}"
    # A tab module may bring its own strings: TEXTS = {"en": {...}, "zh": {...}}.
    for name in TAB_MODULES:
        extra = getattr(importlib.import_module(name), "TEXTS", {})
        for lang in ("en", "zh"):
            words[lang].update(extra.get(lang, {}))
    return words


def i18n(specs: list[TabSpec]) -> gr.I18n:
    return gr.I18n(**table(specs))
