"""The rules of the arithmetic on small hand-made calendars: units, refusals, edge cases."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bihuan.workcalendar.arithmetic import (
    NoWorkingDay,
    WorkCalendar,
    add_calendar_minutes,
    add_limit,
    add_working_days,
    add_working_hours,
    working_time_between,
)
from bihuan.workcalendar.choices import TimeUnit

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
OFFICE_HOURS = ((time(8, 30), time(12)), (time(13, 30), time(17, 30)))
WEEK = {d: OFFICE_HOURS for d in range(5)}
PLAIN = WorkCalendar(tz=SHANGHAI, hours=WEEK, covered_years=frozenset({2025, 2026}))
MONDAY = datetime(2025, 3, 3, 9, tzinfo=SHANGHAI)


def test_add_limit_dispatches_on_the_unit() -> None:
    assert add_limit(PLAIN, MONDAY, 10, TimeUnit.MINUTES) == MONDAY + timedelta(minutes=10)
    assert add_limit(PLAIN, MONDAY, 2, "working_hours") == MONDAY + timedelta(hours=2)
    assert add_limit(PLAIN, MONDAY, 3, "working_days") == datetime(
        2025, 3, 6, 17, 30, tzinfo=SHANGHAI
    )


def test_calendar_minutes_ignore_working_hours_and_holidays() -> None:
    friday_evening = datetime(2025, 3, 7, 23, 55, tzinfo=SHANGHAI)

    assert add_calendar_minutes(friday_evening, 10) == datetime(2025, 3, 8, 0, 5, tzinfo=SHANGHAI)
    assert add_limit(PLAIN, friday_evening.astimezone(UTC), 10, "minutes").tzinfo == SHANGHAI


def test_calendar_minutes_count_elapsed_time_across_a_daylight_saving_change() -> None:
    before = datetime(2025, 3, 30, 1, 30, tzinfo=BERLIN)  # clocks go from 02:00 to 03:00

    assert add_calendar_minutes(before, 60) == datetime(2025, 3, 30, 3, 30, tzinfo=BERLIN)


@pytest.mark.parametrize("unit", TimeUnit.values)
def test_negative_limits_are_refused(unit: str) -> None:
    with pytest.raises(ValueError, match="negative"):
        add_limit(PLAIN, MONDAY, -1, unit)


def test_negative_working_time_is_refused_in_every_form() -> None:
    for hours in (Decimal("-0.5"), -1.0, timedelta(minutes=-1)):
        with pytest.raises(ValueError):
            add_working_hours(PLAIN, MONDAY, hours)
    with pytest.raises(ValueError):
        add_working_days(PLAIN, MONDAY, -1)


def test_unknown_units_and_non_integer_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown time unit"):
        add_limit(PLAIN, MONDAY, 1, "fortnights")
    with pytest.raises(TypeError):
        add_limit(PLAIN, MONDAY, 1.5, "working_days")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        add_limit(PLAIN, MONDAY, True, "working_days")
    with pytest.raises(ValueError):
        add_working_hours(PLAIN, MONDAY, Decimal("NaN"))


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2025, 3, 3, 9)
    with pytest.raises(ValueError, match="aware"):
        add_working_hours(PLAIN, naive, 1)
    with pytest.raises(ValueError, match="aware"):
        add_working_days(PLAIN, naive, 1)
    with pytest.raises(ValueError, match="aware"):
        working_time_between(PLAIN, naive, MONDAY)
    with pytest.raises(ValueError, match="aware"):
        add_calendar_minutes(naive, 1)


def test_zero_working_hours_is_the_start_itself() -> None:
    saturday = datetime(2025, 3, 8, 9, tzinfo=UTC)

    assert add_working_hours(PLAIN, saturday, 0) == saturday
    assert add_working_hours(PLAIN, saturday, 0).tzinfo == SHANGHAI


def test_make_up_days_work_the_hours_of_the_first_working_weekday() -> None:
    saturday = date(2025, 3, 8)
    museum = WorkCalendar(  # closed on Mondays; Tuesday has the standard hours
        tz=SHANGHAI,
        hours={1: ((time(9), time(17)),), 2: ((time(10), time(12)),)},
        workdays=frozenset({saturday}),
        covered_years=frozenset({2025}),
    )

    assert museum.standard_hours == ((time(9), time(17)),)
    assert museum.working_intervals(saturday) == (
        (datetime(2025, 3, 8, 9, tzinfo=SHANGHAI), datetime(2025, 3, 8, 17, tzinfo=SHANGHAI)),
    )


def test_a_calendar_without_any_working_time_gives_up_instead_of_looping() -> None:
    idle = WorkCalendar(tz=SHANGHAI, hours={}, covered_years=frozenset(range(2025, 2030)))

    with pytest.raises(NoWorkingDay):
        add_working_days(idle, MONDAY, 1)
    with pytest.raises(NoWorkingDay):
        add_working_hours(idle, MONDAY, 1)


@pytest.mark.parametrize(
    "intervals",
    [
        ((time(9), time(9)),),
        ((time(12), time(9)),),
        ((time(8), time(12)), (time(11), time(14))),
        ((time(13), time(17)), (time(8), time(12))),
    ],
)
def test_a_calendar_refuses_empty_reversed_or_overlapping_intervals(
    intervals: tuple[tuple[time, time], ...],
) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(tz=SHANGHAI, hours={0: intervals})


def test_a_day_cannot_be_both_holiday_and_make_up_day() -> None:
    day = date(2025, 3, 8)
    with pytest.raises(ValueError):
        WorkCalendar(tz=SHANGHAI, hours=WEEK, holidays=frozenset({day}), workdays=frozenset({day}))


def test_working_hours_count_real_time_on_a_daylight_saving_day() -> None:
    # A Sunday shift from 01:00 to 04:00 in Berlin lasts two hours when clocks go forward.
    night = WorkCalendar(
        tz=BERLIN, hours={6: ((time(1), time(4)),)}, covered_years=frozenset({2025})
    )
    start = datetime(2025, 3, 30, 0, tzinfo=BERLIN)
    end = datetime(2025, 3, 30, 5, tzinfo=BERLIN)

    assert working_time_between(night, start, end) == timedelta(hours=2)
    assert add_working_hours(night, start, 2) == datetime(2025, 3, 30, 4, tzinfo=BERLIN)
