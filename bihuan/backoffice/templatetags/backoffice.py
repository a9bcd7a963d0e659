"""Small display helpers for the staff templates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from bihuan.complaints.choices import STATUS_COLOURS, Status
from bihuan.complaints.deadlines import Urgency, urgency
from bihuan.core import clock
from bihuan.org.names import person_name

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """The translated label of a status code ('' stays '')."""
    return str(Status(value).label) if value in Status.values else value


@register.filter
def status_colour(value: str) -> str:
    return STATUS_COLOURS.get(value, "secondary")


@register.filter
def person(user: User | None) -> str:
    return person_name(user) if user is not None else ""


@register.inclusion_tag("backoffice/_deadline.html")
def deadline(record: Any) -> dict[str, Any]:
    """A deadline badge for a complaint (its earliest running stage) or a stage clock."""
    if getattr(record, "due_at", None) is None or getattr(record, "completed_at", None):
        return {"urgency": None}
    state: Urgency = urgency(
        due_at=record.due_at,
        warn_at=record.warn_at,
        red_at=record.red_at,
        paused_at=record.paused_at,
        now=clock.now(),
    )
    return {"urgency": state, "left": working_time(state.left), "due_at": record.due_at}


def working_time(left: timedelta) -> str:
    """'3 h 20 min left' or 'overdue 1 h 05 min', counted in working time."""
    minutes = int(abs(left).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    span = (
        _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
        if hours
        else _("%(m)d min") % {"m": minutes}
    )
    if left < timedelta(0):
        return _("overdue by %(span)s") % {"span": span}
    return _("%(span)s left") % {"span": span}
