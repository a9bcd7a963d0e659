"""Admin of the time limits: one row per stage, category and severity."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import TimeLimitPolicy


@admin.register(TimeLimitPolicy)
class TimeLimitPolicyAdmin(admin.ModelAdmin):
    list_display = ("stage", "for_category", "severity", "amount", "unit")
    list_editable = ("amount", "unit")
    list_filter = ("stage", "severity", "unit", ("category", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("category",)
    ordering = ("stage", "category__sort_order", "severity")

    @admin.display(description=_("category"), ordering="category__sort_order")
    def for_category(self, obj: TimeLimitPolicy) -> str:
        return str(obj.category) if obj.category_id else str(_("every category"))
