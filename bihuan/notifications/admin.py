"""Admin: the outbox with every delivery attempt (read-only), and a retry action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bihuan.core.admin import ReadOnlyAdminMixin

from .models import DeliveryAttempt, Notification, OutboxMessage
from .services import outbox_retry


class DeliveryAttemptInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DeliveryAttempt
    fields = ("started_at", "finished_at", "ok", "error")
    extra = 0
    can_delete = False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "transport",
        "recipient",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "transport")
    search_fields = ("recipient", "subject")
    date_hierarchy = "created_at"
    inlines = [DeliveryAttemptInline]
    actions = ["retry"]

    @admin.action(description=_("Send again (failed or waiting messages)"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        queued = outbox_retry(message_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", queued)
            % {"count": queued},
            messages.SUCCESS if queued else messages.WARNING,
        )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("notifications.change_outboxmessage")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "complaint", "read_at")
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username", "complaint__tracking_code")
    date_hierarchy = "created_at"
    list_select_related = ("recipient", "complaint")
