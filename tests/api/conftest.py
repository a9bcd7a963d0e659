"""Clients of the REST API: a person's session, or an integration key."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_create
from bihuan.complaints.models import Complaint
from bihuan.org.choices import Role
from bihuan.org.models import Department

from ..personas import Museum

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> Iterator[None]:
    """The throttle counts live in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> Callable[[User], APIClient]:
    """A client acting as ``user`` (authentication itself is tested in test_auth)."""

    def make(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=user.pk))
        return client

    return make


@pytest.fixture
def key_client(db: None) -> Callable[..., APIClient]:
    """A client sending ``Authorization: Token <key>`` of a new integration key."""

    def make(
        *roles: str, department: Department | None = None, name: str = "crm", scheme: str = "Token"
    ) -> APIClient:
        _key, raw = apikey_create(
            name=name,
            kind=KeyKind.INTEGRATION,
            roles=roles or (Role.CLERK,),
            department=department,
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"{scheme} {raw}")
        return client

    return make


def complaint_url(complaint: Complaint | str, suffix: str = "") -> str:
    code = complaint if isinstance(complaint, str) else complaint.tracking_code
    return f"/api/v1/complaints/{code}/{suffix}"


def action_url(complaint: Complaint, name: str) -> str:
    return complaint_url(complaint, f"actions/{name}/")


def jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def pdf(name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def new_complaint_body(museum: Museum, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "phone": "13812345678",
        "name": "王五",
        "channel": "phone",
        "category": museum.category("exhibitions").pk,
        "description": "展厅空调太冷，工作人员态度冷淡。",
        "demand": "调高温度",
    }
    body.update(overrides)
    return body


def error_of(response: Any) -> dict[str, Any]:
    """The ``error`` object of an API error response, after checking its shape."""
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "field", "fields"}, error
    assert isinstance(error["message"], str) and error["message"]
    return error
