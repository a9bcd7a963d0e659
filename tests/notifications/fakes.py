"""Transports for tests, registered through the BIHUAN_NOTIFICATION_TRANSPORTS setting."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from bihuan.notifications.models import OutboxMessage
from bihuan.notifications.transports import PermanentFailure, Transport


class RecordingTransport(Transport):
    """Remembers every message it sends, taking ``delay`` seconds over each."""

    name = "recording"
    sent: ClassVar[list[int]] = []
    delay: ClassVar[float] = 0.0
    _lock = threading.Lock()

    def send(self, message: OutboxMessage) -> None:
        time.sleep(self.delay)
        with self._lock:
            self.sent.append(message.pk)


class FailingTransport(Transport):
    """A mail server that is down."""

    name = "failing"

    def send(self, message: OutboxMessage) -> None:
        raise ConnectionRefusedError("the mail server is down")


class RefusingTransport(Transport):
    """A gateway that says the address does not exist."""

    name = "refusing"

    def send(self, message: OutboxMessage) -> None:
        raise PermanentFailure("no such address")


def use(settings: object, transport: type[Transport]) -> None:
    """Send "email" through ``transport`` for the length of the test."""
    path = f"{transport.__module__}.{transport.__qualname__}"
    settings.BIHUAN_NOTIFICATION_TRANSPORTS = {"email": path}  # type: ignore[attr-defined]
