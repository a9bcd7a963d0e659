"""The notification channels, one module each, found by name.

A new channel is a new module with a :class:`~.base.Transport` subclass and one line in
:data:`TRANSPORTS`. A deployment may point a name elsewhere with the setting
``BIHUAN_NOTIFICATION_TRANSPORTS`` (a dict of name to dotted path), read at each send.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import PermanentFailure, Transport

TRANSPORTS: dict[str, str] = {
    "email": "bihuan.notifications.transports.email.EmailTransport",
    "sms": "bihuan.notifications.transports.sms.SmsTransport",
    "wechat": "bihuan.notifications.transports.wechat.WechatTransport",
}


def transport_for(name: str) -> Transport:
    """The transport registered under ``name``; PermanentFailure when there is none."""
    paths = {**TRANSPORTS, **getattr(settings, "BIHUAN_NOTIFICATION_TRANSPORTS", {})}
    if name not in paths:
        raise PermanentFailure(f"no transport is registered under the name {name!r}")
    transport_class: type[Transport] = import_string(paths[name])
    return transport_class()


__all__ = ["TRANSPORTS", "PermanentFailure", "Transport", "transport_for"]
