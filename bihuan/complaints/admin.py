"""Admin for inspecting complaints and their records; read-only.

Only the workflow services write a complaint (STYLE.md practice 2), so that every change
is on its timeline: here complaints, events and records are shown, searched and
filtered, never added, changed or deleted. Complainants may be corrected (name, email,
language, confidentiality), not created or deleted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bihuan.core.admin import ReadOnlyAdminMixin
from bihuan.core.masking import mask_email

from .models import (
    Attachment,
    CompensationItem,
    Complainant,
    Complaint,
    FollowUpVisit,
    InvestigationReport,
    PrivacyConsent,
    PrivacyNotice,
    Reply,
    SatisfactionRecord,
    Solution,
    StageClock,
    TaskGroup,
    TimelineEvent,
)

# --- inlines of the complaint page --------------------------------------------------------


class ReadOnlyTabular(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class TimelineEventInline(ReadOnlyTabular):
    model = TimelineEvent
    fields = ("created_at", "action", "from_status", "to_status", "actor", "note")
    verbose_name_plural = _("Timeline")

    def get_queryset(self, request: HttpRequest) -> QuerySet[TimelineEvent]:
        return super().get_queryset(request).select_related("actor")


class InvestigationReportInline(ReadOnlyTabular):
    model = InvestigationReport
    fields = ("created_at", "author", "findings", "cause", "evidence")

    def get_queryset(self, request: HttpRequest) -> QuerySet[InvestigationReport]:
        return super().get_queryset(request).select_related("author")


class SolutionInline(ReadOnlyTabular):
    model = Solution
    fields = (
        "created_at",
        "proposed_by",
        "measures",
        "responsible_person",
        "due_date",
        "compensation_summary",
        "decision",
        "decided_by",
        "decided_at",
        "decision_note",
    )
    readonly_fields = ("compensation_summary",)
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Solution]:
        return (
            super()
            .get_queryset(request)
            .select_related("proposed_by", "responsible_person", "decided_by")
            .prefetch_related("compensation")
        )

    @admin.display(description=_("Compensation"))
    def compensation_summary(self, obj: Solution) -> str:
        return compensation_text(obj)


class ReplyInline(ReadOnlyTabular):
    model = Reply
    fields = ("replied_at", "method", "text", "replied_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reply]:
        return super().get_queryset(request).select_related("replied_by")


class SatisfactionRecordInline(ReadOnlyTabular):
    model = SatisfactionRecord
    fields = ("recorded_at", "rating", "comment", "recorded_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[SatisfactionRecord]:
        return super().get_queryset(request).select_related("recorded_by")


class FollowUpVisitInline(ReadOnlyTabular):
    model = FollowUpVisit
    fields = ("visited_at", "method", "outcome", "notes", "visited_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[FollowUpVisit]:
        return super().get_queryset(request).select_related("visited_by")


class AttachmentInline(ReadOnlyTabular):
    model = Attachment
    fields = ("created_at", "original_name", "content_type", "size", "uploaded_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attachment]:
        return super().get_queryset(request).select_related("uploaded_by")


class TaskGroupInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = TaskGroup
    fields = ("leader", "members", "remit", "formed_at")
    readonly_fields = ("formed_at",)
    extra = 0
    can_delete = False


def compensation_text(solution: Solution) -> str:
    items = [
        f"{item.get_kind_display()} ×{item.quantity}"
        + (f" ¥{item.amount}" if item.amount is not None else "")
        + (f" ({item.note})" if item.note else "")
        for item in solution.compensation.all()
    ]
    return "; ".join(items) or "—"


# --- the complaint --------------------------------------------------------------------------


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "tracking_code",
        "received_at",
        "status",
        "severity",
        "category",
        "lead_department",
        "subject",
    )
    list_filter = (
        "status",
        "severity",
        "channel",
        ("category", admin.RelatedOnlyFieldListFilter),
        ("lead_department", admin.RelatedOnlyFieldListFilter),
        ("site", admin.RelatedOnlyFieldListFilter),
        "on_the_spot",
        "received_at",
    )
    list_select_related = ("category", "lead_department")
    search_fields = ("=tracking_code", "subject", "external_reference")
    date_hierarchy = "received_at"
    show_full_result_count = False
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("tracking_code", "status", "severity"),
                    ("channel", "external_reference"),
                    "received_at",
                )
            },
        ),
        (
            _("Complaint"),
            {
                "fields": (
                    "complainant",
                    ("site", "category"),
                    "subject",
                    "description",
                    "demand",
                    ("occurred_at", "occurred_place"),
                )
            },
        ),
        (
            _("Workflow"),
            {
                "fields": (
                    ("lead_department", "co_departments"),
                    ("assignee", "registered_by"),
                    ("on_the_spot", "redo_count", "return_count"),
                    "rejection_reason",
                    "resolution",
                    ("accepted_at", "resolved_at", "replied_at", "archived_at"),
                    "updated_at",
                )
            },
        ),
    )
    inlines = (
        TaskGroupInline,
        InvestigationReportInline,
        SolutionInline,
        ReplyInline,
        SatisfactionRecordInline,
        FollowUpVisitInline,
        AttachmentInline,
        TimelineEventInline,
    )

    def get_inlines(
        self, request: HttpRequest, obj: Complaint | None
    ) -> list[type[InlineModelAdmin]]:
        """Only the records this complaint has: an empty section would say nothing."""
        if obj is None:
            return list(self.inlines)
        return [i for i in self.inlines if i.model._default_manager.filter(complaint=obj).exists()]


@admin.register(TimelineEvent)
class TimelineEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "complaint_code", "action", "from_status", "to_status", "actor")
    list_filter = ("action", "to_status", "created_at")
    list_select_related = ("complaint", "actor")
    search_fields = ("=complaint__tracking_code", "note")
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("tracking code"), ordering="complaint__tracking_code")
    def complaint_code(self, obj: TimelineEvent) -> str:
        return obj.complaint.tracking_code


# --- the complainant ------------------------------------------------------------------------


@admin.register(Complainant)
class ComplainantAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "masked_phone",
        "masked_email",
        "member_card_no",
        "is_anonymous",
        "contact_confidential",
        "complaint_count",
        "created_at",
    )
    list_filter = ("is_anonymous", "contact_confidential", "preferred_language")
    # Exact matches only: a phone or email is looked up whole, never browsed by fragment.
    search_fields = ("name", "=phone", "=email", "=member_card_no")
    fields = (
        "name",
        "phone",
        "email",
        "member_card_no",
        "preferred_language",
        "is_anonymous",
        "contact_confidential",
        "created_at",
    )
    readonly_fields = ("is_anonymous", "created_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Complainant]:
        return super().get_queryset(request).annotate(complaint_total=Count("complaints"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # complainants come in with their complaints (complaint_register)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("phone"))
    def masked_phone(self, obj: Complainant) -> str:
        return obj.masked_phone or "—"

    @admin.display(description=_("email"))
    def masked_email(self, obj: Complainant) -> str:
        return mask_email(obj.email) if obj.email else "—"

    @admin.display(description=_("complaints"), ordering="complaint_total")
    def complaint_count(self, obj: Complainant) -> int:
        return getattr(obj, "complaint_total", 0)


# --- the records of the stages --------------------------------------------------------------


class RecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A record a stage left behind, listed by its complaint's tracking code."""

    search_fields = ("=complaint__tracking_code",)
    show_full_result_count = False

    @admin.display(description=_("tracking code"), ordering="complaint__tracking_code")
    def complaint_code(self, obj: Any) -> str:
        return str(obj.complaint.tracking_code)


@admin.register(InvestigationReport)
class InvestigationReportAdmin(RecordAdmin):
    list_display = ("complaint_code", "created_at", "author", "findings")
    list_select_related = ("complaint", "author")
    list_filter = ("created_at",)


class CompensationItemInline(ReadOnlyTabular):
    model = CompensationItem
    fields = ("kind", "quantity", "amount", "note")


@admin.register(Solution)
class SolutionAdmin(RecordAdmin):
    list_display = (
        "complaint_code",
        "created_at",
        "proposed_by",
        "due_date",
        "decision",
        "decided_by",
        "compensation_summary",
    )
    list_select_related = ("complaint", "proposed_by", "decided_by")
    list_filter = ("decision", "compensation__kind", "created_at")
    inlines = (CompensationItemInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Solution]:
        return super().get_queryset(request).prefetch_related("compensation")

    @admin.display(description=_("Compensation"))
    def compensation_summary(self, obj: Solution) -> str:
        return compensation_text(obj)


@admin.register(Reply)
class ReplyAdmin(RecordAdmin):
    list_display = ("complaint_code", "replied_at", "method", "replied_by")
    list_select_related = ("complaint", "replied_by")
    list_filter = ("method", "replied_at")


@admin.register(SatisfactionRecord)
class SatisfactionRecordAdmin(RecordAdmin):
    list_display = ("complaint_code", "recorded_at", "rating", "comment", "recorded_by")
    list_select_related = ("complaint", "recorded_by")
    list_filter = ("rating", "recorded_at")


@admin.register(FollowUpVisit)
class FollowUpVisitAdmin(RecordAdmin):
    list_display = ("complaint_code", "visited_at", "method", "outcome", "visited_by")
    list_select_related = ("complaint", "visited_by")
    list_filter = ("outcome", "method", "visited_at")


@admin.register(TaskGroup)
class TaskGroupAdmin(RecordAdmin):
    list_display = ("complaint_code", "leader", "formed_at")
    list_select_related = ("complaint", "leader")
    list_filter = ("formed_at",)


@admin.register(StageClock)
class StageClockAdmin(RecordAdmin):
    """The stage clocks: which stage ran late, in which department, held by whom."""

    list_display = (
        "complaint_code",
        "stage",
        "department",
        "holder",
        "started_at",
        "due_at",
        "level",
        "completed_at",
        "overdue",
    )
    list_select_related = ("complaint", "department", "holder")
    list_filter = ("stage", "level", "overdue", ("department", admin.RelatedOnlyFieldListFilter))
    date_hierarchy = "started_at"


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """Publish a new version rather than edit one complainants have accepted."""

    list_display = ("version", "published_at", "consent_count")
    ordering = ("-published_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PrivacyNotice]:
        return super().get_queryset(request).annotate(consents=Count("privacyconsent"))

    @admin.display(description=_("Consents"), ordering="consents")
    def consent_count(self, obj: PrivacyNotice) -> int:
        return getattr(obj, "consents", 0)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and PrivacyConsent.objects.filter(notice=obj).exists():
            return ("version", "text", "text_i18n", "published_at")
        return ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not PrivacyConsent.objects.filter(notice=obj).exists()


@admin.register(PrivacyConsent)
class PrivacyConsentAdmin(RecordAdmin):
    list_display = ("complaint_code", "notice", "channel", "given_at")
    list_select_related = ("complaint", "notice")
    list_filter = ("notice", "channel")
