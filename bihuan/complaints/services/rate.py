"""Satisfaction (满意度确认) and reopening (重新处理) when the complainant is not satisfied."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from ..choices import Rating, Status
from ..models import Complaint, SatisfactionRecord
from . import _workflow


@transaction.atomic
def complaint_rate(
    *, actor: Actor, complaint: Complaint, rating: str, comment: str = ""
) -> SatisfactionRecord:
    """Record the complainant's verdict on the reply."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="rate")
    if rating not in Rating.values:
        raise DomainError("rating_invalid", _("Choose a rating."), field="rating")
    comment = comment.strip()
    if rating == Rating.DISSATISFIED and not comment:
        raise DomainError(
            "comment_required", _("Record why the complainant is dissatisfied."), field="comment"
        )
    record = SatisfactionRecord.objects.create(
        complaint=locked,
        rating=rating,
        comment=comment,
        recorded_by_id=actor.user_id,
        recorded_at=clock.now(),
    )
    target = Status.DISSATISFIED if rating == Rating.DISSATISFIED else Status.SATISFIED
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=target,
        action=t.action,
        note=comment,
        data={"rating": rating},
    )
    return record


@transaction.atomic
def complaint_reopen(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """Send a dissatisfied complaint back to handling; the redo is counted."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="reopen")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Say what must be done again.")
    )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=reason,
        redo_count=locked.redo_count + 1,
    )
    return locked
