"""Approval (审核签字) of a solution by a department head who did not propose it."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from ..models import Complaint, Solution
from . import _workflow


def _pending_solution(complaint: Complaint, actor: Actor) -> Solution:
    solution = (
        complaint.solutions.select_for_update()
        .filter(decision=Solution.Decision.PENDING)
        .order_by("-created_at", "-id")
        .first()
    )
    if solution is None:
        raise DomainError("no_solution", _("There is no solution awaiting approval."))
    if solution.proposed_by_id == actor.user_id:
        raise DomainError(
            "four_eyes", _("A solution must be approved by someone other than its proposer.")
        )
    return solution


def _decide(solution: Solution, actor: Actor, decision: str, note: str) -> None:
    solution.decision = decision
    solution.decided_by_id = actor.user_id
    solution.decided_at = clock.now()
    solution.decision_note = note
    solution.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def complaint_approve(*, actor: Actor, complaint: Complaint, note: str = "") -> Solution:
    """Sign off the pending solution; handling may start."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="approve")
    solution = _pending_solution(locked, actor)
    _decide(solution, actor, Solution.Decision.APPROVED, note.strip())
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=note.strip(),
        data={"solution": solution.pk},
    )
    return solution


@transaction.atomic
def complaint_refuse_solution(*, actor: Actor, complaint: Complaint, reason: str) -> Solution:
    """Send the pending solution back to the investigators, saying what must change."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="refuse")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Say what must change in the solution.")
    )
    solution = _pending_solution(locked, actor)
    _decide(solution, actor, Solution.Decision.REFUSED, reason)
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=reason,
        data={"solution": solution.pk},
    )
    return solution
