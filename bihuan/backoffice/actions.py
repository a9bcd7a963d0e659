"""The staff page's actions: for each transition, its form and the service it calls.

Each form's field names are the service's keyword arguments, so one view serves them all:
``service(actor=actor, complaint=complaint, **form.cleaned_data)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bihuan.complaints import services

from .forms import actions as f


@dataclass(frozen=True)
class ActionSpec:
    form: type[f.ActionForm]
    service: Callable[..., object]
    # Side actions (notes, files, escalation, staffing) are shown apart from the next step.
    side: bool = False
    tone: str = "primary"  # Bootstrap colour of the button; "danger" for refusals


ACTIONS: dict[str, ActionSpec] = {
    "accept": ActionSpec(f.NoteForm, services.complaint_accept),
    "reject": ActionSpec(f.RejectForm, services.complaint_reject, tone="danger"),
    "resolve_on_the_spot": ActionSpec(f.OnTheSpotForm, services.complaint_resolve_on_the_spot),
    "dispatch": ActionSpec(f.DispatchForm, services.complaint_dispatch),
    "return": ActionSpec(f.ReasonForm, services.complaint_return, tone="danger"),
    "investigate": ActionSpec(f.InvestigateForm, services.complaint_start_investigation),
    "report": ActionSpec(f.ReportForm, services.complaint_submit_report),
    "propose": ActionSpec(f.ProposeForm, services.complaint_propose),
    "approve": ActionSpec(f.NoteForm, services.complaint_approve),
    "refuse": ActionSpec(f.RefuseForm, services.complaint_refuse_solution, tone="danger"),
    "handle": ActionSpec(f.NoteForm, services.complaint_start_handling),
    "resolve": ActionSpec(f.ResolveForm, services.complaint_resolve),
    "reply": ActionSpec(f.ReplyForm, services.complaint_reply),
    "rate": ActionSpec(f.RateForm, services.complaint_rate),
    "reopen": ActionSpec(f.ReasonForm, services.complaint_reopen, tone="danger"),
    "follow_up": ActionSpec(f.FollowUpForm, services.complaint_follow_up),
    "close": ActionSpec(f.NoteForm, services.complaint_close),
    "escalate": ActionSpec(f.ReasonForm, services.complaint_escalate, side=True, tone="danger"),
    "form_task_group": ActionSpec(
        f.TaskGroupForm, services.complaint_form_task_group, side=True, tone="secondary"
    ),
    "assign": ActionSpec(f.AssignForm, services.complaint_assign, side=True, tone="secondary"),
    "pause": ActionSpec(f.ReasonForm, services.complaint_pause, side=True, tone="secondary"),
    "resume": ActionSpec(f.NoteForm, services.complaint_resume, side=True, tone="secondary"),
    "request_extension": ActionSpec(
        f.ExtensionRequestForm, services.complaint_request_extension, side=True, tone="secondary"
    ),
    "decide_extension": ActionSpec(f.ExtensionDecisionForm, services.complaint_decide_extension),
    "comment": ActionSpec(f.CommentForm, services.complaint_comment, side=True, tone="secondary"),
    "attach": ActionSpec(f.AttachForm, services.complaint_attach, side=True, tone="secondary"),
}
