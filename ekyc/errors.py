"""Errors raised before any network call. Upstream and network failures are Results, not errors."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: refused locally with a clear message, nothing was sent.

    ``str(error)`` is the English message; ``text("zh")`` the Chinese one where given.
    """

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


class LabelError(InputError):
    """The labels argument is not 1-5 known label codes."""


class MissingCredentials(InputError):
    """The capability's key set is not configured; the message names the variables to set."""

    def __init__(self, message: str, variables: tuple[str, ...], zh: str | None = None) -> None:
        super().__init__(message, zh)
        self.variables = variables
