"""The default providers: write the message to the log instead of sending it."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from .base import SmsProvider, WechatProvider

logger = logging.getLogger(__name__)


class LogSmsProvider(SmsProvider):
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class LogWechatProvider(WechatProvider):
    def send(self, openid: str, template_id: str, data: Mapping[str, Any], url: str) -> None:
        logger.info(
            "WeChat template %s to %s (%s): %s",
            template_id,
            openid,
            url,
            json.dumps(data, ensure_ascii=False),
        )
