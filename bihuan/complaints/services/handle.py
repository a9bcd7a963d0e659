"""Handling (处理 / 实施) and resolution (办结), including resolution on the spot (当场解决)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.org.actors import Actor

from ..choices import Action, Status
from ..models import Complaint
from . import _workflow
from .reply import write_reply


@transaction.atomic
def complaint_start_handling(*, actor: Actor, complaint: Complaint, note: str = "") -> Complaint:
    """Begin carrying out the approved solution (or the redo after a reopening)."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="handle")
    _workflow.move(
        actor=actor, complaint=locked, to_status=t.to, action=t.action, note=note.strip()
    )
    return locked


@transaction.atomic
def complaint_resolve(*, actor: Actor, complaint: Complaint, result: str) -> Complaint:
    """Record that handling is finished and what was done."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="resolve")
    result = _workflow.require_text(
        result, field="result", message=_("Record the result of the handling.")
    )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=result,
        resolution=result,
        resolved_at=clock.now(),
    )
    return locked


@transaction.atomic
def complaint_resolve_on_the_spot(
    *, actor: Actor, complaint: Complaint, result: str, reply_method: str, reply_text: str = ""
) -> Complaint:
    """Registered → resolved → replied in one sitting; the follow-up visit still follows."""
    locked, _t = _workflow.lock_and_check(
        actor=actor, complaint=complaint, name="resolve_on_the_spot"
    )
    result = _workflow.require_text(
        result, field="result", message=_("Record how the complaint was solved on the spot.")
    )
    now = clock.now()
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=Status.RESOLVED,
        action=Action.RESOLVE,
        note=result,
        data={"on_the_spot": True},
        resolution=result,
        resolved_at=now,
        accepted_at=now,
        on_the_spot=True,
    )
    write_reply(
        actor=actor, complaint=locked, method=reply_method, text=reply_text.strip() or result
    )
    return locked
