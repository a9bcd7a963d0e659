"""The records each stage of the loop leaves behind."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock

from ..choices import Action, CompensationKind, ContactMethod, FollowUpOutcome, Rating
from .complaint import Complaint

User = settings.AUTH_USER_MODEL


class InvestigationReport(models.Model):
    """The investigation report (《投诉调查报告》): facts established and their cause."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(User, verbose_name=_("author"), on_delete=models.PROTECT)
    findings = models.TextField(_("findings"))
    cause = models.TextField(_("cause"), blank=True)
    evidence = models.TextField(_("evidence examined"), blank=True)
    created_at = models.DateTimeField(_("submitted"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("investigation report")
        verbose_name_plural = _("investigation reports")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code} report #{self.pk}"


class Solution(models.Model):
    """A proposed solution and its approval by a department head (审核签字)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Sent back")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="solutions")
    proposed_by = models.ForeignKey(
        User, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    measures = models.TextField(_("measures"))
    responsible_person = models.ForeignKey(
        User, verbose_name=_("responsible person"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("completion date"))
    decision = models.CharField(
        _("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("approval note"), blank=True)
    created_at = models.DateTimeField(_("proposed"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code} solution #{self.pk}"


class CompensationItem(models.Model):
    """One item of compensation in a solution: a free ticket, a coupon, a refund, money."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="compensation")
    kind = models.CharField(_("type"), max_length=20, choices=CompensationKind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    amount = models.DecimalField(
        _("amount (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("compensation item")
        verbose_name_plural = _("compensation items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="compensation_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ×{self.quantity}"


class Reply(models.Model):
    """The result told to the complainant (《处理结果通知书》)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="replies")
    method = models.CharField(_("method"), max_length=16, choices=ContactMethod.choices)
    text = models.TextField(_("reply"))
    replied_by = models.ForeignKey(User, verbose_name=_("replied by"), on_delete=models.PROTECT)
    replied_at = models.DateTimeField(_("replied"))

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["replied_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code} reply #{self.pk}"


class SatisfactionRecord(models.Model):
    """The complainant's verdict on a reply (满意度确认)."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="satisfaction_records"
    )
    rating = models.CharField(_("rating"), max_length=24, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("satisfaction record")
        verbose_name_plural = _("satisfaction records")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code}: {self.get_rating_display()}"


class FollowUpVisit(models.Model):
    """A follow-up visit (回访) after the reply."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="follow_ups")
    method = models.CharField(_("method"), max_length=16, choices=ContactMethod.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=FollowUpOutcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    visited_by = models.ForeignKey(User, verbose_name=_("visited by"), on_delete=models.PROTECT)
    visited_at = models.DateTimeField(_("visited"))

    class Meta:
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        ordering = ["visited_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.tracking_code} follow-up #{self.pk}"


class TimelineEvent(models.Model):
    """One append-only line of a complaint's history: who did what, from which state to which."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        User, verbose_name=_("actor"), null=True, blank=True, on_delete=models.PROTECT
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["complaint", "created_at"], name="event_complaint_idx")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(_("Timeline events are append-only."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Timeline events are append-only."))
