"""Open311 fixtures: a client key, and a fresh rate-limit cache for every test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_create
from bihuan.complaints.models import Complaint

from ..personas import Museum

BASE = "/open311/v2"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_key(museum: Museum) -> str:
    _key, raw = apikey_create(name="civic-app", kind=KeyKind.OPEN311)
    return raw


def submission(api_key: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "api_key": api_key,
        "service_code": "exhibitions",
        "description": "The interactive exhibit on the second floor is broken.",
        "lat": "31.230416",
        "long": "121.473701",
        "address_string": "2F, Hall B",
        "email": "citizen@example.org",
        "first_name": "Mei",
        "last_name": "Lin",
        "phone": "13812345678",
        "device_id": "device-42",
        "account_id": "account-7",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client: Client, data: dict[str, Any], fmt: str = "json", **extra: Any) -> Any:
    return client.post(f"{BASE}/requests.{fmt}", data, **extra)


def file_request(client: Client, api_key: str, **overrides: Any) -> Complaint:
    response = post(client, submission(api_key, **overrides))
    assert response.status_code == 200, response.content
    return Complaint.objects.get(tracking_code=response.json()[0]["service_request_id"])
