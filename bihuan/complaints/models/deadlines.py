"""The clock each running stage of a complaint keeps against its time limit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
