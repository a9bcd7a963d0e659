"""Reads of the referral exchange: import batches, and the results owed to referrers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from bihuan.complaints.choices import Channel, Rating
from bihuan.complaints.models import Complaint, Reply, SatisfactionRecord
from bihuan.complaints.public import PublicStage, public_rejection_reason, public_stage
from bihuan.complaints.selectors import complaints_visible_to
from bihuan.org.actors import Actor

from .models import ColumnMapping, ImportBatch, ImportRow

REFERRAL_CHANNEL_VALUES = [channel.value for channel in Channel if channel.is_referral]
_ANSWERED = {PublicStage.REPLIED, PublicStage.CLOSED}


def mappings_in_use() -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.filter(is_active=True).order_by("name")


def batch_list() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("mapping", "imported_by")


def batch_rows(batch: ImportBatch, *, status: str = "") -> QuerySet[ImportRow]:
    rows = batch.rows.select_related("complaint").order_by("row_number", "pk")
    return rows.filter(status=status) if status else rows


def earlier_imports_of_same_file(batch: ImportBatch) -> QuerySet[ImportBatch]:
    """Batches that imported these very bytes before (a re-import adds nothing twice)."""
    return (
        ImportBatch.objects.filter(sha256=batch.sha256, pk__lt=batch.pk)
        .select_related("imported_by")
        .order_by("-pk")
    )


@dataclass(frozen=True)
class ReferralResult:
    """What a referrer is told back about one of its work orders."""

    channel: str
    external_reference: str
    tracking_code: str
    received_at: datetime
    stage: PublicStage
    result: str
    replied_at: datetime | None
    satisfaction: str  # a Rating value, or "" while the current reply is unrated

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)

    @property
    def satisfaction_label(self) -> str:
        return str(Rating(self.satisfaction).label) if self.satisfaction else ""


def referral_results(
    *,
    actor: Actor,
    channel: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
) -> list[ReferralResult]:
    """The referred complaints the actor may read, oldest first, with their outcome.

    ``channel`` narrows to one referral source; the dates bound the day received (local
    time, both days included). Result and reply time are those the complainant was told
    (nothing before the reply, no internal notes); the satisfaction is the rating of that
    reply, not of an earlier one.
    """
    complaints = complaints_visible_to(actor).filter(
        channel__in=[channel] if channel else REFERRAL_CHANNEL_VALUES
    )
    if received_from is not None:
        complaints = complaints.filter(received_at__gte=_start_of(received_from))
    if received_to is not None:
        complaints = complaints.filter(received_at__lt=_start_of(received_to + timedelta(days=1)))
    complaints = complaints.exclude(external_reference="").prefetch_related(
        Prefetch("replies", queryset=Reply.objects.order_by("-replied_at", "-id")),
        Prefetch(
            "satisfaction_records",
            queryset=SatisfactionRecord.objects.order_by("-recorded_at", "-id"),
        ),
    )
    return [_result(c) for c in complaints.order_by("received_at", "id")]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _result(complaint: Complaint) -> ReferralResult:
    stage = public_stage(complaint)
    # The same reply public_reply_text() would show, read from the prefetched rows.
    reply = next(iter(complaint.replies.all()), None) if stage in _ANSWERED else None
    rating = next(
        (
            record.rating
            for record in complaint.satisfaction_records.all()
            if reply is not None and record.recorded_at >= reply.replied_at
        ),
        "",
    )
    return ReferralResult(
        channel=complaint.channel,
        external_reference=complaint.external_reference,
        tracking_code=complaint.tracking_code,
        received_at=complaint.received_at,
        stage=stage,
        # A work order not taken on is answered with the reason the complainant was told.
        result=reply.text if reply else public_rejection_reason(complaint),
        replied_at=reply.replied_at if reply else None,
        satisfaction=rating,
    )
