"""SMS through the provider chosen by BIHUAN_SMS_PROVIDER (bihuan.notices.providers).

With the default provider, which only writes to the log, the whole message is logged as
the log transport does; a provider's refusal (an invalid number) is a permanent failure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bihuan.notices.providers import ProviderRejected, sms_provider
from bihuan.notices.providers.log import LogSmsProvider

from .base import PermanentFailure
from .log import LogTransport

if TYPE_CHECKING:
    from ..models import OutboxMessage


class SmsTransport(LogTransport):
    name = "sms"

    def send(self, message: OutboxMessage) -> None:
        provider = sms_provider()
        if isinstance(provider, LogSmsProvider):
            super().send(message)
            return
        try:
            provider.send(message.recipient, message.body)
        except ProviderRejected as refusal:
            raise PermanentFailure(str(refusal)) from refusal
