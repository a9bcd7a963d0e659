"""Admin: column mappings are configuration (editable); import batches are records (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bihuan.core.admin import ReadOnlyAdminMixin

from .models import ColumnMapping, ImportBatch, ImportRow


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ("name", "channel", "external_reference_column", "encoding", "is_active")
    list_filter = ("channel", "is_active")
    search_fields = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "channel", "is_active")}),
        (
            _("Work order"),
            {
                "fields": (
                    "external_reference_column",
                    "due_column",
                    "channel_column",
                    "channel_aliases",
                )
            },
        ),
        (_("Complainant"), {"fields": ("name_column", "phone_column", "email_column")}),
        (
            _("Complaint"),
            {
                "fields": (
                    "subject_column",
                    "description_column",
                    "demand_column",
                    "occurred_at_column",
                    "place_column",
                    "category_column",
                    "site_column",
                )
            },
        ),
        (_("Reading the file"), {"fields": ("date_formats", "encoding")}),
    )


class ImportRowInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ImportRow
    extra = 0
    can_delete = False
    fields = ("row_number", "external_reference", "status", "field", "message", "complaint")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "pk",
        "file_name",
        "mapping",
        "imported_by",
        "imported_at",
        "created_count",
        "existing_count",
        "error_count",
    )
    list_filter = ("mapping",)
    search_fields = ("file_name", "sha256", "rows__external_reference")
    date_hierarchy = "imported_at"
    inlines = [ImportRowInline]
