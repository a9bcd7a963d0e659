"""SMS and WeChat providers: plugins behind one interface (:mod:`.base`), chosen by dotted
path in the settings BIHUAN_SMS_PROVIDER and BIHUAN_WECHAT_PROVIDER (read at each send).

Shipped: the log providers (the default), a generic HTTP SMS gateway
(:mod:`.http_sms`) and WeChat's template-message API (:mod:`.wechat`).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import ProviderRejected, SmsProvider, WechatProvider


def sms_provider() -> SmsProvider:
    provider_class: type[SmsProvider] = import_string(settings.BIHUAN_SMS_PROVIDER)
    return provider_class()


def wechat_provider() -> WechatProvider:
    provider_class: type[WechatProvider] = import_string(settings.BIHUAN_WECHAT_PROVIDER)
    return provider_class()


__all__ = ["ProviderRejected", "SmsProvider", "WechatProvider", "sms_provider", "wechat_provider"]
