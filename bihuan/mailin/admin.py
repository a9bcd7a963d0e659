"""Admin for received emails: read-only, with the raw message and a "re-process" action.

The quarantine is the list filtered by status. Nothing is edited here: a quarantined
message is fixed at its cause (a setting, a category, the complaint's state) and then
processed again, by the action below or ``manage.py reprocess_email``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bihuan.core.admin import ReadOnlyAdminMixin
from bihuan.core.errors import DomainError

from .charsets import decode_bytes
from .choices import InboundStatus
from .models import InboundMessage
from .services import email_reprocess

_RAW_SHOWN = 200_000


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "received_at",
        "status",
        "sender_address",
        "subject",
        "complaint",
        "source",
        "attempts",
    )
    list_filter = ("status", "source", "automatic_reason")
    search_fields = ("message_id", "sender_address", "sender_name", "subject", "error")
    list_select_related = ("complaint",)
    date_hierarchy = "received_at"
    actions = ("reprocess",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "message_id",
                    "source",
                    "status",
                    "automatic_reason",
                    "complaint",
                    "sender_name",
                    "sender_address",
                    "subject",
                    "received_at",
                    "processed_at",
                    "attempts",
                )
            },
        ),
        (_("What went wrong"), {"fields": ("error", "note", "refused_files")}),
        (_("Raw message"), {"fields": ("size", "raw_download", "raw_message")}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), "raw_download", "raw_message"]

    @admin.display(description=_("raw message"))
    def raw_message(self, obj: InboundMessage) -> SafeString:
        data = obj.raw_bytes
        text = decode_bytes(data[:_RAW_SHOWN])[0]
        more = _("… (%(count)d more bytes: download the message)") % {
            "count": len(data) - _RAW_SHOWN
        }
        return format_html(
            '<pre style="white-space: pre-wrap; max-height: 40em; overflow: auto">{}{}</pre>',
            text,
            more if len(data) > _RAW_SHOWN else "",
        )

    @admin.display(description=_("download"))
    def raw_download(self, obj: InboundMessage) -> SafeString:
        url = reverse("admin:mailin_inboundmessage_raw", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the message (.eml)"))

    def get_urls(self) -> list[URLPattern]:
        raw = path(
            "<int:pk>/raw/",
            self.admin_site.admin_view(self.raw_view),
            name="mailin_inboundmessage_raw",
        )
        return [raw, *super().get_urls()]

    def raw_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        message = get_object_or_404(InboundMessage, pk=pk)
        response = HttpResponse(message.raw_bytes, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="email-{message.pk}.eml"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def has_reprocess_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("mailin.change_inboundmessage"))

    @admin.action(
        description=_("Process the selected quarantined emails again"), permissions=["reprocess"]
    )
    def reprocess(self, request: HttpRequest, queryset: QuerySet[InboundMessage]) -> None:
        done = still = skipped = 0
        for message in queryset.order_by("received_at", "pk"):
            if message.status != InboundStatus.QUARANTINED:
                skipped += 1
                continue
            try:
                result = email_reprocess(message=message)
            except DomainError:
                skipped += 1
                continue
            if result.status == InboundStatus.QUARANTINED:
                still += 1
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d email processed.", "%(count)d emails processed.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        if still:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email is still quarantined: see its error.",
                    "%(count)d emails are still quarantined: see their errors.",
                    still,
                )
                % {"count": still},
                messages.WARNING,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email was not quarantined and was left alone.",
                    "%(count)d emails were not quarantined and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.INFO,
            )
