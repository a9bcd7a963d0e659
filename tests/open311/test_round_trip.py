"""A whole loop: filed through Open311, handled by staff through the services, read back."""

from __future__ import annotations

from django.test import Client

from bihuan.complaints.models import Complaint
from bihuan.complaints.public import public_reply_text

from ..complaints.states import _dissatisfied, _followed_up, _reject
from ..personas import Museum
from .conftest import BASE, file_request, walk


def read(client: Client, complaint: Complaint) -> dict:
    (record,) = client.get(f"{BASE}/requests/{complaint.tracking_code}.json").json()
    return record


def test_filed_handled_replied_and_closed(client: Client, museum: Museum, api_key: str) -> None:
    complaint = file_request(client, api_key)
    record = read(client, complaint)
    assert record["status"] == "open"
    assert record["agency_responsible"] is None
    assert record["expected_datetime"] is None  # no resolution clock before acceptance

    walk(museum, complaint, "dispatched")
    complaint.refresh_from_db()
    record = read(client, complaint)
    assert record["status"] == "open"
    assert record["agency_responsible"] == museum.exhibitions.name
    resolve_clock = complaint.clocks.get(stage="resolve", completed_at__isnull=True)
    expected = resolve_clock.due_at
    from bihuan.open311.records import iso

    assert record["expected_datetime"] == iso(expected)
    assert "已修复" not in (record["status_notes"] or "")

    walk(museum, complaint, "replied")
    record = read(client, complaint)
    assert record["status"] == "closed"
    assert record["status_notes"] == public_reply_text(complaint) == "已修复，致歉"
    assert record["expected_datetime"] is None
    assert record["updated_datetime"] >= record["requested_datetime"]

    # dissatisfied: open again, the reply no longer the last word
    _dissatisfied(museum, complaint)
    assert read(client, complaint)["status"] == "open"


def test_a_followed_up_complaint_is_closed_with_its_reply(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(client, api_key)
    _followed_up(museum, complaint)
    record = read(client, complaint)
    assert record["status"] == "closed"
    assert record["status_notes"] == "已修复，致歉"


def test_a_rejected_complaint_is_closed_with_the_reason(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(client, api_key)
    _reject(museum, complaint)
    record = read(client, complaint)
    assert record["status"] == "closed"
    assert record["status_notes"] == "不属于本馆受理范围"


def test_the_staff_see_the_complaint_as_from_open311(
    client: Client, museum: Museum, api_key: str
) -> None:
    complaint = file_request(client, api_key)
    event = complaint.events.get(action="register")
    assert event.data == {"channel": "open311"}
    assert complaint.status == "registered"
