"""One view for every action: look up the form and service in ACTIONS, call, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bihuan.complaints.transitions import TRANSITIONS
from bihuan.core.errors import DomainError
from bihuan.org.actors import actor_for

from ..access import complaint_or_404
from ..actions import ACTIONS
from ..forms.base import add_domain_error
from .detail import action_form, render_detail


@login_required
@require_POST
def complaint_act(request: HttpRequest, tracking_code: str, name: str) -> HttpResponse:
    spec = ACTIONS.get(name)
    if spec is None:
        raise Http404
    complaint = complaint_or_404(request.user, tracking_code)
    actor = actor_for(request.user)
    form = action_form(name, actor, complaint, request.POST, request.FILES)
    if form.is_valid():
        try:
            spec.service(actor=actor, complaint=complaint, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("“%(action)s” done for %(code)s.")
                % {"action": TRANSITIONS[name].label, "code": complaint.tracking_code},
            )
            return redirect("backoffice:complaint_detail", tracking_code=complaint.tracking_code)
    return render_detail(request, complaint, failed=(name, form), status=400)
