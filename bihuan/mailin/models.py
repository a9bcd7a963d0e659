"""Every email that reaches intake, kept whole: nothing is dropped."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.models import Complaint
from bihuan.core import clock

from .choices import AutomaticReason, InboundStatus, Source


class InboundMessage(models.Model):
    """One received email (来信): its raw bytes and what intake made of it.

    ``message_id`` is unique, so the same message is never ingested twice, whether it is
    polled again after a crash or piped twice by the mail server. A message that could not
    be made into a complaint stays here, quarantined, until it is re-processed.
    """

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=InboundStatus.choices, db_index=True
    )
    automatic_reason = models.CharField(
        _("why automatic"), max_length=20, choices=AutomaticReason.choices, blank=True
    )
    raw = models.BinaryField(_("raw message"))
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sender_name = models.CharField(_("sender name"), max_length=100, blank=True)
    sender_address = models.CharField(_("sender address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_messages",
    )
    refused_files = models.JSONField(
        _("refused attachments"),
        default=list,
        blank=True,
        help_text=_("Attachments not taken over (type or size); the raw message keeps them."),
    )
    fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A hash of sender, subject and text: the same message resent is a duplicate."),
    )
    note = models.TextField(_("note"), blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("processing attempts"), default=1)
    received_at = models.DateTimeField(_("received"), default=clock.now, db_index=True)
    processed_at = models.DateTimeField(_("last processed"), default=clock.now)

    class Meta:
        verbose_name = _("received email")
        verbose_name_plural = _("received emails")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.get_status_display()})"

    @property
    def raw_bytes(self) -> bytes:
        return bytes(self.raw)
