"""Interface text in Chinese and English (gr.I18n keys) and the page's fixed Markdown blocks."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "# eKYC demo",
        "tagline": "Tencent Cloud identity checks (face match, liveness, ID and card reading, "
        "media labels), explained in plain words. Click a sample or add your own file.",
        "badge_sandbox": "🧪 Sandbox",
        "badge_live": "🟢 Live",
        "run": "Run",
        "placeholder": "_The result appears here: click a sample, or add a file and press Run._",
        "technical": "Technical details (raw answer)",
        "raw": "Raw JSON",
        "lang": "Language",
        "show_sensitive": "Show sensitive fields (ID, card and license numbers, names, addresses)",
        "samples": "Samples: click one to run it",
        "labels": "Labels to check (at most 5)",
        "more_options": "More options",
        "settings": "Settings and status",
        "about": "Legal notice and privacy",
        "why_no_id_check": "Why is there no name + ID number check?",
        # Gradio announces these to screen readers but ships no text for them
        "common.complete": "Complete",
        "common.error": "Error",
    },
    "zh": {
        "title": "# eKYC 演示",
        "tagline": "腾讯云身份核验（人脸比对、活体检测、证件与银行卡识别、图片/视频标签），"
        "结果用通俗语言解释。点击示例或添加您自己的文件即可试用。",
        "badge_sandbox": "🧪 沙箱模式",
        "badge_live": "🟢 线上",
        "run": "开始检测",
        "placeholder": "_结果将显示在这里：点击一个示例，或添加文件后点击“开始检测”。_",
        "technical": "技术细节（原始应答）",
        "raw": "原始 JSON",
        "lang": "语言",
        "show_sensitive": "显示敏感字段（证件号、卡号、姓名、地址）",
        "samples": "示例：点击即可运行",
        "labels": "要检测的标签（最多 5 个）",
        "more_options": "更多选项",
        "settings": "设置与状态",
        "about": "法律声明与隐私",
        "why_no_id_check": "为什么没有“姓名 + 身份证号”核验？",
        "common.complete": "完成",
        "common.error": "出错",
    },
}

# Explanations under an option, keyed by option role (or name).
OPTION_INFO: dict[str, dict[str, str]] = {
    "live_check": {
        "en": "For a video: also check that a real, present person is filmed (not a replay).",
        "zh": "仅对视频：同时检测是否为真人实时拍摄（而非翻拍）。",
    },
    "compare_check": {
        "en": "For a video: also check that the same face is seen throughout.",
        "zh": "仅对视频：同时检测视频中是否始终为同一张脸。",
    },
    "source_photo_type": {
        "en": "What the reference photo is: a watermarked ID photo or an ordinary clear photo.",
        "zh": "参照照片的类型：带网纹的证件照，或普通高清照片。",
    },
}

UPLOAD_CHECK = {
    "en": {
        "good": "✔️ {label}: {facts}. Checked on this machine; nothing sent yet.",
        "bad": "⚠️ **{label} cannot be used**: {message}",
        "unreadable": "this file could not be read.",
        "seconds": "{seconds} s",
        "add_file": "Please add the {label} first.",
        "choose": "Please choose the {label} first ({choices}).",
        "enter": "Please enter the {label} first.",
        "and": " and the ",
        "or": " or ",
    },
    "zh": {
        "good": "✔️ {label}：{facts}。已在本机检查，尚未发送。",
        "bad": "⚠️ **{label}无法使用**：{message}",
        "unreadable": "无法读取此文件。",
        "seconds": "{seconds} 秒",
        "add_file": "请先添加{label}。",
        "choose": "请先选择{label}（{choices}）。",
        "enter": "请先填写{label}。",
        "and": "和",
        "or": "或",
    },
}

LEGAL = {
    "en": (
        "**Legal notice.** Results are for reference only and are not a legal confirmation of "
        "identity; decisions with real consequences need human review.\n\n"
        "**Privacy.** Only the image or video you submit is sent, to Tencent Cloud (or, in sandbox "
        "mode, to a simulator on this machine). Your files stay on this server only so that you "
        "can change an option and run again: they are deleted when you close the page, and never "
        "kept more than 10 minutes. Files sent through the API are deleted right after the call. "
        "Nothing you submit is logged or stored anywhere else. Sensitive fields are masked unless "
        "you ask to see them."
    ),
    "zh": (
        "**法律声明：** 结果仅供参考，不构成法律意义上的身份确认；涉及重要决定时请人工复核。\n\n"
        "**隐私：** 仅发送您提交的图片或视频至腾讯云（沙箱模式下发送至本机模拟器）。"
        "文件暂存在本服务器上，只为方便您修改选项后再次检测：关闭页面即删除，最多保留 10 分钟。"
        "通过 API 提交的文件在调用结束后立即删除。提交的内容不会被记录或另行保存。"
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
    "en": {
        "submitting": "Step 1 of 2: sending the file…",
        "processing": "Step 2 of 2: waiting for the labeling result, {seconds} s so far "
        "(usually 5–10 s)…",
        "done": "Done in {seconds} s",
    },
    "zh": {
        "submitting": "第 1 步（共 2 步）：正在发送文件…",
        "processing": "第 2 步（共 2 步）：正在等待标签结果，已 {seconds} 秒（通常 5–10 秒）…",
        "done": "完成，用时 {seconds} 秒",
    },
}
