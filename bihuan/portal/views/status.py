"""Following a complaint: the look-up, the status page, adding information, rating."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bihuan.complaints import services
from bihuan.complaints.choices import Channel, Rating
from bihuan.complaints.models import Complaint
from bihuan.core.errors import DomainError
from bihuan.core.tracking import normalise_tracking_code

from .. import ratelimit, selectors
from ..access import access_grant, access_has, complaint_by_proof
from ..clients import client_address
from ..forms import LookupForm, RateForm, SupplementForm
from .pages import page


def _lookup_url(code: str) -> str:
    return f"{reverse('portal:status')}?{urlencode({'code': code})}"


def _lookup_wait(address: str, code: str) -> int | None:
    waits = [
        ratelimit.retry_after(ratelimit.lookup_limit(), address),
        ratelimit.retry_after(ratelimit.lookup_limit("lookup-code"), code),
    ]
    return max((wait for wait in waits if wait is not None), default=None)


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """Tracking code plus the last four digits of the phone or the email; every failure
    gives the same answer, and failures are limited per address and per code."""
    if request.method == "GET":
        typed = request.GET.get("code", "")[:32]
        code = normalise_tracking_code(typed)
        if code is not None and access_has(request, code):
            return redirect("portal:complaint", tracking_code=code)
        form = LookupForm(initial={"code": code or typed})
        return page(request, "portal/lookup.html", {"form": form})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return page(request, "portal/lookup.html", {"form": form}, status=400)
    typed, proof = form.cleaned_data["code"], form.cleaned_data["proof"]
    code_key = normalise_tracking_code(typed) or typed.strip().upper()
    address = client_address(request)
    wait = _lookup_wait(address, code_key)
    if wait is not None:
        limited = {"form": form, "limited": ratelimit.try_again_message(wait)}
        return page(request, "portal/lookup.html", limited, status=429)
    complaint = complaint_by_proof(typed, proof)
    if complaint is None:
        ratelimit.count(ratelimit.lookup_limit(), address)
        ratelimit.count(ratelimit.lookup_limit("lookup-code"), code_key)
        form.add_error(
            None,
            _(
                "We could not open a complaint with these details. Check the tracking code "
                "and the last four digits of your mobile number or your email address."
            ),
        )
        return page(request, "portal/lookup.html", {"form": form}, status=400)
    access_grant(request, complaint.tracking_code)
    return redirect("portal:complaint", tracking_code=complaint.tracking_code)


def _opened(request: HttpRequest, tracking_code: str) -> Complaint | None:
    if not access_has(request, tracking_code):
        return None
    return selectors.complaint_by_code(tracking_code)


def _complaint_page(
    request: HttpRequest,
    complaint: Complaint,
    *,
    status: int = 200,
    supplement_form: SupplementForm | None = None,
    rate_form: RateForm | None = None,
    limited: str = "",
) -> HttpResponse:
    context = {
        "view": selectors.status_view(complaint),
        "supplement_form": supplement_form or SupplementForm(),
        "rate_form": rate_form or RateForm(),
        "limited": limited,
    }
    return page(request, "portal/complaint.html", context, status=status)


@never_cache
@require_GET
def complaint(request: HttpRequest, tracking_code: str) -> HttpResponse:
    found = _opened(request, tracking_code)
    if found is None:
        return redirect(_lookup_url(tracking_code))
    return _complaint_page(request, found)


def _limited(request: HttpRequest) -> str:
    """The try-again message if this address sent too much, else "" (and count this one)."""
    wait = ratelimit.spend(ratelimit.submit_limit(), client_address(request))
    return "" if wait is None else ratelimit.try_again_message(wait)


@never_cache
@require_POST
def supplement(request: HttpRequest, tracking_code: str) -> HttpResponse:
    found = _opened(request, tracking_code)
    if found is None:
        return redirect(_lookup_url(tracking_code))
    limited = _limited(request)
    if limited:
        return _complaint_page(request, found, status=429, limited=limited)
    form = SupplementForm(request.POST, request.FILES)
    if form.is_valid():
        files = form.cleaned_data["files"]
        limit = settings.BIHUAN_PORTAL_MAX_FILES
        if found.attachments.count() + len(files) > limit:
            form.add_error(
                "files",
                _("A complaint can have at most %(limit)d files in all.") % {"limit": limit},
            )
        else:
            try:
                services.complaint_supplement(
                    complaint=found,
                    text=form.cleaned_data["text"],
                    files=files,
                    channel=Channel.WEB,
                    source="portal",
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request, _("Thank you. The people handling your complaint have been told.")
                )
                return redirect("portal:complaint", tracking_code=tracking_code)
    return _complaint_page(request, found, status=400, supplement_form=form)


@never_cache
@require_POST
def rate(request: HttpRequest, tracking_code: str) -> HttpResponse:
    found = _opened(request, tracking_code)
    if found is None:
        return redirect(_lookup_url(tracking_code))
    limited = _limited(request)
    if limited:
        return _complaint_page(request, found, status=429, limited=limited)
    form = RateForm(request.POST)
    if form.is_valid():
        rating = form.cleaned_data["rating"]
        try:
            services.complaint_rate_by_complainant(
                complaint=found,
                rating=rating,
                comment=form.cleaned_data["comment"],
                channel=Channel.WEB,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _thanks(rating))
            return redirect("portal:complaint", tracking_code=tracking_code)
    return _complaint_page(request, found, status=400, rate_form=form)


def _thanks(rating: str) -> str:
    if rating == Rating.DISSATISFIED:
        return _(
            "Thank you for telling us. Your complaint goes back to the people handling it: "
            "they will look at it again and send you a new reply."
        )
    if rating == Rating.SATISFIED:
        return _("Thank you for your answer. We are glad we could help.")
    return _("Thank you for your answer. We will use it to do better.")
