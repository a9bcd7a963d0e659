"""Registration at the intake desk, and the look-up of returning complainants by phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bihuan.complaints import services
from bihuan.core.errors import DomainError
from bihuan.org.choices import Role

from ..access import require_role
from ..forms.base import add_domain_error
from ..forms.register import ComplaintRegisterForm
from ..selectors import complainants_with_recent_complaints


@login_required
def complaint_register(request: HttpRequest) -> HttpResponse:
    actor = require_role(request, Role.CLERK)
    posted = request.method == "POST"
    form = ComplaintRegisterForm(request.POST, request.FILES) if posted else ComplaintRegisterForm()
    if posted and form.is_valid():
        try:
            complaint = services.complaint_register(actor=actor, **form.service_arguments())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Complaint registered. Tracking code: %(code)s")
                % {"code": complaint.tracking_code},
            )
            if "another" in request.POST:
                return redirect("backoffice:complaint_register")
            return redirect("backoffice:complaint_detail", tracking_code=complaint.tracking_code)
    status = 400 if form.is_bound else 200
    context = {"form": form, "files_dropped": posted and bool(request.FILES)}
    return render(request, "backoffice/complaint_register.html", context, status=status)


@login_required
@require_GET
def complainant_lookup(request: HttpRequest) -> HttpResponse:
    """The htmx partial under the phone field: who called before, and about what."""
    actor = require_role(request, Role.CLERK)
    phone = request.GET.get("phone", "")
    found = complainants_with_recent_complaints(actor, phone)
    return render(
        request, "backoffice/_complainant_lookup.html", {"complainants": found, "phone": phone}
    )
