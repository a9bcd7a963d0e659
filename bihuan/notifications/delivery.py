"""Delivering the outbox: claim by compare-and-swap, send, record the attempt, retry later.

Any number of processes may run :func:`deliver_due` at once. A message is claimed by one
UPDATE that succeeds only while it is still due, so two workers never hold it together;
the claim is a lease, and a message whose worker died mid-send becomes due again when
the lease runs out. A message is sent twice only if a send outlasts the lease (five
minutes, against a 30 second SMTP timeout) or the process dies between the mail
server's acceptance and the commit that records it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from bihuan.core import clock

from .choices import OutboxStatus
from .models import DeliveryAttempt, OutboxMessage
from .transports import PermanentFailure, transport_for

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
WORKER_LOST = "the worker stopped before finishing this attempt (its lease ran out)"


@dataclass
class Claim:
    message: OutboxMessage
    attempt: DeliveryAttempt


def deliver_due(*, limit: int = 100) -> int:
    """Send up to ``limit`` due outbox messages; the number sent."""
    due = list(
        OutboxMessage.objects.filter(_due(clock.now()))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        claim = _claim(pk)
        if claim is not None and _send(claim):
            sent += 1
    return sent


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 1, 2, 4 ... minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** min(max(attempts - 1, 0), 16), LONGEST_WAIT)


def _due(now: datetime) -> Q:
    waiting = Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
    abandoned = Q(status=OutboxStatus.SENDING, claimed_until__lt=now)
    return waiting | abandoned


@transaction.atomic
def _claim(pk: int) -> Claim | None:
    now = clock.now()
    claimed = OutboxMessage.objects.filter(_due(now), pk=pk).update(
        status=OutboxStatus.SENDING, claimed_until=now + LEASE, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return None  # another worker was first
    message = OutboxMessage.objects.get(pk=pk)
    DeliveryAttempt.objects.filter(message=message, ok__isnull=True).update(
        ok=False, finished_at=now, error=WORKER_LOST
    )
    attempt = DeliveryAttempt.objects.create(message=message, started_at=now)
    return Claim(message=message, attempt=attempt)


def _send(claim: Claim) -> bool:
    message = claim.message
    error, permanent = "", False
    try:
        transport_for(message.transport).send(message)
    except PermanentFailure as failure:
        error, permanent = str(failure), True
    except Exception as failure:
        error = f"{type(failure).__name__}: {failure}"
    _record(claim, error=error[:4000], permanent=permanent)
    return not error


@transaction.atomic
def _record(claim: Claim, *, error: str, permanent: bool) -> None:
    message, attempt = claim.message, claim.attempt
    now = clock.now()
    attempt.ok, attempt.error, attempt.finished_at = not error, error, now
    attempt.save(update_fields=["ok", "error", "finished_at"])
    ours = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxStatus.SENDING, claimed_until=message.claimed_until
    )
    if not error:
        changed = ours.update(
            status=OutboxStatus.SENT, sent_at=now, claimed_until=None, last_error=""
        )
    elif permanent or message.attempts >= settings.BIHUAN_OUTBOX_MAX_ATTEMPTS:
        logger.error("outbox message %s failed for good: %s", message.pk, error)
        changed = ours.update(status=OutboxStatus.FAILED, claimed_until=None, last_error=error)
    else:
        logger.warning("outbox message %s failed, will retry: %s", message.pk, error)
        changed = ours.update(
            status=OutboxStatus.PENDING,
            claimed_until=None,
            next_attempt_at=now + retry_delay(message.attempts),
            last_error=error,
        )
    if changed != 1:
        logger.warning("outbox message %s: the lease ran out during the attempt", message.pk)
