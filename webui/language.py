"""One language switch for the whole page: interface strings (gr.I18n) and server-side texts.

Gradio 6 translates ``gr.I18n`` keys in the browser with the locale it takes from
``navigator.language`` when the page starts; it has no parameter to choose it and does not
remember a choice. So:

- ``HEAD`` runs before Gradio starts (``webui.early_head`` puts it first in the page's HTML)
  and, when the visitor chose a language before (kept in the browser's localStorage under
  ``STORAGE_KEY``), presents that language as the browser's;
- ``LOAD_JS`` gives the page's language radio its first value: the remembered choice, else the
  browser's language;
- ``SWITCH_JS`` remembers a new choice and reloads the page, which then starts in it. (Gradio's
  own ``changeLocale`` re-translates only the components that happen to re-render, and not its
  built-in words such as "Drop Image Here": a page half in one language is worse than a reload.)

Server-rendered texts (explanations, status, cards) follow the same radio's value.
"""

from __future__ import annotations

import json
from typing import Any

STORAGE_KEY = "ekyc-lang"

HEAD = f"""<script>
(function () {{
  try {{
    var chosen = window.localStorage.getItem({json.dumps(STORAGE_KEY)});
    if (chosen !== "zh" && chosen !== "en") return;
    var locale = chosen === "zh" ? "zh-CN" : "en-US";
    Object.defineProperty(window.navigator, "language", {{
      get: function () {{ return locale; }}
    }});
    Object.defineProperty(window.navigator, "languages", {{
      get: function () {{ return [locale]; }}
    }});
  }} catch (e) {{}}
}})();
</script>"""

LOAD_JS = f"""() => {{
  let chosen = null;
  try {{ chosen = window.localStorage.getItem({json.dumps(STORAGE_KEY)}); }} catch (e) {{}}
  if (chosen === "zh" || chosen === "en") return chosen;
  const browser = (window.navigator.language || "en").toLowerCase();
  return browser.startsWith("zh") ? "zh" : "en";
}}"""

SWITCH_JS = f"""(lang) => {{
  if (lang !== "zh" && lang !== "en") return lang;
  try {{ window.localStorage.setItem({json.dumps(STORAGE_KEY)}, lang); }} catch (e) {{}}
  window.location.reload();
  return lang;
}}"""


def language(value: Any) -> str:
    """The radio's value as a language code; anything unexpected reads as English."""
    return value if value in ("zh", "en") else "en"
