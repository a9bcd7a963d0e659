"""Follow-up visit (回访) after the reply."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from ..choices import ContactMethod, FollowUpOutcome
from ..models import Complaint, FollowUpVisit
from . import _workflow


@transaction.atomic
def complaint_follow_up(
    *, actor: Actor, complaint: Complaint, method: str, outcome: str, notes: str = ""
) -> FollowUpVisit:
    """Record the follow-up call or survey and its outcome."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="follow_up")
    if method not in ContactMethod.values:
        raise DomainError("method_invalid", _("Choose how the visit was made."), field="method")
    if outcome not in FollowUpOutcome.values:
        raise DomainError("outcome_invalid", _("Choose the outcome of the visit."), field="outcome")
    visit = FollowUpVisit.objects.create(
        complaint=locked,
        method=method,
        outcome=outcome,
        notes=notes.strip(),
        visited_by_id=actor.user_id,
        visited_at=clock.now(),
    )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=notes.strip(),
        data={"outcome": outcome, "method": method},
    )
    return visit
