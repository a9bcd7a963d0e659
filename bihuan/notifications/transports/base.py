"""The one small base class of every notification channel."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ..models import OutboxMessage


class PermanentFailure(Exception):
    """Raised by a transport when trying again cannot help (an address that does not exist)."""


class Transport:
    """Sends one outbox message. ``send`` returns when the message is handed over and raises
    on failure: any exception is a failure to retry later, :class:`PermanentFailure` one
    not to retry."""

    name: ClassVar[str] = ""

    def send(self, message: OutboxMessage) -> None:
        raise NotImplementedError
