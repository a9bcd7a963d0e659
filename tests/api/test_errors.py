"""One error format everywhere under /api/, with translated messages."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient, APIRequestFactory

from bihuan.api.errors import api_exception_handler
from bihuan.core.errors import DomainError, NotFound

from ..personas import Museum, register
from .conftest import action_url, complaint_url, error_of, new_complaint_body


@pytest.mark.parametrize(
    "path", ["/api/", "/api/v2/complaints/", "/api/v1/nothing/", "/api/v1/complaints/X/y/z/"]
)
def test_unknown_addresses_are_404_in_the_format(museum: Museum, api, path: str) -> None:
    response = api(museum.clerk).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "not_found"


def test_a_wrong_method_is_405_in_the_format(museum: Museum, api) -> None:
    response = api(museum.clerk).delete("/api/v1/complaints/")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_messages_follow_accept_language_with_chinese_by_default(museum: Museum, api) -> None:
    complaint = register(museum)
    client = api(museum.clerk)

    def message(**headers: Any) -> str:
        response = client.post(action_url(complaint, "close"), {}, format="json", **headers)
        assert response.status_code == 409
        return error_of(response)["message"]

    english = message(HTTP_ACCEPT_LANGUAGE="en")
    assert "not possible" in english
    chinese = message()
    assert chinese != english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert message(HTTP_ACCEPT_LANGUAGE="zh-Hans") == chinese


def test_field_errors_are_translated_too(museum: Museum, api) -> None:
    client = api(museum.clerk)
    body = new_complaint_body(museum, description="")
    english = error_of(client.post("/api/v1/complaints/", body, HTTP_ACCEPT_LANGUAGE="en"))
    assert english["fields"]["description"] == ["This field is required."]
    chinese = error_of(client.post("/api/v1/complaints/", body))
    assert chinese["fields"]["description"] != english["fields"]["description"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (DomainError("phone_invalid", "bad phone", field="phone"), 400),
        (DomainError("forbidden", "no"), 403),
        (NotFound("gone"), 404),
        (DomainError("invalid_state", "not now"), 409),
        (DomainError("conflict", "someone else"), 409),
    ],
)
def test_domain_errors_map_to_their_status(error: DomainError, status: int) -> None:
    response = api_exception_handler(error, {})
    assert response.status_code == status
    assert response.data["error"]["code"] == error.code
    assert response.data["error"]["message"] == str(error.message)
    assert response.data["error"]["field"] == error.field


def test_an_unexpected_error_is_a_500_in_the_format_without_details(
    caplog: pytest.LogCaptureFixture,
) -> None:
    request = APIRequestFactory().get("/api/v1/")
    response = api_exception_handler(RuntimeError("secret internals"), {"request": request})
    assert response.status_code == 500
    assert response.data["error"]["code"] == "server_error"
    assert "secret" not in str(response.data)
    assert "secret internals" in caplog.text  # but logged for the operators


def test_errors_never_show_the_password_hash_or_contact(museum: Museum) -> None:
    complaint = register(museum)
    client = APIClient()
    response = client.get(complaint_url(complaint))
    assert response.status_code == 401
    assert complaint.complainant.phone not in response.content.decode()
