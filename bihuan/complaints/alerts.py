"""Telling people that a stage is close to, or past, its deadline (预警, 督办, 升级)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bihuan.notifications.choices import Kind
from bihuan.notifications.services import notify
from bihuan.org.choices import Role
from bihuan.org.models import Department

from .choices import AlertLevel, Stage
from .models import StageClock
from .services import _workflow

# Marked for extraction here, translated in announce() in the language then active.
_TITLES = {
    AlertLevel.YELLOW: gettext_noop("Early warning: %(stage)s of %(code)s is due %(due)s"),
    AlertLevel.RED: gettext_noop("Red alert: %(stage)s of %(code)s is due %(due)s"),
    AlertLevel.OVERDUE: gettext_noop("Supervision notice: %(stage)s of %(code)s was due %(due)s"),
    AlertLevel.ESCALATED: gettext_noop(
        "Escalated: %(stage)s of %(code)s is still overdue (due %(due)s)"
    ),
}

_KINDS = {
    AlertLevel.YELLOW: Kind.WARNING,
    AlertLevel.RED: Kind.WARNING,
    AlertLevel.OVERDUE: Kind.SUPERVISION,
    AlertLevel.ESCALATED: Kind.ESCALATION,
}


def _recipients(row: StageClock, told: tuple[str, ...]) -> list[User]:
    people: dict[int, User] = {}
    if "holder" in told and row.holder_id is not None:
        people[row.holder_id] = row.holder  # type: ignore[assignment]
    if "head" in told and row.department_id is not None:
        department = Department.objects.select_related("head").get(pk=row.department_id)
        if department.head is not None:
            people[department.head.pk] = department.head
    if "leaders" in told:
        for leader in User.objects.filter(
            is_active=True, staff__role_rows__role=Role.LEADER
        ).distinct():
            people[leader.pk] = leader
    return list(people.values())


def announce(
    row: StageClock, level: AlertLevel, now: datetime, *, action: str, told: tuple[str, ...]
) -> None:
    """Record the alert on the timeline and notify who must act, once per clock and level."""
    complaint = row.complaint
    due = timezone.localtime(row.due_at).strftime("%Y-%m-%d %H:%M")
    # Stored text: written in the organisation's language, whatever the thread had active.
    with translation.override(settings.LANGUAGE_CODE):
        title = _(_TITLES[level]) % {
            "stage": Stage(row.stage).label,
            "code": complaint.tracking_code,
            "due": due,
        }
    _workflow.record(
        actor=None,
        complaint=complaint,
        action=action,  # type: ignore[arg-type]
        note=title,
        data={
            "stage": row.stage,
            "level": int(level),
            "clock": row.pk,
            "department": row.department_id,
            "holder": row.holder_id,
        },
    )
    notify(
        recipients=_recipients(row, told),
        kind=_KINDS[level],
        title=title,
        body=complaint.subject,
        complaint=complaint,
        url=reverse("backoffice:complaint_detail", args=[complaint.tracking_code]),
        # Once per clock, deadline and level: an approved extension moves the deadline,
        # and the warnings for the new one must reach people too.
        dedupe_key=f"clock:{row.pk}:due:{int(row.due_at.timestamp())}:level:{int(level)}",
    )
