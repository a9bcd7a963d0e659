"""Major complaints (重大投诉): escalation to the leadership and its special task group."""

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor, actor_for
from bihuan.org.choices import Role

from ..choices import Severity
from ..models import Complaint, TaskGroup
from . import _workflow


@transaction.atomic
def complaint_escalate(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """Raise a complaint to major at any open stage; the leadership takes it up."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="escalate")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Say why the complaint is major.")
    )
    Complaint.objects.filter(pk=locked.pk).update(severity=Severity.MAJOR, updated_at=clock.now())
    locked.severity = Severity.MAJOR
    _workflow.record(
        actor=actor,
        complaint=locked,
        action=t.action,
        note=reason,
        from_status=locked.status,
        to_status=locked.status,
    )
    return locked


@transaction.atomic
def complaint_form_task_group(
    *, actor: Actor, complaint: Complaint, members: Sequence[User], remit: str = ""
) -> TaskGroup:
    """A leader forms (or re-forms) the special task group of a major complaint."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="form_task_group")
    if not members:
        raise DomainError(
            "members_required", _("Choose the members of the group."), field="members"
        )
    for member in members:
        if not actor_for(member).has(Role.HANDLER, Role.DEPARTMENT_HEAD, Role.LEADER):
            raise DomainError(
                "member_invalid",
                _("%(name)s does not handle complaints.") % {"name": str(member)},
                field="members",
            )
    group, _created = TaskGroup.objects.update_or_create(
        complaint=locked, defaults={"leader_id": actor.user_id, "remit": remit.strip()}
    )
    group.members.set(members)
    _workflow.record(
        actor=actor,
        complaint=locked,
        action=t.action,
        note=remit.strip(),
        data={"members": [m.pk for m in members]},
    )
    return group
