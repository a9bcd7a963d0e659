"""Refusing calendar edits that would leave a year without a single working day.

Each check builds the calendar the edit *would* give and looks at the years it touches;
the admin shows the message beside the form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .build import CalendarConfig, years_without_working_day
from .hours import intervals_from_json, validate_working_hours, validate_working_weekdays
from .models import CalendarDay, CalendarSettings
from .selectors import calendar_config, default_years


def refuse_years_without_working_day(config: CalendarConfig, years: Iterable[int]) -> None:
    """Raise a ValidationError naming the years ``config`` would leave with no working day."""
    empty = years_without_working_day(config, years)
    if empty:
        raise ValidationError(
            _(
                "Refused: %(years)s would have no working day at all, and no time limit "
                "could end in it. Keep at least one working day in every year."
            ),
            code="no_working_day",
            params={"years": ", ".join(map(str, empty))},
        )


def check_settings_edit(row: CalendarSettings) -> None:
    """Refuse settings under which a year in use would have no working day.

    Malformed weekdays or hours are left to the fields' own validators.
    """
    try:
        validate_working_weekdays(row.working_weekdays)
        validate_working_hours(row.working_hours)
    except ValidationError:
        return
    config = replace(
        calendar_config(),
        region=row.region,
        weekdays=frozenset(row.working_weekdays),
        intervals=intervals_from_json(row.working_hours),
    )
    years = set(default_years()) | {d.year for d in config.overrides} | set(config.complete_years)
    refuse_years_without_working_day(config, years)


def check_day_edit(day: CalendarDay) -> None:
    """Refuse a calendar day whose saving would leave its year (or its old year) no working day."""
    config = calendar_config()
    overrides = dict(config.overrides)
    years = {day.date.year}
    if day.pk is not None:
        old = CalendarDay.objects.filter(pk=day.pk).values_list("date", flat=True).first()
        if old is not None:
            overrides.pop(old, None)
            years.add(old.year)
    overrides[day.date] = day.kind
    refuse_years_without_working_day(replace(config, overrides=overrides), years)


def check_days_deletion(days: Iterable[CalendarDay]) -> None:
    """Refuse deleting calendar days when that would leave one of their years no working day."""
    config = calendar_config()
    doomed = {day.date for day in days}
    overrides = {d: kind for d, kind in config.overrides.items() if d not in doomed}
    refuse_years_without_working_day(replace(config, overrides=overrides), {d.year for d in doomed})
