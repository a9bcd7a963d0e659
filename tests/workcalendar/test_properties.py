"""Properties of the arithmetic, on random calendars and on the mainland schedule.

Random calendars: one to seven working weekdays, one to three intervals a day, random
holidays and make-up days over 2025-2026, in zones with and without daylight saving.
Limits stay within twenty weeks of work, so that results stay inside the covered years.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bihuan.workcalendar.arithmetic import (
    WorkCalendar,
    add_working_days,
    add_working_hours,
    working_time_between,
)

from .conftest import office_calendar

ZONES = [ZoneInfo(z) for z in ("Asia/Shanghai", "Asia/Hong_Kong", "Europe/Berlin", "UTC")]
DAYS = st.dates(date(2025, 1, 1), date(2026, 12, 31))
MAINLAND = office_calendar("CN", 2025, 2026)

# Walking a calendar day by day takes a variable time: no per-example deadline.
walks = settings(deadline=None, max_examples=150)


@st.composite
def intervals(draw: st.DrawFn) -> tuple[tuple[time, time], ...]:
    count = draw(st.integers(1, 3))
    minutes = sorted(
        draw(st.sets(st.integers(0, 24 * 60 - 1), min_size=2 * count, max_size=2 * count))
    )
    as_time = [time(m // 60, m % 60) for m in minutes]
    return tuple(zip(as_time[::2], as_time[1::2], strict=True))


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    weekdays = draw(st.sets(st.integers(0, 6), min_size=1))
    day_hours = draw(intervals())
    holidays = draw(st.frozensets(DAYS, max_size=40))
    workdays = draw(st.frozensets(DAYS, max_size=10)) - holidays
    return WorkCalendar(
        tz=draw(st.sampled_from(ZONES)),
        hours={d: day_hours for d in weekdays},
        holidays=holidays,
        workdays=workdays,
        covered_years=frozenset({2025, 2026, 2027}),
    )


def weekly_seconds(cal: WorkCalendar) -> int:
    per_day = sum(
        (e.hour * 60 + e.minute) - (s.hour * 60 + s.minute) for s, e in cal.standard_hours
    )
    return per_day * 60 * len(cal.hours)


@st.composite
def starts(draw: st.DrawFn, cal: WorkCalendar) -> datetime:
    naive = draw(st.datetimes(datetime(2025, 1, 1), datetime(2026, 3, 31)))
    return naive.replace(tzinfo=cal.tz)


@st.composite
def cases(draw: st.DrawFn) -> tuple[WorkCalendar, datetime, timedelta]:
    cal = draw(calendars())
    amount = timedelta(seconds=draw(st.integers(0, 20 * weekly_seconds(cal))))
    return cal, draw(starts(cal)), amount


def inside_working_time(cal: WorkCalendar, moment: datetime) -> bool:
    return any(s < moment <= e for s, e in cal.working_intervals(moment.astimezone(cal.tz).date()))


@walks
@given(cases())
def test_the_working_time_to_the_deadline_is_the_limit(
    case: tuple[WorkCalendar, datetime, timedelta],
) -> None:
    cal, start, amount = case

    deadline = add_working_hours(cal, start, amount)

    assert working_time_between(cal, start, deadline) == amount
    if amount:  # and it is the earliest such instant
        assert working_time_between(cal, start, deadline - timedelta(microseconds=1)) < amount


@walks
@given(cases(), st.integers(1, 10 * 3600))
def test_more_working_time_gives_a_later_deadline(
    case: tuple[WorkCalendar, datetime, timedelta], more_seconds: int
) -> None:
    cal, start, amount = case

    assert add_working_hours(cal, start, amount) < add_working_hours(
        cal, start, amount + timedelta(seconds=more_seconds)
    )


@walks
@given(cases(), st.integers(0, 3 * 24 * 3600))
def test_a_later_start_never_gives_an_earlier_deadline(
    case: tuple[WorkCalendar, datetime, timedelta], delay_seconds: int
) -> None:
    cal, start, amount = case
    later = start + timedelta(seconds=delay_seconds)

    assert add_working_hours(cal, start, amount) <= add_working_hours(cal, later, amount)


@walks
@given(cases())
def test_a_working_hours_deadline_lies_in_working_time_on_a_working_day(
    case: tuple[WorkCalendar, datetime, timedelta],
) -> None:
    cal, start, amount = case
    deadline = add_working_hours(cal, start, amount)

    if amount:
        assert inside_working_time(cal, deadline)
        day = deadline.date()
        assert cal.is_working_day(day)
        assert day not in cal.holidays or day in cal.workdays


@walks
@given(calendars(), st.data(), st.integers(0, 60))
def test_a_working_days_deadline_is_the_close_of_the_nth_working_day_after_the_start_day(
    cal: WorkCalendar, data: st.DataObject, days: int
) -> None:
    start = data.draw(starts(cal))

    deadline = add_working_days(cal, start, days)

    day = deadline.date()
    assert deadline.tzinfo == cal.tz
    assert cal.is_working_day(day)
    assert day not in cal.holidays or day in cal.workdays
    assert deadline == cal.working_intervals(day)[-1][1]
    start_day = start.astimezone(cal.tz).date()
    counted = [
        d
        for d in (start_day + timedelta(days=n) for n in range(1, (day - start_day).days + 1))
        if cal.is_working_day(d)
    ]
    if days:
        assert len(counted) == days
    else:
        assert deadline > start and len(counted) <= 1


@walks
@given(calendars(), st.data())
def test_working_time_is_additive_over_a_split_point(
    cal: WorkCalendar, data: st.DataObject
) -> None:
    a, b, c = sorted(data.draw(starts(cal)) for _ in range(3))

    assert working_time_between(cal, a, c) == working_time_between(
        cal, a, b
    ) + working_time_between(cal, b, c)


@walks
@given(cases())
def test_the_zone_of_the_start_does_not_change_the_deadline(
    case: tuple[WorkCalendar, datetime, timedelta],
) -> None:
    cal, start, amount = case
    elsewhere = start.astimezone(UTC)

    assert add_working_hours(cal, start, amount) == add_working_hours(cal, elsewhere, amount)
    assert add_working_days(cal, start, 3) == add_working_days(cal, elsewhere, 3)


@walks
@given(
    st.datetimes(datetime(2025, 1, 1), datetime(2026, 6, 30)),
    st.integers(0, 300 * 60),
    st.integers(0, 40),
)
def test_on_the_mainland_schedule_no_deadline_falls_on_a_day_off(
    naive: datetime, minutes: int, days: int
) -> None:
    start = naive.replace(tzinfo=MAINLAND.tz)

    by_hours = add_working_hours(MAINLAND, start, timedelta(minutes=minutes))
    by_days = add_working_days(MAINLAND, start, days)

    assert working_time_between(MAINLAND, start, by_hours) == timedelta(minutes=minutes)
    assert MAINLAND.is_working_day(by_days.date())
    if minutes:
        assert inside_working_time(MAINLAND, by_hours)
