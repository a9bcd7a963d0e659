"""Filing a complaint: the form, the offline CAPTCHA's picture, and the answer page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bihuan.complaints import services
from bihuan.complaints.models import Complaint, PrivacyNotice
from bihuan.core.errors import DomainError

from .. import captcha, ratelimit, selectors
from ..access import access_grant
from ..clients import client_address
from ..forms import SubmitForm
from .pages import page

_FILED_KEY = "portal_filed"
_NOT_KEPT = {"csrfmiddlewaretoken", "captcha_token", "captcha_answer", "new_captcha", "website"}


def _register(form: SubmitForm) -> Complaint | None:
    """File the complaint the valid form describes, spending its challenge; None if the
    service refused it (the error is then on the form and the challenge still good)."""
    challenge = form.challenge
    if challenge is not None and not captcha.use(challenge):
        form.add_error("captcha_answer", _("The picture has expired. Solve the new one."))
        form.renew_challenge()
        return None
    try:
        return services.complaint_register(**form.service_arguments())
    except DomainError as error:
        form.add_domain_error(error, SubmitForm.SERVICE_FIELDS)
        if challenge is not None:
            captcha.release(challenge)
        return None


def _typed(data: QueryDict) -> dict[str, str]:
    return {key: str(data.get(key, "")) for key in data if key not in _NOT_KEPT}


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    notice = PrivacyNotice.current()
    if notice is None:
        return page(request, "portal/unavailable.html", status=503)
    context = {"notice": notice, "files_dropped": bool(request.FILES)}
    if request.method == "GET" or "new_captcha" in request.POST:
        # A new picture without JavaScript: the form again as typed, with a new challenge.
        initial = _typed(request.POST) if request.method == "POST" else {}
        form = SubmitForm(initial=initial, notice=notice)
        return page(request, "portal/submit.html", {**context, "form": form})
    wait = ratelimit.spend(ratelimit.submit_limit(), client_address(request))
    if wait is not None:
        form = SubmitForm(initial=_typed(request.POST), notice=notice)
        limited = {**context, "form": form, "limited": ratelimit.try_again_message(wait)}
        return page(request, "portal/submit.html", limited, status=429)
    form = SubmitForm(request.POST, request.FILES, notice=notice)
    complaint = _register(form) if form.is_valid() else None
    if complaint is None:
        return page(request, "portal/submit.html", {**context, "form": form}, status=400)
    request.session[_FILED_KEY] = complaint.tracking_code
    access_grant(request, complaint.tracking_code)
    return redirect("portal:filed")


@never_cache
@require_GET
def filed(request: HttpRequest) -> HttpResponse:
    """The answer: the tracking code, and how to follow the complaint with it."""
    code = request.session.get(_FILED_KEY)
    complaint = selectors.complaint_by_code(code) if code else None
    if complaint is None:
        return redirect("portal:submit")
    return page(request, "portal/filed.html", {"complaint": complaint})


@never_cache
@require_GET
def captcha_picture(request: HttpRequest) -> HttpResponse:
    challenge = captcha.read(request.GET.get("c", ""))
    if challenge is None or not captcha.enabled():
        raise Http404
    return HttpResponse(captcha.picture(challenge), content_type="image/png")


@never_cache
@require_GET
def captcha_new(request: HttpRequest) -> HttpResponse:
    """A new challenge for the form (htmx swaps it in; the button works without it too)."""
    notice = PrivacyNotice.current()
    if notice is None or not captcha.enabled():
        raise Http404
    # A fragment: none of page()'s header and footer.
    return render(request, "portal/_captcha.html", {"form": SubmitForm(notice=notice)})
