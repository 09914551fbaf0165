"""Interface text in Chinese and English (gr.I18n keys) and the page's fixed Markdown blocks."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "# eKYC demo: face, liveness, document OCR and media labeling",
        "subtitle": "Pick a sample or drop a file, press the button, read the verdict.",
        "run": "Run",
        "explanation": "Result",
        "placeholder": "_The result appears here: add a file or pick a sample, then press Run._",
        "technical": "Technical details (raw answer)",
        "raw": "Raw JSON",
        "lang": "Explanation language",
        "show_sensitive": "Show sensitive fields (ID, card and license numbers, names, addresses)",
        "examples": "Samples: click one to load it",
        "labels": "Labels to check (at most 5)",
        "status": "Status",
        "about": "Legal notice and privacy",
        "why_no_id_check": "Why is there no name + ID number check?",
        "settings": "Settings",
    },
    "zh": {
        "title": "# eKYC 演示：人脸、活体、证件识别与图片/视频标签",
        "subtitle": "选择示例或拖入文件，点击按钮，查看结论。",
        "run": "开始检测",
        "explanation": "结果",
        "placeholder": "_结果将显示在这里：添加文件或选择示例，然后点击“开始检测”。_",
        "technical": "技术细节（原始应答）",
        "raw": "原始 JSON",
        "lang": "解释语言",
        "show_sensitive": "显示敏感字段（证件号、卡号、姓名、地址）",
        "examples": "示例：点击即可载入",
        "labels": "要检测的标签（最多 5 个）",
        "status": "状态",
        "about": "法律声明与隐私",
        "why_no_id_check": "为什么没有“姓名 + 身份证号”核验？",
        "settings": "设置",
    },
}

LEGAL = {
    "en": (
        "**Legal notice.** Results are for reference only and are not a legal confirmation of "
        "identity; decisions with real consequences need human review.\n\n"
        "**Privacy.** Only the image or video you submit is sent, to Tencent Cloud (or, in sandbox "
        "mode, to a simulator on this machine). Nothing you submit is stored or logged by this "
        "page: uploaded files are deleted right after the call (a form refused before anything "
        "was sent keeps its files so you can complete it; they are cleared within 10 minutes). "
        "Sensitive fields are masked unless you ask to see them."
    ),
    "zh": (
        "**法律声明：** 结果仅供参考，不构成法律意义上的身份确认；涉及重要决定时请人工复核。\n\n"
        "**隐私：** 仅发送您提交的图片或视频至腾讯云（沙箱模式下发送至本机模拟器）。本页面不保存、"
        "不记录任何提交内容，上传文件在调用结束后立即删除"
        "（未发送的表单会暂留文件以便补全，10 分钟内清除）。"
        "敏感字段默认打码，需要时可选择显示。"
    ),
}

WHY_NO_ID_CHECK = {
    "en": (
        "Older APIs could compare a photo with a name and ID number against the authority's "
        "database. This demo deliberately accepts only images and videos: it never asks for, "
        "sends or keeps names, ID numbers, phone numbers or other personal text. Checking a "
        "person against an official register needs that person's consent and a legal basis, "
        "which a public demo page cannot establish."
    ),
    "zh": (
        "早期接口可以将照片与姓名、身份证号一起提交到权威库比对。本演示刻意只接受图片和视频："
        "不索取、不发送、不保存姓名、身份证号、手机号等个人文字信息。依据官方库核验个人身份需要本人"
        "授权和合法依据，公开演示页面无法满足。"
    ),
}

SANDBOX_BANNER = {
    "en": (
        "🧪 **Sandbox mode**: answers come from a simulator on this machine. They are simulated, "
        "not recognition. Set the keys in `.env` (on a Space: its secrets) to call the real "
        "service."
    ),
    "zh": (
        "🧪 **沙箱模式**：结果来自本机模拟器，是模拟结果而非真实识别。"
        "在 `.env`（Space 上为其 Secrets）中配置密钥即可调用真实服务。"
    ),
}

INPUT_ERROR = {
    "en": "❌ **The input was refused** (nothing was sent): {message}",
    "zh": "❌ **输入未通过检查**（未发送任何请求）：{message}",
}
INTERNAL_ERROR = {
    "en": "❌ **Something went wrong on this page.** Please try again; nothing was kept.",
    "zh": "❌ **页面出现错误。** 请重试；提交的内容未被保存。",
}
CALL_LIMIT = {
    "session": {
        "en": (
            "⛔ **Call limit reached**: this session may make {limit} calls. "
            "Reload later or run your own copy."
        ),
        "zh": "⛔ **已达调用上限**：每个会话最多 {limit} 次调用。请稍后再试，或自行部署。",
    },
    "total": {
        "en": (
            "⛔ **This demo's call budget is used up** ({limit} calls). "
            "Run your own copy with your own keys."
        ),
        "zh": "⛔ **本演示的调用额度已用完**（{limit} 次）。请使用自己的密钥自行部署。",
    },
}
MISSING_FILE = {
    "en": "Please add {what} first.",
    "zh": "请先添加{what}。",
}

STATUS = {
    "en": {
        "mode": "Mode:",
        "sandbox": "sandbox",
        "live": "live",
        "calls": "Calls this session:",
        "key_A": "Key A (face, liveness, OCR): ",
        "key_B": "Key B (media labeling): ",
        "key_C": "Key C (API 3.0: international liveness + comparison, HTML5 verification): ",
        "configured": "configured",
        "simulated": "simulated; for the real service set `{appid}` and `{secret}` ({where})",
        "missing": "missing: set `{appid}` and `{secret}` ({where})",
    },
    "zh": {
        "mode": "模式：",
        "sandbox": "沙箱",
        "live": "线上",
        "calls": "本会话调用次数：",
        "key_A": "密钥 A（人脸、活体、证件识别）：",
        "key_B": "密钥 B（图片/视频标签）：",
        "key_C": "密钥 C（API 3.0：国际版活体比对、H5 核身）：",
        "configured": "已配置",
        "simulated": "模拟中；调用真实服务请设置 `{appid}` 和 `{secret}`（{where}）",
        "missing": "未配置：请设置 `{appid}` 和 `{secret}`（{where}）",
    },
}

PROGRESS = {
    "en": {"submitting": "Sending…", "processing": "Processing… {seconds} s", "done": "Done"},
    "zh": {"submitting": "正在提交…", "processing": "处理中…已 {seconds} 秒", "done": "完成"},
}
