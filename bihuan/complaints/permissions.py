"""Who may act on a complaint: predicates over (actor, complaint), decided in one place."""

from __future__ import annotations

from bihuan.org.actors import Actor
from bihuan.org.choices import Role

from .models import Complaint, DeadlineExtension


def _in_task_group(actor: Actor, complaint: Complaint) -> bool:
    if not complaint.is_major:
        return False
    group = getattr(complaint, "task_group", None)
    if group is None:
        return False
    return group.leader_id == actor.user_id or group.members.filter(pk=actor.user_id).exists()


def is_clerk(actor: Actor, complaint: Complaint) -> bool:
    return actor.has(Role.CLERK)


def is_supervisor(actor: Actor, complaint: Complaint) -> bool:
    return actor.has(Role.SUPERVISOR)


def is_leader_on_major(actor: Actor, complaint: Complaint) -> bool:
    return actor.has(Role.LEADER) and complaint.is_major


def is_lead_head(actor: Actor, complaint: Complaint) -> bool:
    """Head of the lead department (or a leader, once the complaint is major)."""
    if is_leader_on_major(actor, complaint):
        return True
    return actor.has(Role.DEPARTMENT_HEAD) and actor.in_scope(complaint.lead_department_id)


def is_lead_handler(actor: Actor, complaint: Complaint) -> bool:
    """Staff of the lead department, the assignee, or the special task group."""
    if is_lead_head(actor, complaint):
        return True
    if actor.has(Role.HANDLER) and (
        actor.in_scope(complaint.lead_department_id) or complaint.assignee_id == actor.user_id
    ):
        return True
    return actor.has(Role.HANDLER, Role.DEPARTMENT_HEAD) and _in_task_group(actor, complaint)


def is_clerk_or_lead_handler(actor: Actor, complaint: Complaint) -> bool:
    return is_clerk(actor, complaint) or is_lead_handler(actor, complaint)


def is_clerk_or_lead_head(actor: Actor, complaint: Complaint) -> bool:
    return is_clerk(actor, complaint) or is_lead_head(actor, complaint)


def is_clerk_or_supervisor(actor: Actor, complaint: Complaint) -> bool:
    return is_clerk(actor, complaint) or is_supervisor(actor, complaint)


def is_clerk_or_leader(actor: Actor, complaint: Complaint) -> bool:
    return is_clerk(actor, complaint) or actor.has(Role.LEADER)


def may_handle_contact(actor: Actor, complaint: Complaint) -> bool:
    """Whether the full phone number and email may be shown: only to those handling it."""
    return is_clerk(actor, complaint) or is_lead_handler(actor, complaint)


def may_escalate(actor: Actor, complaint: Complaint) -> bool:
    return not complaint.is_major and (
        is_clerk(actor, complaint)
        or is_lead_handler(actor, complaint)
        or actor.has(Role.SUPERVISOR, Role.LEADER)
    )


def may_comment(actor: Actor, complaint: Complaint) -> bool:
    return (
        is_clerk(actor, complaint)
        or is_lead_handler(actor, complaint)
        or actor.has(Role.SUPERVISOR, Role.LEADER)
    )


def may_pause(actor: Actor, complaint: Complaint) -> bool:
    return complaint.paused_at is None and is_clerk_or_lead_handler(actor, complaint)


def may_resume(actor: Actor, complaint: Complaint) -> bool:
    return complaint.paused_at is not None and is_clerk_or_lead_handler(actor, complaint)


def pending_extension(complaint: Complaint) -> DeadlineExtension | None:
    """The complaint's deadline extension awaiting a decision, if any (at most one)."""
    return (
        DeadlineExtension.objects.filter(
            clock__complaint=complaint, status=DeadlineExtension.Status.PENDING
        )
        .select_related("clock")
        .first()
    )


def may_request_extension(actor: Actor, complaint: Complaint) -> bool:
    return is_lead_handler(actor, complaint) and pending_extension(complaint) is None


def may_decide_extension(actor: Actor, complaint: Complaint) -> bool:
    """The lead head (a leader on major) decides, never the one who asked."""
    if not is_lead_head(actor, complaint):
        return False
    pending = pending_extension(complaint)
    return pending is not None and pending.requested_by_id != actor.user_id
