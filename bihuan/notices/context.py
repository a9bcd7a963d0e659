"""The context of a notice: what a complainant may be told, read through the public view
of a complaint (``bihuan.complaints.public``), never staff names, internal notes or
compensation internals."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation

from bihuan.complaints.choices import Stage
from bihuan.complaints.models import Complaint, StageClock
from bihuan.complaints.public import public_rejection_reason, public_reply_text, public_stage
from bihuan.core import clock
from bihuan.org.models import Organisation


def notice_context(
    complaint: Complaint, *, language: str, progress_step: str = ""
) -> dict[str, str]:
    """The variables of :data:`bihuan.notices.rendering.VARIABLES` for one complaint, in
    ``language`` (names, dates and the status in plain words)."""
    with translation.override(language):
        category = complaint.category.display_name if complaint.category else ""
        return {
            "tracking_code": complaint.tracking_code,
            "complainant_name": complaint.complainant.name.strip(),
            "category": category,
            "received_date": _date(complaint.received_at),
            "status": str(public_stage(complaint).label),
            "progress_step": progress_step,
            "reply_text": public_reply_text(complaint),
            "reason": public_rejection_reason(complaint),
            "status_url": status_url(complaint),
            "deadline": _datetime(_deadline(complaint)),
            "organisation": _organisation_name(),
            "today": _date(clock.now()),
        }


def status_url(complaint: Complaint) -> str:
    """The public status page of the complaint, with its tracking code filled in."""
    query = urlencode({"code": complaint.tracking_code})
    try:
        path = reverse("portal:status")
    except NoReverseMatch:
        path = "/portal/status/"  # the portal's status page, before its URL is wired
    return f"{settings.BIHUAN_SITE_URL}{path}?{query}"


def _deadline(complaint: Complaint) -> datetime | None:
    """When the complaint is due to be resolved, while the resolution clock runs."""
    running = StageClock.objects.filter(
        complaint=complaint, stage=Stage.RESOLVE, completed_at__isnull=True
    ).order_by("-started_at")
    return running.values_list("due_at", flat=True).first()


def _organisation_name() -> str:
    return Organisation.objects.values_list("name", flat=True).first() or ""


def _date(instant: datetime | None) -> str:
    if instant is None:
        return ""
    return formats.date_format(timezone.localtime(instant), "DATE_FORMAT")


def _datetime(instant: datetime | None) -> str:
    """The date in the language's format and a 24-hour time ("2026年11月26日 17:30",
    "Nov. 26, 2026 17:30"): no "p.m." to end a sentence with two full stops."""
    if instant is None:
        return ""
    local = timezone.localtime(instant)
    return f"{formats.date_format(local, 'DATE_FORMAT')} {local:%H:%M}"
