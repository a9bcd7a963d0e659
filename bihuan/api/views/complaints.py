"""Complaints: the list (the staff list's filters, cursor pages), registration, one complaint."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from bihuan.backoffice.forms.register import ComplaintRegisterForm
from bihuan.complaints import services
from bihuan.complaints.choices import Channel, Severity, Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.selectors import LIST_RELATED, QUEUES, complaint_list
from bihuan.org.actors import Actor, actor_for
from bihuan.org.choices import Role

from .. import idempotency
from ..formbridge import form_data, serializer_for_form, validated
from ..listing import DEFAULT_PAGE_SIZE, ORDERINGS, paginate, parse_list_query
from ..serializers import (
    ComplaintDetailSerializer,
    ComplaintListSerializer,
    ComplaintPageSerializer,
    TimelineEventSerializer,
)
from .base import ERROR, READ_ERRORS, WRITE_ERRORS, ApiView

ComplaintCreateSerializer = serializer_for_form(ComplaintRegisterForm, "ComplaintCreateSerializer")

LIST_PARAMETERS = [
    OpenApiParameter("status", str, many=True, enum=Status.values, description="Status (repeat)"),
    OpenApiParameter("category", int, description="Category id"),
    OpenApiParameter("department", int, description="Lead department id"),
    OpenApiParameter("channel", str, enum=Channel.values),
    OpenApiParameter("site", int, description="Site id"),
    OpenApiParameter("severity", str, enum=Severity.values),
    OpenApiParameter("received_from", OpenApiTypes.DATE),
    OpenApiParameter("received_to", OpenApiTypes.DATE),
    OpenApiParameter(
        "keyword", str, description="Tracking code, external reference, or words of the text"
    ),
    OpenApiParameter("queue", str, enum=list(QUEUES), description="One of the caller's queues"),
    OpenApiParameter("ordering", str, enum=list(ORDERINGS), default="-received_at"),
    OpenApiParameter("cursor", str, description="The next_cursor of the previous page"),
    OpenApiParameter("page_size", int, default=DEFAULT_PAGE_SIZE),
]

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    idempotency.HEADER,
    str,
    location=OpenApiParameter.HEADER,
    description=(
        "A retry with the same key and body returns the first answer; the same key with "
        "another body is refused (422); a retry while the first is running gets 409."
    ),
)


def detail_body(
    request: Request, actor: Actor, complaint: Complaint, *, reload: bool = True
) -> dict[str, Any]:
    """The complaint as the detail shows it; ``reload`` after a write, whose service saved
    another copy of the row (a complaint just read by its tracking code is current)."""
    if reload:
        complaint = (
            Complaint.objects.select_related(*LIST_RELATED, "registered_by")
            .prefetch_related("co_departments")
            .get(pk=complaint.pk)
        )
    context = {"request": request, "actor": actor}
    return dict(ComplaintDetailSerializer(complaint, context=context).data)


class ComplaintListView(ApiView):
    @extend_schema(
        operation_id="complaints_list",
        parameters=LIST_PARAMETERS,
        responses={200: ComplaintPageSerializer, 400: ERROR, **READ_ERRORS},
        description="The complaints the caller may read, filtered as on the staff list, "
        "one page at a time (follow `next`).",
    )
    def get(self, request: Request) -> Response:
        actor = self.staff_actor(request)
        query = parse_list_query(actor, request.query_params)
        page = paginate(complaint_list(actor, query.filters), query)
        next_url = None
        if page.next_cursor is not None:
            params = request.query_params.copy()
            params["cursor"] = page.next_cursor
            next_url = request.build_absolute_uri(
                f"{reverse('api:complaint-list')}?{params.urlencode()}"
            )
        results = ComplaintListSerializer(page.items, many=True, context={"request": request})
        return Response(
            {"results": results.data, "next": next_url, "next_cursor": page.next_cursor}
        )

    @extend_schema(
        operation_id="complaints_create",
        request=ComplaintCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: ComplaintDetailSerializer,
            422: ERROR,
            **WRITE_ERRORS,
        },
        description="Register a complaint, as the intake desk does (the clerk role is "
        "required). Attachments go in a multipart body under `files`.",
    )
    def post(self, request: Request) -> Response:
        actor = self.staff_actor(request, Role.CLERK)
        return self.once(request, "complaints_create", lambda: self._register(request, actor))

    def _register(self, request: Request, actor: Actor) -> Response:
        form = ComplaintRegisterForm(form_data(ComplaintRegisterForm, request.data), request.FILES)
        validated(form)
        complaint = services.complaint_register(actor=actor, **form.service_arguments())
        body = detail_body(request, actor, complaint)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})


class ComplaintDetailView(ApiView):
    @extend_schema(
        operation_id="complaints_retrieve",
        responses={200: ComplaintDetailSerializer, **READ_ERRORS},
        description="One complaint by its tracking code, with the actions open to the caller.",
    )
    def get(self, request: Request, code: str) -> Response:
        complaint = self.complaint(request, code)  # 404 for anyone who may not read it
        return Response(detail_body(request, actor_for(request.user), complaint, reload=False))


class TimelineView(ApiView):
    @extend_schema(
        operation_id="complaints_timeline",
        responses={200: TimelineEventSerializer(many=True), **READ_ERRORS},
        description="The complaint's history, oldest first, as the staff page shows it.",
    )
    def get(self, request: Request, code: str) -> Response:
        complaint = self.complaint(request, code)
        events = complaint.events.select_related("actor")
        return Response(TimelineEventSerializer(events, many=True).data)
