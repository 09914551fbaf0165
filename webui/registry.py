"""Where the page's tabs come from: groups, tab builders and hooks under each result.

A feature adds a tab by adding a module with a ``TABS`` list (or a ``tabs()`` function returning
one) and one line in ``TAB_MODULES``. A piece shown under every capability's result (code
snippets, run history ...) is a function appended to ``RESULT_HOOKS`` by such a module.

Groups are the page's top-level tabs, in order; the page opens on the first group that has a
tab. A group with a single tab shows that tab directly, without a second row of tabs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gradio as gr

    from ekyc.capabilities import Capability

    from .handlers import Page

# (key, English title, Chinese title): the top-level tabs, in order.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("journey", "Onboarding", "开户流程"),
    ("face", "Face", "人脸"),
    ("documents", "Documents", "证件"),
    ("labeling", "Labeling", "标签"),
    ("api3", "More checks", "更多能力"),
    ("batch", "Batch", "批量"),
    ("history", "History", "记录"),
)
# Answer kind -> group of its capability tabs; a kind not listed goes to "api3".
GROUP_OF_KIND: dict[str, str] = {
    "compare": "face",
    "liveness": "face",
    "ocr": "documents",
    "labeling": "labeling",
}
DEFAULT_GROUP = "api3"

# Modules that contribute tabs or result hooks; one line per feature.
TAB_MODULES: list[str] = [
    "webui.capability_tab",
    "webui.file_preview",  # its strings: the preview of an image-or-video input
    "webui.history_tab",  # run history, and "use from code" under each result
    "webui.journey_tab",  # the onboarding journey (the page opens on it)
    "webui.batch_tab",
    "webui.verification_tab",  # the HTML5 verification flow (API 3.0)
    "webui.live_code_hook",  # "Get a code" where a lip-reading code is asked for
]


@dataclass
class PageContext:
    """What a tab builder may use: the page state and the shared controls."""

    page: Page
    i18n: gr.I18n
    lang: gr.components.Component  # "zh" | "en": the one language switch
    show_sensitive: gr.components.Component  # bool
    status: gr.components.Component  # the "Settings and status" text, refreshed after calls
    # Functions (lang, show_sensitive, *tab outputs) re-rendered when the language or masking
    # changes; filled by builders with ``on_language``.
    rerenders: list[Rerender] = field(default_factory=list)
    # State that features share across tabs (e.g. the run history), by a key of their own.
    shared: dict[str, Any] = field(default_factory=dict)

    def on_language(
        self,
        fn: Callable[..., Any],
        inputs: list[gr.components.Component],
        outputs: list[gr.components.Component],
    ) -> None:
        """Call ``fn(lang, show_sensitive, *inputs)`` -> outputs when either switch changes."""
        self.rerenders.append(Rerender(fn, inputs, outputs))


@dataclass
class Rerender:
    fn: Callable[..., Any]
    inputs: list[gr.components.Component]
    outputs: list[gr.components.Component]


@dataclass
class ResultSlot:
    """The result area of one capability tab, handed to every result hook.

    ``last`` holds the tab's last ``Result`` (None before a run); ``inputs`` are the run's inputs
    in the API's order (files, labels, options); ``run`` is the run button's event, so a hook can
    chain ``slot.run.then(...)``; ``runs`` are all the events that run the capability (the
    button, a picked sample); ``verdict`` shows the explanation (or a refusal).
    """

    context: PageContext
    capability: Capability
    last: gr.State
    inputs: list[gr.components.Component]
    run: Any
    runs: list[Any] = field(default_factory=list)
    verdict: Any = None


ResultHook = Callable[[ResultSlot], None]
RESULT_HOOKS: list[ResultHook] = []


@dataclass(frozen=True)
class TabSpec:
    """One tab: its key (also the tab's elem id, ``tab-<key>``), group, titles and builder.

    ``build(context)`` is called inside the ``gr.Tab``; ``order`` sorts tabs within a group.
    ``replaces`` names tabs this one stands in for (e.g. a flow over two capabilities' tabs).
    """

    key: str
    group: str
    en: str
    zh: str
    build: Callable[[PageContext], None]
    order: int = 100
    replaces: tuple[str, ...] = ()


def all_tabs() -> list[TabSpec]:
    """Every registered tab, from ``TAB_MODULES``, sorted by group order then ``order``."""
    specs: list[TabSpec] = []
    for name in TAB_MODULES:
        module = importlib.import_module(name)
        found = module.tabs() if hasattr(module, "tabs") else getattr(module, "TABS", [])
        specs.extend(found)
    replaced = {key for spec in specs for key in spec.replaces}
    specs = [spec for spec in specs if spec.key not in replaced]
    rank = {key: i for i, (key, _, _) in enumerate(GROUPS)}
    return sorted(specs, key=lambda s: (rank.get(s.group, len(rank)), s.order))


def group_titles() -> dict[str, dict[str, str]]:
    """I18n entries for the group titles: {"en": {"group.face": "Face", ...}, "zh": {...}}."""
    return {
        "en": {f"group.{key}": en for key, en, _ in GROUPS},
        "zh": {f"group.{key}": zh for key, _, zh in GROUPS},
    }
