from collections.abc import Iterator
from datetime import time
from zoneinfo import ZoneInfo

import pytest

from bihuan.workcalendar.arithmetic import WorkCalendar
from bihuan.workcalendar.build import CalendarConfig, calendar_build
from bihuan.workcalendar.selectors import calendar_cache_clear

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE_HOURS = ((time(8, 30), time(12)), (time(13, 30), time(17, 30)))


def office_calendar(region: str, *years: int, tz: ZoneInfo = SHANGHAI) -> WorkCalendar:
    """Monday to Friday, 08:30-12:00 and 13:30-17:30, on ``region``'s packaged schedule."""
    config = CalendarConfig(region=region, weekdays=frozenset(range(5)), intervals=OFFICE_HOURS)
    return calendar_build(config, tz=tz, years=years)


@pytest.fixture(scope="session")
def mainland() -> WorkCalendar:
    return office_calendar("CN", 2024, 2025, 2026, 2027)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    # A rolled-back test leaves no post_delete behind: forget what it built.
    calendar_cache_clear()
    yield
    calendar_cache_clear()
