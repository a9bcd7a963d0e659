"""The transition table of the closed loop and the guard every service calls.

Only the workflow services write ``Complaint.status``; each names its transition here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from . import permissions as p
from .choices import OPEN_STATUSES, Action
from .choices import Status as S
from .models import Complaint

Who = Callable[[Actor, Complaint], bool]


@dataclass(frozen=True)
class Transition:
    name: str
    action: Action
    sources: frozenset[str]
    target: str | None  # None: the service decides (rating → satisfied or dissatisfied)
    who: Who
    label: str | Promise

    @property
    def to(self) -> str:
        """The target state, for transitions whose target is fixed."""
        if self.target is None:
            raise ValueError(f"{self.name} has no fixed target state")
        return self.target


def _t(
    name: str,
    action: Action,
    sources: set[str] | set[S],
    target: str | None,
    who: Who,
    label: str | Promise,
) -> Transition:
    return Transition(name, action, frozenset(sources), target, who, label)


# While the lead department holds the complaint: the stages it answers for are running.
EXTENSION_STATUSES = {S.DISPATCHED, S.INVESTIGATING, S.PROPOSED, S.APPROVED, S.HANDLING, S.REOPENED}

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("accept", Action.ACCEPT, {S.REGISTERED}, S.ACCEPTED, p.is_clerk, _("Accept")),
        _t("reject", Action.REJECT, {S.REGISTERED}, S.REJECTED, p.is_clerk, _("Reject")),
        _t(
            "resolve_on_the_spot",
            Action.RESOLVE,
            {S.REGISTERED},
            S.REPLIED,
            p.is_clerk,
            _("Resolved on the spot"),
        ),
        _t(
            "dispatch",
            Action.DISPATCH,
            {S.ACCEPTED, S.RETURNED},
            S.DISPATCHED,
            p.is_clerk_or_leader,
            _("Dispatch"),
        ),
        _t(
            "return",
            Action.RETURN,
            {S.DISPATCHED},
            S.RETURNED,
            p.is_lead_handler,
            _("Return to the intake desk"),
        ),
        _t(
            "investigate",
            Action.INVESTIGATE,
            {S.DISPATCHED},
            S.INVESTIGATING,
            p.is_lead_handler,
            _("Start investigation"),
        ),
        _t(
            "report",
            Action.REPORT,
            {S.INVESTIGATING},
            None,
            p.is_lead_handler,
            _("Submit investigation report"),
        ),
        _t(
            "propose",
            Action.PROPOSE,
            {S.INVESTIGATING},
            S.PROPOSED,
            p.is_lead_handler,
            _("Propose a solution"),
        ),
        _t("approve", Action.APPROVE, {S.PROPOSED}, S.APPROVED, p.is_lead_head, _("Approve")),
        _t(
            "refuse",
            Action.REFUSE,
            {S.PROPOSED},
            S.INVESTIGATING,
            p.is_lead_head,
            _("Send the solution back"),
        ),
        _t(
            "handle",
            Action.HANDLE,
            {S.APPROVED, S.REOPENED},
            S.HANDLING,
            p.is_lead_handler,
            _("Start handling"),
        ),
        _t("resolve", Action.RESOLVE, {S.HANDLING}, S.RESOLVED, p.is_lead_handler, _("Resolve")),
        _t(
            "reply",
            Action.REPLY,
            {S.RESOLVED},
            S.REPLIED,
            p.is_clerk_or_lead_handler,
            _("Reply to the complainant"),
        ),
        _t(
            "rate",
            Action.RATE,
            {S.REPLIED},
            None,
            p.is_clerk_or_lead_handler,
            _("Record satisfaction"),
        ),
        _t(
            "reopen",
            Action.REOPEN,
            {S.DISSATISFIED},
            S.REOPENED,
            p.is_clerk_or_lead_head,
            _("Reopen"),
        ),
        _t(
            "follow_up",
            Action.FOLLOW_UP,
            {S.SATISFIED, S.REPLIED},
            S.FOLLOWED_UP,
            p.is_clerk_or_supervisor,
            _("Record follow-up visit"),
        ),
        _t(
            "close",
            Action.CLOSE,
            {S.FOLLOWED_UP, S.REJECTED},
            S.ARCHIVED,
            p.is_clerk_or_supervisor,
            _("Archive"),
        ),
        _t(
            "escalate",
            Action.ESCALATE,
            set(OPEN_STATUSES),
            None,
            p.may_escalate,
            _("Raise to major"),
        ),
        _t(
            "form_task_group",
            Action.FORM_TASK_GROUP,
            set(OPEN_STATUSES),
            None,
            p.is_leader_on_major,
            _("Form special task group"),
        ),
        _t(
            "assign",
            Action.ASSIGN,
            set(OPEN_STATUSES) - {S.REGISTERED, S.ACCEPTED, S.RETURNED},
            None,
            p.is_lead_head,
            _("Assign"),
        ),
        _t(
            "pause",
            Action.PAUSE,
            set(OPEN_STATUSES),
            None,
            p.may_pause,
            _("Pause the clock"),
        ),
        _t(
            "resume",
            Action.RESUME,
            set(OPEN_STATUSES),
            None,
            p.may_resume,
            _("Resume the clock"),
        ),
        _t(
            "request_extension",
            Action.EXTENSION_REQUEST,
            EXTENSION_STATUSES,
            None,
            p.may_request_extension,
            _("Request a deadline extension"),
        ),
        _t(
            "decide_extension",
            Action.EXTENSION_APPROVE,  # or EXTENSION_REFUSE: the decision says which
            EXTENSION_STATUSES,
            None,
            p.may_decide_extension,
            _("Decide on the deadline extension"),
        ),
        _t("comment", Action.COMMENT, set(S), None, p.may_comment, _("Add internal note")),
        _t(
            "attach",
            Action.ATTACH,
            set(OPEN_STATUSES),
            None,
            p.may_comment,
            _("Add attachment"),
        ),
    )
}


def is_allowed(actor: Actor, complaint: Complaint, name: str) -> bool:
    transition = TRANSITIONS[name]
    return complaint.status in transition.sources and transition.who(actor, complaint)


def check_transition(actor: Actor, complaint: Complaint, name: str) -> Transition:
    """Raise the domain error unless ``actor`` may take ``name`` on ``complaint`` now."""
    transition = TRANSITIONS[name]
    if complaint.status not in transition.sources:
        raise DomainError(
            "invalid_state",
            _("“%(action)s” is not possible while the complaint is “%(status)s”.")
            % {"action": transition.label, "status": complaint.get_status_display()},
        )
    if not transition.who(actor, complaint):
        raise DomainError(
            "forbidden",
            _("You may not “%(action)s” on this complaint.") % {"action": transition.label},
        )
    return transition


def available_transitions(actor: Actor, complaint: Complaint) -> list[Transition]:
    """The actions this actor may take on this complaint in its present state."""
    return [t for t in TRANSITIONS.values() if is_allowed(actor, complaint, t.name)]
