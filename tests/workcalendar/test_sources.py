"""The packaged schedules per region: what each package covers and which days it gives."""

from datetime import date, datetime

import pytest

from bihuan.workcalendar.arithmetic import add_working_days
from bihuan.workcalendar.sources import package_schedule

from .conftest import office_calendar


def test_the_mainland_package_covers_2004_to_2026_and_nothing_else() -> None:
    schedule = package_schedule("CN", range(2002, 2029))

    assert schedule.covered_years == frozenset(range(2004, 2027))
    assert date(2025, 10, 8) in schedule.holidays
    assert date(2025, 9, 28) in schedule.workdays
    assert not any(d.year in (2003, 2027) for d in schedule.holidays | schedule.workdays)


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 18),  # Good Friday
        date(2025, 4, 21),  # Easter Monday
        date(2025, 7, 1),  # HKSAR Establishment Day
        date(2025, 10, 7),  # the day following Mid-Autumn
        date(2025, 12, 26),  # the first weekday after Christmas
    ],
)
def test_hong_kong_general_holidays_are_days_off(day: date) -> None:
    hong_kong = office_calendar("HK", 2025)

    assert not hong_kong.is_working_day(day)


def test_hong_kong_easter_weekend_pushes_a_working_day_limit() -> None:
    hong_kong = office_calendar("HK", 2025)
    thursday = datetime(2025, 4, 17, 10, tzinfo=hong_kong.tz)

    assert add_working_days(hong_kong, thursday, 1) == datetime(
        2025, 4, 22, 17, 30, tzinfo=hong_kong.tz
    )
    assert hong_kong.is_working_day(date(2025, 10, 8))  # no mainland golden week here


def test_macau_compensatory_rest_days_are_days_off() -> None:
    macau = office_calendar("MO", 2025)

    assert not macau.is_working_day(date(2025, 12, 22))  # for the SAR Establishment Day
    assert not macau.is_working_day(date(2025, 12, 20))  # a Saturday anyway
    assert macau.is_working_day(date(2025, 12, 19))


def test_taiwan_make_up_saturdays_work_and_commemorative_days_do_not_close() -> None:
    taiwan = office_calendar("TW", 2025)

    assert taiwan.is_working_day(date(2025, 2, 8))  # 補班 Saturday
    assert not taiwan.is_working_day(date(2025, 1, 27))  # the day off it pays for
    assert taiwan.is_working_day(date(2025, 3, 12))  # Arbor Day: commemorated, not a day off


def test_the_regional_packages_compute_any_year_of_their_range() -> None:
    assert package_schedule("HK", [2030]).covered_years == frozenset({2030})


def test_no_region_means_weekends_only_in_every_year() -> None:
    schedule = package_schedule("NONE", [2025, 2040])

    assert schedule.covered_years == frozenset({2025, 2040})
    assert not schedule.holidays and not schedule.workdays


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError):
        package_schedule("XX", [2025])
