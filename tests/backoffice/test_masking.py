"""The complainant's phone number: masked in every list, whole only for those handling it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.complaints.choices import Status
from bihuan.complaints.selectors import queues_for
from bihuan.complaints.services import ComplainantInput, complaint_accept, complaint_dispatch

from ..personas import Museum, register
from .conftest import detail_url, reach

Login = Callable[[User], Client]
PHONE = "13812341234"
EMAIL = "zhang.san@example.com"
ALL_PERSONAS = [
    "clerk",
    "handler",
    "head",
    "other_handler",
    "other_head",
    "supervisor",
    "leader",
    "administrator",
]


@pytest.fixture
def complaints(museum: Museum) -> list[object]:
    person = ComplainantInput(name="张三", phone=PHONE, email=EMAIL)
    found = [
        reach(museum, status, complainant=person)
        for status in (Status.REGISTERED, Status.DISPATCHED, Status.PROPOSED, Status.RESOLVED)
    ]
    found.append(reach(museum, "major", complainant=person))
    return found


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_no_list_or_queue_shows_the_whole_phone_number(
    museum: Museum, login: Login, complaints: list[object], persona: str
) -> None:
    user = getattr(museum, persona)
    client = login(user)
    urls = [reverse("backoffice:complaint_list")] + [
        reverse("backoffice:queue", args=[name]) for name in queues_for(museum.actor(user))
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert PHONE not in page, url
        assert EMAIL not in page, url
    if persona in ("clerk", "handler", "supervisor"):
        assert "138****1234" in client.get(reverse("backoffice:complaint_list")).content.decode()


@pytest.mark.parametrize(
    ("persona", "whole"),
    [
        ("clerk", True),
        ("handler", True),
        ("head", True),
        ("supervisor", False),
        ("leader", False),
    ],
)
def test_the_complaint_page_shows_contact_details_only_to_those_handling_it(
    museum: Museum, login: Login, persona: str, whole: bool
) -> None:
    complaint = reach(
        museum,
        Status.INVESTIGATING,
        complainant=ComplainantInput(name="张三", phone=PHONE, email=EMAIL),
    )
    page = login(getattr(museum, persona)).get(detail_url(complaint)).content.decode()
    assert (PHONE in page) is whole
    assert (EMAIL in page) is whole
    assert "138****1234" in page or whole
    assert ("Contact details are masked" in page) is not whole


def test_a_co_handling_department_reads_the_complaint_but_not_the_contact(
    museum: Museum, login: Login
) -> None:
    complaint = register(
        museum, complainant=ComplainantInput(name="李四", phone=PHONE, contact_confidential=True)
    )
    complaint_accept(actor=museum.actor(museum.clerk), complaint=complaint)
    complaint_dispatch(
        actor=museum.actor(museum.clerk),
        complaint=complaint,
        department=museum.exhibitions,
        co_departments=[museum.facilities],
    )
    page = login(museum.other_handler).get(detail_url(complaint))
    assert page.status_code == 200
    assert PHONE not in page.content.decode()
    assert "138****1234" in page.content.decode()
    assert "Contact details confidential" in page.content.decode()
    assert PHONE in login(museum.handler).get(detail_url(complaint)).content.decode()
