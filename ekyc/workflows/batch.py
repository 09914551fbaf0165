"""Batch testing: one capability over many files (files, folders, ZIPs), a row per file.

Concurrency is bounded (labeling one job at a time, as upstream allows); one failing file never
stops the others; every call is taken from a budget first, so call limits hold during the run;
upstream saying its quota is used up stops the calls still waiting. Rows keep the key fields
only, never the raw answers, so a long batch holds little memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..capabilities import Capability, get
from ..catalog import language
from ..errors import InputError
from ..explain import explain
from ..request import with_media_type
from .collect import Item, Plan, plan
from .journey import first_line
from .rows import BatchResult, Row
from .safezip import Skipped
from .texts import NO_FILES, NOT_RECOGNISED

if TYPE_CHECKING:
    from ..client import Client

FilePath = str | os.PathLike[str]
#: Calls in flight at once (labeling: one, upstream's limit per appid).
PARALLEL = 4
#: Upstream's "quota used up" codes (Key A, Key B): the calls still waiting are not sent.
QUOTA_CODES = frozenset({"400602", "66660003"})
# (files done, files in all, seconds elapsed, seconds probably left)
BatchProgress = Callable[[int, int, float, float], Any]


# ---- running --------------------------------------------------------------------------------


def run_batch(
    client: Client,
    capability: str,
    paths: Sequence[FilePath] | Plan,
    options: Mapping[str, Any] | None = None,
    labels: str | Sequence[str] | None = None,
    *,
    reference: FilePath | None = None,
    parallel: int = PARALLEL,
    spend: Callable[[], bool] | None = None,
    refund: Callable[[], Any] | None = None,
    progress: BatchProgress | None = None,
) -> BatchResult:
    """Run ``capability`` on every media file of ``paths``. See ``Client.batch``."""
    cap = get(capability)
    if len(cap.files) == 2 and not reference:
        raise InputError(
            f"{cap.name} compares two photos: give the reference photo every file is compared with",
            zh=f"{cap.zh}需要比对两张照片：请提供每个文件都与之比对的参考照片",
        )
    if len(cap.files) == 1 and reference:
        raise InputError(
            f"{cap.name} takes one file: no reference photo",
            zh=f"{cap.zh}只需要一个文件，不需要参考照片",
        )
    for opt in cap.options:
        if opt.default is None and not (options or {}).get(opt.name):
            choices = ", ".join(f"{c.value} ({c.en})" for c in opt.choices)
            choices_zh = "、".join(f"{c.value}（{c.zh}）" for c in opt.choices)
            raise InputError(
                f"Choose the {opt.en} for {cap.en}: {choices}",
                zh=f"请选择{cap.zh}的{opt.zh}：{choices_zh}",
            )
    owned = not isinstance(paths, Plan)
    batch_plan = plan(paths) if not isinstance(paths, Plan) else paths
    try:
        if not batch_plan.items:
            raise InputError(NO_FILES["en"], zh=NO_FILES["zh"])
        batch = _Batch(client, cap, dict(options or {}), labels, reference, spend, refund)
        return _run(batch, batch_plan, 1 if cap.asynchronous else max(1, parallel), progress)
    finally:
        if owned:
            batch_plan.close()


@dataclass
class _Batch:
    """One run: what every file's call takes, and the tally its calls keep (under ``lock``)."""

    client: Client
    cap: Capability
    options: dict[str, Any]
    labels: str | Sequence[str] | None
    reference: FilePath | None
    spend: Callable[[], bool] | None
    refund: Callable[[], Any] | None
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: int = 0
    stop: bool = False  # upstream's quota is used up: the calls still waiting are not sent
    calls: int = 0
    sandbox: bool = False


def _run(
    batch: _Batch, batch_plan: Plan, workers: int, progress: BatchProgress | None
) -> BatchResult:
    started = time.monotonic()
    total = len(batch_plan.items)

    def one(item: Item) -> Row:
        row = _one(batch, item)
        with batch.lock:
            batch.done += 1
            done = batch.done
        if progress is not None:
            elapsed = time.monotonic() - started
            with contextlib.suppress(Exception):  # a broken display must not break the batch
                progress(done, total, elapsed, elapsed / done * (total - done))
        return row

    if progress is not None:
        progress(0, total, 0.0, 0.0)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="batch") as pool:
        rows = list(pool.map(one, batch_plan.items))
    rows += [
        Row(s.name, "skipped", message=s.text("en"), message_zh=s.text("zh"), reason=s.reason)
        for s in batch_plan.skipped
    ]
    return BatchResult(
        batch.cap.name,
        rows,
        time.monotonic() - started,
        workers,
        batch.calls,
        batch.sandbox,
        language(batch.client.lang),
    )


def _one(batch: _Batch, item: Item) -> Row:
    cap = batch.cap
    with batch.lock:
        stopped = batch.stop
    if stopped:
        return _skipped_row(item, "quota")
    if batch.spend is not None and not batch.spend():
        return _skipped_row(item, "call_limit")
    files = [str(item.path)] + ([str(batch.reference)] if batch.reference else [])
    values = with_media_type(cap, files, batch.options)  # what the file is, from its content
    started = time.monotonic()
    try:
        result = batch.client.call(cap, files, values, batch.labels if cap.has_labels else None)
    except InputError as exc:
        if batch.refund is not None:
            batch.refund()
        return Row(item.name, "refused", "INPUT", seconds=time.monotonic() - started,
                   message=str(exc), message_zh=exc.zh, capability=cap.name)  # fmt: skip
    seconds = time.monotonic() - started
    with batch.lock:
        batch.calls += 1
        batch.sandbox = batch.sandbox or result.sandbox
        if result.code in QUOTA_CODES:
            batch.stop = True
    words = {lang: first_line(explain(result, lang=lang)) for lang in ("en", "zh")}
    if not result.ok:
        return Row(item.name, "failed", result.code, seconds=seconds, message=words["en"],
                   message_zh=words["zh"], capability=cap.name)  # fmt: skip
    example = result.example  # the sandbox did not recognise the file: no verdict about it
    if example:
        words = {lang: f"{words[lang]} ({NOT_RECOGNISED[lang]})" for lang in words}
    return Row(
        item.name,
        "example" if example else "ok",
        result.code,
        {} if example else key_fields(cap, result.data),  # an example's fields are not the file's
        seconds,
        words["en"],
        words["zh"],
        capability=cap.name,
    )


def _skipped_row(item: Item, reason: str) -> Row:
    skipped = Skipped(item.name, reason)
    return Row(
        item.name,
        "skipped",
        message=skipped.text("en"),
        message_zh=skipped.text("zh"),
        reason=reason,
    )


def key_fields(cap: Capability, data: Mapping[str, Any]) -> dict[str, Any]:
    """The few fields a batch row shows: the row's key fields, else its answer fields."""
    names = cap.key_fields or cap.answer_fields or tuple(list(data)[:4])
    return {name: data[name] for name in names if name in data}


def dumps(result: BatchResult, lang: str | None = None, mask: bool = True) -> str:
    return json.dumps(result.to_json(lang, mask), ensure_ascii=False, indent=2)
