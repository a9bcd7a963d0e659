"""The one interface of SMS and WeChat providers.

A provider hands one message to an outside service and returns, or raises:
:class:`ProviderRejected` when the service refuses the message for good (an invalid
number, an openid that does not follow the account), any other exception when trying
again later may succeed. The outbox transports turn the first into PermanentFailure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ProviderRejected(Exception):
    """The provider refused the message; sending it again cannot help."""


class SmsProvider:
    """Sends a text message to a phone number."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class WechatProvider:
    """Sends a WeChat official-account template message to a follower."""

    def send(self, openid: str, template_id: str, data: Mapping[str, Any], url: str) -> None:
        raise NotImplementedError
