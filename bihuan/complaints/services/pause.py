"""Pausing the clock (挂起) while waiting on the complainant or a third party."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.org.actors import Actor

from .. import deadlines
from ..models import Complaint
from . import _workflow


@transaction.atomic
def complaint_pause(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """Stop every running stage clock; the reason says who or what is awaited."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="pause")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Say what the complaint is waiting for.")
    )
    now = clock.now()
    Complaint.objects.filter(pk=locked.pk).update(
        paused_at=now, pause_reason=reason[:200], updated_at=now
    )
    locked.paused_at, locked.pause_reason = now, reason[:200]
    deadlines.pause(locked, now)
    _workflow.record(actor=actor, complaint=locked, action=t.action, note=reason)
    return locked


@transaction.atomic
def complaint_resume(*, actor: Actor, complaint: Complaint, note: str = "") -> Complaint:
    """Restart the clocks; every deadline moves on by the working time spent paused."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="resume")
    now = clock.now()
    deadlines.resume(locked, now)
    Complaint.objects.filter(pk=locked.pk).update(paused_at=None, pause_reason="", updated_at=now)
    locked.paused_at, locked.pause_reason = None, ""
    _workflow.record(actor=actor, complaint=locked, action=t.action, note=note.strip())
    return locked
