"""Admin: what each Open311 request brought beside the complaint (read only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Open311Request


@admin.register(Open311Request)
class Open311RequestAdmin(admin.ModelAdmin):
    list_display = ("complaint", "api_key", "address", "lat", "long", "created_at")
    list_select_related = ("complaint", "api_key")
    search_fields = ("complaint__tracking_code", "address", "address_id")
    readonly_fields = (
        "complaint",
        "token",
        "api_key",
        "lat",
        "long",
        "address",
        "address_id",
        "device_id",
        "account_id",
        "media_url",
        "created_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # filed by clients through the API only

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
