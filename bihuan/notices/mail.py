"""Mail headers of notices, given to the email transport through the setting
``BIHUAN_EMAIL_HEADER_HOOKS``: the notice's Message-ID (which carries the signed complaint
reference, so a reply threads back), the acknowledgement it answers (so a mail client
shows a complaint's notices as one conversation) and ``Auto-Submitted`` (RFC 3834: no
auto-reply should answer a notice)."""

from __future__ import annotations

from django.db.models import Q

from bihuan.notifications.models import OutboxMessage

from .choices import NoticeChannel, NoticeKind
from .models import Notice


def outbox_headers(message: OutboxMessage) -> dict[str, str]:
    """The extra headers of an outbox message that carries a notice; {} for other mail."""
    notice = Notice.objects.filter(message=message).only("complaint_id", "email_message_id").first()
    if notice is None or not notice.email_message_id:
        return {}
    headers = {"Message-ID": notice.email_message_id, "Auto-Submitted": "auto-generated"}
    first = (
        Notice.objects.filter(
            complaint_id=notice.complaint_id,
            channel=NoticeChannel.EMAIL,
            kind=NoticeKind.ACKNOWLEDGEMENT,
        )
        .filter(~Q(pk=notice.pk), ~Q(email_message_id=""))
        .values_list("email_message_id", flat=True)
        .first()
    )
    if first:
        headers["In-Reply-To"] = first
        headers["References"] = first
    return headers
