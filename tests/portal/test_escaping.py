"""Every text a complainant supplies is shown escaped: on the portal's pages (the form
shown again, the status page) and on the clerk's complaint page."""

from __future__ import annotations

from html import escape

import pytest
from django.test import Client
from django.urls import reverse

from bihuan.complaints.models import Complaint

from ..files import upload
from ..personas import Museum, advance
from .helpers import complaint_data, file_complaint, look_up, submit

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
PAYLOADS = [SCRIPT, IMAGE]


def assert_escaped(html: str, *payloads: str) -> None:
    for payload in payloads:
        assert payload not in html
    assert "onerror=alert(1)>" not in html.replace("&gt;", "")  # no live attribute anywhere
    assert "<script>alert" not in html


def test_the_form_shown_again_escapes_what_was_typed(museum: Museum, visitor: Client) -> None:
    data = complaint_data(
        visitor,
        description=f"描述 {SCRIPT} {IMAGE}",
        demand=IMAGE,
        occurred_place=IMAGE,
        name=IMAGE,
        phone=IMAGE,  # refused: its message quotes it back
        email=f"{IMAGE}@example.com",
        consent=None,
    )
    response = submit(visitor, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert_escaped(html, *PAYLOADS)
    assert escape(SCRIPT) in html
    assert escape(IMAGE) in html
    assert not Complaint.objects.exists()


def test_the_status_page_and_the_clerks_page_escape_everything(
    museum: Museum, visitor: Client
) -> None:
    complaint = file_complaint(
        visitor,
        description=f"描述 {SCRIPT} {IMAGE}",
        demand=f"{SCRIPT}{IMAGE}",
        occurred_place=IMAGE,
        name=f"{SCRIPT}{IMAGE}",
        files=[upload(f"{IMAGE}.jpg"), upload("<b onmouseover=alert(1)>x.png")],
    )
    names = list(complaint.attachments.values_list("original_name", flat=True))
    assert any("onerror=alert(1)" in name for name in names)  # kept as data
    page = reverse("portal:complaint", args=[complaint.tracking_code])
    added = visitor.post(
        reverse("portal:supplement", args=[complaint.tracking_code]),
        {"text": f"补充 {SCRIPT}{IMAGE}", "files": [upload(f"{SCRIPT}.pdf")]},
    )
    assert added.status_code == 302
    advance(museum, complaint, "replied")
    rated = visitor.post(
        reverse("portal:rate", args=[complaint.tracking_code]),
        {"rating": "dissatisfied", "comment": f"{SCRIPT}{IMAGE}"},
    )
    assert rated.status_code == 302

    portal_html = visitor.get(page).content.decode()
    assert_escaped(portal_html, *PAYLOADS)
    assert escape(SCRIPT) in portal_html and escape(IMAGE) in portal_html
    assert "&lt;b onmouseover=alert(1)&gt;x.png" in portal_html

    staff = Client()
    staff.force_login(museum.clerk)
    staff_page = staff.get(reverse("backoffice:complaint_detail", args=[complaint.tracking_code]))
    assert staff_page.status_code == 200
    staff_html = staff_page.content.decode()
    assert_escaped(staff_html, *PAYLOADS)
    assert escape(SCRIPT) in staff_html and escape(IMAGE) in staff_html
    assert "<b onmouseover" not in staff_html


def test_the_look_up_form_escapes_the_code_typed(museum: Museum, visitor: Client) -> None:
    html = look_up(visitor, f"{SCRIPT}{IMAGE}"[:32], IMAGE).content.decode()
    assert_escaped(html, *PAYLOADS)
    linked = visitor.get(reverse("portal:status"), {"code": IMAGE}).content.decode()
    assert_escaped(linked, IMAGE)
