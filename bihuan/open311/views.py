"""The GeoReport v2 endpoints: thin views over the inputs, selectors and the one service.

Every answer, errors included, is in the format the path asks for (.json or .xml), and
errors take the spec's shape: 400 bad input, 403 bad api_key, 404 unknown, 429 too many.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_authenticate
from bihuan.core import clock
from bihuan.core.errors import DomainError

from . import formats, ratelimit, selectors
from .formats import JSON
from .inputs import clean_text, parse_search, parse_submission
from .openapi import openapi_document
from .records import definition_record, request_record, service_notice, service_record
from .services import open311_request_submit

View = Callable[..., HttpResponse]
CHANGESET = "2026-11-23T00:00:00+08:00"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def georeport(*methods: str) -> Callable[[View], View]:
    """Allow these methods; answer any other with 405 in the spec's error format."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, fmt: str = JSON, **kwargs: Any
        ) -> HttpResponse:
            if request.method not in methods:
                response = formats.error(fmt, 405, _("Method not allowed."))
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except DomainError as error:
                return formats.error(fmt, 400, str(error.message))

        return csrf_exempt(wrapper)

    return decorate


@georeport("GET")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    return formats.respond(
        fmt,
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": settings.BIHUAN_OPEN311_CONTACT,
            "key_service": settings.BIHUAN_OPEN311_KEY_SERVICE,
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": settings.BIHUAN_OPEN311_ENDPOINT_TYPE,
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


@georeport("GET")
def service_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    records = [service_record(category) for category in selectors.services()]
    return formats.respond(fmt, "services", records)


@georeport("GET")
def service_definition(request: HttpRequest, *, fmt: str, service_code: str) -> HttpResponse:
    category = selectors.service_get(clean_text(service_code)[:40])
    if category is None:
        return formats.error(fmt, 404, _("There is no such service."))
    return formats.respond(
        fmt, "service_definition", definition_record(category, selectors.sites())
    )


@georeport("GET", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _submit(request, fmt)
    search = parse_search(request.GET, now=clock.now())
    records = [request_record(complaint) for complaint in selectors.requests_search(search)]
    return formats.respond(fmt, "service_requests", records)


def _client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _form(request: HttpRequest) -> tuple[QueryDict, list[Any]]:
    """The form fields and uploaded media; a body that cannot be read is bad input."""
    try:
        return request.POST, list(request.FILES.getlist("media"))
    except (MultiPartParserError, RequestDataTooBig, SuspiciousOperation, UnreadablePostError):
        raise DomainError("bad_body", _("The request body could not be read.")) from None


def _submit(request: HttpRequest, fmt: str) -> HttpResponse:
    if not ratelimit.allow(
        "address", _client_address(request), limit=settings.BIHUAN_OPEN311_RATE_PER_ADDRESS
    ):
        return _too_many(fmt)
    data, files = _form(request)
    # In the body as the spec has it, or in the query string (which wins when both are sent).
    raw_key = request.GET.get("api_key") or data.get("api_key") or ""
    api_key = apikey_authenticate(raw_key, KeyKind.OPEN311)
    if api_key is None:
        return formats.error(fmt, 403, _("Invalid api_key received: the request was not filed."))
    if not ratelimit.allow("key", str(api_key.pk), limit=settings.BIHUAN_OPEN311_RATE_PER_KEY):
        return _too_many(fmt)
    record = open311_request_submit(api_key=api_key, submission=parse_submission(data), files=files)
    complaint = record.complaint
    return formats.respond(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": complaint.tracking_code,
                "token": record.token,
                "service_notice": service_notice(complaint),
                "account_id": record.account_id or None,
            }
        ],
    )


def _too_many(fmt: str) -> HttpResponse:
    response = formats.error(fmt, 429, _("Too many requests. Try again later."))
    response["Retry-After"] = str(ratelimit.WINDOW_SECONDS)
    return response


@georeport("GET")
def request_detail(request: HttpRequest, *, fmt: str, service_request_id: str) -> HttpResponse:
    complaint = selectors.request_get(clean_text(service_request_id)[:32])
    if complaint is None:
        return formats.error(fmt, 404, _("There is no such service request."))
    return formats.respond(fmt, "service_requests", [request_record(complaint)])


@georeport("GET")
def token_detail(request: HttpRequest, *, fmt: str, token: str) -> HttpResponse:
    token = clean_text(token)
    complaint = selectors.request_by_token(token[:32])
    if complaint is None:
        return formats.error(fmt, 404, _("There is no such token."))
    return formats.respond(
        fmt, "service_requests", [{"service_request_id": complaint.tracking_code, "token": token}]
    )


@georeport("GET")
def openapi(request: HttpRequest, *, fmt: str) -> HttpResponse:
    document = openapi_document(
        service_codes=[category.code for category in selectors.services()],
        site_codes=[site.code for site in selectors.sites()],
    )
    body = json.dumps(document, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@georeport("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
def not_found(request: HttpRequest, *, fmt: str, rest: str = "") -> HttpResponse:
    return formats.error(fmt, 404, _("There is no such endpoint."))
