"""The notification centre, and the outbox through which every message leaves Bihuan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock

from .choices import Kind, OutboxStatus


class Notification(models.Model):
    """One entry in a staff member's notification centre (the bell in the navigation bar).

    Written by :func:`~bihuan.notifications.services.notify` inside the transaction of the
    event it reports, so that an event and its notification exist together or not at all.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The caller's key plus the recipient: a repeated notify() finds the row and stops.
    dedupe_key = models.CharField(max_length=255, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_colour(self) -> str:
        return Kind(self.kind).colour if self.kind in Kind.values else "secondary"


class OutboxMessage(models.Model):
    """A message to send through a transport, after the transaction that wrote it commits.

    Workers claim a due row by compare-and-swap (status ``pending`` to ``sending`` with a
    lease in ``claimed_until``); a worker that dies mid-send leaves a lease that expires,
    and the row becomes due again. ``attempts`` counts the tries since it was last queued;
    :class:`DeliveryAttempt` rows keep every try with its error.
    """

    transport = models.CharField(_("transport"), max_length=32)
    recipient = models.CharField(_("recipient address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=clock.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=255, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.transport} to {self.recipient}: {self.subject}"


class DeliveryAttempt(models.Model):
    """One try at sending an outbox message. ``ok`` stays empty while the try is under way,
    and is set to failed, with an explanation, when its worker was lost."""

    message = models.ForeignKey(
        OutboxMessage, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    ok = models.BooleanField(_("delivered"), null=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"attempt #{self.pk} of message #{self.message_id}"
