import threading
from datetime import UTC, datetime, timedelta

import pytest

from bihuan.core import clock

MOMENT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def test_travel_to_stops_the_clock_at_the_moment_and_restores_it_after_the_block() -> None:
    with clock.travel_to(MOMENT):
        assert clock.now() == MOMENT
        with clock.travel_to(MOMENT + timedelta(hours=1)):
            assert clock.now() == MOMENT + timedelta(hours=1)
        assert clock.now() == MOMENT
    assert clock.now() - datetime.now(UTC) < timedelta(seconds=5)


def test_travel_to_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError), clock.travel_to(datetime(2025, 3, 1, 9, 30)):
        pass


def test_another_thread_keeps_the_real_time_while_one_travels() -> None:
    seen: list[datetime] = []
    with clock.travel_to(MOMENT):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
    assert seen[0] > MOMENT + timedelta(days=300)
