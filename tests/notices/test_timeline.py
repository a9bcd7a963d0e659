"""Staff see the notices on the complaint's timeline."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.complaints.services import ComplainantInput

from ..personas import Museum, register


def test_the_complaint_page_lists_each_notice_with_its_channel_and_masked_address(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    person = ComplainantInput(name="张三", phone="13812341234", email="zhang@example.com")
    complaint = register(museum, complainant=person)
    page = login(museum.clerk).get(
        reverse("backoffice:complaint_detail", args=[complaint.tracking_code])
    )
    assert page.status_code == 200
    assert page.text.count('data-event="notice"') == 2
    assert "z***@example.com" in page.text and "138****1234" in page.text
    assert "Notice sent to the complainant" in page.text
