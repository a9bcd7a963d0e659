"""Stage clocks: started and stopped by the loop's events, swept for warnings and escalation.

Which stages a timeline event stops and starts is a table (``RULES``), so the services
never call the clocks themselves: ``_workflow.record`` hands every event to ``on_event``
inside the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from bihuan.core import clock
from bihuan.timelimits.models import TimeLimitPolicy
from bihuan.workcalendar.arithmetic import UncoveredYear, WorkCalendar, add_limit, add_working_hours
from bihuan.workcalendar.arithmetic import working_time_between as _working_between
from bihuan.workcalendar.selectors import calendar_for_organisation

from .choices import Action, AlertLevel, Stage, Status
from .models import Complaint, StageClock

logger = logging.getLogger(__name__)
T = TypeVar("T")

ALL = frozenset(Stage)
INTAKE_STAGES = frozenset({Stage.ACCEPT, Stage.DISPATCH, Stage.REPLY, Stage.FOLLOW_UP})

# event → (stages it stops, stages it starts)
RULES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    Action.REGISTER: (frozenset(), (Stage.ACCEPT,)),
    Action.ACCEPT: (frozenset({Stage.ACCEPT}), (Stage.DISPATCH, Stage.RESOLVE)),
    Action.REJECT: (ALL, ()),
    Action.DISPATCH: (frozenset({Stage.DISPATCH}), (Stage.INVESTIGATE, Stage.PROPOSE)),
    Action.RETURN: (frozenset({Stage.INVESTIGATE, Stage.PROPOSE}), (Stage.DISPATCH,)),
    Action.REPORT: (frozenset({Stage.INVESTIGATE}), ()),
    Action.PROPOSE: (frozenset({Stage.INVESTIGATE}), ()),
    Action.APPROVE: (frozenset({Stage.PROPOSE}), ()),
    Action.RESOLVE: (ALL - {Stage.REPLY, Stage.FOLLOW_UP}, (Stage.REPLY,)),
    Action.REPLY: (frozenset({Stage.REPLY}), (Stage.FOLLOW_UP,)),
    Action.REOPEN: (frozenset({Stage.FOLLOW_UP}), (Stage.RESOLVE,)),
    Action.FOLLOW_UP: (frozenset({Stage.FOLLOW_UP}), ()),
    Action.CLOSE: (ALL, ()),
}

# Who is told at each level: the holder, the department head, the leadership.
_TOLD = {
    AlertLevel.YELLOW: ("holder",),
    AlertLevel.RED: ("holder", "head"),
    AlertLevel.OVERDUE: ("holder", "head"),
    AlertLevel.ESCALATED: ("head", "leaders"),
}
_EVENT = {
    AlertLevel.YELLOW: Action.WARN,
    AlertLevel.RED: Action.WARN,
    AlertLevel.OVERDUE: Action.SUPERVISE,
    AlertLevel.ESCALATED: Action.ESCALATE_OVERDUE,
}


@dataclass(frozen=True)
class Shares:
    """When the alerts fire, as shares of the stage's time (settings, read at call time)."""

    yellow: float
    red: float
    escalate: float  # a further share of the limit after the deadline

    @classmethod
    def from_settings(cls) -> Shares:
        return cls(
            yellow=settings.BIHUAN_WARN_SHARE,
            red=settings.BIHUAN_RED_SHARE,
            escalate=settings.BIHUAN_ESCALATE_AFTER_SHARE,
        )


def policy_for(complaint: Complaint, stage: str) -> TimeLimitPolicy | None:
    """The most specific time limit for this complaint's category and severity."""
    candidates = TimeLimitPolicy.objects.filter(stage=stage).filter(
        Q(category_id=complaint.category_id) | Q(category__isnull=True),
        Q(severity=complaint.severity) | Q(severity=""),
    )

    def specificity(policy: TimeLimitPolicy) -> tuple[bool, bool]:
        return (policy.category_id is not None, policy.severity != "")

    return max(candidates, key=specificity, default=None)


def _point(cal: WorkCalendar, unit: str, start: datetime, end: datetime, share: float) -> datetime:
    """The instant at ``share`` of the way from start to end, in the unit's kind of time."""
    if unit == "minutes":
        return start + (end - start) * share
    return add_working_hours(cal, start, _working_between(cal, start, end) * share)


def _shift(cal: WorkCalendar, unit: str, instant: datetime, by: timedelta) -> datetime:
    return instant + by if unit == "minutes" else add_working_hours(cal, instant, by)


def _next_alert(clock_row: StageClock) -> datetime | None:
    following = {
        AlertLevel.NONE: clock_row.warn_at,
        AlertLevel.YELLOW: clock_row.red_at,
        AlertLevel.RED: clock_row.due_at,
        AlertLevel.OVERDUE: clock_row.escalate_at,
    }
    return following.get(AlertLevel(clock_row.level))


def _holder_and_department(complaint: Complaint, stage: str) -> tuple[int | None, int | None]:
    if stage in INTAKE_STAGES or complaint.lead_department_id is None:
        from bihuan.org.models import Department

        desk = Department.objects.filter(is_intake_desk=True).values_list("pk", flat=True).first()
        return None, desk
    return complaint.assignee_id, complaint.lead_department_id


def with_calendar(compute: Callable[[WorkCalendar], T]) -> T:
    """Run working-time arithmetic on the organisation's calendar.

    A year whose official schedule is not yet entered (packages lag; the State Council
    publishes next year's in November) is counted on weekdays only, and a warning is
    logged; the admin and ``manage.py check`` ask for the schedule. A deadline is never
    refused, and the year is never silently taken as all-working.
    """
    cal = calendar_for_organisation()
    for _attempt in range(5):
        try:
            return compute(cal)
        except UncoveredYear as gap:
            logger.warning(
                "The working-day calendar does not cover %s: counting weekdays only. "
                "Enter that year's schedule in the admin.",
                gap.year,
            )
            cal = replace(cal, covered_years=cal.covered_years | {gap.year})
    return compute(cal)


@dataclass(frozen=True)
class _Deadlines:
    warn_at: datetime
    red_at: datetime
    due_at: datetime
    escalate_at: datetime


def _deadlines(
    cal: WorkCalendar, unit: str, amount: int, now: datetime, external: datetime | None
) -> _Deadlines:
    due = add_limit(cal, now, amount, unit)
    if external is not None and external < due:
        due = max(external, now)
    return _points(cal, unit, now, due)


def _points(cal: WorkCalendar, unit: str, started: datetime, due: datetime) -> _Deadlines:
    """The alert points of a stage running from ``started`` to ``due``, at the set shares."""
    shares = Shares.from_settings()
    return _Deadlines(
        warn_at=_point(cal, unit, started, due, shares.yellow),
        red_at=_point(cal, unit, started, due, shares.red),
        due_at=due,
        escalate_at=_shift(cal, unit, due, _span(cal, unit, started, due) * shares.escalate),
    )


def start(complaint: Complaint, stage: str, now: datetime) -> StageClock | None:
    """Start a stage's clock from its policy; no policy, no clock.

    A clock of the same stage still running is completed first: starting again is a
    restart (a reopened complaint's resolution clock starts afresh).
    """
    stop(complaint, frozenset({stage}), now)
    policy = policy_for(complaint, stage)
    if policy is None:
        return None
    external = complaint.external_due_at if stage == Stage.RESOLVE else None
    times = with_calendar(lambda cal: _deadlines(cal, policy.unit, policy.amount, now, external))
    holder_id, department_id = _holder_and_department(complaint, stage)
    row = StageClock(
        complaint=complaint,
        stage=stage,
        department_id=department_id,
        holder_id=holder_id,
        limit_amount=policy.amount,
        limit_unit=policy.unit,
        started_at=now,
        warn_at=times.warn_at,
        red_at=times.red_at,
        due_at=times.due_at,
        external_due_at=external,
        escalate_at=times.escalate_at,
    )
    row.next_alert_at = _next_alert(row)
    row.save()
    return row


def _span(cal: WorkCalendar, unit: str, start_at: datetime, end: datetime) -> timedelta:
    return end - start_at if unit == "minutes" else _working_between(cal, start_at, end)


def stop(complaint: Complaint, stages: frozenset[str], now: datetime) -> None:
    """Complete the running clocks of these stages; a late one is marked overdue."""
    running = StageClock.objects.filter(
        complaint=complaint, stage__in=stages, completed_at__isnull=True
    )
    running.filter(due_at__lt=now).update(completed_at=now, overdue=True, next_alert_at=None)
    running.update(completed_at=now, next_alert_at=None)


def on_event(complaint: Complaint, *, action: str, from_status: str, now: datetime) -> None:
    """Stop and start the stage clocks an event implies (inside the event's transaction)."""
    stops, starts = RULES.get(action, (frozenset(), ()))
    if action == Action.RESOLVE and from_status == Status.REGISTERED:
        stops, starts = ALL, ()  # resolved on the spot: no clock but the reply's
    if action in (Action.DISPATCH, Action.INVESTIGATE, Action.ASSIGN):
        # The department's stages answer to the lead department and its assignee from now on.
        StageClock.objects.filter(complaint=complaint, completed_at__isnull=True).exclude(
            stage__in=INTAKE_STAGES
        ).update(department_id=complaint.lead_department_id, holder_id=complaint.assignee_id)
    if stops:
        stop(complaint, stops, now)
    for stage in starts:
        start(complaint, stage, now)
    if stops or starts:
        refresh_complaint_deadline(complaint)


def department_clocks(complaint: Complaint) -> list[StageClock]:
    """The running clocks of the lead department's stages, the one due first first."""
    return list(
        StageClock.objects.filter(complaint=complaint, completed_at__isnull=True)
        .exclude(stage__in=INTAKE_STAGES)
        .order_by("due_at", "pk")
    )


def refresh_complaint_deadline(complaint: Complaint) -> None:
    """Copy the earliest running deadline onto the complaint, for lists sorted by urgency."""
    governing = (
        StageClock.objects.filter(complaint=complaint, completed_at__isnull=True)
        .order_by("due_at")
        .first()
    )
    values: dict[str, Any] = {
        "due_at": governing.due_at if governing else None,
        "due_stage": governing.stage if governing else "",
        "warn_at": governing.warn_at if governing else None,
        "red_at": governing.red_at if governing else None,
    }
    Complaint.objects.filter(pk=complaint.pk).update(**values)
    for key, value in values.items():
        setattr(complaint, key, value)


def pause(complaint: Complaint, now: datetime) -> None:
    StageClock.objects.filter(
        complaint=complaint, completed_at__isnull=True, paused_at__isnull=True
    ).update(paused_at=now)


def resume(complaint: Complaint, now: datetime) -> None:
    """Restart paused clocks, moving every deadline on by the paused (working) time."""
    for row in StageClock.objects.filter(
        complaint=complaint, completed_at__isnull=True, paused_at__isnull=False
    ):
        with_calendar(partial(_move_on, row=row, now=now))
        row.paused_at = None
        row.next_alert_at = _next_alert(row)
        row.save()
    refresh_complaint_deadline(complaint)


def extend(row: StageClock, new_due_at: datetime, now: datetime) -> None:
    """Move a clock's deadline to ``new_due_at`` (an approved extension, 延期).

    The alert points are recomputed from the stage's start at the usual shares. The level
    drops back to what the new points give at ``now``, without announcing anything; it is
    never raised here, so a threshold already crossed is left to the sweep to announce.
    """
    times = with_calendar(lambda cal: _points(cal, row.limit_unit, row.started_at, new_due_at))
    row.warn_at, row.red_at = times.warn_at, times.red_at
    row.due_at, row.escalate_at = times.due_at, times.escalate_at
    row.level = min(AlertLevel(row.level), level_at(row, now))
    row.overdue = row.level >= AlertLevel.OVERDUE
    row.next_alert_at = None if row.completed_at else _next_alert(row)
    row.save(
        update_fields=[
            "warn_at",
            "red_at",
            "due_at",
            "escalate_at",
            "level",
            "overdue",
            "next_alert_at",
        ]
    )
    refresh_complaint_deadline(row.complaint)


def _move_on(cal: WorkCalendar, *, row: StageClock, now: datetime) -> None:
    assert row.paused_at is not None
    paused = _span(cal, row.limit_unit, row.paused_at, now)
    for name in ("warn_at", "red_at", "due_at", "escalate_at"):
        setattr(row, name, _shift(cal, row.limit_unit, getattr(row, name), paused))


def level_at(row: StageClock, now: datetime) -> AlertLevel:
    if now >= row.escalate_at:
        return AlertLevel.ESCALATED
    if now >= row.due_at:
        return AlertLevel.OVERDUE
    if now >= row.red_at:
        return AlertLevel.RED
    if now >= row.warn_at:
        return AlertLevel.YELLOW
    return AlertLevel.NONE


def sweep(*, now: datetime | None = None, batch: int = 500) -> int:
    """Raise the alert level of every clock that crossed a threshold; return how many.

    One indexed range query on ``next_alert_at`` finds the work; each clock is moved on
    with a compare-and-swap on its level, so two sweeps running at once alert once.
    """
    now = now or clock.now()
    raised = 0
    while True:
        due = list(
            StageClock.objects.filter(
                completed_at__isnull=True, paused_at__isnull=True, next_alert_at__lte=now
            )
            .order_by("next_alert_at")
            .values_list("pk", flat=True)[:batch]
        )
        raised += sum(_raise(pk, now) for pk in due)
        if len(due) < batch:
            return raised


def _raise(pk: int, now: datetime) -> int:
    with transaction.atomic():
        row = StageClock.objects.select_related("complaint").filter(pk=pk).first()
        if row is None or not row.is_running:
            return 0
        old, new = row.level, level_at(row, now)
        if new <= old:
            return 0
        row.level = new
        # The deadline too: an extension approved meanwhile makes this reading stale.
        claimed = StageClock.objects.filter(
            pk=pk, level=old, due_at=row.due_at, completed_at__isnull=True
        ).update(level=new, next_alert_at=_next_alert(row), overdue=new >= AlertLevel.OVERDUE)
        if claimed != 1:
            return 0  # another sweep got there first
        _announce(row, AlertLevel(new), now)
        return 1


def _announce(row: StageClock, level: AlertLevel, now: datetime) -> None:
    from . import alerts

    alerts.announce(row, level, now, action=_EVENT[level], told=_TOLD[level])


@dataclass(frozen=True)
class Urgency:
    """What a list or page shows of a deadline: its colour and the working time left."""

    level: AlertLevel
    left: timedelta  # negative once overdue
    paused: bool

    @property
    def colour(self) -> str:
        return "secondary" if self.paused else AlertLevel(self.level).colour


def urgency(
    *,
    due_at: datetime,
    warn_at: datetime | None,
    red_at: datetime | None,
    paused_at: datetime | None,
    now: datetime,
) -> Urgency:
    """The colour and working time left of a deadline at ``now`` (paused: frozen at the pause)."""
    at = paused_at or now
    if at >= due_at:
        level = AlertLevel.OVERDUE
        left = -with_calendar(lambda cal: _working_between(cal, due_at, at))
    else:
        level = (
            AlertLevel.RED
            if red_at and at >= red_at
            else AlertLevel.YELLOW
            if warn_at and at >= warn_at
            else AlertLevel.NONE
        )
        left = with_calendar(lambda cal: _working_between(cal, at, due_at))
    return Urgency(level=level, left=left, paused=paused_at is not None)
