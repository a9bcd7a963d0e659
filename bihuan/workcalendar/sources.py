"""The official holiday schedules that packages carry, per region: no database.

* Mainland China (CN): ``chinesecalendar``, which carries the State Council's schedule
  with its make-up working days (调休) for the years it knows (2004 to its release) and
  refuses any other year; those years are not covered.
* Hong Kong, Macau and Taiwan: the ``holidays`` package, which computes each year from
  the rules of its regional calendar. Hong Kong takes the general holidays (公眾假期, the
  days offices close), Macau the public holidays with the public administration's
  compensatory rest days, Taiwan the public holidays and the package's make-up working
  Saturdays (補班). One-off days announced after the package's release are missing:
  administrators enter them as calendar days.
* NONE: no holiday data; every year is covered by weekends alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import chinese_calendar

from .choices import Region

# Which of the holidays package's categories are days off, per region.
HOLIDAYS_CATEGORIES: dict[str, tuple[str, ...]] = {
    Region.HK: ("public", "optional"),
    Region.MO: ("public", "government", "optional"),
    Region.TW: ("public",),
}


@dataclass(frozen=True)
class Schedule:
    """The days off, make-up working days and covered years a package gives for some years."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()


def package_schedule(region: str, years: Iterable[int]) -> Schedule:
    """The packaged schedule of ``region`` for ``years`` (only the covered ones carry data)."""
    wanted = frozenset(years)
    if region == Region.CN:
        covered = frozenset(y for y in wanted if _chinese_calendar_covers(y))
        return Schedule(
            holidays=frozenset(d for d in chinese_calendar.holidays if d.year in covered),
            workdays=frozenset(d for d in chinese_calendar.workdays if d.year in covered),
            covered_years=covered,
        )
    if region in HOLIDAYS_CATEGORIES:
        import holidays as holidays_package  # about a second to import: only when used

        covered = frozenset(y for y in wanted if _holidays_package_covers(region, y))
        if not covered:
            return Schedule()
        calendar = holidays_package.country_holidays(
            region, years=sorted(covered), categories=HOLIDAYS_CATEGORIES[region]
        )
        workdays = frozenset(
            d for d in getattr(calendar, "weekend_workdays", ()) if d.year in covered
        )
        return Schedule(
            holidays=frozenset(d for d in calendar if d.year in covered) - workdays,
            workdays=workdays,
            covered_years=covered,
        )
    if region == Region.NONE:
        return Schedule(covered_years=wanted)
    raise ValueError(f"unknown calendar region {region!r}")


@cache
def _chinese_calendar_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _holidays_package_covers(region: str, year: int) -> bool:
    first, last = _holidays_package_years(region)
    return first <= year <= last


@cache
def _holidays_package_years(region: str) -> tuple[int, int]:
    import holidays as holidays_package

    cls = type(holidays_package.country_holidays(region))
    return int(cls.start_year), int(cls.end_year)
