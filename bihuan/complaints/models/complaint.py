"""The complaint aggregate root."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.org.models import Category, Department, Site

from ..choices import STATUS_COLOURS, Channel, Severity, Status
from .complainant import Complainant


class Complaint(models.Model):
    """One complaint on its way round the closed loop.

    ``status`` is written only by the workflow services (``complaints.services``).
    """

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    channel = models.CharField(_("channel"), max_length=40, choices=Channel.choices)
    external_reference = models.CharField(
        _("external reference"),
        max_length=64,
        blank=True,
        help_text=_("The referrer's work-order number (12345, 12315, regulator)."),
    )
    complainant = models.ForeignKey(
        Complainant,
        verbose_name=_("complainant"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), null=True, blank=True, on_delete=models.PROTECT
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT
    )
    severity = models.CharField(
        _("severity"), max_length=16, choices=Severity.choices, default=Severity.GENERAL
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    demand = models.TextField(_("what the complainant wants"), blank=True)
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    occurred_place = models.CharField(_("where it happened"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("received"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_complaints",
    )
    co_departments = models.ManyToManyField(
        Department,
        verbose_name=_("co-handling departments"),
        blank=True,
        related_name="co_handled_complaints",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_complaints",
    )
    on_the_spot = models.BooleanField(_("resolved on the spot"), default=False)
    redo_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    resolution = models.TextField(_("result of handling"), blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    external_due_at = models.DateTimeField(
        _("referrer's deadline"),
        null=True,
        blank=True,
        help_text=_("A referral's own deadline (办结时限); the earlier deadline governs."),
    )
    # The earliest running stage deadline, copied here for urgency sorting and colours.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    due_stage = models.CharField(_("stage due"), max_length=16, blank=True)
    warn_at = models.DateTimeField(_("early warning at"), null=True, blank=True)
    red_at = models.DateTimeField(_("red at"), null=True, blank=True)
    paused_at = models.DateTimeField(_("clock paused"), null=True, blank=True)
    pause_reason = models.CharField(_("reason for pausing"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="complaint_received_idx"),
            models.Index(fields=["status", "-received_at"], name="complaint_status_idx"),
            models.Index(
                fields=["lead_department", "status", "-received_at"], name="complaint_dept_idx"
            ),
            models.Index(fields=["category", "-received_at"], name="complaint_category_idx"),
            models.Index(fields=["channel", "-received_at"], name="complaint_channel_idx"),
            models.Index(fields=["site", "-received_at"], name="complaint_site_idx"),
            models.Index(fields=["assignee", "status"], name="complaint_assignee_idx"),
            models.Index(fields=["severity", "status"], name="complaint_severity_idx"),
            models.Index(fields=["external_reference"], name="complaint_extref_idx"),
            models.Index(fields=["due_at"], name="complaint_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.subject}"

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "secondary")

    @property
    def is_major(self) -> bool:
        return self.severity == Severity.MAJOR


class TaskGroup(models.Model):
    """The special task group (专项小组) a leader forms for a major complaint."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="task_group")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="led_task_groups",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="task_groups"
    )
    remit = models.TextField(_("remit"), blank=True)
    formed_at = models.DateTimeField(_("formed"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("special task group")
        verbose_name_plural = _("special task groups")

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code}: {self.leader}"
