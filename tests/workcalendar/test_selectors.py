"""The organisation's calendar: package data, the days and years administrators enter, caching."""

from datetime import date, datetime

import pytest

from bihuan.core import clock
from bihuan.workcalendar.arithmetic import UncoveredYear, add_limit, add_working_days
from bihuan.workcalendar.models import CalendarDay, CalendarSettings, CalendarYear
from bihuan.workcalendar.selectors import (
    calendar_for_organisation,
    default_years,
    uncovered_years,
    years_to_warn_about,
)

from .conftest import SHANGHAI

pytestmark = pytest.mark.django_db

SUMMER_2025 = datetime(2025, 6, 1, 12, tzinfo=SHANGHAI)
NOVEMBER_2026 = datetime(2026, 11, 23, 12, tzinfo=SHANGHAI)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_the_calendar_covers_last_year_to_the_year_after_next_where_data_exists() -> None:
    with clock.travel_to(SUMMER_2025):
        calendar = calendar_for_organisation()

    assert default_years(date(2025, 6, 1)) == range(2024, 2028)
    assert calendar.covered_years == frozenset({2024, 2025, 2026})  # the package stops at 2026
    assert str(calendar.tz) == "Asia/Shanghai"
    assert add_limit(calendar, at(2025, 9, 30, 10), 3, "working_days") == at(2025, 10, 11, 17, 30)


def test_the_working_week_comes_from_the_settings() -> None:
    settings = CalendarSettings.load()
    settings.working_weekdays = [0, 1, 2, 3, 4, 5]
    settings.working_hours = [["09:00", "17:00"]]
    settings.save()

    calendar = calendar_for_organisation(years=range(2025, 2026))

    assert calendar.is_working_day(date(2025, 11, 15))  # a Saturday
    assert calendar.working_intervals(date(2025, 11, 15)) == (
        (at(2025, 11, 15, 9), at(2025, 11, 15, 17)),
    )


def test_days_entered_by_administrators_win_over_the_package() -> None:
    CalendarDay.objects.create(date=date(2025, 10, 8), kind="workday", name="Worked after all")
    CalendarDay.objects.create(date=date(2025, 9, 29), kind="holiday", name="Closed")

    calendar = calendar_for_organisation(years=range(2025, 2026))

    assert calendar.is_working_day(date(2025, 10, 8))
    assert not calendar.is_working_day(date(2025, 9, 29))
    assert add_working_days(calendar, at(2025, 9, 26, 10), 2) == at(2025, 9, 30, 17, 30)


def test_a_year_beyond_the_package_is_refused_until_an_administrator_marks_it_complete() -> None:
    years = range(2026, 2028)
    start = at(2026, 12, 30, 10)
    with pytest.raises(UncoveredYear):
        add_working_days(calendar_for_organisation(years=years), start, 3)

    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="New Year's Day")
    CalendarYear.objects.create(year=2027, complete=False)
    with pytest.raises(UncoveredYear):
        add_working_days(calendar_for_organisation(years=years), start, 3)

    CalendarYear.objects.filter(year=2027).update(complete=True)
    CalendarYear.objects.get(year=2027).save()  # update() sends no signal; save() does
    calendar = calendar_for_organisation(years=years)
    # 31 Dec (Thu), then 1 Jan is the holiday entered, then Mon 4 and Tue 5 January.
    assert add_working_days(calendar, start, 3) == at(2027, 1, 5, 17, 30)


def test_a_year_outside_the_range_built_is_uncovered_even_if_the_package_has_it() -> None:
    calendar = calendar_for_organisation(years=range(2025, 2026))

    with pytest.raises(UncoveredYear):
        calendar.is_working_day(date(2024, 12, 31))


def test_the_calendar_is_built_once_and_rebuilt_when_its_data_changes(
    django_assert_num_queries: object,
) -> None:
    years = range(2025, 2026)
    first = calendar_for_organisation(years=years)
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert calendar_for_organisation(years=years) is first

    day = CalendarDay.objects.create(date=date(2025, 11, 17), kind="holiday")
    assert not calendar_for_organisation(years=years).is_working_day(date(2025, 11, 17))

    day.delete()
    assert calendar_for_organisation(years=years).is_working_day(date(2025, 11, 17))

    settings = CalendarSettings.load()
    settings.working_weekdays = [0, 1, 2, 3]
    settings.save()
    assert not calendar_for_organisation(years=years).is_working_day(date(2025, 11, 21))


def test_this_year_and_next_are_reported_when_the_data_lacks_them() -> None:
    with clock.travel_to(NOVEMBER_2026):
        assert years_to_warn_about() == [2027]
        CalendarYear.objects.create(year=2027, complete=True)
        assert years_to_warn_about() == []
    assert uncovered_years([2003, 2004, 2026, 2027, 2028]) == [2003, 2028]


def test_a_regional_calendar_computed_by_its_package_is_covered() -> None:
    settings = CalendarSettings.load()
    settings.region = "HK"
    settings.save()

    with clock.travel_to(NOVEMBER_2026):
        assert years_to_warn_about() == []
        calendar = calendar_for_organisation()
    assert not calendar.is_working_day(date(2027, 3, 26))  # Good Friday 2027
