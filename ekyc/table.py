"""The shapes of the capability table's rows and entries, and the live registry that holds them.

Rows are keyword-only so that a row reads as what it says. Where code needs one particular input
or field it asks for its *role*, never its name: the option whose value says what the uploaded
media is (``"media_type"``), the document side (``"side"``), the answer field upstream spells
differently (``aliases``), the key set a host needs (``Host.key_set``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal, overload

HostName = str  # "kyc1" | "mini" | "kyc2", and whatever HOST_TABLE adds
AnswerKind = str  # a key of ekyc.kinds.REGISTRY: "compare" | "liveness" | "ocr" | "labeling"
KeySet = str  # a key of capabilities.KEY_SETS: "A" | "B"
MediaKind = Literal["image", "video", "by_type"]
# What an option means to code other than the wire format: "media_type" says what a "by_type"
# file is; "side" picks the document side; "live_check" / "compare_check" ask a labeling job for
# the liveness and face-consistency statuses; "live_code" takes the code a "live_code" answer
# gave; "return_url" is where a phone comes back to after a verification; "verification_token"
# names the verification whose result is asked for. "plain" options only travel.
OptionRole = Literal[
    "plain",
    "media_type",
    "side",
    "live_check",
    "compare_check",
    "live_code",
    "return_url",
    "verification_token",
]


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One allowed value of an option: what the user passes, what travels, how it reads."""

    value: str
    wire: str
    zh: str
    en: str


@dataclass(frozen=True, kw_only=True)
class Option:
    """A non-file input. ``default`` None means the user must choose (never defaulted silently).

    With no ``choices`` it is free text, checked against ``pattern`` (``example`` shows the
    form in messages) and sent as typed; a free-text default of "" means optional (not sent).
    """

    name: str
    wire: str
    zh: str
    en: str
    choices: tuple[Choice, ...]
    default: str | None = None
    role: OptionRole = "plain"
    pattern: str | None = None
    example: str = ""

    @property
    def free_text(self) -> bool:
        return not self.choices

    def wire_value(self, value: str) -> str:
        if self.free_text:
            return value
        for choice in self.choices:
            if choice.value == value:
                return choice.wire
        raise KeyError(value)

    def value_of(self, wire: str) -> str:
        """The user-facing value that travels as ``wire``."""
        for choice in self.choices:
            if choice.wire == wire:
                return choice.value
        raise KeyError(wire)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True, kw_only=True)
class FileInput:
    """A file input, the body field its base64 travels in, and the formats upstream takes."""

    name: str
    wire: str
    kind: MediaKind
    zh: str
    en: str
    formats: tuple[str, ...] = ()  # as ekyc.media_formats.sniff names them


@dataclass(frozen=True, kw_only=True)
class LabelsInput:
    """A list of label codes (ekyc.catalog.LABELS), sent comma-joined in ``wire``."""

    wire: str
    zh: str
    en: str
    name: str = "labels"


@dataclass(frozen=True, kw_only=True)
class Host:
    """An upstream host: its key set, the protocol spoken to it and its auth scheme."""

    name: HostName
    key_set: KeySet
    protocol: str  # a key of ekyc.protocols.PROTOCOLS
    auth: str  # the protocol's auth scheme: "ticket" (Key A) | "timestamped_ticket" (Key B)
    base_url: str
    base_url_variable: str


@dataclass(frozen=True, kw_only=True)
class Capability:
    name: str
    kind: AnswerKind
    zh: str
    en: str
    host: HostName
    path: str
    files: tuple[FileInput, ...]
    options: tuple[Option, ...] = ()
    labels: LabelsInput | None = None
    order_in_query: bool = False  # PaaS: orderNo travels in the query string as well
    appid_field: str = "appId"
    fixed: Mapping[str, object] = field(default_factory=dict)  # sent as they are
    answer_fields: tuple[str, ...] = ()
    key_fields: tuple[str, ...] = ()  # shown first, in this order
    sensitive_fields: tuple[str, ...] = ()  # masked unless asked
    aliases: Mapping[str, str] = field(default_factory=dict)  # r.data name -> upstream spelling
    blank_means: Mapping[str, str] = field(default_factory=dict)  # field -> phrase when empty
    poll_path: str | None = None  # asynchronous: submit, then poll here
    webcam: bool = False  # a selfie makes sense: the page offers the camera
    tab_en: str = ""  # a shorter title for the page's tab (its group says the rest)
    tab_zh: str = ""

    @property
    def key_set(self) -> KeySet:
        from .capabilities import REGISTRY  # the table is built from these shapes

        return REGISTRY.host(self.host).key_set

    @property
    def asynchronous(self) -> bool:
        return self.poll_path is not None

    @property
    def has_labels(self) -> bool:
        return self.labels is not None

    def option(self, name: str) -> Option:
        for opt in self.options:
            if opt.name == name:
                return opt
        raise KeyError(name)

    def option_for(self, role: OptionRole) -> Option | None:
        """The option playing ``role``, if this capability has one."""
        return next((opt for opt in self.options if opt.role == role), None)

    def input_names(self) -> tuple[str, ...]:
        """Every input in the order of the generated method, the CLI and the page's form."""
        labels = (self.labels.name,) if self.labels else ()
        return (*(f.name for f in self.files), *labels, *(o.name for o in self.options))


class Registry(Sequence[Capability]):
    """The capabilities (a live, ordered, read-mostly sequence) and the hosts.

    ``add`` and the ``extended`` context manager exist for the rows a deployment or a test adds;
    every reader (client, CLI, page, emulator) asks the registry when it needs a row, so an added
    row works without any other change.
    """

    def __init__(self, rows: Sequence[Capability], hosts: Sequence[Host]) -> None:
        self._rows: list[Capability] = list(rows)
        self._hosts: list[Host] = list(hosts)
        self._lock = threading.Lock()
        self.by_name = _ByName(self)
        self.host_names = _HostNames(self)
        self._check()

    # -- Sequence
    @overload
    def __getitem__(self, index: int) -> Capability: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Capability]: ...
    def __getitem__(self, index: int | slice) -> Capability | Sequence[Capability]:
        return tuple(self._rows)[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Capability]:
        return iter(tuple(self._rows))

    def __repr__(self) -> str:
        return f"Registry({[c.name for c in self._rows]})"

    # -- look-ups
    def get(self, name: str) -> Capability:
        for cap in self._rows:
            if cap.name == name:
                return cap
        names = ", ".join(c.name for c in self._rows)
        raise KeyError(f"unknown capability {name!r}; choose one of {names}")

    def host(self, name: str) -> Host:
        for entry in self._hosts:
            if entry.name == name:
                return entry
        raise KeyError(f"unknown host {name!r}")

    @property
    def hosts(self) -> tuple[Host, ...]:
        return tuple(self._hosts)

    # -- extension
    def add(self, cap: Capability | None = None, *, host: Host | None = None) -> None:
        with self._lock:
            self._hosts += [host] if host is not None else []
            self._rows += [cap] if cap is not None else []
            try:
                self._check()
            except ValueError:
                self._drop(cap, host)
                raise

    def remove(self, cap: Capability | None = None, *, host: Host | None = None) -> None:
        with self._lock:
            self._drop(cap, host)

    def _drop(self, cap: Capability | None, host: Host | None) -> None:
        """Remove the last occurrence (the one ``add`` appended)."""
        for items, item in ((self._rows, cap), (self._hosts, host)):
            if item is not None:
                del items[len(items) - 1 - items[::-1].index(item)]  # type: ignore[arg-type]

    @contextmanager
    def extended(self, cap: Capability | None = None, *, host: Host | None = None):
        """The registry with one more row (and host) for the duration of a ``with`` block."""
        self.add(cap, host=host)
        try:
            yield self
        finally:
            self.remove(cap, host=host)

    def _check(self) -> None:
        names = [c.name for c in self._rows]
        if len(set(names)) != len(names):
            raise ValueError("two capabilities share a name")
        hosts = {h.name for h in self._hosts}
        for cap in self._rows:
            if cap.host not in hosts:
                raise ValueError(f"{cap.name}: unknown host {cap.host!r}")
            for role in ("media_type", "side", "live_check", "compare_check"):
                if sum(o.role == role for o in cap.options) > 1:
                    raise ValueError(f"{cap.name}: two options play the role {role!r}")
            if any(f.kind == "by_type" for f in cap.files) and not cap.option_for("media_type"):
                raise ValueError(f"{cap.name}: a by_type file needs a media_type option")


class _ByName(Mapping[str, Capability]):
    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __getitem__(self, name: str) -> Capability:
        for cap in self._registry:
            if cap.name == name:
                return cap
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter([c.name for c in self._registry])

    def __len__(self) -> int:
        return len(self._registry)


class _HostNames(Sequence[HostName]):
    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return tuple(h.name for h in self._registry.hosts)[index]

    def __len__(self) -> int:
        return len(self._registry.hosts)

    def __repr__(self) -> str:
        return repr(tuple(self))
