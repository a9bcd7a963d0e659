"""What the portal reads: the organisation, the choices of the form, one complaint's
public view. Everything about a complaint goes through bihuan.complaints.public, plus
what the complainant gave themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from bihuan.complaints.choices import Action, Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.public import (
    PublicStage,
    PublicStep,
    public_progress,
    public_rateable,
    public_rejection_reason,
    public_reply_text,
    public_stage,
)
from bihuan.org.models import Category, Organisation, Site


def organisation() -> Organisation | None:
    return Organisation.objects.first()


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


def active_sites() -> QuerySet[Site]:
    return Site.objects.filter(is_active=True)


@dataclass(frozen=True)
class Addition:
    """Information the complainant added after filing."""

    text: str
    added_at: datetime


@dataclass(frozen=True)
class StatusView:
    """One complaint as its complainant may see it: never staff, notes or internals."""

    complaint: Complaint
    stage: PublicStage
    steps: list[PublicStep]
    reply_text: str
    rejection_reason: str
    rateable: bool
    may_add: bool
    awaiting_reopening: bool
    additions: list[Addition]
    attachment_names: list[str]


def status_view(complaint: Complaint) -> StatusView:
    additions = (
        complaint.events.filter(action=Action.SUPPLEMENT, actor__isnull=True)
        .exclude(note="")
        .order_by("created_at", "id")
        .values_list("note", "created_at")
    )
    return StatusView(
        complaint=complaint,
        stage=public_stage(complaint),
        steps=public_progress(complaint),
        reply_text=public_reply_text(complaint),
        rejection_reason=public_rejection_reason(complaint),
        rateable=public_rateable(complaint),
        may_add=complaint.status != Status.ARCHIVED,
        awaiting_reopening=complaint.status == Status.DISSATISFIED,
        additions=[Addition(text=note, added_at=added_at) for note, added_at in additions],
        attachment_names=list(
            complaint.attachments.filter(uploaded_by__isnull=True)
            .order_by("id")
            .values_list("original_name", flat=True)
        ),
    )


def complaint_by_code(tracking_code: str) -> Complaint | None:
    return (
        Complaint.objects.select_related("complainant", "category", "site")
        .filter(tracking_code=tracking_code)
        .first()
    )
