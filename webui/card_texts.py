"""Words on the result cards (webui.cards), in English and Chinese."""

from __future__ import annotations

CARD: dict[str, dict[str, str]] = {
    "en": {
        "simulated": "Sandbox: a scripted answer for this bundled sample, not recognition.",
        "only_samples": (
            "The sandbox recognises only its bundled samples: it says nothing about your file. "
            "Click a sample to see a scripted answer, or set the keys to call the real service."
        ),
        "example": "EXAMPLE",
        "example_note": "What a real answer looks like (example data, not about your file):",
        "similarity": "Similarity",
        "bands": "Below 70: not the same person · 70–80: same person · 80 and above: same "
        "person, high confidence",
        "risk": "Risk level {level}",
        "advice": "Advice: ",
        "tag": "Risk tag {tag}: ",
    },
    "zh": {
        "simulated": "沙箱：这是为自带示例准备的脚本应答，并非真实识别。",
        "only_samples": "沙箱只认识自带的示例文件，不对您的文件作任何判断。"
        "点击示例可查看脚本应答，或配置密钥调用真实服务。",
        "example": "示例",
        "example_note": "真实应答的样子（示例数据，与您的文件无关）：",
        "similarity": "相似度",
        "bands": "低于 70：非同一人 · 70–80：同一人 · 80 及以上：高置信度同一人",
        "risk": "风险等级 {level}",
        "advice": "建议：",
        "tag": "风险标签 {tag}：",
    },
}
