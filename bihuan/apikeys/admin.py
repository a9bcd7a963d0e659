"""Admin of API keys: create one (the key is shown once), list them, revoke them.

The hash is never shown; the prefix identifies a key.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.org.choices import Role
from bihuan.org.models import Department

from .models import ApiKey
from .services import apikey_check, apikey_create, apikey_revoke


class ApiKeyCreateForm(forms.ModelForm):
    """Name, kind and, for an integration, the roles and department of its account."""

    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Integration keys only: what the key's service account may do."),
    )
    department = forms.ModelChoiceField(
        label=_("department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        help_text=_("Integration keys only: the department whose complaints it works on."),
    )

    class Meta:
        model = ApiKey
        fields = ("name", "kind")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            apikey_check(
                name=data.get("name", ""),
                kind=data.get("kind", ""),
                roles=data.get("roles") or (),
                department=data.get("department"),
            )
        except DomainError as error:
            raise ValidationError({error.field or "name": error.message}) from error
        return data


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "prefix", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("kind", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "prefix")
    readonly_fields = (
        "name",
        "kind",
        "prefix",
        "user",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    )
    actions = ("revoke",)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = ApiKeyCreateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("name", "kind", "roles", "department")
        return self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            return  # nothing of a key changes after creation but its revocation
        data = form.cleaned_data
        key, raw_key = apikey_create(
            name=data["name"],
            kind=data["kind"],
            roles=data.get("roles") or (),
            department=data.get("department"),
            created_by=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
        )
        obj.pk = key.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            gettext("The key of %(name)s is %(key)s — copy it now: it is not shown again.")
            % {"name": key.name, "key": raw_key},
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Keys are revoked, not deleted, so that the record of who had one stays.
        return False

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = 0
        for key in queryset.filter(revoked_at__isnull=True):
            apikey_revoke(key=key)
            count += 1
        self.message_user(
            request, gettext("Keys revoked: %(count)d.") % {"count": count}, messages.SUCCESS
        )
