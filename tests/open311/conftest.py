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


def walk(museum: Museum, complaint: Complaint, to: str) -> Complaint:
    """Continue a complaint along the happy path from wherever it is now.

    ``advance`` in tests/personas.py starts from "registered"; this replays a fresh copy of
    the same steps on a stand-in and applies only those still ahead, through the services.
    """
    order = [
        "registered",
        "accepted",
        "dispatched",
        "investigating",
        "proposed",
        "approved",
        "handling",
        "resolved",
        "replied",
        "satisfied",
    ]
    complaint.refresh_from_db()
    start, goal = order.index(complaint.status), order.index(to)
    for status in order[start + 1 : goal + 1]:
        _STEPS[status](museum, complaint)
        complaint.refresh_from_db()
        assert complaint.status == status, (complaint.status, status)
    return complaint


def _step(name: str, role: str, **kwargs: Any) -> Any:
    from bihuan.complaints import services

    def run(museum: Museum, complaint: Complaint) -> None:
        values = {key: value(museum) if callable(value) else value for key, value in kwargs.items()}
        getattr(services, name)(
            actor=museum.actor(getattr(museum, role)), complaint=complaint, **values
        )

    return run


def _proposed(museum: Museum, complaint: Complaint) -> None:
    from datetime import timedelta

    from bihuan.complaints.services import complaint_propose, complaint_submit_report
    from bihuan.core import clock

    actor = museum.actor(museum.handler)
    complaint_submit_report(actor=actor, complaint=complaint, findings="装置电源故障")
    complaint_propose(
        actor=actor,
        complaint=complaint,
        measures="更换电源并致歉",
        responsible_person=museum.handler,
        due_date=(clock.now() + timedelta(days=3)).date(),
    )


_STEPS = {
    "accepted": _step("complaint_accept", "clerk"),
    "dispatched": _step("complaint_dispatch", "clerk", department=lambda m: m.exhibitions),
    "investigating": _step("complaint_start_investigation", "handler"),
    "proposed": _proposed,
    "approved": _step("complaint_approve", "head"),
    "handling": _step("complaint_start_handling", "handler"),
    "resolved": _step("complaint_resolve", "handler", result="已更换电源"),
    "replied": _step("complaint_reply", "clerk", method="phone", text="已修复，致歉"),
    "satisfied": _step("complaint_rate", "clerk", rating="satisfied"),
}
