"""Home, the work queues and the complaint list: one table, keyset-paginated."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bihuan.complaints.selectors import (
    QUEUES,
    complaint_list,
    default_queue,
    paginate,
    paginate_by_urgency,
    queues_for,
)
from bihuan.org.actors import Actor, actor_for

from ..access import require_role
from ..forms.filters import ComplaintFilterForm

PAGE_SIZE = 25


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's default work queue; a short explanation when the account has none."""
    actor = actor_for(request.user)
    queues = queues_for(actor)
    if queues:
        name = default_queue(actor)
        return redirect("backoffice:queue", name=name if name in queues else queues[0])
    return render(request, "backoffice/no_work.html")


@login_required
def queue(request: HttpRequest, name: str) -> HttpResponse:
    actor = require_role(request)
    if name not in queues_for(actor):
        raise Http404
    return _list_page(request, actor, queue=name)


@login_required
def complaints(request: HttpRequest) -> HttpResponse:
    return _list_page(request, require_role(request), queue="")


def _list_page(request: HttpRequest, actor: Actor, *, queue: str) -> HttpResponse:
    form = ComplaintFilterForm(request.GET or None)
    filters = form.to_filters(queue=queue)
    if form.is_bound and form.errors:
        messages.warning(request, _("Some filters could not be read and were left out."))
    pages = paginate_by_urgency if queue else paginate  # queues: most urgent first
    page = pages(
        complaint_list(actor, filters), cursor=request.GET.get("cursor", ""), size=PAGE_SIZE
    )
    return render(
        request,
        "backoffice/complaint_list.html",
        {
            "form": form,
            "page": page,
            "queue": queue,
            "title": QUEUES[queue] if queue else _("Complaints"),
        },
    )
