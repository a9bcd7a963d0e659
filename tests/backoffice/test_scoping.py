"""Department scoping on the pages: another department's complaint does not exist for them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.backoffice.actions import ACTIONS
from bihuan.complaints.choices import Status
from bihuan.complaints.selectors import queues_for
from bihuan.complaints.services import complaint_attach
from tests.files import upload

from ..personas import Museum
from .conftest import act_url, detail_url, reach, snapshot

Login = Callable[[User], Client]


@pytest.mark.parametrize("persona", ["other_handler", "other_head"])
def test_another_department_gets_not_found_everywhere_for_an_exhibitions_complaint(
    museum: Museum, login: Login, persona: str
) -> None:
    complaint = reach(museum, Status.INVESTIGATING)
    (attachment,) = complaint_attach(
        actor=museum.actor(museum.handler),
        complaint=complaint,
        files=[upload("a.pdf")],
    )
    before = snapshot()
    client = login(getattr(museum, persona))
    assert client.get(detail_url(complaint)).status_code == 404
    for name in ACTIONS:
        response = client.post(act_url(complaint, name), {"note": "x", "reason": "x"})
        assert response.status_code == 404, name
    download = reverse(
        "backoffice:attachment_download", args=[complaint.tracking_code, attachment.pk]
    )
    assert client.get(download).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["other_handler", "other_head"])
def test_another_department_does_not_see_it_in_the_list_or_any_queue(
    museum: Museum, login: Login, persona: str
) -> None:
    ours = [reach(museum, status) for status in (Status.DISPATCHED, Status.PROPOSED)]
    user = getattr(museum, persona)
    client = login(user)
    pages = [reverse("backoffice:complaint_list")] + [
        reverse("backoffice:queue", args=[name]) for name in queues_for(museum.actor(user))
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        for complaint in ours:
            assert complaint.tracking_code not in response.content.decode(), url
    # …while the exhibitions handler does see them.
    page = login(museum.handler).get(reverse("backoffice:complaint_list")).content.decode()
    assert all(complaint.tracking_code in page for complaint in ours)
