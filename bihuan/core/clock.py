"""The one source of "now", so that tests and the demo loader can move time.

Every service reads the time through :func:`now`. :func:`travel_to` stops the clock at
a chosen moment for the length of a ``with`` block, so that a command can replay a
complaint's history at the times it happened and every record tells the truth about them.

The moment is held in a context variable: a thread (or task) started elsewhere, such as a
server's request threads, keeps the real time while one command travels.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_stopped_at: ContextVar[datetime | None] = ContextVar("bihuan_clock_stopped_at", default=None)


def now() -> datetime:
    """The current time (aware): the real one, or the moment travelled to."""
    stopped = _stopped_at.get()
    return stopped if stopped is not None else timezone.now()


@contextmanager
def travel_to(moment: datetime) -> Iterator[datetime]:
    """Stop the clock at ``moment`` (an aware datetime) until the block ends.

    Blocks nest; leaving one restores the time of the block around it. Time does not
    move inside a block: step from one moment to the next with a new block.
    """
    if timezone.is_naive(moment):
        raise ValueError("clock.travel_to needs an aware datetime")
    token = _stopped_at.set(moment)
    try:
        yield moment
    finally:
        _stopped_at.reset(token)
