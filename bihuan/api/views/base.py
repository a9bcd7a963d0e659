"""What every API view shares: the caller as an actor, the complaint they may read, errors."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request
from rest_framework.views import APIView

from bihuan.backoffice.access import complaint_or_404, require_role
from bihuan.complaints.models import Complaint
from bihuan.org.actors import Actor

from ..serializers import ErrorSerializer

ERROR = OpenApiResponse(ErrorSerializer, description="An error in the API's one format.")
# The answers every authenticated endpoint may give besides its own.
COMMON_ERRORS = {401: ERROR, 403: ERROR, 429: ERROR}
READ_ERRORS = {**COMMON_ERRORS, 404: ERROR}
WRITE_ERRORS = {**READ_ERRORS, 400: ERROR, 409: ERROR}


class ApiView(APIView):
    """An API view: the web pages' access helpers decide who may see and do what."""

    def staff_actor(self, request: Request, *roles: str) -> Actor:
        """The caller if they hold one of ``roles`` (any role when none are named); else 403,
        as the staff pages answer."""
        return require_role(request, *roles)  # type: ignore[arg-type]

    def complaint(self, request: Request, code: str) -> Complaint:
        """The complaint if the caller may read it; 404 otherwise, so codes cannot be probed."""
        return complaint_or_404(request.user, code)  # type: ignore[arg-type]
