"""Query budgets: list pages cost the same for 5 complaints as for 50, the complaint page
the same for a short history as for a long one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bihuan.complaints.choices import Status
from bihuan.complaints.services import (
    ComplainantInput,
    complaint_accept,
    complaint_attach,
    complaint_comment,
    complaint_dispatch,
    complaint_start_investigation,
)
from tests.files import upload

from ..personas import Museum, register
from .conftest import detail_url, reach

Login = Callable[[User], Client]
BUDGET = 14  # session, user, actor (staff, roles, departments), filter choices, the page


def add_complaints(museum: Museum, count: int) -> None:
    """Complaints of different complainants, dispatched to exhibitions and assigned."""
    clerk, handler = museum.actor(museum.clerk), museum.actor(museum.handler)
    for index in range(count):
        complaint = register(
            museum, complainant=ComplainantInput(name=f"访客{index}", phone=f"139{index:08d}")
        )
        if index % 2:
            continue  # half stay new, for the intake desk's queue
        complaint_accept(actor=clerk, complaint=complaint)
        complaint_dispatch(actor=clerk, complaint=complaint, department=museum.exhibitions)
        complaint_start_investigation(actor=handler, complaint=complaint)


def queries_for(client: Client, url: str) -> int:
    client.get(url)  # warm up: the session row and anything cached per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


PAGES = [
    ("clerk", "backoffice:complaint_list", ()),
    ("clerk", "backoffice:queue", ("new",)),
    ("handler", "backoffice:complaint_list", ()),
    ("handler", "backoffice:queue", ("department",)),
    ("handler", "backoffice:queue", ("mine",)),
    ("head", "backoffice:queue", ("approval",)),
    ("supervisor", "backoffice:queue", ("open",)),
]


@pytest.mark.parametrize(("persona", "name", "args"), PAGES)
def test_list_pages_do_not_grow_with_the_number_of_complaints(
    museum: Museum,
    login: Login,
    django_assert_max_num_queries: Any,
    persona: str,
    name: str,
    args: tuple[str, ...],
) -> None:
    client = login(getattr(museum, persona))
    url = reverse(name, args=args)
    add_complaints(museum, 5)
    few = queries_for(client, url)
    add_complaints(museum, 45)
    many = queries_for(client, url)
    assert few == many
    with django_assert_max_num_queries(BUDGET):
        client.get(url)
    with django_assert_max_num_queries(BUDGET):
        client.get(url, {"status": ["investigating"], "keyword": "访客", "channel": "phone"})


def test_the_complaint_page_does_not_grow_with_its_history(
    museum: Museum, login: Login, django_assert_max_num_queries: Any
) -> None:
    complaint = reach(museum, Status.PROPOSED)
    client = login(museum.head)
    url = detail_url(complaint)
    before = queries_for(client, url)
    for index in range(10):
        complaint_comment(actor=museum.actor(museum.handler), complaint=complaint, note=f"#{index}")
        if index < 5:
            complaint_attach(
                actor=museum.actor(museum.handler),
                complaint=complaint,
                files=[upload(f"{index}.txt")],
            )
    assert queries_for(client, url) == before
    with django_assert_max_num_queries(26):
        client.get(url)
