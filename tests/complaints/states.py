"""Bring a museum complaint to any state of the loop, through the real services only.

``reach(museum, state)`` registers a complaint about an exhibit (routed to exhibitions)
and walks it there: the handler investigates, reports and proposes, the head approves,
the clerk replies and records the rating. ``major=True`` then raises it to major and the
leader forms a task group with the facilities handler as its member.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

from bihuan.complaints.choices import Status
from bihuan.complaints.deadlines import department_clocks
from bihuan.complaints.models import (
    Attachment,
    CompensationItem,
    Complaint,
    DeadlineExtension,
    FollowUpVisit,
    InvestigationReport,
    Reply,
    SatisfactionRecord,
    Solution,
    TaskGroup,
    TimelineEvent,
)
from bihuan.complaints.services import (
    complaint_close,
    complaint_escalate,
    complaint_follow_up,
    complaint_form_task_group,
    complaint_pause,
    complaint_rate,
    complaint_reject,
    complaint_reopen,
    complaint_request_extension,
    complaint_return,
    complaint_submit_report,
)

from ..personas import Museum, advance, register

INVESTIGATING_REPORTED = "investigating+report"
"""Investigating, with the investigation report filed: the state a solution is proposed from."""

INVESTIGATING_PAUSED = "investigating+paused"
"""Investigating, with the clock paused: the state the clock is resumed from."""

INVESTIGATING_EXTENSION = "investigating+extension"
"""Investigating, with the handler's deadline extension awaiting the head's decision."""

ALL_STATES: tuple[str, ...] = tuple(Status.values)

# Deadline bookkeeping that a transition moves as a side effect; the clocks have their
# own tests (test_deadlines.py), so the matrix looks past these columns.
DEADLINE_COLUMNS = {"due_at", "due_stage", "warn_at", "red_at"}


def _as(museum: Museum, name: str) -> Any:
    return museum.actor(getattr(museum, name))


def _reject(museum: Museum, c: Complaint) -> None:
    complaint_reject(actor=_as(museum, "clerk"), complaint=c, reason="不属于本馆受理范围")


def _return(museum: Museum, c: Complaint) -> None:
    advance(museum, c, Status.DISPATCHED)
    complaint_return(actor=_as(museum, "handler"), complaint=c, reason="应由后勤保障部处理")


def _report(museum: Museum, c: Complaint) -> None:
    advance(museum, c, Status.INVESTIGATING)
    complaint_submit_report(actor=_as(museum, "handler"), complaint=c, findings="装置电源故障")


def _paused(museum: Museum, c: Complaint) -> None:
    advance(museum, c, Status.INVESTIGATING)
    pause(museum, c)


def pause(museum: Museum, c: Complaint) -> None:
    complaint_pause(actor=_as(museum, "clerk"), complaint=c, reason="等待投诉人提供照片")


def _extension(museum: Museum, c: Complaint) -> None:
    advance(museum, c, Status.INVESTIGATING)
    request_extension(museum, c)


def request_extension(museum: Museum, c: Complaint) -> None:
    """The handler asks for a day more on the stage falling due first."""
    first = department_clocks(c)[0]
    complaint_request_extension(
        actor=_as(museum, "handler"),
        complaint=c,
        new_due_at=first.due_at + timedelta(days=1),
        reason="需等待厂家检测报告",
    )


def _dissatisfied(museum: Museum, c: Complaint) -> None:
    advance(museum, c, Status.REPLIED)
    complaint_rate(
        actor=_as(museum, "clerk"), complaint=c, rating="dissatisfied", comment="还是坏的"
    )


def _reopened(museum: Museum, c: Complaint) -> None:
    _dissatisfied(museum, c)
    complaint_reopen(actor=_as(museum, "clerk"), complaint=c, reason="投诉人反映仍未修好")


def _followed_up(museum: Museum, c: Complaint) -> None:
    advance(museum, c, Status.SATISFIED)
    complaint_follow_up(
        actor=_as(museum, "clerk"), complaint=c, method="phone", outcome="confirmed"
    )


def _archived(museum: Museum, c: Complaint) -> None:
    _followed_up(museum, c)
    complaint_close(actor=_as(museum, "clerk"), complaint=c)


_PATHS: dict[str, Callable[[Museum, Complaint], None]] = {
    Status.REJECTED: _reject,
    Status.RETURNED: _return,
    INVESTIGATING_REPORTED: _report,
    INVESTIGATING_PAUSED: _paused,
    INVESTIGATING_EXTENSION: _extension,
    Status.DISSATISFIED: _dissatisfied,
    Status.REOPENED: _reopened,
    Status.FOLLOWED_UP: _followed_up,
    Status.ARCHIVED: _archived,
}


def make_major(museum: Museum, complaint: Complaint) -> None:
    """Raise to major; the leader forms a task group with the facilities handler in it."""
    complaint_escalate(actor=_as(museum, "clerk"), complaint=complaint, reason="涉及多名观众安全")
    complaint_form_task_group(
        actor=_as(museum, "leader"), complaint=complaint, members=[museum.other_handler]
    )


def reach(museum: Museum, state: str, *, major: bool = False, **overrides: object) -> Complaint:
    """A fresh complaint in ``state`` (a status, or ``INVESTIGATING_REPORTED``)."""
    complaint = register(museum, **overrides)
    path = _PATHS.get(state)
    if path is not None:
        path(museum, complaint)
    else:
        advance(museum, complaint, state)
    if major:
        make_major(museum, complaint)
    complaint.refresh_from_db()
    expected = (
        Status.INVESTIGATING
        if state in (INVESTIGATING_REPORTED, INVESTIGATING_PAUSED, INVESTIGATING_EXTENSION)
        else state
    )
    assert complaint.status == expected, (complaint.status, state)
    return complaint


def snapshot(complaint: Complaint) -> dict[str, Any]:
    """Everything a transition may write about one complaint, to compare before and after."""
    pk = complaint.pk
    solutions = Solution.objects.filter(complaint_id=pk)
    group = TaskGroup.objects.filter(complaint_id=pk)
    return {
        "complaint": Complaint.objects.filter(pk=pk).values().get(),
        "co_departments": sorted(
            Complaint.objects.get(pk=pk).co_departments.values_list("pk", flat=True)
        ),
        "events": list(TimelineEvent.objects.filter(complaint_id=pk).values().order_by("id")),
        "reports": list(InvestigationReport.objects.filter(complaint_id=pk).values()),
        "solutions": list(solutions.values().order_by("id")),
        "compensation": list(
            CompensationItem.objects.filter(solution__in=solutions).values().order_by("id")
        ),
        "replies": list(Reply.objects.filter(complaint_id=pk).values()),
        "ratings": list(SatisfactionRecord.objects.filter(complaint_id=pk).values()),
        "follow_ups": list(FollowUpVisit.objects.filter(complaint_id=pk).values()),
        "task_group": [
            {
                **row,
                "members": sorted(
                    TaskGroup.objects.get(pk=row["id"]).members.values_list("pk", flat=True)
                ),
            }
            for row in group.values()
        ],
        "attachments": list(Attachment.objects.filter(complaint_id=pk).values().order_by("id")),
        "extensions": list(
            DeadlineExtension.objects.filter(clock__complaint_id=pk).values().order_by("id")
        ),
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(changed complaint columns, changed related parts) between two snapshots."""
    fields = {
        key
        for key, value in after["complaint"].items()
        if before["complaint"].get(key) != value and key not in {"updated_at", *DEADLINE_COLUMNS}
    }
    parts = {key for key in after if key != "complaint" and before[key] != after[key]}
    return fields, parts


def new_events(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The events a call appended, as (action, from, to, actor id)."""
    known = {row["id"] for row in before["events"]}
    return [
        (row["action"], row["from_status"], row["to_status"], row["actor_id"])
        for row in after["events"]
        if row["id"] not in known
    ]


def stored_files() -> set[str]:
    """Every file under MEDIA_ROOT, to show that a refused call stored nothing."""
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
