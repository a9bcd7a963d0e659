"""The working week as configuration: weekdays and intervals, parsed and validated strictly.

Working hours are stored as a JSON list of ``["HH:MM", "HH:MM"]`` pairs and edited as
text, ``08:30-12:00, 13:30-17:30``. The same intervals apply to every working weekday.
"""

from __future__ import annotations

import re
from datetime import time
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .arithmetic import Interval

DEFAULT_WORKING_WEEKDAYS = [0, 1, 2, 3, 4]
DEFAULT_WORKING_HOURS = [["08:30", "12:00"], ["13:30", "17:30"]]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
_SEPARATORS = re.compile(r"[,，;；\n]+")
_DASH = re.compile(r"\s*[-–—~～至]\s*")


def default_working_weekdays() -> list[int]:
    return list(DEFAULT_WORKING_WEEKDAYS)


def default_working_hours() -> list[list[str]]:
    return [list(pair) for pair in DEFAULT_WORKING_HOURS]


def _parse_time(text: str) -> time | None:
    match = _TIME.match(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def _format(interval: Interval) -> str:
    return f"{interval[0]:%H:%M}-{interval[1]:%H:%M}"


def format_working_hours(value: Any) -> str:
    """The stored intervals as the text the admin edits; anything unexpected as it is."""
    try:
        return ", ".join(_format(i) for i in intervals_from_json(value))
    except (TypeError, ValueError):
        return str(value)


def parse_working_hours(text: str) -> list[list[str]]:
    """``13:30-17:30, 8:30-12:00`` as ``[["08:30", "12:00"], ["13:30", "17:30"]]`` (sorted)."""
    pairs: list[list[str]] = []
    for part in _SEPARATORS.split(text.strip()):
        if not part.strip():
            continue
        ends = _DASH.split(part.strip())
        times = [_parse_time(t) for t in ends]
        if len(times) != 2 or times[0] is None or times[1] is None:
            raise ValidationError(
                _(
                    "Write each working interval as start-end in 24-hour time, separated by "
                    "commas, e.g. 08:30-12:00, 13:30-17:30. Cannot read “%(part)s”."
                ),
                code="format",
                params={"part": part.strip()},
            )
        pairs.append([f"{times[0]:%H:%M}", f"{times[1]:%H:%M}"])
    return sorted(pairs)


def intervals_from_json(value: Any) -> tuple[Interval, ...]:
    """The stored intervals as times, sorted; ``ValueError`` if they are not well formed."""
    if not isinstance(value, list):
        raise ValueError("working hours must be a list of [start, end] pairs")
    intervals: list[Interval] = []
    for pair in value:
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise ValueError(f"{pair!r} is not a [start, end] pair")
        start, end = (_parse_time(t) if isinstance(t, str) else None for t in pair)
        if start is None or end is None:
            raise ValueError(f"{pair!r} is not two HH:MM times")
        intervals.append((start, end))
    return tuple(sorted(intervals))


def validate_working_hours(value: Any) -> None:
    """Refuse intervals that are missing, malformed, empty, reversed or overlapping."""
    try:
        intervals = intervals_from_json(value)
    except ValueError:
        raise ValidationError(
            _("Working hours must be a list of [start, end] pairs of HH:MM times."),
            code="format",
        ) from None
    if not intervals:
        raise ValidationError(_("Give at least one working interval."), code="empty")
    for interval in intervals:
        if interval[0] == interval[1]:
            raise ValidationError(
                _("The working interval %(interval)s is empty: it ends when it starts."),
                code="empty_interval",
                params={"interval": _format(interval)},
            )
        if interval[1] < interval[0]:
            raise ValidationError(
                _(
                    "The working interval %(interval)s ends before it starts. "
                    "Intervals cannot run past midnight."
                ),
                code="reversed_interval",
                params={"interval": _format(interval)},
            )
    for first, second in pairwise(intervals):
        if second[0] < first[1]:
            raise ValidationError(
                _("The working intervals %(first)s and %(second)s overlap."),
                code="overlap",
                params={"first": _format(first), "second": _format(second)},
            )


def validate_working_weekdays(value: Any) -> None:
    """Refuse anything but a non-empty list of distinct weekday numbers 0 (Monday)..6."""
    if not (
        isinstance(value, list)
        and all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in value)
        and len(set(value)) == len(value)
    ):
        raise ValidationError(
            _("Working weekdays must be distinct numbers from 0 (Monday) to 6 (Sunday)."),
            code="format",
        )
    if not value:
        raise ValidationError(
            _("Choose at least one working weekday: without one no time limit could end."),
            code="empty",
        )
