"""The OpenAPI schema, the documentation page (no CDN) and DRF's browsable API."""

from __future__ import annotations

import re

from django.test import Client
from rest_framework.test import APIClient

from ..personas import PASSWORD, Museum


def test_the_schema_is_openapi_3_and_describes_v1(db: None) -> None:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert all(path.startswith("/api/v1/") for path in paths)
    for path in (
        "/api/v1/complaints/",
        "/api/v1/complaints/{code}/",
        "/api/v1/complaints/{code}/actions/",
        "/api/v1/complaints/{code}/timeline/",
        "/api/v1/complaints/{code}/attachments/",
        "/api/v1/complaints/{code}/attachments/{attachment_id}/",
        "/api/v1/categories/",
        "/api/v1/departments/",
        "/api/v1/sites/",
    ):
        assert path in paths, path
    schemes = schema["components"]["securitySchemes"]
    assert schemes["apiKey"]["name"] == "Authorization"
    assert "cookieAuth" in schemes
    create = paths["/api/v1/complaints/"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}
    assert "multipart/form-data" in create["requestBody"]["content"]
    ordering = next(
        p for p in paths["/api/v1/complaints/"]["get"]["parameters"] if p["name"] == "ordering"
    )
    assert set(ordering["schema"]["enum"]) == {"received_at", "-received_at"}


def test_the_docs_page_loads_everything_from_our_own_static_files(db: None) -> None:
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "/static/vendor/swagger-ui/swagger-ui.css" in page
    external = re.findall(r"""(?:src|href)=["'](?:https?:)?//""", page)
    assert external == [], external
    assert "cdn" not in page.lower()
    assert "/api/schema/" in page


def test_the_browsable_api_draws_for_a_logged_in_user(museum: Museum) -> None:
    client = Client()
    assert client.login(username="clerk", password=PASSWORD)
    response = client.get("/api/v1/complaints/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert (
        "Complaint List" in response.content.decode() or "complaints" in response.content.decode()
    )
    assert "//cdn" not in response.content.decode()
