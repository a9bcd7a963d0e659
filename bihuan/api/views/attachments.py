"""A complaint's files: the list, an upload (the "attach" action), a download.

Downloads are always attachments with ``nosniff``: a file a complainant sent is never
rendered by the browser, whatever its name or content claims.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from bihuan.backoffice.actions import ACTIONS
from bihuan.complaints.downloads import attachment_response
from bihuan.complaints.models import Attachment

from ..formbridge import serializer_for_form
from ..serializers import AttachmentSerializer
from .actions import take_action
from .base import READ_ERRORS, WRITE_ERRORS, ApiView

AttachSerializer = serializer_for_form(ACTIONS["attach"].form, "AttachmentUploadSerializer")


class AnyMediaRenderer(BaseRenderer):
    """Lets a download be asked for with any Accept header; errors still come as JSON."""

    media_type = "*/*"
    format = "download"
    charset = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return json.dumps(data, ensure_ascii=False).encode()


class AttachmentListView(ApiView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="complaints_attachments_list",
        responses={200: AttachmentSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request, code: str) -> Response:
        complaint = self.complaint(request, code)
        rows = complaint.attachments.select_related("uploaded_by")
        context = {"request": request, "complaint": complaint}
        return Response(AttachmentSerializer(rows, many=True, context=context).data)

    @extend_schema(
        operation_id="complaints_attachments_create",
        request=AttachSerializer,
        responses={201: AttachmentSerializer(many=True), **WRITE_ERRORS},
        description="Add files (multipart, under `files`) to an open complaint.",
    )
    def post(self, request: Request, code: str) -> Response:
        complaint = self.complaint(request, code)
        saved = take_action(request, complaint, "attach")  # the "attach" action's form
        context = {"request": request, "complaint": complaint}
        return Response(AttachmentSerializer(saved, many=True, context=context).data, status=201)


class AttachmentDownloadView(ApiView):
    renderer_classes = [JSONRenderer, AnyMediaRenderer]

    @extend_schema(
        operation_id="complaints_attachments_download",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            **READ_ERRORS,
        },
        description="The file, as a download (Content-Disposition: attachment).",
    )
    def get(self, request: Request, code: str, attachment_id: int) -> HttpResponseBase:
        complaint = self.complaint(request, code)
        attachment = Attachment.objects.filter(pk=attachment_id, complaint=complaint).first()
        if attachment is None:
            raise Http404
        return attachment_response(attachment)
