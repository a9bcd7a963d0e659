"""Queueing notices to complainants: render in their language, one outbox message per
channel they can be reached on, and a NOTICE event on the timeline, all inside the
caller's transaction."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext

from bihuan.complaints.choices import Action
from bihuan.complaints.models import Complainant, Complaint, TimelineEvent
from bihuan.complaints.services import _workflow
from bihuan.core.masking import mask_email, mask_phone
from bihuan.mailin.references import message_id_for, subject_tag
from bihuan.notifications.services import outbox_send

from .choices import NoticeChannel, NoticeKind
from .context import notice_context
from .defaults import default_text
from .models import Notice, WechatContact
from .rendering import render
from .selectors import NoticeText, notice_language, template_for

logger = logging.getLogger(__name__)

SUBJECT_ROOM = 200 - 32  # the outbox subject holds 200 characters; the tag takes 29


@dataclass(frozen=True)
class Address:
    """Where one channel reaches the complainant: an email address, a phone, an openid."""

    channel: str
    recipient: str


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    from_admin: bool


def complainant_addresses(complainant: Complainant) -> list[Address]:
    """The channels the complainant can be reached on, of those the settings allow.

    Anonymous or not, confidential or not: whoever left a contact is told. Without a
    contact there is nobody to tell.
    """
    enabled = set(settings.BIHUAN_NOTICE_CHANNELS)
    found = []
    if complainant.email.strip():
        found.append(Address(NoticeChannel.EMAIL, complainant.email.strip()))
    if complainant.phone.strip():
        found.append(Address(NoticeChannel.SMS, complainant.phone.strip()))
    if NoticeChannel.WECHAT in enabled:  # no query for a channel switched off
        contacts = WechatContact.objects.filter(complainant=complainant)
        openid = contacts.values_list("openid", flat=True).first()
        if openid:
            found.append(Address(NoticeChannel.WECHAT, openid))
    return [address for address in found if address.channel in enabled]


@transaction.atomic
def notice_send(
    *,
    complaint: Complaint,
    kind: str,
    occurrence: str,
    progress_step: str = "",
    event: TimelineEvent | None = None,
    addresses: list[Address] | None = None,
) -> list[Notice]:
    """Queue the notice ``kind`` to the complainant on each of their channels, once per
    (complaint, kind, occurrence, channel): a repeated call sends nothing again.

    ``addresses`` replaces the complainant's own (a WeChat openid known to the caller).
    Each notice leaves through the outbox after the caller's transaction commits, and is
    recorded on the timeline as a NOTICE event (ignored by the notices' own receiver).
    """
    if kind not in NoticeKind.values:
        raise ValueError(f"unknown notice kind {kind!r}")
    complainant = complaint.complainant
    targets = complainant_addresses(complainant) if addresses is None else addresses
    done = set(
        Notice.objects.filter(complaint=complaint, kind=kind, occurrence=occurrence).values_list(
            "channel", flat=True
        )
    )
    targets = [address for address in targets if address.channel not in done]
    if not targets:
        return []
    language = notice_language(complainant.preferred_language)
    context = notice_context(complaint, language=language, progress_step=progress_step)
    sent = []
    for address in targets:
        notice = _queue(complaint, kind, occurrence, language, address, context, event)
        if notice is not None:
            sent.append(notice)
    return sent


def _queue(
    complaint: Complaint,
    kind: str,
    occurrence: str,
    language: str,
    address: Address,
    context: dict[str, str],
    event: TimelineEvent | None,
) -> Notice | None:
    text = template_for(kind=kind, language=language, channel=address.channel)
    if address.channel == NoticeChannel.WECHAT and not text.wechat_template_id:
        logger.warning("No WeChat template ID is set: %s notice not sent by WeChat", kind)
        return None
    rendered = _render(text, context, kind=kind, language=language, channel=address.channel)
    try:
        with transaction.atomic():  # a concurrent twin holding the key wins; this one stops
            notice = Notice.objects.create(
                complaint=complaint,
                kind=kind,
                channel=address.channel,
                occurrence=occurrence,
                language=language,
                recipient=address.recipient,
                from_admin_template=rendered.from_admin,
                event=event,
            )
    except IntegrityError:
        return None
    subject, body = _message(complaint, notice, rendered, text, context)
    notice.message = outbox_send(
        transport=address.channel, recipient=address.recipient, subject=subject, body=body
    )
    notice.save(update_fields=["message", "email_message_id"])
    _record(complaint, notice)
    return notice


def _render(
    text: NoticeText, context: dict[str, str], *, kind: str, language: str, channel: str
) -> Rendered:
    """Render the text; an admin template that fails at sending falls back to the default."""
    try:
        return Rendered(render(text.subject, context), render(text.body, context), text.from_admin)
    except Exception:
        if not text.from_admin:
            raise
        logger.exception(
            "The %s/%s/%s notice template failed; sent the default", kind, language, channel
        )
        shipped = default_text(kind, language, channel)
        return Rendered(render(shipped.subject, context), render(shipped.body, context), False)


def _message(
    complaint: Complaint,
    notice: Notice,
    rendered: Rendered,
    text: NoticeText,
    context: dict[str, str],
) -> tuple[str, str]:
    """The outbox subject and body of a notice on its channel."""
    subject = " ".join(rendered.subject.split())
    if notice.channel == NoticeChannel.EMAIL:
        notice.email_message_id = message_id_for(complaint, notice.kind)
        tagged = f"{Truncator(subject).chars(SUBJECT_ROOM)} {subject_tag(complaint)}"
        return tagged, rendered.body.strip() + "\n"
    if notice.channel == NoticeChannel.WECHAT:
        payload = {
            "template_id": text.wechat_template_id,
            "url": context["status_url"],
            "data": {
                "first": {"value": subject},
                "keyword1": {"value": context["tracking_code"]},
                "keyword2": {"value": context["status"]},
                "keyword3": {"value": context["today"]},
                "remark": {"value": " ".join(rendered.body.split())},
            },
        }
        return subject, json.dumps(payload, ensure_ascii=False)
    with translation.override(settings.LANGUAGE_CODE):
        label = f"{NoticeKind(notice.kind).label} {complaint.tracking_code}"
    return label, " ".join(rendered.body.split())


def _record(complaint: Complaint, notice: Notice) -> None:
    """The NOTICE event on the timeline, its note in the organisation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("%(kind)s by %(channel)s to %(recipient)s") % {
            "kind": NoticeKind(notice.kind).label,
            "channel": NoticeChannel(notice.channel).label,
            "recipient": _masked(notice),
        }
    _workflow.record(
        actor=None,
        complaint=complaint,
        action=Action.NOTICE,
        note=note,
        data={"kind": notice.kind, "channel": notice.channel, "notice": notice.pk},
    )


def _masked(notice: Notice) -> str:
    if notice.channel == NoticeChannel.EMAIL:
        return mask_email(notice.recipient)
    if notice.channel == NoticeChannel.SMS:
        return mask_phone(notice.recipient)
    return Truncator(notice.recipient).chars(8)
