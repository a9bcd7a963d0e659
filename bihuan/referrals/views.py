"""Staff pages of the referral exchange: import a file, see the batches, export results."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from bihuan.backoffice.access import require_role
from bihuan.backoffice.forms.base import add_domain_error
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor, actor_for

from .choices import RowStatus
from .export import EXPORTER_ROLES, referral_export
from .forms import ExportForm, ImportForm
from .selectors import batch_list, batch_rows, earlier_imports_of_same_file, mappings_in_use
from .services import IMPORTER_ROLES, referral_import

BATCHES_PER_PAGE = 25


def _page(
    request: HttpRequest, actor: Actor, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """Render a page of the exchange, with the tabs the actor may use."""
    context = {
        **context,
        "may_import": actor.has(*IMPORTER_ROLES),
        "may_export": actor.has(*EXPORTER_ROLES),
    }
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    actor = require_role(request, *IMPORTER_ROLES)
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    if posted and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = referral_import(
                actor=actor,
                mapping=form.cleaned_data["mapping"],
                file_name=uploaded.name or "",
                content=b"".join(uploaded.chunks()),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("referrals:batch_detail", pk=batch.pk)
    status = 400 if form.is_bound else 200
    limits = {
        "max_rows": settings.BIHUAN_REFERRAL_MAX_ROWS,
        "max_mb": settings.BIHUAN_REFERRAL_MAX_FILE_BYTES // (1024 * 1024),
    }
    context = {"form": form, "mappings": mappings_in_use(), **limits}
    return _page(request, actor, "referrals/import.html", context, status=status)


@login_required
@require_GET
def batches(request: HttpRequest) -> HttpResponse:
    """The exchange's landing page; those who only export are taken to the export form."""
    viewer = actor_for(request.user)
    if not viewer.has(*IMPORTER_ROLES) and viewer.has(*EXPORTER_ROLES):
        return redirect("referrals:export")
    actor = require_role(request, *IMPORTER_ROLES)
    page = Paginator(batch_list(), BATCHES_PER_PAGE).get_page(request.GET.get("page"))
    return _page(request, actor, "referrals/batch_list.html", {"page": page})


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = require_role(request, *IMPORTER_ROLES)
    batch = get_object_or_404(batch_list(), pk=pk)
    shown = request.GET.get("status", "")
    shown = shown if shown in RowStatus.values else ""
    context = {
        "batch": batch,
        "rows": batch_rows(batch, status=shown),
        "errors": batch_rows(batch, status=RowStatus.ERROR),
        "shown": shown,
        "statuses": RowStatus.choices,
        "earlier": earlier_imports_of_same_file(batch),
        "may_open_complaints": actor.sees_everything,
    }
    return _page(request, actor, "referrals/batch_detail.html", context)


@login_required
@require_GET
def export_results(request: HttpRequest) -> HttpResponse:
    actor = require_role(request, *EXPORTER_ROLES)
    form = ExportForm(request.GET if "format" in request.GET else None)
    if form.is_bound and form.is_valid():
        try:
            exported = referral_export(actor=actor, **form.service_arguments())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            response = HttpResponse(exported.content, content_type=exported.content_type)
            response["Content-Disposition"] = f'attachment; filename="{exported.name}"'
            response["X-Content-Type-Options"] = "nosniff"
            return response
    status = 400 if form.is_bound else 200
    return _page(request, actor, "referrals/export.html", {"form": form}, status=status)
