"""The notification centre: the bell's count, the list, marking read. Thin over the services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from bihuan.core.errors import NotFound

from .selectors import notification_list as list_for
from .selectors import notification_unread_count
from .services import notification_mark_all_read, notification_mark_read

PAGE_SIZE = 25


@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The navigation bar's bell, fetched by htmx; nothing to swap in once signed out."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    count = notification_unread_count(request.user)
    return render(request, "notifications/_bell_count.html", {"unread": count})


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(list_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread": notification_unread_count(request.user)},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponseBase:
    """Mark one read; with ``open`` go on to what it is about, else back to the list."""
    assert isinstance(request.user, User)
    try:
        notification = notification_mark_read(user=request.user, notification_id=notification_id)
    except NotFound as error:
        raise Http404(str(error)) from error
    target = notification.url
    if "open" in request.POST and target and _is_local(request, target):
        return redirect(target)
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponseBase:
    assert isinstance(request.user, User)
    notification_mark_all_read(user=request.user)
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    """The list again, on the page the form was on."""
    page = request.POST.get("page", "")
    target = reverse("notifications:list")
    return f"{target}?page={page}" if page.isdigit() else target


def _is_local(request: HttpRequest, url: str) -> bool:
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
