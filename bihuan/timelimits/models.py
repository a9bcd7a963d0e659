"""Time limits (时限) as configuration: one policy per stage, category and severity."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bihuan.org.models import Category
from bihuan.workcalendar.choices import TimeUnit

from .choices import MAX_AMOUNT, Severity, Stage

DUPLICATE = _(
    "There is already a time limit for this stage, category and severity: change that one."
)


class TimeLimitPolicy(models.Model):
    """The time limit of one stage, for a category (or every category) and a severity (or both).

    The most specific policy wins: category and severity, then category, then severity,
    then the organisation's default.
    """

    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Leave empty for every category."),
    )
    severity = models.CharField(
        _("severity"),
        max_length=16,
        choices=Severity.choices,
        blank=True,
        help_text=_("Leave empty for general and major complaints alike."),
    )
    amount = models.PositiveIntegerField(_("limit"))
    unit = models.CharField(_("unit"), max_length=16, choices=TimeUnit.choices)

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["stage", "category", "severity"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "category", "severity"],
                name="timelimit_one_per_stage_category_severity",
                violation_error_message=DUPLICATE,
            ),
            models.UniqueConstraint(
                fields=["stage", "severity"],
                condition=Q(category__isnull=True),
                name="timelimit_one_default_per_stage_severity",
                violation_error_message=DUPLICATE,
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="timelimit_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.amount} {self.get_unit_display()}"

    def clean(self) -> None:
        if self.amount is None or self.unit not in MAX_AMOUNT:
            return
        if self.amount <= 0:
            raise ValidationError({"amount": _("A time limit must be greater than zero.")})
        if self.amount > MAX_AMOUNT[TimeUnit(self.unit)]:
            raise ValidationError(
                {
                    "amount": _("%(amount)d %(unit)s is not a plausible time limit.")
                    % {"amount": self.amount, "unit": self.get_unit_display()}
                }
            )
