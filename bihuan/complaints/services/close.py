"""Archiving (归档): the record is complete and frozen."""

from django.db import transaction

from bihuan.core import clock
from bihuan.org.actors import Actor

from ..models import Complaint
from . import _workflow


@transaction.atomic
def complaint_close(*, actor: Actor, complaint: Complaint, note: str = "") -> Complaint:
    """Archive a followed-up (or rejected) complaint."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="close")
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=note.strip(),
        archived_at=clock.now(),
    )
    return locked
