"""Admin: notice templates (edited, checked on save), the notices sent (read-only), and
complainants' WeChat contacts."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from bihuan.core.admin import ReadOnlyAdminMixin

from .defaults import default_text
from .models import Notice, NoticeTemplate, WechatContact
from .rendering import VARIABLES


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "language", "channel", "subject", "is_active", "updated_at")
    list_filter = ("kind", "language", "channel", "is_active")
    search_fields = ("subject", "body")
    readonly_fields = ("variables", "shipped_text")
    fields = (
        ("kind", "language", "channel"),
        "subject",
        "body",
        "wechat_template_id",
        "is_active",
        "variables",
        "shipped_text",
    )

    @admin.display(description=_("Variables"))
    def variables(self, obj: NoticeTemplate | None) -> str:
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "", "<dt><code>{{{{ {} }}}}</code></dt><dd>{}</dd>", VARIABLES.items()
            ),
        )

    @admin.display(description=_("Text shipped with Bihuan"))
    def shipped_text(self, obj: NoticeTemplate | None) -> str:
        if obj is None or not obj.kind:
            return "—"
        try:
            text = default_text(obj.kind, obj.language, obj.channel)
        except KeyError:
            return "—"
        return format_html("<pre>{}\n\n{}</pre>", text.subject, text.body)


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "complaint", "kind", "channel", "language", "message")
    list_filter = ("kind", "channel", "language")
    search_fields = ("complaint__tracking_code",)
    date_hierarchy = "created_at"
    list_select_related = ("complaint", "message")


@admin.register(WechatContact)
class WechatContactAdmin(admin.ModelAdmin):
    list_display = ("complainant", "openid", "created_at")
    search_fields = ("openid",)
    raw_id_fields = ("complainant",)
