"""What every API view shares: the caller as an actor, the complaint they may read, errors."""

from __future__ import annotations

from collections.abc import Callable

from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bihuan.backoffice.access import complaint_or_404, require_role
from bihuan.complaints.models import Complaint
from bihuan.org.actors import Actor

from .. import idempotency
from ..errors import api_exception_handler
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

    def once(self, request: Request, endpoint: str, work: Callable[[], Response]) -> Response:
        """Do ``work`` once per Idempotency-Key: a retry gets the stored answer.

        Refusals (4xx) are stored like successes, so a retry is answered the same way;
        a failure on our side (5xx) releases the key for a later retry.
        """
        key = request.headers.get(idempotency.HEADER)
        if key is None:
            return work()
        claim = idempotency.idempotency_begin(
            principal=principal_of(request),
            key=key,
            endpoint=endpoint,
            fingerprint=idempotency.request_fingerprint(request.data, request.FILES),
        )
        if isinstance(claim, idempotency.Replay):
            headers = {"Idempotent-Replayed": "true"}
            if claim.status == 201 and isinstance(claim.body, dict) and "url" in claim.body:
                headers["Location"] = claim.body["url"]
            return Response(claim.body, status=claim.status, headers=headers)
        try:
            response = work()
        except Exception as error:
            response = api_exception_handler(error, {"view": self, "request": request})
            if response.status_code >= 500:
                idempotency.idempotency_release(claim)
                raise
        idempotency.idempotency_finish(claim, status_code=response.status_code, body=response.data)
        return response


def principal_of(request: Request) -> str:
    """Whose keys these are: the integration key's, or the person's."""
    if request.auth is not None and hasattr(request.auth, "pk"):
        return f"key:{request.auth.pk}"
    return f"user:{request.user.pk}"
