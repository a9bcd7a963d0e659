"""Mail through Django's mail framework: EMAIL_* settings (from BIHUAN_SMTP_* in the
environment), read when a message is sent.

Extra headers (a notice's Message-ID, so that replies thread back) come from the callables
named in the setting ``BIHUAN_EMAIL_HEADER_HOOKS``: each takes the outbox message and
returns a dict of headers, empty for messages it knows nothing of."""

from __future__ import annotations

import smtplib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from .base import PermanentFailure, Transport

if TYPE_CHECKING:
    from ..models import OutboxMessage


class EmailTransport(Transport):
    name = "email"

    def send(self, message: OutboxMessage) -> None:
        mail = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
            headers={**extra_headers(message), "X-Bihuan-Outbox-Id": str(message.pk)},
        )
        try:
            mail.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _reason in error.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                raise PermanentFailure(f"the mail server refused the address: {error}") from error
            raise


def extra_headers(message: OutboxMessage) -> dict[str, str]:
    """The headers the hooks of BIHUAN_EMAIL_HEADER_HOOKS give this message."""
    headers: dict[str, str] = {}
    for path in getattr(settings, "BIHUAN_EMAIL_HEADER_HOOKS", ()):
        headers.update(import_string(path)(message))
    return headers
