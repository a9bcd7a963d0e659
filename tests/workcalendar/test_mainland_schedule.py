"""Table tests against the State Council's published schedules for 2025 and 2026.

2025: 国办发明电〔2024〕12号; 2026: 国办发明电〔2025〕7号. Office hours 08:30-12:00,
13:30-17:30, Monday to Friday.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from bihuan.workcalendar.arithmetic import (
    UncoveredYear,
    WorkCalendar,
    add_working_days,
    add_working_hours,
    working_time_between,
)

from .conftest import SHANGHAI


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


MAKE_UP_WORKING_DAYS = [
    date(2025, 1, 26),  # Sunday before the Spring Festival
    date(2025, 2, 8),  # Saturday after it
    date(2025, 4, 27),  # Sunday before Labour Day
    date(2025, 9, 28),  # Sunday before National Day
    date(2025, 10, 11),  # Saturday after it
    date(2026, 1, 4),  # Sunday after New Year
    date(2026, 2, 14),  # Saturday before the Spring Festival
    date(2026, 2, 28),  # Saturday after it
    date(2026, 5, 9),  # Saturday after Labour Day
    date(2026, 9, 20),  # Sunday before National Day
    date(2026, 10, 10),  # Saturday after it
]

WEEKDAY_HOLIDAYS = [
    date(2025, 1, 1),
    *(date(2025, 1, 28) + timedelta(days=n) for n in range(8)),  # Spring Festival, 28 Jan-4 Feb
    date(2025, 4, 4),  # Qingming
    *(date(2025, 5, n) for n in range(1, 6)),  # Labour Day, 1-5 May
    date(2025, 6, 2),  # Dragon Boat, Monday
    *(date(2025, 10, n) for n in range(1, 9)),  # National Day and Mid-Autumn, 1-8 Oct
    date(2026, 1, 1),
    date(2026, 1, 2),
    *(date(2026, 2, n) for n in range(16, 21)),  # Spring Festival weekdays, 16-20 Feb
    date(2026, 2, 23),  # and the Monday after
    date(2026, 4, 6),  # Qingming, Monday
    *(date(2026, 5, n) for n in range(1, 6)),  # Labour Day, 1-5 May
    date(2026, 6, 19),  # Dragon Boat, Friday
    date(2026, 9, 25),  # Mid-Autumn, Friday
    *(date(2026, 10, n) for n in range(1, 8)),  # National Day, 1-7 Oct
]


@pytest.mark.parametrize("day", MAKE_UP_WORKING_DAYS, ids=str)
def test_make_up_weekend_days_are_working_days(mainland: WorkCalendar, day: date) -> None:
    assert day.weekday() >= 5
    assert mainland.is_working_day(day)
    assert [(s.time(), e.time()) for s, e in mainland.working_intervals(day)] == [
        (s, e) for s, e in mainland.hours[0]
    ]


@pytest.mark.parametrize("day", [d for d in WEEKDAY_HOLIDAYS if d.weekday() < 5], ids=str)
def test_statutory_holidays_on_weekdays_are_days_off(mainland: WorkCalendar, day: date) -> None:
    assert not mainland.is_working_day(day)
    assert mainland.working_intervals(day) == ()


def test_ordinary_days_follow_the_working_week(mainland: WorkCalendar) -> None:
    assert mainland.is_working_day(date(2025, 9, 29))  # Monday
    assert not mainland.is_working_day(date(2025, 9, 27))  # Saturday
    assert not mainland.is_working_day(date(2026, 3, 1))  # Sunday
    assert mainland.working_intervals(date(2025, 9, 29)) == (
        (at(2025, 9, 29, 8, 30), at(2025, 9, 29, 12)),
        (at(2025, 9, 29, 13, 30), at(2025, 9, 29, 17, 30)),
    )


@pytest.mark.parametrize(
    ("start", "days", "deadline"),
    [
        # Across the 2025 golden week: 9, 10 and the make-up Saturday 11 October.
        (at(2025, 9, 30, 10), 3, at(2025, 10, 11, 17, 30)),
        (at(2025, 9, 30, 10), 1, at(2025, 10, 9, 17, 30)),
        (at(2025, 9, 30, 10), 4, at(2025, 10, 13, 17, 30)),
        # The make-up Sunday 28 September 2025 counts.
        (at(2025, 9, 26, 10), 1, at(2025, 9, 28, 17, 30)),
        (at(2025, 9, 26, 10), 2, at(2025, 9, 29, 17, 30)),
        # The start day never counts, at whatever hour: before, during or after business.
        (at(2025, 9, 29, 7), 1, at(2025, 9, 30, 17, 30)),
        (at(2025, 9, 29, 23, 59), 1, at(2025, 9, 30, 17, 30)),
        # Starting on a holiday or a weekend: the first working day after it is day one.
        (at(2025, 10, 3, 10), 1, at(2025, 10, 9, 17, 30)),
        (at(2025, 11, 15, 10), 1, at(2025, 11, 17, 17, 30)),
        # 2026 Spring Festival: Saturday 14 February is worked, then 15-23 are off.
        (at(2026, 2, 13, 10), 1, at(2026, 2, 14, 17, 30)),
        (at(2026, 2, 13, 10), 2, at(2026, 2, 24, 17, 30)),
        # 2026 Labour Day: 1-5 May off, Saturday 9 May worked.
        (at(2026, 4, 30, 10), 3, at(2026, 5, 8, 17, 30)),
        (at(2026, 4, 30, 10), 4, at(2026, 5, 9, 17, 30)),
        # 2026 National Day: Sunday 20 September and Saturday 10 October worked.
        (at(2026, 9, 18, 10), 1, at(2026, 9, 20, 17, 30)),
        (at(2026, 9, 30, 10), 3, at(2026, 10, 10, 17, 30)),
        (at(2026, 9, 30, 10), 5, at(2026, 10, 13, 17, 30)),
        # Across New Year into 2026: 1-3 January off, Sunday 4 January worked.
        (at(2025, 12, 31, 10), 1, at(2026, 1, 4, 17, 30)),
        # A general limit of 7 working days, from a Monday.
        (at(2025, 11, 3, 9), 7, at(2025, 11, 12, 17, 30)),
    ],
)
def test_add_working_days(
    mainland: WorkCalendar, start: datetime, days: int, deadline: datetime
) -> None:
    assert add_working_days(mainland, start, days) == deadline


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        (at(2025, 9, 30, 10), at(2025, 9, 30, 17, 30)),  # before close of business: today
        (at(2025, 9, 30, 17, 30), at(2025, 10, 9, 17, 30)),  # business closed: next working day
        (at(2025, 10, 1, 10), at(2025, 10, 9, 17, 30)),  # a holiday: next working day
    ],
)
def test_zero_working_days_is_the_close_of_business_of_the_working_day_in_progress(
    mainland: WorkCalendar, start: datetime, deadline: datetime
) -> None:
    assert add_working_days(mainland, start, 0) == deadline


@pytest.mark.parametrize(
    ("start", "hours", "deadline"),
    [
        (at(2025, 9, 29, 11), 2, at(2025, 9, 29, 14, 30)),  # across lunch
        (at(2025, 9, 29, 12, 30), 1, at(2025, 9, 29, 14, 30)),  # from inside lunch
        (at(2025, 9, 29, 7), 1, at(2025, 9, 29, 9, 30)),  # before the day's first interval
        (at(2025, 9, 29, 8, 30), Decimal("3.5"), at(2025, 9, 29, 12)),  # ends at noon, not 13:30
        (at(2025, 9, 29, 17), 1, at(2025, 9, 30, 9)),  # overnight
        # 7.5 h on each of 30 Sep, 9 and 10 Oct, then 1.5 h on the make-up Saturday.
        (at(2025, 9, 29, 20), 24, at(2025, 10, 11, 10)),
        (at(2025, 9, 30, 16), 2, at(2025, 10, 9, 9)),  # over the golden week
        (at(2025, 9, 26, 17), 2, at(2025, 9, 28, 10)),  # onto the make-up Sunday
        (at(2025, 9, 29, 9), timedelta(minutes=10), at(2025, 9, 29, 9, 10)),
        (at(2025, 9, 29, 9), 0.25, at(2025, 9, 29, 9, 15)),
    ],
)
def test_add_working_hours(
    mainland: WorkCalendar, start: datetime, hours: Decimal | float | timedelta, deadline: datetime
) -> None:
    assert add_working_hours(mainland, start, hours) == deadline


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Friday 16:00 to Monday 10:00 over an ordinary weekend: 1.5 h + 1.5 h.
        (at(2025, 11, 14, 16), at(2025, 11, 17, 10), timedelta(hours=3)),
        # Over the weekend before National Day, whose Sunday is worked: 1.5 + 7.5 + 0.5 h.
        (at(2025, 9, 26, 16), at(2025, 9, 29, 9), timedelta(hours=9.5)),
        # The whole golden week: nothing.
        (at(2025, 9, 30, 17, 30), at(2025, 10, 9, 8, 30), timedelta(0)),
        # Lunch does not count.
        (at(2025, 9, 29, 11), at(2025, 9, 29, 14), timedelta(hours=1.5)),
        # An end before the start.
        (at(2025, 9, 29, 14), at(2025, 9, 29, 11), timedelta(0)),
    ],
)
def test_working_time_between(
    mainland: WorkCalendar, start: datetime, end: datetime, expected: timedelta
) -> None:
    assert working_time_between(mainland, start, end) == expected


def test_instants_in_any_zone_give_the_same_instant_back_in_the_calendars_zone(
    mainland: WorkCalendar,
) -> None:
    start = at(2025, 9, 30, 10).astimezone(UTC)

    deadline = add_working_days(mainland, start, 3)

    assert deadline == at(2025, 10, 11, 17, 30)
    assert deadline.tzinfo == SHANGHAI
    assert add_working_hours(mainland, start, 1).tzinfo == SHANGHAI


def test_a_year_the_package_does_not_cover_is_refused_not_assumed_all_working(
    mainland: WorkCalendar,
) -> None:
    assert 2027 not in mainland.covered_years
    with pytest.raises(UncoveredYear) as raised:
        add_working_days(mainland, at(2026, 12, 30, 10), 3)
    assert raised.value.year == 2027
    with pytest.raises(UncoveredYear):
        mainland.is_working_day(date(2027, 1, 4))
    with pytest.raises(UncoveredYear):
        working_time_between(mainland, at(2026, 12, 31, 9), at(2027, 1, 1, 9))
