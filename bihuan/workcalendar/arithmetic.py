"""Working-time arithmetic on a calendar held in memory: no database, no settings.

A :class:`WorkCalendar` says, for each day of the years it covers, whether it is a working
day and which hours of it are worked. The functions below add a time limit to an instant
and measure the working time between two instants by walking the days in memory, one step
per day: a limit of a few hundred days costs a few hundred steps and no query.

Rules, as Chinese practice counts time limits:

* **N working days** ends at the close of business (the end of the last working interval)
  of the Nth working day *after* the start day. The start day itself is not counted,
  whatever the hour (期间开始的当日不计算在期间内; Civil Code art. 201), and a period
  whose last day would fall on a holiday runs on to the next working day (art. 203), which
  counting working days gives by construction. **0 working days** is the close of business
  of the working day in progress: today's if today is a working day and business has not
  closed, else the next working day's.
* **N working hours** is the earliest instant by which N hours of working time have passed
  since the start. Only time inside working intervals counts; a start outside them begins
  counting at the next interval; a limit that uses up an interval exactly ends at its end
  (12:00), not at the start of the next one (13:30).
* **N calendar minutes** is plain elapsed time.

Instants are aware datetimes in any time zone; results are in the calendar's zone.
Arithmetic is done in UTC, so that a day with a daylight-saving change counts the time
that really passes. Negative amounts are refused with :class:`ValueError`. A year outside
``covered_years`` raises :class:`UncoveredYear` as soon as the arithmetic needs one of its
days: such a year is never treated as all-working.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from types import MappingProxyType
from zoneinfo import ZoneInfo

from .choices import TimeUnit

Interval = tuple[time, time]
Span = tuple[datetime, datetime]

ONE_DAY = timedelta(days=1)
# Consecutive days without work after which a walk gives up: a calendar with no working
# day in a whole year would otherwise send it round until it leaves the covered years.
MAX_DAYS_WITHOUT_WORK = 366


class UncoveredYear(Exception):
    """The arithmetic needed a day of a year whose official schedule the calendar lacks."""

    def __init__(self, year: int) -> None:
        super().__init__(f"the working-day calendar has no data for {year}")
        self.year = year


class NoWorkingDay(ValueError):
    """The calendar has no working day for a whole year: no working limit can end."""


@dataclass(frozen=True)
class WorkCalendar:
    """Working hours per weekday, with the dated exceptions of the official schedule.

    ``hours`` maps a weekday (0 = Monday .. 6 = Sunday) to its working intervals, sorted
    and not overlapping; a weekday missing or mapped to ``()`` is a day off. ``holidays``
    are days off that would otherwise be working; ``workdays`` are make-up working days
    (调休) that would otherwise be off, worked on the standard hours (Monday's, or those of
    the first working weekday when Monday is off). ``covered_years`` are the years whose
    schedule the two sets hold in full.
    """

    tz: ZoneInfo
    hours: Mapping[int, tuple[Interval, ...]]
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        for weekday, intervals in self.hours.items():
            if weekday not in range(7):
                raise ValueError(f"weekday {weekday} is not in 0..6")
            _check_intervals(intervals)
        if self.holidays & self.workdays:
            raise ValueError("a day cannot be both a holiday and a make-up working day")
        # A read-only copy: the calendar is shared between threads through a cache.
        object.__setattr__(self, "hours", MappingProxyType(dict(self.hours)))

    @property
    def standard_hours(self) -> tuple[Interval, ...]:
        """The hours of a make-up working day: those of the first working weekday."""
        return next((self.hours[d] for d in range(7) if self.hours.get(d)), ())

    def hours_of(self, day: date) -> tuple[Interval, ...]:
        """The working intervals of ``day`` as wall-clock times; ``()`` on a day off."""
        if day.year not in self.covered_years:
            raise UncoveredYear(day.year)
        if day in self.workdays:
            return self.standard_hours
        if day in self.holidays:
            return ()
        return self.hours.get(day.weekday(), ())

    def is_working_day(self, day: date) -> bool:
        """Whether any time of ``day`` is worked."""
        return bool(self.hours_of(day))

    def working_intervals(self, day: date) -> tuple[Span, ...]:
        """The working intervals of ``day`` as aware datetimes in the calendar's zone."""
        return tuple((s.astimezone(self.tz), e.astimezone(self.tz)) for s, e in self._spans(day))

    def _spans(self, day: date) -> tuple[Span, ...]:
        """The working intervals of ``day`` in UTC, sorted and disjoint.

        Wall-clock times that a daylight-saving change skips can map out of order; each
        interval is clipped to start where the previous one ended, and dropped if empty.
        """
        spans: list[Span] = []
        floor: datetime | None = None
        for start, end in self.hours_of(day):
            s = datetime.combine(day, start, self.tz).astimezone(UTC)
            e = datetime.combine(day, end, self.tz).astimezone(UTC)
            if floor is not None:
                s = max(s, floor)
            if e > s:
                spans.append((s, e))
                floor = e
        return tuple(spans)


def _check_intervals(intervals: tuple[Interval, ...]) -> None:
    previous_end: time | None = None
    for start, end in intervals:
        if start >= end:
            raise ValueError(f"working interval {start}-{end} does not end after it starts")
        if previous_end is not None and start < previous_end:
            raise ValueError(f"working interval {start}-{end} overlaps or is out of order")
        previous_end = end


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("working-time arithmetic needs aware datetimes")
    return moment.astimezone(UTC)


def _working_days_from(cal: WorkCalendar, first: date) -> Iterator[tuple[date, tuple[Span, ...]]]:
    """Each working day from ``first`` on, with its UTC intervals."""
    day, idle = first, 0
    while True:
        spans = cal._spans(day)
        if spans:
            idle = 0
            yield day, spans
        else:
            idle += 1
            if idle > MAX_DAYS_WITHOUT_WORK:
                raise NoWorkingDay(f"no working day in the year after {first}")
        day += ONE_DAY


def _as_timedelta(hours: Decimal | float | timedelta) -> timedelta:
    if isinstance(hours, timedelta):
        return hours
    if isinstance(hours, bool) or not isinstance(hours, Decimal | int | float):
        raise TypeError(f"working hours must be a number or a timedelta, not {hours!r}")
    amount = Decimal(str(hours)) if isinstance(hours, float) else Decimal(hours)
    if not amount.is_finite():
        raise ValueError(f"working hours must be finite, not {hours!r}")
    micro = (amount * 3_600_000_000).to_integral_value(rounding=ROUND_HALF_EVEN)
    return timedelta(microseconds=int(micro))


def add_calendar_minutes(start: datetime, minutes: int) -> datetime:
    """``start`` plus ``minutes`` of elapsed time, in ``start``'s zone."""
    if minutes < 0:
        raise ValueError("a time limit cannot be negative")
    return (_utc(start) + timedelta(minutes=minutes)).astimezone(start.tzinfo)


def add_working_hours(
    cal: WorkCalendar, start: datetime, hours: Decimal | float | timedelta
) -> datetime:
    """The earliest instant by which ``hours`` of working time have passed since ``start``."""
    remaining = _as_timedelta(hours)
    if remaining < timedelta(0):
        raise ValueError("a time limit cannot be negative")
    at = _utc(start)
    if not remaining:
        return at.astimezone(cal.tz)
    for _day, spans in _working_days_from(cal, start.astimezone(cal.tz).date()):
        for s, e in spans:
            if e <= at:
                continue
            begin = max(s, at)
            if remaining <= e - begin:
                return (begin + remaining).astimezone(cal.tz)
            remaining -= e - begin
    raise AssertionError("unreachable: the walk ends by returning or raising")


def add_working_days(cal: WorkCalendar, start: datetime, days: int) -> datetime:
    """Close of business of the ``days``-th working day after the start day (see the rules)."""
    if days < 0:
        raise ValueError("a time limit cannot be negative")
    at = _utc(start)
    start_day = start.astimezone(cal.tz).date()
    if days == 0:
        for _day, spans in _working_days_from(cal, start_day):
            if spans[-1][1] > at:
                return spans[-1][1].astimezone(cal.tz)
    for counted, (_day, spans) in enumerate(_working_days_from(cal, start_day + ONE_DAY), 1):
        if counted == days:
            return spans[-1][1].astimezone(cal.tz)
    raise AssertionError("unreachable: the walk ends by returning or raising")


def working_time_between(cal: WorkCalendar, start: datetime, end: datetime) -> timedelta:
    """The working time inside ``[start, end]``; nothing if ``end`` is not after ``start``."""
    a, b = _utc(start), _utc(end)
    total = timedelta(0)
    if b <= a:
        return total
    day, last = start.astimezone(cal.tz).date(), end.astimezone(cal.tz).date()
    while day <= last:
        for s, e in cal._spans(day):
            overlap = min(e, b) - max(s, a)
            if overlap > timedelta(0):
                total += overlap
        day += ONE_DAY
    return total


def add_limit(cal: WorkCalendar, start: datetime, amount: int, unit: str) -> datetime:
    """The deadline of a time limit of ``amount`` ``unit`` (a :class:`TimeUnit`) from ``start``."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"a time limit is a whole number, not {amount!r}")
    if unit == TimeUnit.MINUTES:
        return add_calendar_minutes(start, amount).astimezone(cal.tz)
    if unit == TimeUnit.WORKING_HOURS:
        return add_working_hours(cal, start, amount)
    if unit == TimeUnit.WORKING_DAYS:
        return add_working_days(cal, start, amount)
    raise ValueError(f"unknown time unit {unit!r}; use one of {', '.join(TimeUnit.values)}")
