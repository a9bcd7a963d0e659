"""Writes the message to the log instead of sending it: the stand-in for channels (SMS,
WeChat) whose gateway is not configured yet."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .base import Transport

if TYPE_CHECKING:
    from ..models import OutboxMessage

logger = logging.getLogger(__name__)


class LogTransport(Transport):
    name = "log"

    def send(self, message: OutboxMessage) -> None:
        logger.info(
            "%s to %s: %s\n%s", message.transport, message.recipient, message.subject, message.body
        )
