"""Reading the calendar: the organisation's :class:`WorkCalendar` and the years it lacks.

The calendar is built from the package data and the administrators' rows, then kept in
this process for :data:`CACHE_SECONDS` or until one of those rows is saved or deleted here
(see ``apps.py``). Another process sees an edit within that time.
"""

from __future__ import annotations

import threading
import time as monotonic_time
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from bihuan.core import clock

from .arithmetic import WorkCalendar
from .build import CalendarConfig, calendar_build
from .hours import intervals_from_json
from .models import CalendarDay, CalendarSettings, CalendarYear
from .sources import package_schedule

CACHE_SECONDS = 60.0

_cache: dict[tuple[str, int, int], tuple[float, WorkCalendar]] = {}
_cache_lock = threading.Lock()


def today() -> date:
    """Today in the organisation's time zone, by the clock (which tests and the demo move)."""
    return timezone.localdate(clock.now(), ZoneInfo(settings.TIME_ZONE))


def default_years(day: date | None = None) -> range:
    """The years a calendar is built for: last year to the year after next."""
    year = (day or today()).year
    return range(year - 1, year + 3)


def calendar_region() -> str:
    """The region whose official schedule the calendar follows."""
    region = (
        CalendarSettings.objects.filter(pk=CalendarSettings.SINGLETON_PK)
        .values_list("region", flat=True)
        .first()
    )
    return region or CalendarSettings().region


def calendar_config() -> CalendarConfig:
    """The configuration as saved: settings (or their defaults), days entered, years completed."""
    row = CalendarSettings.objects.filter(pk=CalendarSettings.SINGLETON_PK).first()
    row = row or CalendarSettings()
    return CalendarConfig(
        region=row.region,
        weekdays=frozenset(row.working_weekdays),
        intervals=intervals_from_json(row.working_hours),
        overrides=dict(CalendarDay.objects.values_list("date", "kind")),
        complete_years=frozenset(
            CalendarYear.objects.filter(complete=True).values_list("year", flat=True)
        ),
    )


def calendar_for_organisation(*, years: range | None = None) -> WorkCalendar:
    """The organisation's working-day calendar for ``years`` (default: :func:`default_years`).

    Arithmetic that reaches a year outside ``years``, or one the data does not cover,
    raises :class:`~bihuan.workcalendar.arithmetic.UncoveredYear`.
    """
    years = years if years is not None else default_years()
    key = (settings.TIME_ZONE, years.start, years.stop)
    now = monotonic_time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    calendar = calendar_build(calendar_config(), tz=ZoneInfo(settings.TIME_ZONE), years=years)
    with _cache_lock:
        _cache[key] = (now, calendar)
    return calendar


def calendar_cache_clear(**_signal_kwargs: object) -> None:
    """Forget the calendars built in this process (connected to the config models' saves)."""
    with _cache_lock:
        _cache.clear()


def uncovered_years(years: Iterable[int]) -> list[int]:
    """Those of ``years`` whose schedule neither a package covers nor an administrator completed."""
    config = calendar_config()
    wanted = set(years)
    covered = package_schedule(config.region, wanted).covered_years | config.complete_years
    return sorted(wanted - covered)


def years_to_warn_about() -> list[int]:
    """This year and next, where the data does not cover them: the admin warns about these."""
    year = today().year
    return uncovered_years([year, year + 1])
