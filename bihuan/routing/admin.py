"""Admin of the routing rules: which department leads on a category (at a site)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "where", "department")
    list_filter = (
        ("category", admin.RelatedOnlyFieldListFilter),
        ("site", admin.RelatedOnlyFieldListFilter),
        ("department", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("category", "site", "department")
    search_fields = ("category__code", "category__name", "department__name", "site__name")
    autocomplete_fields = ("category", "site", "department")
    ordering = ("category__sort_order", "category__code", "site__code")

    @admin.display(description=_("site"), ordering="site__code")
    def where(self, obj: RoutingRule) -> str:
        return str(obj.site) if obj.site_id else str(_("every site"))
