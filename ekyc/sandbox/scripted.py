"""Recognising the bundled samples by hash, and choosing the scripted or generic answer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..capabilities import Capability
from . import answers
from .answers import Script

#: The repository's assets folder (``Path(ekyc.__file__).parents[1] / "assets"``).
ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
SAMPLE_DATA = "sample_data.json"


@dataclass(frozen=True)
class Asset:
    relpath: str
    script: Script
    fields: dict[str, str]


@dataclass(frozen=True)
class Outcome:
    """A recognition outcome: code "0" with answer fields, or a scripted error code."""

    code: str = "0"
    fields: dict[str, Any] = field(default_factory=dict)
    # Not a bundled sample: the fields only show the shape of a real answer (EXAMPLE_MARK).
    example: bool = False


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_sample_data(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / SAMPLE_DATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _fields(entry: Any) -> dict[str, str]:
    raw = entry.get("fields") if isinstance(entry, dict) else None
    if not isinstance(raw, dict):
        return {}
    out: dict[str, str] = {}
    for key, value in raw.items():
        name = answers.UPSTREAM_SPELLING.get(str(key), str(key))
        out[name] = "" if value is None else str(value)
    return out


class Library:
    """The bundled samples the emulator recognises, by SHA-256 of their bytes."""

    def __init__(self, by_hash: dict[str, Asset] | None = None) -> None:
        self.by_hash = by_hash or {}

    @classmethod
    def load(cls, folder: Path | None = None) -> Library:
        """Hash the scripted samples present in ``folder``; tolerate it being absent or partial.

        A sample is recognised by the hash of its file and by the hash ``sample_data.json``
        records for it, so the emulator still knows a sample whose file is missing locally.
        """
        folder = ASSETS_DIR if folder is None else Path(folder)
        sample = _read_sample_data(folder)
        by_hash: dict[str, Asset] = {}
        for relpath, script in answers.SCRIPTS.items():
            entry = sample.get(relpath)
            asset = Asset(relpath, script, _fields(entry))
            hashes = set()
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
                hashes.add(entry["sha256"].lower())
            path = folder / relpath
            try:
                if path.is_file():
                    hashes.add(_sha256_file(path))
            except OSError:
                pass
            for digest in hashes:
                by_hash[digest] = asset
        return cls(by_hash)

    def find(self, data: bytes) -> Asset | None:
        return self.by_hash.get(hashlib.sha256(data).hexdigest())

    @property
    def relpaths(self) -> set[str]:
        return {a.relpath for a in self.by_hash.values()}


@dataclass(frozen=True)
class Call:
    """What the scripted answer of one call depends on, read from the request by role."""

    cap: Capability
    files: list[bytes]
    side: str = ""  # the side option's wire value, "" when the capability has none
    media: str = "image"  # what the capability expects: "image" | "video"
    labels: list[str] = field(default_factory=list)
    do_live: str = "1"
    do_compare: str = "1"


def call_of(
    cap: Capability, options: dict[str, str], labels: list[str], files: list[bytes]
) -> Call:
    """``options`` maps option names to the wire values the request carried."""

    def by_role(role: str, default: str) -> str:
        opt = cap.option_for(role)  # type: ignore[arg-type]
        return options.get(opt.name, default) if opt else default

    media_type = cap.option_for("media_type")
    if media_type is not None:
        media = media_type.value_of(options[media_type.name])
    else:
        media = "video" if cap.files[0].kind == "video" else "image"
    return Call(
        cap,
        files,
        side=by_role("side", ""),
        media=media,
        labels=labels,
        do_live=by_role("live_check", "1"),
        do_compare=by_role("compare_check", "1"),
    )


def _generic(cap: Capability, side: str) -> dict[str, str]:
    table = answers.GENERIC.get(cap.name)
    if table is None:  # a row the answer data does not list: the kind's plain answer
        return answers.generic_for(cap.kind, cap.answer_fields)
    return dict(table.get(side) or table[""])


def answer(library: Library, call: Call) -> Outcome:
    """The answer to a call (a labeling job's eventual answer for an asynchronous one)."""
    return RULES[call.cap.kind](library, call)


def _compare(library: Library, call: Call) -> Outcome:
    files = call.files
    assets = [library.find(data) for data in files]
    known = [a for a in assets if a is not None]
    if any(a.script.media != "image" for a in known):
        return Outcome(answers.WRONG_MEDIA)
    for asset in known:
        if asset.script.face_error:
            return Outcome(asset.script.face_error)
    if len(files) == 2 and files[0] == files[1]:
        similarity = {"similarity": answers.SIMILARITY["identical_bytes"]}
        return Outcome(fields=similarity, example=None in assets)
    persons = [a.script.person if a else None for a in assets]
    if len(persons) == 2 and None not in persons:
        same = persons[0] == persons[1]
        key = "same_person" if same else "different_people"
        return Outcome(fields={"similarity": answers.SIMILARITY[key]})
    return Outcome(fields=_generic(call.cap, ""), example=True)


def _liveness(library: Library, call: Call) -> Outcome:
    asset = library.find(call.files[0])
    if asset is None:
        return Outcome(fields=_generic(call.cap, ""), example=True)
    if asset.script.media != call.media:
        return Outcome(answers.WRONG_MEDIA)
    if asset.script.face_error:
        return Outcome(asset.script.face_error)
    if asset.script.liveness:
        level, tag = asset.script.liveness
        return Outcome(fields={"livenessInfoLevel": level, "livenessInfoTag": tag})
    return Outcome(fields=_generic(call.cap, ""), example=True)


def _ocr(library: Library, call: Call) -> Outcome:
    cap, side = call.cap, call.side
    asset = library.find(call.files[0])
    if asset is None:
        return Outcome(fields=_generic(cap, side), example=True)
    script = asset.script
    if cap.name in script.ocr_error:
        return Outcome(script.ocr_error[cap.name])
    if script.document is None or script.document[0] != cap.name:
        return Outcome(answers.WRONG_DOCUMENT.get(cap.name, answers.NOT_THIS_DOCUMENT))
    doc_side = script.document[1]
    if doc_side is not None and doc_side != side:
        return Outcome(answers.WRONG_SIDE)
    if not asset.fields:
        return Outcome(fields=_generic(cap, side), example=True)
    return Outcome(fields=dict(asset.fields))


def _labeling(library: Library, call: Call) -> Outcome:
    """``labels`` as (code, value) pairs in request order.

    liveStatus and compareStatus come only for a video (fileType "1"), and only when doLive /
    doCompare is "1"; for an image they are left out (the public record lists them as absent
    for images).
    """
    media, labels = call.media, call.labels
    asset = library.find(call.files[0])
    if asset is not None and asset.script.media != media:
        return Outcome(answers.WRONG_MEDIA)
    example = asset is None or asset.script.labels is None
    if not example:
        scripted = asset.script.labels
        pairs = [(code, scripted.get(code, "")) for code in labels]
    else:
        pairs = [
            (code, answers.GENERIC_FIRST_LABEL if i == 0 else answers.GENERIC_OTHER_LABELS)
            for i, code in enumerate(labels)
        ]
    fields: dict[str, Any] = {"labels": pairs}
    if media == "video":
        script = asset.script if asset is not None else None
        if call.do_live == "1":
            live = script.live_status if script and script.live_status else None
            fields["liveStatus"] = live or answers.GENERIC_VIDEO_STATUS
        if call.do_compare == "1":
            same = script.compare_status if script and script.compare_status else None
            fields["compareStatus"] = same or answers.GENERIC_VIDEO_STATUS
    return Outcome(fields=fields, example=example)


#: The emulator's rules per answer kind. Kept apart from ekyc.kinds on purpose: the emulator
#: writes answers as upstream does, the kinds read them; sharing code would hide a mistake.
RULES: dict[str, Callable[[Library, Call], Outcome]] = {
    "compare": _compare,
    "liveness": _liveness,
    "ocr": _ocr,
    "labeling": _labeling,
}


def file_label(pairs: list[tuple[str, str]], shape: str) -> Any:
    """``fileLabel`` in one of the shapes the client must parse (``answers.LABEL_SHAPES``)."""
    if shape == "map":
        return {code: value for code, value in pairs}
    if shape == "maps":
        return [{code: value} for code, value in pairs]
    if shape == "strings":
        return [f"{code}:{value}" for code, value in pairs]
    return [{"labelCode": code, "labelValue": value} for code, value in pairs]
