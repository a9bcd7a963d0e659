"""Reads for the Open311 endpoints: services and the service requests the public may see.

Only complaints filed through Open311 are published: a complaint made at the desk, by
phone or through the portal is followed with the portal's own check, never by its
tracking code alone.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from bihuan.complaints.choices import Channel, Stage
from bihuan.complaints.models import Complaint, StageClock
from bihuan.complaints.public import OPEN_STAGES, STAGE_OF_STATUS
from bihuan.org.models import Category, Site

from .inputs import MAX_RESULTS, Search
from .records import CLOSED, OPEN


def services() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related("parent")


def service_get(code: str) -> Category | None:
    return services().filter(code=code).first()


def sites() -> list[Site]:
    return list(Site.objects.filter(is_active=True).order_by("code"))


def _statuses(public_status: str) -> list[str]:
    wanted_open = public_status == OPEN
    return [
        status for status, stage in STAGE_OF_STATUS.items() if (stage in OPEN_STAGES) == wanted_open
    ]


def published_requests() -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(channel=Channel.OPEN311)
        .select_related("category", "lead_department", "site", "open311_request")
        .prefetch_related(
            Prefetch(
                "clocks",
                queryset=StageClock.objects.filter(stage=Stage.RESOLVE, completed_at__isnull=True),
                to_attr="resolve_clocks",
            )
        )
    )


def requests_search(search: Search) -> list[Complaint]:
    """At most 1000 requests, newest first, matching the search."""
    queryset = published_requests()
    if search.by_id:
        queryset = queryset.filter(tracking_code__in=search.tracking_codes)
    else:
        queryset = queryset.filter(received_at__gte=search.start, received_at__lte=search.end)
        # (a reversed range matches nothing)
        if search.service_codes:
            queryset = queryset.filter(category__code__in=search.service_codes)
        if search.statuses and search.statuses != {OPEN, CLOSED}:
            (only,) = search.statuses
            queryset = queryset.filter(status__in=_statuses(only))
    return list(queryset.order_by("-received_at", "-id")[:MAX_RESULTS])


def request_get(tracking_code: str) -> Complaint | None:
    return published_requests().filter(tracking_code=tracking_code).first()


def request_by_token(token: str) -> Complaint | None:
    return published_requests().filter(open311_request__token=token).first()
