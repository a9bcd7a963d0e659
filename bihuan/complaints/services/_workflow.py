"""Lock, check, write, record: the steps every transition service shares."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from .. import deadlines, signals
from ..choices import Action
from ..models import Complaint, TimelineEvent
from ..transitions import Transition, check_transition


def lock_and_check(
    *, actor: Actor, complaint: Complaint, name: str
) -> tuple[Complaint, Transition]:
    """Re-read the complaint under a row lock and check the transition on the fresh state.

    The caller's instance may be stale: another person may have acted since the page
    was drawn. Checking on the locked row makes the second of two racing actions fail
    cleanly instead of both succeeding.
    """
    locked = lock(complaint)
    transition = check_transition(actor, locked, name)
    return locked, transition


def lock(complaint: Complaint) -> Complaint:
    """The complaint re-read under a row lock, inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Workflow services must run inside transaction.atomic().")
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("task_group")
        .get(pk=complaint.pk)
    )


def move(
    *,
    actor: Actor | None,
    complaint: Complaint,
    to_status: str,
    action: Action,
    note: str = "",
    data: dict[str, Any] | None = None,
    **fields: Any,
) -> TimelineEvent:
    """Write the new status (compare-and-swap on the old one) and its timeline event."""
    from_status = complaint.status
    updated = Complaint.objects.filter(pk=complaint.pk, status=from_status).update(
        status=to_status, updated_at=clock.now(), **fields
    )
    if updated != 1:
        raise DomainError(
            "conflict", _("Someone else changed this complaint just now. Reload and try again.")
        )
    complaint.status = to_status
    for key, value in fields.items():
        setattr(complaint, key, value)
    return record(
        actor=actor,
        complaint=complaint,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data,
    )


def record(
    *,
    actor: Actor | None,
    complaint: Complaint,
    action: Action,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    """Append one event to the complaint's timeline (inside the caller's transaction)."""
    now = clock.now()
    event = TimelineEvent.objects.create(
        complaint=complaint,
        actor_id=actor.user_id if actor else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
        created_at=now,
    )
    deadlines.on_event(complaint, action=action, from_status=from_status, now=now)
    signals.event_recorded.send(sender=Complaint, complaint=complaint, event=event)
    return event


def require_text(value: str, *, field: str, message: Any) -> str:
    """Strip and require a free-text input; the message names what is missing."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise DomainError("required", message, field=field)
    return cleaned
