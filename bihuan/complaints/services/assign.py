"""Assignment within the department, and internal notes."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.org.actors import Actor

from ..models import Complaint, TimelineEvent
from . import _workflow
from .investigate import check_assignable


@transaction.atomic
def complaint_assign(
    *, actor: Actor, complaint: Complaint, assignee: User, note: str = ""
) -> Complaint:
    """The head of the lead department gives the complaint to one of its handlers."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="assign")
    check_assignable(locked, assignee)
    Complaint.objects.filter(pk=locked.pk).update(assignee=assignee, updated_at=clock.now())
    locked.assignee = assignee  # type: ignore[assignment]
    _workflow.record(
        actor=actor,
        complaint=locked,
        action=t.action,
        note=note.strip(),
        data={"assignee": assignee.pk},
    )
    return locked


@transaction.atomic
def complaint_comment(*, actor: Actor, complaint: Complaint, note: str) -> TimelineEvent:
    """An internal note on the timeline; never shown to the complainant."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="comment")
    note = _workflow.require_text(note, field="note", message=_("Write the note."))
    return _workflow.record(actor=actor, complaint=locked, action=t.action, note=note)
