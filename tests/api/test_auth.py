"""Authentication: integration keys (Token or Bearer), the web session with CSRF, throttling."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_create, apikey_revoke
from bihuan.complaints.models import Complaint
from bihuan.org.choices import Role

from ..personas import PASSWORD, Museum, advance, register
from .conftest import complaint_url, error_of, new_complaint_body

LIST = "/api/v1/complaints/"


def test_no_credentials_is_401_with_a_challenge(museum: Museum) -> None:
    response = APIClient().get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert error_of(response)["code"] == "not_authenticated"


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "token"])
def test_an_integration_key_acts_with_its_service_accounts_roles(
    museum: Museum, key_client, scheme: str
) -> None:
    client = key_client(Role.CLERK, department=museum.desk, scheme=scheme)
    response = client.post(LIST, new_complaint_body(museum), format="json")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert complaint.registered_by is not None
    assert complaint.registered_by.username == "api-crm"
    # No CSRF token is needed with a key: it is not a browser's ambient credential.
    assert client.get(LIST).status_code == 200


def test_a_key_is_scoped_like_a_person_of_its_department(museum: Museum, key_client) -> None:
    mine = register(museum)
    advance(museum, mine, "dispatched")  # to exhibitions
    client = key_client(Role.HANDLER, department=museum.facilities)
    assert client.get(complaint_url(mine)).status_code == 404
    assert client.get(LIST).json()["results"] == []
    assert client.post(LIST, new_complaint_body(museum), format="json").status_code == 403


def test_wrong_revoked_or_open311_keys_are_401(museum: Museum) -> None:
    key, raw = apikey_create(name="crm", kind=KeyKind.INTEGRATION, roles=[Role.CLERK])
    _other, open311_raw = apikey_create(name="app", kind=KeyKind.OPEN311)
    for header in (
        "Token bh_not-a-key",
        f"Token {open311_raw}",
        "Token",
        "Token two parts",
        "Bearer \u00e9t\u00e9",
    ):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
        response = client.get(LIST)
        assert response.status_code == 401, header
        assert error_of(response)["code"] in {"key_invalid", "key_malformed"}
    apikey_revoke(key=key)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(LIST).status_code == 401


def test_the_web_session_works_and_csrf_is_enforced(museum: Museum) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="clerk", password=PASSWORD)
    assert client.get(LIST).status_code == 200
    response = client.post(LIST, new_complaint_body(museum), content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in error_of(response)["message"]
    assert not Complaint.objects.exists()
    client.get("/login/")  # sets the CSRF cookie, as any page of the web app does
    token = client.cookies["csrftoken"].value
    response = client.post(
        LIST,
        new_complaint_body(museum),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201, response.content


@override_settings(BIHUAN_API_KEY_RATE_PER_MINUTE=3)
def test_keys_are_throttled_with_429_and_retry_after(museum: Museum, key_client) -> None:
    client = key_client(Role.CLERK)
    statuses = [client.get(LIST).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(LIST)
    assert response.status_code == 429
    assert error_of(response)["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    # Another key has its own count; people on the web app are not limited by it.
    assert key_client(Role.CLERK, name="other").get(LIST).status_code == 200
    session = APIClient()
    session.force_authenticate(museum.clerk)
    assert [session.get(LIST).status_code for _ in range(5)] == [200] * 5
