"""One error format for the whole API, with a machine-readable code and a translated message:

    {"error": {"code": "...", "message": "...", "field": "..." | null, "fields": {...}}}

``fields`` maps each input field at fault to its messages; ``field`` names the first.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from bihuan.core.errors import DomainError

logger = logging.getLogger(__name__)

# Domain error codes that are not "bad input" (400).
_STATUS_BY_CODE = {
    "not_found": status.HTTP_404_NOT_FOUND,
    "forbidden": status.HTTP_403_FORBIDDEN,
    "four_eyes": status.HTTP_403_FORBIDDEN,
    "invalid_state": status.HTTP_409_CONFLICT,
    "conflict": status.HTTP_409_CONFLICT,
    "closed": status.HTTP_409_CONFLICT,
    "stage_finished": status.HTTP_409_CONFLICT,
    "nothing_pending": status.HTTP_409_CONFLICT,
    "paused": status.HTTP_409_CONFLICT,
}


class ApiError(exceptions.APIException):
    """An error of the API itself (an unknown parameter, an idempotency conflict)."""

    def __init__(
        self,
        code: str,
        message: str | Promise,
        *,
        status_code: int = status.HTTP_400_BAD_REQUEST,
        field: str | None = None,
    ) -> None:
        super().__init__(detail=str(message), code=code)
        self.status_code = status_code
        self.error_code = code
        self.message = message
        self.field = field


class InvalidInput(exceptions.APIException):
    """A form or serializer refused the input: the messages per field."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, fields: Mapping[str, list[str]], message: str | Promise | None = None):
        super().__init__(detail=str(message or _("The input is not valid.")), code="invalid")
        self.fields = {name: [str(m) for m in messages] for name, messages in fields.items()}
        self.message = message or _("The input is not valid.")


def error_body(
    code: str,
    message: str | Promise,
    *,
    field: str | None = None,
    fields: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    fields = dict(fields or {})
    if field is None and fields:
        field = next(iter(fields))
    if field is not None and field not in fields:
        fields[field] = [str(message)]
    return {"error": {"code": code, "message": str(message), "field": field, "fields": fields}}


def domain_status(error: DomainError) -> int:
    return _STATUS_BY_CODE.get(error.code, status.HTTP_400_BAD_REQUEST)


def _validation_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten DRF's nested validation detail into ``{"a.b": [messages]}``."""
    if isinstance(detail, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(_validation_fields(value, name))
        return flat
    if isinstance(detail, list) and any(isinstance(item, Mapping | list) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(_validation_fields(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(m) for m in messages]}


def _api_exception_body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, ApiError):
        return error_body(exc.error_code, exc.message, field=exc.field)
    if isinstance(exc, InvalidInput):
        return error_body("invalid", exc.message, fields=exc.fields)
    if isinstance(exc, exceptions.ValidationError):
        fields = _validation_fields(exc.detail)
        return error_body("invalid", _("The input is not valid."), fields=fields)
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    detail = exc.detail
    message = detail if isinstance(detail, str) else str(exc.default_detail)
    return error_body(code, message)


def api_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    """DRF's exception handler: every error in the one format, with its HTTP status."""
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(
            error_body(exc.code, exc.message, field=exc.field), status=domain_status(exc)
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or _("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        headers: dict[str, str] = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
        set_rollback()
        return Response(_api_exception_body(exc), status=exc.status_code, headers=headers)
    set_rollback()
    logger.exception("Unhandled error in the API", exc_info=exc)
    return Response(
        error_body("server_error", _("Something went wrong on our side. Try again later.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any address under /api/ that names nothing: 404 in the API's format, not a page."""
    return JsonResponse(error_body("not_found", gettext("No such address in the API.")), status=404)
