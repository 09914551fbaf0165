"""Words of the journey and batch workflows, in Chinese and English (pure data)."""

from __future__ import annotations

from typing import Final

STEP_TITLES: Final[dict[str, dict[str, str]]] = {
    "id_front": {"en": "ID card, portrait side", "zh": "身份证人像面"},
    "id_back": {"en": "ID card, emblem side", "zh": "身份证国徽面"},
    "liveness": {"en": "Selfie liveness", "zh": "自拍活体检测"},
    "face_compare": {"en": "Selfie vs ID card portrait", "zh": "自拍与证件人像比对"},
}

STATUS: Final[dict[str, dict[str, str]]] = {
    "done": {"en": "done", "zh": "完成"},
    "failed": {"en": "failed", "zh": "失败"},
    "skipped": {"en": "skipped", "zh": "跳过"},
}

VERDICT: Final[dict[str, dict[str, str]]] = {
    "pass": {"en": "Pass", "zh": "通过"},
    "review": {"en": "Needs review", "zh": "需人工复核"},
    "fail": {"en": "Fail", "zh": "不通过"},
    "example": {"en": "Example only: no verdict", "zh": "仅为示例：不给结论"},
}
VERDICT_ICON: Final[dict[str, str]] = {"pass": "✅", "review": "⚠️", "fail": "❌", "example": "🧪"}

SKIPPED_BACK: Final = {
    "en": "No emblem side given",
    "zh": "未提供国徽面",
}
NOT_RECOGNISED: Final = {
    "en": "sandbox: not one of the bundled samples, so this is an example answer, not a verdict",
    "zh": "沙箱：不是自带样本，这只是示例应答，不是结论",
}
MISSING_INPUT: Final = {
    "id_front": {
        "en": "Add the ID card's portrait side first",
        "zh": "请先添加身份证人像面照片",
    },
    "selfie": {"en": "Add a selfie first", "zh": "请先添加自拍照"},
}
JOURNEY_CALLS: Final = {
    "en": "This journey makes {n} calls ({steps}).",
    "zh": "本流程将调用 {n} 次（{steps}）。",
}

# ---- batch --------------------------------------------------------------------------------

OUTCOME: Final[dict[str, dict[str, str]]] = {
    "ok": {"en": "ok", "zh": "成功"},
    "example": {"en": "example (not a sample)", "zh": "示例（非样本）"},
    "failed": {"en": "failed", "zh": "失败"},
    "refused": {"en": "refused locally", "zh": "本地拒绝"},
    "skipped": {"en": "skipped", "zh": "跳过"},
}
SKIP_REASONS: Final[dict[str, dict[str, str]]] = {
    "not_media": {
        "en": "not an image or video ({what})",
        "zh": "不是图片或视频（{what}）",
    },
    "nested_archive": {
        "en": "an archive inside the archive: not opened",
        "zh": "压缩包内的压缩包：不予打开",
    },
    "encrypted": {"en": "encrypted: not opened", "zh": "已加密：不予打开"},
    "link": {"en": "a link, not a file", "zh": "链接而非文件"},
    "too_large": {
        "en": "larger than {limit} MiB",
        "zh": "超过 {limit} MiB",
    },
    "empty": {"en": "empty file", "zh": "空文件"},
    "metadata": {"en": "system metadata file", "zh": "系统元数据文件"},
    "unreadable": {"en": "cannot be read", "zh": "无法读取"},
    "refused": {"en": "{en}", "zh": "{zh}"},
    "call_limit": {
        "en": "not run: the call limit was reached",
        "zh": "未运行：已达调用次数上限",
    },
    "quota": {
        "en": "not run: upstream says the quota is used up",
        "zh": "未运行：上游提示调用额度已用完",
    },
    "too_many": {
        "en": "not run: more than {limit} files in one batch",
        "zh": "未运行：单批最多 {limit} 个文件",
    },
}
ZIP_REFUSED: Final[dict[str, dict[str, str]]] = {
    "not_zip": {
        "en": "{name}: not a readable ZIP archive",
        "zh": "{name}：不是可读取的 ZIP 压缩包",
    },
    "too_many_entries": {
        "en": "{name}: {count} entries, more than the {limit} allowed",
        "zh": "{name}：共 {count} 项，超过上限 {limit}",
    },
    "traversal": {
        "en": "{name}: refused, a member's name points outside the archive ({member})",
        "zh": "{name}：已拒绝，其中文件名指向压缩包之外（{member}）",
    },
    "bomb": {
        "en": "{name}: refused, it unpacks to far more than it weighs (a ZIP bomb?)",
        "zh": "{name}：已拒绝，解压后体积远超原文件（疑似 ZIP 炸弹）",
    },
    "too_large": {
        "en": "{name}: refused, it unpacks to more than {limit} MiB",
        "zh": "{name}：已拒绝，解压后超过 {limit} MiB",
    },
}
NO_FILES: Final = {
    "en": "No image or video to run: add files, folders or a ZIP",
    "zh": "没有可运行的图片或视频：请添加文件、文件夹或 ZIP",
}
BATCH_LIMIT: Final = {
    "en": "This batch needs {need} calls, but only {left} remain under the call limit",
    "zh": "本批需要调用 {need} 次，但调用上限内只剩 {left} 次",
}
JOURNEY_LIMIT: Final = {
    "en": "This journey needs {need} calls, but only {left} remain under the call limit",
    "zh": "本流程需要调用 {need} 次，但调用上限内只剩 {left} 次",
}
BATCH_PLAN: Final = {
    "en": "{files} file(s) to run: {calls} call(s). {skipped} skipped.",
    "zh": "待运行 {files} 个文件：将调用 {calls} 次。跳过 {skipped} 个。",
}
BATCH_PROGRESS: Final = {
    "en": "{done}/{total} files · {elapsed:.0f} s elapsed · about {remaining:.0f} s left",
    "zh": "{done}/{total} 个文件 · 已用 {elapsed:.0f} 秒 · 约剩 {remaining:.0f} 秒",
}
COLUMNS: Final[dict[str, dict[str, str]]] = {
    "file": {"en": "file", "zh": "文件"},
    "outcome": {"en": "outcome", "zh": "结果"},
    "code": {"en": "code", "zh": "代码"},
    "fields": {"en": "key fields", "zh": "关键字段"},
    "seconds": {"en": "seconds", "zh": "耗时（秒）"},
    "message": {"en": "message", "zh": "说明"},
}
BATCH_SUMMARY: Final = {
    "en": "{calls} calls, {seconds:.2f} s, {parallel} at a time: {counts}",
    "zh": "调用 {calls} 次，用时 {seconds:.2f} 秒，并发 {parallel}：{counts}",
}
