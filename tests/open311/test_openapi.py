"""The OpenAPI description is served, and every endpoint holds to it under fuzzing.

Schemathesis generates requests from /open311/v2/openapi.json (valid and invalid values,
wrong types, odd Unicode) and runs its checks on every answer: no 5xx, status codes,
content types and JSON bodies as described. The POSTs carry a real key, so that the
validation behind the key is fuzzed too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client, override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_create
from bihuan.open311.openapi import openapi_document
from bihuan.org.models import Site

from ..personas import Museum, build_museum

# As served to the museum of the fixture below: two of its services and its one site.
schema = schemathesis.openapi.from_dict(
    openapi_document(service_codes=["exhibitions", "facilities"], site_codes=["main"])
)


def test_the_description_is_served_and_covers_every_endpoint(
    client: Client, museum: Museum
) -> None:
    response = client.get("/open311/v2/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    for fmt in ("json", "xml"):
        for path in (
            "discovery",
            "services",
            "services/{service_code}",
            "requests",
            "requests/{service_request_id}",
            "tokens/{token}",
        ):
            assert f"/open311/v2/{path}.{fmt}" in paths
    assert set(document["paths"]["/open311/v2/requests.json"]) == {"get", "post"}
    form = document["paths"]["/open311/v2/requests.json"]["post"]["requestBody"]["content"]
    fields = form["application/x-www-form-urlencoded"]["schema"]["properties"]
    assert "exhibitions" in fields["service_code"]["enum"]


@pytest.fixture
def open311_world(db: None) -> Iterator[dict[str, Any]]:
    build_museum()
    Site.objects.create(code="main", name="主馆")
    _key, raw = apikey_create(name="fuzz", kind=KeyKind.OPEN311)
    # As Django's test client does: the request signals must not close the test's
    # connection (and with it the transaction the test runs in).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {"api_key": raw, "app": get_wsgi_application()}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@override_settings(BIHUAN_OPEN311_RATE_PER_KEY=100_000, BIHUAN_OPEN311_RATE_PER_ADDRESS=100_000)
def test_no_answer_breaks_the_description(case: Any, open311_world: dict[str, Any]) -> None:
    excluded = []
    if case.method == "POST":
        # A filing has rules across fields that a schema cannot state (one location of
        # four kinds, a known service and site, a contact unless anonymity is allowed):
        # schema-valid bodies may rightly be refused with 400.
        excluded.append(positive_data_acceptance)
        if isinstance(case.body, dict):
            case.body["api_key"] = open311_world["api_key"]
    case.call_and_validate(app=open311_world["app"], excluded_checks=excluded)
