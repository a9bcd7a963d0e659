"""Writing notifications: notify() inside the caller's transaction, marking them read,
queueing outbox messages again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator

from bihuan.core import clock, jobs
from bihuan.core.errors import NotFound

from .choices import Kind, OutboxStatus
from .models import Notification, OutboxMessage

if TYPE_CHECKING:
    from bihuan.complaints.models import Complaint

DELIVERY_JOB = "notifications.deliver_due"
DEDUPE_KEY_MAX = 200  # the recipient and channel are appended (the columns hold 255)


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str,
    complaint: Complaint | None = None,
    url: str = "",
    dedupe_key: str | None = None,
) -> list[Notification]:
    """Notify staff of an event: a notification-centre entry for each recipient and, for
    those with an email address, an outbox message, delivered after the commit.

    Call it inside the transaction that records the event, so that both commit or neither
    does. With ``dedupe_key`` a repeated call (a second sweep racing the first, a retried
    task) writes nothing and returns the rows the first call wrote: the unique key decides,
    so this holds between concurrent transactions too. Inactive accounts are skipped.
    """
    _check(kind=kind, title=title, dedupe_key=dedupe_key)
    people = _active_once(recipients)
    if not people:
        return []
    if not url and complaint is not None:
        url = reverse("backoffice:complaint_detail", args=[complaint.tracking_code])
    title = Truncator(" ".join(title.split())).chars(200)
    entries = [
        Notification(
            recipient=user,
            complaint=complaint,
            kind=kind,
            title=title,
            body=body,
            url=url,
            dedupe_key=_key(dedupe_key, user.pk),
        )
        for user in people
    ]
    mails = [
        OutboxMessage(
            transport="email",
            recipient=user.email,
            subject=title,
            body=_mail_body(body, url),
            dedupe_key=_key(dedupe_key, user.pk, "email"),
        )
        for user in people
        if user.email
    ]
    if dedupe_key is None:
        written = Notification.objects.bulk_create(entries)
        OutboxMessage.objects.bulk_create(mails)
    else:
        # INSERT ... ON CONFLICT DO NOTHING: a concurrent transaction holding the same key
        # makes this one wait for its commit, then insert nothing. Re-read what is there.
        Notification.objects.bulk_create(entries, ignore_conflicts=True)
        OutboxMessage.objects.bulk_create(mails, ignore_conflicts=True)
        written = list(
            Notification.objects.filter(dedupe_key__in=[e.dedupe_key for e in entries]).order_by(
                "pk"
            )
        )
    if mails:
        transaction.on_commit(lambda: jobs.wake(DELIVERY_JOB))
    return written


@transaction.atomic
def outbox_send(*, transport: str, recipient: str, subject: str, body: str) -> OutboxMessage:
    """Queue one message to an address outside the staff (a complainant's email), to leave
    after the caller's transaction commits, with the same retries as every message."""
    if not recipient.strip() or not subject.strip():
        raise ValueError("an outbox message needs a recipient and a subject")
    message = OutboxMessage.objects.create(
        transport=transport,
        recipient=recipient.strip(),
        subject=Truncator(" ".join(subject.split())).chars(200),
        body=body,
    )
    transaction.on_commit(lambda: jobs.wake(DELIVERY_JOB))
    return message


def _check(*, kind: str, title: str, dedupe_key: str | None) -> None:
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not title.strip():
        raise ValueError("a notification needs a title")
    if dedupe_key is not None and not 0 < len(dedupe_key) <= DEDUPE_KEY_MAX:
        raise ValueError(f"dedupe_key must be 1 to {DEDUPE_KEY_MAX} characters")


def _active_once(recipients: Iterable[User]) -> list[User]:
    seen: set[int] = set()
    people = []
    for user in recipients:
        if user.is_active and user.pk not in seen:
            seen.add(user.pk)
            people.append(user)
    return people


def _key(dedupe_key: str | None, *parts: object) -> str | None:
    return None if dedupe_key is None else ":".join([dedupe_key, *map(str, parts)])


def _mail_body(body: str, url: str) -> str:
    if not url:
        return body
    link = url if "://" in url else f"{settings.BIHUAN_SITE_URL}{url}"
    return f"{body}\n\n{link}" if body else link


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's notifications read (again is harmless)."""
    try:
        notification = Notification.objects.get(pk=notification_id, recipient=user)
    except Notification.DoesNotExist:
        raise NotFound() from None
    if notification.read_at is None:
        notification.read_at = clock.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; how many were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=clock.now()
    )


@transaction.atomic
def outbox_retry(*, message_ids: Iterable[int]) -> int:
    """Queue failed (or waiting) messages again for a full round of attempts, due now.

    Messages sent, or being sent under a live lease, are left alone. How many were queued.
    """
    queued = OutboxMessage.objects.filter(
        pk__in=list(message_ids), status__in=[OutboxStatus.FAILED, OutboxStatus.PENDING]
    ).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=clock.now(), claimed_until=None
    )
    if queued:
        transaction.on_commit(lambda: jobs.wake(DELIVERY_JOB))
    return queued
