"""Errors raised before any network call. Upstream and network failures are Results, not errors."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: refused locally with a clear message, nothing was sent."""


class LabelError(InputError):
    """The labels argument is not 1-5 known label codes."""


class MissingCredentials(InputError):
    """The capability's key set is not configured; the message names the variables to set."""

    def __init__(self, message: str, variables: tuple[str, ...]) -> None:
        super().__init__(message)
        self.variables = variables
