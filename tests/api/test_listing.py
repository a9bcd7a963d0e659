"""The complaint list: the staff list's filters, an allowlist of keys, stable cursor pages,
and the same department scoping as the web pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bihuan.complaints.choices import Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import ComplainantInput, complaint_dispatch
from bihuan.core import clock

from ..personas import Museum, advance, register
from .conftest import complaint_url, error_of

LIST = "/api/v1/complaints/"


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["tracking_code"] for row in response.json()["results"]]


def walk(client: APIClient, url: str) -> list[str]:
    """Every page from ``url`` on, following ``next``."""
    seen: list[str] = []
    while url:
        response = client.get(url)
        seen += codes(response)
        url = response.json()["next"]
    return seen


@pytest.fixture
def two_departments(museum: Museum) -> tuple[Complaint, Complaint, Complaint]:
    """One complaint led by exhibitions, one by facilities, one not yet dispatched."""
    exhibits = advance(museum, register(museum), Status.DISPATCHED)
    facilities = register(museum, category=museum.category("facilities"))
    advance(museum, facilities, Status.ACCEPTED)
    complaint_dispatch(
        actor=museum.actor(museum.clerk), complaint=facilities, department=museum.facilities
    )
    fresh = register(museum, complainant=ComplainantInput(name="赵六", phone="13900001111"))
    return exhibits, facilities, fresh


def test_each_role_lists_what_its_pages_list(museum: Museum, api, two_departments) -> None:
    exhibits, facilities, _fresh = two_departments
    every = {c.tracking_code for c in two_departments}
    assert set(codes(api(museum.clerk).get(LIST))) == every
    assert set(codes(api(museum.supervisor).get(LIST))) == every
    assert set(codes(api(museum.leader).get(LIST))) == every
    assert codes(api(museum.handler).get(LIST)) == [exhibits.tracking_code]
    assert codes(api(museum.head).get(LIST)) == [exhibits.tracking_code]
    assert codes(api(museum.other_handler).get(LIST)) == [facilities.tracking_code]
    assert codes(api(museum.administrator).get(LIST)) == []
    response = api(museum.outsider).get(LIST)
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


def test_another_departments_complaint_is_404_everywhere(
    museum: Museum, api, two_departments
) -> None:
    exhibits = two_departments[0]
    for user in (museum.other_handler, museum.other_head, museum.outsider, museum.administrator):
        client = api(user)
        for suffix in ("", "timeline/", "attachments/", "actions/", "actions/investigate/"):
            method = client.post if suffix.startswith("actions/i") else client.get
            response = method(complaint_url(exhibits, suffix))
            assert response.status_code == 404, (user, suffix)
            assert error_of(response)["code"] == "not_found"
    assert api(museum.handler).get(complaint_url(exhibits)).status_code == 200


def test_filters_are_those_of_the_staff_list(museum: Museum, api, two_departments) -> None:
    exhibits, facilities, fresh = two_departments
    client = api(museum.clerk)
    assert codes(client.get(LIST, {"status": "registered"})) == [fresh.tracking_code]
    both = set(codes(client.get(f"{LIST}?status=registered&status=dispatched")))
    assert both == {c.tracking_code for c in two_departments}
    assert codes(client.get(LIST, {"department": museum.facilities.pk})) == [
        facilities.tracking_code
    ]
    assert codes(client.get(LIST, {"category": museum.category("facilities").pk})) == [
        facilities.tracking_code
    ]
    assert codes(client.get(LIST, {"keyword": exhibits.tracking_code})) == [exhibits.tracking_code]
    today = timezone.localdate(clock.now())
    assert len(codes(client.get(LIST, {"received_from": today.isoformat()}))) == 3
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert codes(client.get(LIST, {"received_from": tomorrow})) == []
    assert set(codes(client.get(LIST, {"queue": "new"}))) == {fresh.tracking_code}


def test_bad_filter_values_are_400_with_the_field(museum: Museum, api) -> None:
    client = api(museum.clerk)
    for params, field in (
        ({"status": "lost"}, "status"),
        ({"category": "abc"}, "category"),
        ({"received_from": "yesterday"}, "received_from"),
        ({"received_from": "2026-05-02", "received_to": "2026-05-01"}, "received_to"),
        ({"queue": "approval"}, "queue"),  # not a queue of the clerk
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "100000"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ):
        response = client.get(LIST, params)
        assert response.status_code == 400, params
        assert error_of(response)["field"] == field, params


@pytest.mark.parametrize(
    "params",
    [
        {"ordering": "assignee__password"},
        {"ordering": "complainant__phone"},
        {"ordering": "-id"},
        {"complainant__phone": "13812341234"},
        {"assignee__password__startswith": "md5"},
        {"tracking_code": "X"},
        {"search": "x"},
    ],
)
def test_sort_and_filter_keys_are_an_allowlist(museum: Museum, api, params: dict) -> None:
    register(museum)
    response = api(museum.clerk).get(LIST, params)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] in {"parameter_not_allowed", "ordering_not_allowed"}
    assert "results" not in response.json()
    assert "md5$" not in response.content.decode()  # no password hash, whatever was asked


def test_cursor_pages_never_repeat_or_skip_while_complaints_arrive(museum: Museum, api) -> None:
    start = clock.now() - timedelta(hours=2)
    made = [
        register(museum, received_at=start + timedelta(minutes=i // 2)) for i in range(7)
    ]  # pairs received in the same minute: the id breaks the tie
    client = api(museum.clerk)
    first = client.get(LIST, {"page_size": 3})
    page_one = codes(first)
    # New complaints arrive between pages: they are newer, so they come before the cursor.
    register(museum)
    register(museum)
    rest = walk(client, first.json()["next"])
    newest_first = sorted(made, key=lambda c: (c.received_at, c.pk), reverse=True)
    assert page_one + rest == [c.tracking_code for c in newest_first]

    ascending = walk(client, f"{LIST}?ordering=received_at&page_size=2")
    assert len(ascending) == 9
    assert len(set(ascending)) == 9
    assert ascending[:7] == [c.tracking_code for c in reversed(newest_first)]


def test_a_cursor_of_one_order_is_refused_by_the_other(museum: Museum, api) -> None:
    for _ in range(3):
        register(museum)
    client = api(museum.clerk)
    cursor = client.get(LIST, {"page_size": 1}).json()["next_cursor"]
    assert cursor
    response = client.get(LIST, {"page_size": 1, "cursor": cursor, "ordering": "received_at"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "cursor_invalid"


def test_list_rows_mask_the_phone_as_the_list_page_does(museum: Museum, api) -> None:
    register(museum, complainant=ComplainantInput(name="张三", phone="13812341234"))
    row = api(museum.supervisor).get(LIST).json()["results"][0]
    assert row["complainant"] == {"name": "张三", "phone": "138****1234"}
    assert "13812341234" not in api(museum.clerk).get(LIST).content.decode()


def test_the_list_costs_a_fixed_number_of_queries(
    museum: Museum, api, django_assert_max_num_queries
) -> None:
    for _ in range(12):
        register(museum)
    client = api(museum.clerk)
    client.get(LIST)  # warm the caches (content types, the actor)
    with django_assert_max_num_queries(8):
        response = client.get(LIST, {"page_size": 10})
    assert len(codes(response)) == 10
