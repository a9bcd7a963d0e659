"""A system check (``manage.py check``) warning about this year or next if the data lacks them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning
from django.db import DatabaseError, connection


def check_calendar_coverage(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """One warning per year of [this year, next year] whose schedule the data does not cover.

    Silent before the calendar's tables exist (a fresh database before ``migrate``).
    """
    from .models import CalendarDay, CalendarSettings, CalendarYear
    from .selectors import years_to_warn_about

    if app_configs is not None and not any(a.label == "workcalendar" for a in app_configs):
        return []
    tables = {m._meta.db_table for m in (CalendarDay, CalendarSettings, CalendarYear)}
    try:
        if not tables <= set(connection.introspection.table_names()):
            return []
        years = years_to_warn_about()
    except DatabaseError:
        return []
    return [
        CheckWarning(
            f"The working-day calendar does not cover {year}: its official holidays and "
            f"make-up working days are not in the data, so time limits reaching into {year} "
            "are counted on weekdays only.",
            hint=f"In the admin, enter {year}'s days under Calendar days, then mark {year} "
            "complete under Calendar years.",
            id="workcalendar.W001",
        )
        for year in years
    ]
