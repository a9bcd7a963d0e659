"""The complaint page: facts, records, timeline, the actions open to this user, files."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from bihuan.complaints.downloads import attachment_response
from bihuan.complaints.models import Attachment, Complaint, PrivacyConsent, Solution
from bihuan.complaints.permissions import may_handle_contact
from bihuan.complaints.transitions import Transition, available_transitions
from bihuan.core.masking import mask_email, mask_phone
from bihuan.org.actors import Actor, actor_for

from ..access import complaint_or_404
from ..actions import ACTIONS
from ..forms.actions import ActionForm
from ..selectors import complaint_load_records


@dataclass(frozen=True)
class Contact:
    """The complainant's contact details as this user may see them."""

    phone: str
    email: str
    member_card_no: str
    masked: bool


@dataclass(frozen=True)
class Panel:
    """One action offered on the page, with its form."""

    transition: Transition
    form: ActionForm
    side: bool
    tone: str
    open: bool


def contact_for(actor: Actor, complaint: Complaint) -> Contact:
    """Full contact details for those handling the complaint; masked for everyone else
    (this also keeps a confidential complainant's details from other readers)."""
    person = complaint.complainant
    if may_handle_contact(actor, complaint):
        return Contact(person.phone, person.email, person.member_card_no, masked=False)
    return Contact(
        mask_phone(person.phone) if person.phone else "",
        mask_email(person.email) if person.email else "",
        mask_phone(person.member_card_no) if person.member_card_no else "",
        masked=True,
    )


def action_form(name: str, actor: Actor, complaint: Complaint, *args: object) -> ActionForm:
    return ACTIONS[name].form(*args, complaint=complaint, actor=actor, auto_id=f"{name}-%s")


def render_detail(
    request: HttpRequest,
    complaint: Complaint,
    *,
    failed: tuple[str, ActionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Draw the page; ``failed`` is an action form to show again, open, with its errors."""
    actor = actor_for(request.user)
    panels = []
    for transition in available_transitions(actor, complaint):
        spec = ACTIONS[transition.name]
        if failed is not None and failed[0] == transition.name:
            form, is_open = failed[1], True
        else:
            form, is_open = action_form(transition.name, actor, complaint), False
        panels.append(Panel(transition, form, side=spec.side, tone=spec.tone, open=is_open))
    shown = {panel.transition.name for panel in panels}
    # An action no longer open to the user (someone else acted first) reports above the page.
    stray_errors = failed[1].errors if failed is not None and failed[0] not in shown else None
    task_group = complaint_load_records(complaint)
    pending = [s for s in complaint.solutions.all() if s.decision == Solution.Decision.PENDING]
    context = {
        "complaint": complaint,
        "task_group": task_group,
        "pending_solution": pending[-1] if pending else None,
        "contact": contact_for(actor, complaint),
        "consent": PrivacyConsent.objects.filter(complaint=complaint)
        .select_related("notice")
        .first(),
        "main_panels": [p for p in panels if not p.side],
        "side_panels": [p for p in panels if p.side],
        "stray_errors": stray_errors,
    }
    return render(request, "backoffice/complaint_detail.html", context, status=status)


@login_required
def complaint_detail(request: HttpRequest, tracking_code: str) -> HttpResponse:
    return render_detail(request, complaint_or_404(request.user, tracking_code))


@login_required
def attachment_download(
    request: HttpRequest, tracking_code: str, attachment_id: int
) -> HttpResponseBase:
    complaint = complaint_or_404(request.user, tracking_code)
    attachment = get_object_or_404(Attachment, pk=attachment_id, complaint=complaint)
    return attachment_response(attachment)
