"""The one domain error type raised by every service."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """A refused business operation, with a machine-readable code and a translated message.

    Views show ``message`` to the user; the API (a later issue) returns ``code`` beside it.
    ``field`` names the form field at fault when there is one.
    """

    def __init__(self, code: str, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class NotFound(DomainError):
    """The record does not exist or the user may not know that it exists."""

    def __init__(self, message: str | Promise = "not found") -> None:
        super().__init__("not_found", message)
