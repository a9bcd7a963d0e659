"""A generic HTTP SMS gateway.

``POST BIHUAN_SMS_HTTP_URL`` with ``{"to": phone, "text": text, "sender": ...}`` and
``Authorization: Bearer BIHUAN_SMS_HTTP_TOKEN``. A 2xx answer is accepted; 400, 404 and
422 are refusals of this message (an invalid number: not retried); anything else, or
no answer, is tried again later. Most Chinese and international gateways can be put
behind this shape with a small adapter; a gateway with another shape is another provider.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import ProviderRejected, SmsProvider
from .httpjson import request_json

REFUSALS = frozenset({400, 404, 422})


class HttpSmsProvider(SmsProvider):
    def send(self, phone: str, text: str) -> None:
        url = settings.BIHUAN_SMS_HTTP_URL
        if not url:
            raise ImproperlyConfigured("BIHUAN_SMS_HTTP_URL is not set")
        payload = {"to": phone, "text": text}
        if settings.BIHUAN_SMS_HTTP_SENDER:
            payload["sender"] = settings.BIHUAN_SMS_HTTP_SENDER
        headers = {}
        if settings.BIHUAN_SMS_HTTP_TOKEN:
            headers["Authorization"] = f"Bearer {settings.BIHUAN_SMS_HTTP_TOKEN}"
        answer = request_json(url, payload=payload, headers=headers)
        if 200 <= answer.status < 300:
            return
        reason = str(answer.body.get("error") or answer.body.get("message") or "")
        if answer.status in REFUSALS:
            raise ProviderRejected(
                f"the SMS gateway refused the message ({answer.status}): {reason}"
            )
        raise RuntimeError(f"the SMS gateway answered {answer.status}: {reason}")
