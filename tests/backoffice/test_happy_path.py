"""One complaint round the whole loop through the staff pages, as four different people."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.complaints.choices import Action, Status
from bihuan.complaints.models import Complaint
from bihuan.core import clock
from tests.files import upload

from ..personas import Museum
from .conftest import act_url, detail_url, text


def offered(page: str) -> set[str]:
    return set(re.findall(r'/act/([a-z_]+)/"', page))


def step(client: Client, complaint: Complaint, name: str, data: dict[str, object]) -> Complaint:
    page = client.get(detail_url(complaint))
    assert page.status_code == 200
    assert act_url(complaint, name) in page.content.decode(), f"{name} is not offered"
    response = client.post(act_url(complaint, name), data)
    assert response.status_code == 302, text(response)
    assert response["Location"] == detail_url(complaint)
    complaint.refresh_from_db()
    return complaint


def test_register_to_archive_through_the_pages(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    client = login(museum.clerk)
    assert client.get(reverse("backoffice:complaint_register")).status_code == 200
    response = client.post(
        reverse("backoffice:complaint_register"),
        {
            "phone": "138 1234 5678",
            "name": "李四",
            "channel": "phone",
            "category": museum.category("exhibitions").pk,
            "description": "互动展项坏了。\n排队很久。",
            "demand": "修好",
            "preferred_language": "zh-hans",
            "reply_method": "in_person",
            "files": [upload("photo.jpg")],
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(complaint)
    page = client.get(response["Location"])
    assert complaint.tracking_code in text(page)
    assert "Complaint registered" in text(page)
    assert complaint.attachments.count() == 1

    step(client, complaint, "accept", {"note": "已受理"})
    step(client, complaint, "dispatch", {"department": museum.exhibitions.pk})
    assert complaint.lead_department == museum.exhibitions

    client = login(museum.handler)
    step(client, complaint, "investigate", {"assignee": ""})
    assert complaint.assignee == museum.handler
    step(client, complaint, "report", {"findings": "电源故障", "cause": "老化"})
    due = (clock.now() + timedelta(days=3)).date().isoformat()
    step(
        client,
        complaint,
        "propose",
        {
            "measures": "更换电源并致歉",
            "responsible_person": museum.handler.pk,
            "due_date": due,
            "compensation-TOTAL_FORMS": "2",
            "compensation-INITIAL_FORMS": "0",
            "compensation-0-kind": "free_ticket",
            "compensation-0-quantity": "2",
            "compensation-1-kind": "",
            "compensation-1-quantity": "1",
        },
    )
    solution = complaint.solutions.get()
    assert [(c.kind, c.quantity) for c in solution.compensation.all()] == [("free_ticket", 2)]

    client = login(museum.head)
    step(client, complaint, "approve", {"note": "同意"})

    client = login(museum.handler)
    step(client, complaint, "handle", {})
    step(client, complaint, "resolve", {"result": "已更换电源"})

    client = login(museum.clerk)
    step(client, complaint, "reply", {"method": "phone", "text": "已修复，致歉"})
    step(client, complaint, "rate", {"rating": "satisfied"})

    client = login(museum.supervisor)
    step(client, complaint, "follow_up", {"method": "phone", "outcome": "confirmed"})
    step(client, complaint, "close", {"note": "归档"})

    assert complaint.status == Status.ARCHIVED
    assert list(complaint.events.values_list("action", flat=True)) == [
        Action.REGISTER,
        Action.ACCEPT,
        Action.DISPATCH,
        Action.INVESTIGATE,
        Action.REPORT,
        Action.PROPOSE,
        Action.APPROVE,
        Action.HANDLE,
        Action.RESOLVE,
        Action.REPLY,
        Action.RATE,
        Action.FOLLOW_UP,
        Action.CLOSE,
    ]
    page = client.get(detail_url(complaint))
    assert offered(page.content.decode()) == {"comment"}  # an archive is frozen but for notes
