"""Registration at the desk: what a clerk types becomes one complaint, whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bihuan.complaints.choices import Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import ComplainantInput
from bihuan.core import clock
from bihuan.org.models import Organisation
from tests.files import upload

from ..personas import Museum, register
from .conftest import detail_url, snapshot, text

Login = Callable[[User], Client]
URL = "/complaints/new/"


def form_data(museum: Museum, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "phone": "13912345678",
        "name": "王五",
        "channel": "phone",
        "category": museum.category("facilities").pk,
        "description": "洗手间没有纸巾。",
        "demand": "及时补充",
        "preferred_language": "zh-hans",
        "reply_method": "in_person",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_starts_at_the_phone_field_with_phone_as_the_channel(
    museum: Museum, login: Login
) -> None:
    page = text(login(museum.clerk).get(URL))
    phone_at = page.index('name="phone"')
    assert "autofocus" in page[phone_at - 300 : phone_at + 600]
    order = [
        'name="phone"',
        'name="name"',
        'name="channel"',
        'name="category"',
        'name="site"',
        'name="description"',
        'name="demand"',
        'name="occurred_at"',
        'name="occurred_place"',
        'name="external_reference"',
        'name="is_anonymous"',
        'name="contact_confidential"',
        'name="member_card_no"',
        'name="email"',
        'name="preferred_language"',
        'name="files"',
        'name="on_the_spot"',
        'name="result"',
        'name="reply_method"',
    ]
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert '<option value="phone" selected>' in page
    assert "data-submit-shortcut" in page
    assert 'hx-get="/complainants/lookup/"' in page


def test_a_clerk_registers_a_complaint_and_lands_on_its_page(museum: Museum, login: Login) -> None:
    client = login(museum.clerk)
    photo = upload("photo.png")
    memo = upload("memo.pdf")
    response = client.post(URL, form_data(museum, files=[photo, memo]))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(complaint)
    assert complaint.status == Status.REGISTERED
    assert complaint.complainant.name == "王五"
    assert complaint.registered_by == museum.clerk
    assert sorted(a.original_name for a in complaint.attachments.all()) == ["memo.pdf", "photo.png"]
    page = text(client.get(response["Location"]))
    assert f"Complaint registered. Tracking code: {complaint.tracking_code}" in page


def test_register_and_start_another_returns_to_an_empty_form(museum: Museum, login: Login) -> None:
    client = login(museum.clerk)
    response = client.post(URL, form_data(museum, another="1"))
    assert response.status_code == 302
    assert response["Location"] == URL
    code = Complaint.objects.get().tracking_code
    assert f"Tracking code: {code}" in text(client.get(URL))


def test_resolved_on_the_spot_is_registered_replied_and_recorded(
    museum: Museum, login: Login
) -> None:
    response = login(museum.clerk).post(
        URL,
        form_data(museum, on_the_spot="on", result="当场补充了纸巾", reply_method="in_person"),
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.status == Status.REPLIED
    assert complaint.on_the_spot
    assert complaint.replies.get().text == "当场补充了纸巾"


def test_a_referral_keeps_its_work_order_number(museum: Museum, login: Login) -> None:
    response = login(museum.clerk).post(
        URL, form_data(museum, channel="referral_12345", external_reference="12345-0001")
    )
    assert response.status_code == 302
    assert Complaint.objects.get().external_reference == "12345-0001"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": "  "}, "This field is required."),
        ({"phone": "call me"}, "“call me” is not a phone number."),
        (
            {"phone": "", "name": "无名"},
            "Give a phone number, an email or a member card number, or mark it anonymous.",
        ),
        ({"channel": "referral_12315"}, "A referral needs the referrer's work-order number."),
        ({"channel": "carrier_pigeon"}, "Select a valid choice."),
        ({"category": "99999"}, "Select a valid choice."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"occurred_at": "yesterday"}, "Enter a valid date/time."),
        (
            {"occurred_at": (clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
            "A complaint cannot be received or happen in the future.",
        ),
        ({"on_the_spot": "on", "result": ""}, "Record how the complaint was solved on the spot."),
        (
            {"files": [SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")]},
            "“virus.exe” is not an accepted type",
        ),
        (
            {"files": [SimpleUploadedFile("empty.jpg", b"", "image/jpeg")]},
            "The submitted file is empty.",
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    museum: Museum, login: Login, changes: dict[str, Any], message: str
) -> None:
    register(museum, complainant=ComplainantInput(name="王五", phone="13912345678"))
    before = snapshot()
    response = login(museum.clerk).post(URL, form_data(museum, **changes))
    assert response.status_code == 400
    assert message in text(response)
    assert snapshot() == before
    assert 'class="invalid-feedback d-block"' in text(response) or "alert-danger" in text(response)
    if "files" in changes:
        assert "choose them again" in text(response)


def test_an_anonymous_complaint_is_refused_where_the_organisation_takes_none(
    museum: Museum, login: Login
) -> None:
    Organisation.objects.update(allow_anonymous=False)
    before = snapshot()
    response = login(museum.clerk).post(URL, form_data(museum, phone="", is_anonymous="on"))
    assert response.status_code == 400
    assert "This organisation does not take anonymous complaints." in text(response)
    assert snapshot() == before


def test_the_look_up_lists_a_returning_complainant_and_their_latest_complaints(
    museum: Museum, login: Login
) -> None:
    first = register(museum, complainant=ComplainantInput(name="张三", phone="13812341234"))
    second = register(museum, complainant=ComplainantInput(name="张三", phone="13812341234"))
    client = login(museum.clerk)
    response = client.get(reverse("backoffice:complainant_lookup"), {"phone": "138 1234 1234"})
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page  # a partial for htmx, not a page
    assert 'data-fill-name="张三"' in page
    assert page.index(second.tracking_code) < page.index(first.tracking_code)
    assert detail_url(first) in page
    assert "13812341234" not in page


@pytest.mark.parametrize("phone", ["", "138", "13900000000"])
def test_the_look_up_is_empty_for_unknown_or_short_numbers(
    museum: Museum, login: Login, phone: str
) -> None:
    register(museum)
    response = login(museum.clerk).get(reverse("backoffice:complainant_lookup"), {"phone": phone})
    assert response.status_code == 200
    assert "Returning complainant" not in text(response)


def test_the_look_up_query_count_does_not_grow_with_history(
    museum: Museum, login: Login, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        register(museum)
    client = login(museum.clerk)
    client.get(reverse("backoffice:complaint_list"))  # warm the session
    with django_assert_max_num_queries(8):
        client.get(reverse("backoffice:complainant_lookup"), {"phone": "13812341234"})
