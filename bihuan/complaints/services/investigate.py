"""Investigation (核查): taking the complaint on in the department and reporting the facts."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor, actor_for
from bihuan.org.choices import Role

from ..models import Complaint, InvestigationReport
from . import _workflow


def check_assignable(complaint: Complaint, user: User, *, field: str = "assignee") -> None:
    """The assignee must handle complaints in the lead department (or its task group).

    ``field`` names the caller's argument, so that the form shows the error beside it.
    """
    candidate = actor_for(user)
    if not candidate.has(Role.HANDLER, Role.DEPARTMENT_HEAD, Role.LEADER):
        raise DomainError(
            "assignee_invalid", _("That person does not handle complaints."), field=field
        )
    group = getattr(complaint, "task_group", None)
    in_group = group is not None and group.members.filter(pk=user.pk).exists()
    if not (
        candidate.in_scope(complaint.lead_department_id) or in_group or candidate.has(Role.LEADER)
    ):
        raise DomainError(
            "assignee_invalid", _("That person is not in the lead department."), field=field
        )


@transaction.atomic
def complaint_start_investigation(
    *, actor: Actor, complaint: Complaint, assignee: User | None = None
) -> Complaint:
    """The department takes the complaint on; the assignee (default: the actor) investigates."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="investigate")
    person: User = assignee or actor.user
    check_assignable(locked, person)
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        data={"assignee": person.pk},
        assignee=person,
    )
    return locked


@transaction.atomic
def complaint_submit_report(
    *, actor: Actor, complaint: Complaint, findings: str, cause: str = "", evidence: str = ""
) -> InvestigationReport:
    """File the investigation report (《投诉调查报告》): the facts, their cause, the evidence."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="report")
    findings = _workflow.require_text(
        findings, field="findings", message=_("The report needs the facts found.")
    )
    report = InvestigationReport.objects.create(
        complaint=locked,
        author_id=actor.user_id,
        findings=findings,
        cause=cause.strip(),
        evidence=evidence.strip(),
    )
    _workflow.record(
        actor=actor, complaint=locked, action=t.action, note=findings, data={"report": report.pk}
    )
    return report
