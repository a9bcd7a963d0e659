"""The time limits each sector preset starts with, read from its seed regulation.

Where a seed leaves a stage unstated (or writes "[X]"), the common default below
applies; administrators change any of them in the admin.
"""

from __future__ import annotations

from typing import NamedTuple

from bihuan.org.choices import Sector
from bihuan.workcalendar.choices import TimeUnit as U

from .choices import Severity as V
from .choices import Stage as S


class Limit(NamedTuple):
    stage: str
    amount: int
    unit: str
    severity: str = ""
    category: str | None = None  # a category code of the preset


DEFAULTS = (
    Limit(S.ACCEPT, 1, U.WORKING_DAYS),
    Limit(S.DISPATCH, 2, U.WORKING_HOURS),
    Limit(S.INVESTIGATE, 1, U.WORKING_DAYS),
    Limit(S.PROPOSE, 2, U.WORKING_DAYS),
    Limit(S.RESOLVE, 5, U.WORKING_DAYS),
    Limit(S.RESOLVE, 10, U.WORKING_DAYS, V.MAJOR),
    Limit(S.REPLY, 1, U.WORKING_DAYS),
    Limit(S.FOLLOW_UP, 3, U.WORKING_DAYS),
)

LIMITS: dict[str, tuple[Limit, ...]] = {
    # 000: transfer in 10 minutes and tell the visitor it is accepted; a solution in 2 hours
    # (complex: 24 hours); result to the desk in 1 hour and to the visitor 10 minutes later;
    # follow-up within 3 working days.
    Sector.MUSEUM: (
        Limit(S.ACCEPT, 10, U.MINUTES),
        Limit(S.DISPATCH, 10, U.MINUTES),
        Limit(S.INVESTIGATE, 120, U.MINUTES),
        Limit(S.INVESTIGATE, 24 * 60, U.MINUTES, V.MAJOR),
        Limit(S.PROPOSE, 120, U.MINUTES),
        Limit(S.PROPOSE, 24 * 60, U.MINUTES, V.MAJOR),
        Limit(S.RESOLVE, 3, U.WORKING_DAYS),
        Limit(S.RESOLVE, 7, U.WORKING_DAYS, V.MAJOR),
        Limit(S.REPLY, 70, U.MINUTES),
        Limit(S.FOLLOW_UP, 3, U.WORKING_DAYS),
    ),
    # 001: acknowledge within 24 hours; service quality in 3 working days, facilities in 5.
    Sector.CULTURAL_EVENTS: (
        Limit(S.ACCEPT, 24 * 60, U.MINUTES),
        Limit(S.RESOLVE, 3, U.WORKING_DAYS, "", "service-quality"),
        Limit(S.RESOLVE, 5, U.WORKING_DAYS, "", "facilities"),
    ),
    # 002: the lobby manager is on site within [X] minutes; follow-up within [X] working days.
    Sector.LOBBY: (
        Limit(S.ACCEPT, 15, U.MINUTES),
        Limit(S.DISPATCH, 30, U.MINUTES),
        Limit(S.RESOLVE, 3, U.WORKING_DAYS),
        Limit(S.RESOLVE, 7, U.WORKING_DAYS, V.MAJOR),
    ),
    # 003: a work order within 1 hour, the facts within 24 hours, a solution in 3 working days
    # (major: a decision within 7).
    Sector.SERVICE_PROVIDER: (
        Limit(S.ACCEPT, 60, U.MINUTES),
        Limit(S.INVESTIGATE, 24 * 60, U.MINUTES),
        Limit(S.PROPOSE, 3, U.WORKING_DAYS),
        Limit(S.PROPOSE, 7, U.WORKING_DAYS, V.MAJOR),
    ),
    # 004: "within the prescribed time": the common defaults.
    Sector.MEMBER_CLUB: (),
}


def limits_for(sector: str) -> list[Limit]:
    """The preset's own limits, plus a default for every stage and severity it leaves out."""
    own = list(LIMITS.get(sector, ()))
    given = {(limit.stage, limit.severity, limit.category) for limit in own}
    return own + [d for d in DEFAULTS if (d.stage, d.severity, d.category) not in given]
