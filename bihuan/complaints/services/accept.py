"""Acceptance (受理) or rejection (不予受理) of a registered complaint."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.org.actors import Actor

from ..models import Complaint
from . import _workflow


@transaction.atomic
def complaint_accept(*, actor: Actor, complaint: Complaint, note: str = "") -> Complaint:
    """Judge the complaint within scope and take it on; the complainant is acknowledged."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="accept")
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=note.strip(),
        accepted_at=clock.now(),
    )
    return locked


@transaction.atomic
def complaint_reject(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """Refuse a complaint that is out of scope; the reason is told to the complainant."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="reject")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Give the reason the complaint is not accepted.")
    )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=reason,
        rejection_reason=reason,
    )
    return locked
