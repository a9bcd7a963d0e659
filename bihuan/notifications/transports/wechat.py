"""WeChat template messages through the provider chosen by BIHUAN_WECHAT_PROVIDER
(bihuan.notices.providers). The outbox message's body is the template message as JSON
(``template_id``, ``data``, ``url``), its recipient the follower's openid.

With the default provider, which only writes to the log, the whole message is logged as
the log transport does; a provider's refusal is a permanent failure, and so is a body
that is not a template message.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from bihuan.notices.providers import ProviderRejected, wechat_provider
from bihuan.notices.providers.log import LogWechatProvider

from .base import PermanentFailure
from .log import LogTransport

if TYPE_CHECKING:
    from ..models import OutboxMessage


class WechatTransport(LogTransport):
    name = "wechat"

    def send(self, message: OutboxMessage) -> None:
        provider = wechat_provider()
        if isinstance(provider, LogWechatProvider):
            super().send(message)
            return
        try:
            payload = json.loads(message.body)
            template_id, data = str(payload["template_id"]), dict(payload["data"])
            url = str(payload.get("url") or "")
        except (ValueError, KeyError, TypeError) as error:
            raise PermanentFailure(f"not a WeChat template message: {error}") from error
        try:
            provider.send(message.recipient, template_id, data, url)
        except ProviderRejected as refusal:
            raise PermanentFailure(str(refusal)) from refusal
