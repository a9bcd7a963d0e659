"""Every text a complainant supplies is shown escaped on every staff page that shows it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.complaints.choices import Channel, Rating, Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import (
    ComplainantInput,
    complaint_rate_by_complainant,
    complaint_register,
    complaint_supplement,
)
from tests.files import upload

from ..complaints.states import advance
from ..personas import Museum
from .conftest import detail_url

Login = Callable[[User], Client]

PAYLOADS = (
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(2)>",
    "javascript:alert(3)",
)


def _payload(label: str) -> str:
    return f"{label} " + " ".join(PAYLOADS)


def _hostile_complaint(museum: Museum) -> Complaint:
    complaint = complaint_register(
        actor=None,
        channel=Channel.WEB,
        complainant=ComplainantInput(
            name=_payload("name")[:100],
            email="x@example.org",
            member_card_no="<b>card</b>",
        ),
        subject=_payload("subject"),
        description=_payload("description"),
        demand=_payload("demand"),
        occurred_place=_payload("place")[:200],
        files=[upload("<img src=z onerror=alert(4)>.png"), upload('"><img src=y>.pdf')],
    )
    complaint_supplement(
        complaint=complaint, text=_payload("supplement"), channel=Channel.WEB, source="<i>"
    )
    return complaint


def _assert_escaped(body: str, where: str) -> None:
    for raw in ("<script>alert", "<img src=", "<svg/onload", "<b>card</b>"):
        assert raw not in body, f"{raw!r} unescaped on {where}"


def test_complainant_text_is_escaped_on_every_staff_page(museum: Museum, login: Login) -> None:
    complaint = _hostile_complaint(museum)
    pages = [
        detail_url(complaint),
        reverse("backoffice:queue", args=["new"]),
        reverse("backoffice:complaint_list"),
        reverse("backoffice:complaint_list") + "?keyword=alert",
    ]
    client = login(museum.clerk)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        _assert_escaped(body, url)
    detail = client.get(detail_url(complaint)).content.decode()
    # Shown, as text: the reader sees the payload, the browser runs nothing.
    assert "&lt;script&gt;alert(" in detail
    assert "&lt;img src=z onerror=alert(4)&gt;.png" in detail


def test_a_dissatisfied_comment_is_escaped_on_the_page_and_in_the_bell(
    museum: Museum, login: Login
) -> None:
    complaint = _hostile_complaint(museum)
    advance(museum, complaint, Status.REPLIED)
    complaint_rate_by_complainant(
        complaint=complaint,
        rating=Rating.DISSATISFIED,
        comment=_payload("comment"),
        channel=Channel.WEB,
    )
    client = login(museum.clerk)
    pages = [
        detail_url(complaint),
        reverse("backoffice:queue", args=["open"]),
        reverse("notifications:list"),
        reverse("notifications:bell"),
    ]
    for url in pages:
        _assert_escaped(client.get(url).content.decode(), url)
