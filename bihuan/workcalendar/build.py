"""From configuration to a :class:`WorkCalendar`: package data, then the administrators' days.

Pure: the configuration comes in as plain values (:class:`CalendarConfig`), so that the
admin can check an edit on the calendar it *would* give before saving it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from .arithmetic import Interval, WorkCalendar
from .choices import DayKind
from .sources import package_schedule


@dataclass(frozen=True)
class CalendarConfig:
    """The calendar's configuration: region, working week, days entered, years completed."""

    region: str
    weekdays: frozenset[int]
    intervals: tuple[Interval, ...]
    overrides: Mapping[date, str] = field(default_factory=dict)  # date -> DayKind
    complete_years: frozenset[int] = frozenset()


def calendar_build(
    config: CalendarConfig, *, tz: ZoneInfo, years: Iterable[int], assume_covered: bool = False
) -> WorkCalendar:
    """The calendar of ``years``: the package's schedule, overridden by the days entered.

    A year is covered when the package covers it or an administrator marked it complete;
    ``assume_covered`` covers every year asked for, for checks that must look at a year
    whatever its data.
    """
    wanted = frozenset(years)
    schedule = package_schedule(config.region, wanted)
    days_off = {d for d, kind in config.overrides.items() if kind == DayKind.HOLIDAY}
    days_on = {d for d, kind in config.overrides.items() if kind == DayKind.WORKDAY}
    return WorkCalendar(
        tz=tz,
        hours={weekday: config.intervals for weekday in config.weekdays},
        holidays=frozenset(d for d in (schedule.holidays - days_on) | days_off if d.year in wanted),
        workdays=frozenset(d for d in (schedule.workdays - days_off) | days_on if d.year in wanted),
        covered_years=wanted
        if assume_covered
        else schedule.covered_years | (config.complete_years & wanted),
    )


def years_without_working_day(config: CalendarConfig, years: Iterable[int]) -> list[int]:
    """Those of ``years`` in which ``config`` leaves not a single working day."""
    wanted = sorted(set(years))
    calendar = calendar_build(config, tz=ZoneInfo("UTC"), years=wanted, assume_covered=True)
    return [year for year in wanted if not any(map(calendar.is_working_day, _days_of(year)))]


def _days_of(year: int) -> Iterable[date]:
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)
