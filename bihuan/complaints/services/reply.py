"""Reply (反馈 / 答复): the result told to the complainant (《处理结果通知书》)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from ..choices import Action, ContactMethod, Status
from ..models import Complaint, Reply
from . import _workflow


def write_reply(*, actor: Actor, complaint: Complaint, method: str, text: str) -> Reply:
    """Move a resolved (locked) complaint to replied and keep the reply. Caller holds the lock."""
    if method not in ContactMethod.values:
        raise DomainError("method_invalid", _("Choose how the reply was given."), field="method")
    text = _workflow.require_text(text, field="text", message=_("Write the reply."))
    now = clock.now()
    reply = Reply.objects.create(
        complaint=complaint, method=method, text=text, replied_by_id=actor.user_id, replied_at=now
    )
    _workflow.move(
        actor=actor,
        complaint=complaint,
        to_status=Status.REPLIED,
        action=Action.REPLY,
        note=text,
        data={"method": method, "reply": reply.pk},
        replied_at=now,
    )
    return reply


@transaction.atomic
def complaint_reply(*, actor: Actor, complaint: Complaint, method: str, text: str) -> Reply:
    """Tell the complainant the result, by phone, SMS, email, letter or in person."""
    locked, _t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="reply")
    return write_reply(actor=actor, complaint=locked, method=method, text=text)
