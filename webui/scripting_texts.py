"""Words of "use from code" and of the run history, in English and Chinese (pure data)."""

from __future__ import annotations

SNIPPET = {
    "en": {
        "title": "Use from code",
        "intro": "The same call from a terminal, from Python, or through this page's API.",
        "cli": "Command line",
        "python": "Python (ekyc)",
        "gradio": "This page's API (gradio_client)",
        "cli_note": "# run from the project folder (files as named on the page)",
        "sandbox": "# the emulator, as on this page; Client.from_env() for the real service",
        "live": "# the keys from the environment or .env",
        "fields": "# result.ok, result.code, result.data: the answer's fields for a script",
        "login": "# this page's login: put its user and password here",
        "nothing": "_Run a check: the equivalent code appears here._",
    },
    "zh": {
        "title": "用代码调用",
        "intro": "在终端、Python 中，或通过本页面的 API 完成同样的调用。",
        "cli": "命令行",
        "python": "Python（ekyc）",
        "gradio": "本页面的 API（gradio_client）",
        "cli_note": "# 在项目目录中运行（文件名与页面上一致）",
        "sandbox": "# 内置模拟器，与本页面相同；调用真实服务请用 Client.from_env()",
        "live": "# 密钥取自环境变量或 .env",
        "fields": "# result.ok、result.code、result.data：供脚本读取的应答字段",
        "login": "# 本页面需要登录：在此填写用户名和密码",
        "nothing": "_运行一次检测后，这里显示对应的代码。_",
    },
}

HISTORY = {
    "en": {
        "title": "Run history (this session)",
        "intro": (
            "The runs of this browser session, newest first. Kept in this session's memory "
            "only: reloading or closing the page (switching the language reloads it) or Clear "
            "deletes it; exports are made in your browser. Click a row to reopen its result."
        ),
        "headers": ["#", "Time", "Capability", "Files", "Outcome", "Code", "Seconds"],
        "ok": "✅ done",
        "failed": "❌ failed",
        "refused": "⛔ refused",
        "export_csv": "Export CSV",
        "export_json": "Export JSON",
        "clear": "Clear history",
        "reopened": "Reopened result",
        "reopened_title": "#### Reopened result",
        "empty": "_No runs yet in this session._",
        "pick": "_Click a row above to reopen its result._",
        "gone": "_That run is no longer in the history._",
        "run_of": "Run {number} · {time} · {capability}",
        "more_files": "+{n} more",
    },
    "zh": {
        "title": "运行记录（本会话）",
        "intro": (
            "本浏览器会话中的运行记录，最新的在前。仅保存在本会话的内存中：刷新或关闭页面（切换语言会刷新页面）"
            "或点击“清空记录”即删除；"
            "导出在您的浏览器中完成。点击某一行可重新打开其结果。"
        ),
        "headers": ["#", "时间", "功能", "文件", "结果", "代码", "耗时（秒）"],
        "ok": "✅ 完成",
        "failed": "❌ 失败",
        "refused": "⛔ 已拒绝",
        "export_csv": "导出 CSV",
        "export_json": "导出 JSON",
        "clear": "清空记录",
        "reopened": "重新打开的结果",
        "reopened_title": "#### 重新打开的结果",
        "empty": "_本会话还没有运行记录。_",
        "pick": "_点击上方某一行即可重新打开其结果。_",
        "gone": "_该记录已不在历史中。_",
        "run_of": "第 {number} 次 · {time} · {capability}",
        "more_files": "另 {n} 个",
    },
}
