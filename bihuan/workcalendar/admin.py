"""Admin of the working-day calendar: settings, the days entered, the years completed.

Every page of the three warns about this year or next when the data does not cover it,
and an edit that would leave a year without a working day is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Weekday
from .hours import (
    format_working_hours,
    parse_working_hours,
    validate_working_hours,
    validate_working_weekdays,
)
from .models import CalendarDay, CalendarSettings, CalendarYear
from .selectors import calendar_region, years_to_warn_about
from .sources import package_schedule
from .validation import check_days_deletion

UNCOVERED_YEAR_WARNING = _(
    "The calendar does not cover %(year)s: its official holidays and make-up working days "
    "are not in the data, so time limits reaching into %(year)s are counted on weekdays "
    "only. Enter "
    "the year's days under “Calendar days”, then tick “schedule complete” for %(year)s under "
    "“Calendar years”."
)


class CoverageWarningAdmin(admin.ModelAdmin):
    """Warns, on its list and edit pages, about this year or next if the data lacks them."""

    def _warn_about_uncovered_years(self, request: HttpRequest) -> None:
        if request.method == "GET":
            for year in years_to_warn_about():
                message = UNCOVERED_YEAR_WARNING % {"year": year}
                self.message_user(request, message, messages.WARNING)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._warn_about_uncovered_years(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._warn_about_uncovered_years(request)
        return super().changeform_view(request, object_id, form_url, extra_context)


class WorkingHoursField(forms.CharField):
    """Working intervals as text, ``08:30-12:00, 13:30-17:30``; cleaned to the stored list."""

    def prepare_value(self, value: Any) -> Any:
        return format_working_hours(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[list[str]]:  # type: ignore[override]
        return parse_working_hours(str(value or ""))

    def validate(self, value: Any) -> None:
        validate_working_hours(value)


class CalendarSettingsForm(forms.ModelForm):
    working_weekdays = forms.TypedMultipleChoiceField(
        label=_("working weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    working_hours = WorkingHoursField(
        label=_("working hours"),
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
        help_text=CalendarSettings._meta.get_field("working_hours").help_text,
    )

    class Meta:
        model = CalendarSettings
        fields = ("region", "working_weekdays", "working_hours")

    def clean_working_weekdays(self) -> list[int]:
        weekdays = sorted(self.cleaned_data.get("working_weekdays") or [])
        validate_working_weekdays(weekdays)
        return weekdays


@admin.register(CalendarSettings)
class CalendarSettingsAdmin(CoverageWarningAdmin):
    form = CalendarSettingsForm
    list_display = ("__str__", "region", "weekdays", "hours")

    @admin.display(description=_("working weekdays"))
    def weekdays(self, obj: CalendarSettings) -> str:
        return ", ".join(str(Weekday(d).label) for d in sorted(obj.working_weekdays or []))

    @admin.display(description=_("working hours"))
    def hours(self, obj: CalendarSettings) -> str:
        return format_working_hours(obj.working_hours)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        CalendarSettings.load()  # the migration creates the row; a flushed database lacks it
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(date__year=int(value)) if value and value.isdigit() else queryset


def _refusing(action: Callable[..., Any]) -> Callable[..., Any]:
    """The bulk delete action, refused when it would leave a year with no working day."""

    def delete_checked(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[CalendarDay]
    ) -> Any:
        try:
            check_days_deletion(queryset)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        return action(modeladmin, request, queryset)

    return delete_checked


@admin.register(CalendarDay)
class CalendarDayAdmin(CoverageWarningAdmin):
    list_display = ("date", "weekday", "kind", "name", "note")
    list_filter = ("kind", YearListFilter)
    search_fields = ("name", "note")
    date_hierarchy = "date"
    ordering = ("date",)
    fields = ("date", "kind", "name", "note")

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return str(Weekday(obj.date.weekday()).label)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = dict(super().get_actions(request))
        entry = actions.get("delete_selected")
        if entry is not None:
            _func, name, description = entry
            actions["delete_selected"] = (_refusing(delete_selected), name, description)
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        day = self.get_object(request, unquote(object_id))
        if request.method == "POST" and day is not None:
            try:
                check_days_deletion([day])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:workcalendar_calendarday_change", args=[day.pk])
                )
        return super().delete_view(request, object_id, extra_context)


@admin.register(CalendarYear)
class CalendarYearAdmin(CoverageWarningAdmin):
    list_display = ("year", "complete", "packaged", "days_entered", "note")
    list_filter = ("complete",)
    fields = ("year", "complete", "note")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CalendarYear]:
        days = (
            CalendarDay.objects.filter(date__year=OuterRef("year"))
            .order_by()
            .values("date__year")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                days_count=Coalesce(Subquery(days, output_field=IntegerField()), 0),
                # The same for every row; read once here rather than once per row.
                region=Value(calendar_region(), output_field=CharField()),
            )
        )

    @admin.display(description=_("in the package data"), boolean=True)
    def packaged(self, obj: CalendarYear) -> bool:
        region = str(getattr(obj, "region", ""))
        return obj.year in package_schedule(region, [obj.year]).covered_years

    @admin.display(description=_("calendar days entered"), ordering="days_count")
    def days_entered(self, obj: CalendarYear) -> int:
        return int(getattr(obj, "days_count", 0))
