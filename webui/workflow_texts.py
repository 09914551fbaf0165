"""Interface words of the journey and batch tabs (gr.I18n keys, zh + en) and the journey's
sandbox scenarios (pure data)."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "en": {
        "journey": "Onboarding journey",
        "journey.intro": (
            "**ID card + selfie → one verdict.** Add the ID card's portrait side (and, for a "
            "full check, its emblem side) and a selfie; the card is read, the selfie checked "
            "for liveness and compared with the card's portrait, all at once."
        ),
        "journey.front": "1. ID card, portrait side",
        "journey.back": "2. ID card, emblem side (optional)",
        "journey.selfie": "3. Selfie (upload or camera)",
        "journey.run": "Check identity",
        "journey.scenarios": "Sandbox scenarios: one click runs the journey",
        "journey.report": "Report: JSON and printable HTML (masked unless fields are shown)",
        "journey.rules": "Verdict rules",
        "journey.details": "Technical details (the report as JSON)",
        "batch": "Batch testing",
        "batch.intro": (
            "**Many files, one capability.** Pick the capability and its options, drop images, "
            "videos or ZIP archives, run: a row per file, exported as CSV or JSON."
        ),
        "batch.capability": "Capability",
        "batch.files": "Files or ZIP archives",
        "batch.reference": "Reference photo (face comparison: every file is compared with it)",
        "batch.side": "Card side / license page",
        "batch.run": "Run the batch",
        "batch.plan": "What will run",
        "batch.results": "Results",
        "batch.exports": "Exports: CSV and JSON (masked unless sensitive fields are shown)",
    },
    "zh": {
        "journey": "身份核验流程",
        "journey.intro": (
            "**身份证 + 自拍 → 一个结论。** 添加身份证人像面（完整核验还需国徽面）和一张自拍；"
            "系统同时识别证件、检测自拍活体，并将自拍与证件人像比对。"
        ),
        "journey.front": "1. 身份证人像面",
        "journey.back": "2. 身份证国徽面（可选）",
        "journey.selfie": "3. 自拍（上传或摄像头）",
        "journey.run": "开始核验",
        "journey.scenarios": "沙箱场景：点击即运行整个流程",
        "journey.report": "报告：JSON 与可打印 HTML（除非选择显示敏感字段，否则打码）",
        "journey.rules": "判定规则",
        "journey.details": "技术细节（报告 JSON）",
        "batch": "批量测试",
        "batch.intro": (
            "**多个文件，同一能力。** 选择能力及选项，拖入图片、视频或 ZIP 压缩包，运行："
            "每个文件一行结果，可导出 CSV 或 JSON。"
        ),
        "batch.capability": "能力",
        "batch.files": "文件或 ZIP 压缩包",
        "batch.reference": "参考照片（人脸比对：每个文件都与它比对）",
        "batch.side": "证件面 / 行驶证页",
        "batch.run": "运行批量测试",
        "batch.plan": "将要运行",
        "batch.results": "结果",
        "batch.exports": "导出：CSV 与 JSON（除非选择显示敏感字段，否则打码）",
    },
}

#: (English caption, Chinese caption, (portrait side, emblem side, selfie) under assets/).
SCENARIOS: list[tuple[str, str, tuple[str, str | None, str]]] = [
    (
        "Passing journey",
        "通过",
        ("docs/id_card_front.jpg", "docs/id_card_back.jpg", "faces/person_a_1.jpg"),
    ),
    (
        "Face mismatch",
        "人脸不符",
        ("docs/id_card_front.jpg", "docs/id_card_back.jpg", "faces/person_b.jpg"),
    ),
    (
        "Replayed selfie",
        "翻拍自拍",
        ("docs/id_card_front.jpg", "docs/id_card_back.jpg", "faces/screen_replay.jpg"),
    ),
    (
        "Wrong document",
        "证件错误",
        ("docs/bank_card.jpg", "docs/id_card_back.jpg", "faces/person_a_1.jpg"),
    ),
]
