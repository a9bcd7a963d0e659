"""The clock each running stage of a complaint keeps against its time limit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bihuan.core.clock import now as clock_now
from bihuan.org.models import Department
from bihuan.timelimits.choices import Stage
from bihuan.workcalendar.choices import TimeUnit

from ..choices import AlertLevel
from .complaint import Complaint


class StageClock(models.Model):
    """The clock of one stage of one complaint: when it started, its deadlines, its alerts.

    The deadlines are stored when the stage starts, so that the sweep finds the clocks
    crossing a threshold with one indexed range query on ``next_alert_at``.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="clocks")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The department that answers for the stage."),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    limit_amount = models.PositiveIntegerField(_("limit"))
    limit_unit = models.CharField(_("unit"), max_length=16, choices=TimeUnit.choices)
    started_at = models.DateTimeField(_("started"))
    warn_at = models.DateTimeField(_("early warning at"))
    red_at = models.DateTimeField(_("red at"))
    due_at = models.DateTimeField(_("due"))
    external_due_at = models.DateTimeField(_("referrer's deadline"), null=True, blank=True)
    escalate_at = models.DateTimeField(_("escalate at"))
    level = models.PositiveSmallIntegerField(
        _("alert level"), choices=AlertLevel.choices, default=AlertLevel.NONE
    )
    next_alert_at = models.DateTimeField(_("next alert"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)

    class Meta:
        verbose_name = _("stage clock")
        verbose_name_plural = _("stage clocks")
        ordering = ["started_at", "id"]
        indexes = [
            models.Index(
                fields=["next_alert_at"],
                name="clock_next_alert_idx",
                condition=Q(completed_at__isnull=True, paused_at__isnull=True),
            ),
            models.Index(fields=["complaint", "stage"], name="clock_complaint_stage_idx"),
            models.Index(fields=["department", "overdue"], name="clock_department_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "stage"],
                condition=Q(completed_at__isnull=True),
                name="clock_one_running_per_stage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.stage} due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.completed_at is None and self.paused_at is None


class DeadlineExtension(models.Model):
    """A request for more time on one stage (延期), and the department head's decision.

    Asked by the handler before the stage's deadline passes; approving it moves the
    clock's deadline to ``requested_due_at``. At most one is pending per complaint.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    clock = models.ForeignKey(
        StageClock,
        verbose_name=_("stage clock"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    previous_due_at = models.DateTimeField(_("deadline before"))
    requested_due_at = models.DateTimeField(_("new deadline requested"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=clock_now, editable=False)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "clock"], name="extension_status_idx")]

    def __str__(self) -> str:
        return f"{self.clock_id} → {self.requested_due_at:%Y-%m-%d %H:%M} ({self.status})"
