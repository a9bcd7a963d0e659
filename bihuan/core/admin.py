"""The admin site's titles and the read-only building block the apps' admins share.

The admin is for configuration (organisation, departments, staff, categories, routing)
and for inspecting complaints. Complaints and their records are written only by the
workflow services, which keep the timeline; the admin shows them and never edits them.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Bihuan administration")
admin.site.site_title = _("Bihuan administration")
admin.site.index_title = _("Configuration and inspection")


class ReadOnlyAdminMixin(BaseModelAdmin):
    """Shown, searchable and filterable; never added, changed or deleted in the admin."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Every field, so that no form field is built at all (auto_now fields cannot be).
        fields = [
            f.name
            for f in self.model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created
        ]
        return [*super().get_readonly_fields(request, obj), *fields]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
