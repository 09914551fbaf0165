"""The largest upload the page accepts, and the refusal in the visitor's language.

The limit is the largest input any capability takes: every file goes through ``ekyc.media``,
whose size cap (``MAX_FILE_BYTES``, 20 MiB) holds for every kind; a larger file could never be
sent, so Gradio refuses it at upload instead of storing it (``launch(max_file_size=...)``).

Gradio 6.31's browser client checks the size before uploading and shows a fixed English toast
(``File(s) exceed the maximum allowed size of 20.0 Mb: "name"``) that ``gr.I18n`` cannot reach:
it is built in its JavaScript, not from a translation key. ``SCRIPT`` rewrites that toast's text
in the page's language (the language switch, else the browser's). A script that skips the
browser gets Gradio's HTTP 413 (``File size exceeded maximum allowed size of ... bytes``).
"""

from __future__ import annotations

import json

from ekyc.media_files import MAX_FILE_BYTES, MIB

MAX_UPLOAD_BYTES = MAX_FILE_BYTES

MESSAGES = {
    "en": "{names}: larger than {limit} MiB, the largest file this page takes; "
    "compress or trim it first.",
    "zh": "{names}：超过 {limit} MiB，本页面接受的最大文件；请先压缩或剪短。",
}

_SCRIPT = """
<script>
(() => {
  const messages = %(messages)s;
  const limit = %(limit)s;
  const titles = {"en": "Error ", "zh": "错误 "};
  const pattern = /^File\\(s\\) exceed the maximum allowed size of [^:]*: (.*)$/;
  const language = () => {
    const chosen = document.querySelector('input[type="radio"][value="zh"]:checked')
      ? "zh" : document.querySelector('input[type="radio"][value="en"]:checked') ? "en" : null;
    return chosen || ((navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en");
  };
  const translate = (node) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const found = pattern.exec(text.nodeValue.trim());
      if (found) {
        const lang = language();
        text.nodeValue = messages[lang].replace("{names}", found[1]).replace("{limit}", limit);
        const toast = text.parentNode && text.parentNode.closest(".toast-body");
        const title = toast && toast.querySelector(".toast-title");
        if (title && title.firstChild) title.firstChild.nodeValue = titles[lang];
      }
    }
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        translate(node.nodeType === Node.TEXT_NODE ? node.parentNode || node : node);
      }
    }
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
})();
</script>
"""

SCRIPT = _SCRIPT % {
    "messages": json.dumps(MESSAGES, ensure_ascii=False),
    "limit": json.dumps(f"{MAX_UPLOAD_BYTES / MIB:g}"),
}
