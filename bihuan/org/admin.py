"""Admin of the organisation's configuration: profile, sites, departments, staff, categories."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bihuan.core.models import TranslatedNameModel
from bihuan.org.names import person_name

from .models import Category, Department, Organisation, Site, Staff, StaffRole


class TranslatedNameForm(forms.ModelForm):
    """Checks the translated names: an object of language code → name, e.g. {"en": "..."}."""

    def clean_name_i18n(self) -> dict[str, str]:
        value = self.cleaned_data.get("name_i18n") or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ValidationError(
                _('Give an object of language code and name, e.g. {"en": "Exhibitions"}.')
            )
        known = [code for code, _name in settings.LANGUAGES]
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise ValidationError(
                _("Unknown language code: %(codes)s. Use one of: %(known)s.")
                % {"codes": ", ".join(unknown), "known": ", ".join(known)}
            )
        return {code: name.strip() for code, name in value.items() if name.strip()}


class TranslatedNameAdmin(admin.ModelAdmin):
    form = TranslatedNameForm
    formfield_overrides = {
        models.JSONField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}
    }

    @admin.display(description=_("translated names"))
    def translations(self, obj: TranslatedNameModel) -> str:
        names = obj.name_i18n or {}
        return " · ".join(f"{code}: {name}" for code, name in sorted(names.items())) or "—"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "sector", "allow_anonymous", "created_at")
    readonly_fields = ("created_at",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One organisation per installation; organisation_set_up creates it with its preset.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Site)
class SiteAdmin(TranslatedNameAdmin):
    list_display = ("code", "name", "translations", "address", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name", "address")
    fields = ("code", "name", "name_i18n", "address", "is_active")


@admin.register(Department)
class DepartmentAdmin(TranslatedNameAdmin):
    list_display = (
        "code",
        "name",
        "translations",
        "parent",
        "head",
        "is_intake_desk",
        "is_active",
        "staff_count",
    )
    list_filter = ("is_intake_desk", "is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent", "head")
    search_fields = ("code", "name", "head__username", "head__first_name", "head__last_name")
    autocomplete_fields = ("parent", "head")
    fields = ("code", "name", "name_i18n", "parent", "head", "is_intake_desk", "is_active")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Department]:
        return super().get_queryset(request).annotate(staff_total=Count("staff"))

    @admin.display(description=_("staff"), ordering="staff_total")
    def staff_count(self, obj: Department) -> int:
        return getattr(obj, "staff_total", 0)


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 1


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ("user", "full_name", "department", "roles", "phone")
    list_filter = (("department", admin.RelatedOnlyFieldListFilter), "role_rows__role")
    list_select_related = ("user", "department")
    search_fields = ("user__username", "user__first_name", "user__last_name", "phone")
    autocomplete_fields = ("user", "department")
    ordering = ("department__code", "user__username")
    inlines = (StaffRoleInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Staff]:
        return super().get_queryset(request).prefetch_related("role_rows")

    @admin.display(description=_("name"), ordering="user__last_name")
    def full_name(self, obj: Staff) -> str:
        return person_name(obj.user)

    @admin.display(description=_("roles"))
    def roles(self, obj: Staff) -> str:
        return ", ".join(str(row.get_role_display()) for row in obj.role_rows.all()) or "—"


@admin.register(Category)
class CategoryAdmin(TranslatedNameAdmin):
    list_display = ("code", "name", "translations", "parent", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    list_filter = ("is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("code", "name", "description")
    autocomplete_fields = ("parent",)
    fields = ("code", "name", "name_i18n", "parent", "description", "sort_order", "is_active")
