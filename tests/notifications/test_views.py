"""The notification centre: the bell's count, the list, marking read, and nobody else's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.core import clock
from bihuan.notifications.choices import Kind
from bihuan.notifications.models import Notification
from bihuan.notifications.services import notify

from ..backoffice.conftest import text
from ..personas import Museum, register

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
BELL = reverse("notifications:bell")
READ_ALL = reverse("notifications:read_all")
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def read_url(notification: Notification) -> str:
    return reverse("notifications:read", args=[notification.pk])


def tell(user: User, title: str, *, minutes: int = 0, **options: object) -> Notification:
    with clock.travel_to(START + timedelta(minutes=minutes)):
        [notification] = notify(
            recipients=[user],
            kind=options.pop("kind", Kind.GENERAL),  # type: ignore[arg-type]
            title=title,
            body=str(options.pop("body", "")),
            **options,  # type: ignore[arg-type]
        )
    return notification


def test_the_bell_counts_the_users_unread_notifications(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    tell(museum.handler, "one")
    tell(museum.handler, "two")
    read = tell(museum.handler, "three")
    Notification.objects.filter(pk=read.pk).update(read_at=START)
    for n in range(5):
        tell(museum.head, f"not yours {n}")
    body = text(login(museum.handler).get(BELL))
    assert 'data-unread="2"' in body and ">2<" in body


def test_the_bell_shows_no_badge_when_all_is_read(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    response = login(museum.handler).get(BELL)
    assert response.status_code == 200 and "badge" not in text(response)


def test_the_bell_of_a_signed_out_browser_swaps_nothing(client: Client) -> None:
    assert client.get(BELL).status_code == 204


def test_every_staff_page_loads_the_bell_with_htmx_every_minute(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    body = text(login(museum.clerk).get(reverse("backoffice:complaint_list")))
    assert f'hx-get="{BELL}"' in body and 'hx-trigger="load, every 60s"' in body
    assert f'href="{LIST}"' in body


def test_the_list_shows_the_users_notifications_newest_first(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    tell(museum.handler, "older", minutes=0, kind=Kind.WARNING, body="黄色预警")
    tell(museum.handler, "newer", minutes=5, kind=Kind.OVERDUE)
    tell(museum.head, "someone else's")
    body = text(login(museum.handler).get(LIST))
    assert body.index("newer") < body.index("older")
    assert "someone else's" not in body
    assert "黄色预警" in body and "Overdue" in body and "Deadline approaching" in body
    assert "Mark all read" in body


def test_the_list_is_paginated(museum: Museum, login: Callable[[User], Client]) -> None:
    for n in range(30):
        tell(museum.handler, f"notice {n:02d}", minutes=n)
    client_ = login(museum.handler)
    first, second = text(client_.get(LIST)), text(client_.get(LIST, {"page": 2}))
    assert "notice 29" in first and "notice 05" in first and "notice 04" not in first
    assert "notice 04" in second and "notice 00" in second and "notice 05" not in second
    assert "Page 2 of 2" in second


def test_the_list_page_makes_a_fixed_number_of_queries(
    museum: Museum,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    for n in range(25):
        tell(museum.handler, f"notice {n}", minutes=n)
    client_ = login(museum.handler)
    with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
        assert client_.get(LIST).status_code == 200


def test_opening_a_notification_marks_it_read_and_goes_to_its_complaint(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    complaint = register(museum)
    notification = tell(museum.handler, "新投诉", complaint=complaint)
    response = login(museum.handler).post(read_url(notification), {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "backoffice:complaint_detail", args=[complaint.tracking_code]
    )
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert f'action="{read_url(notification)}"' in text(login(museum.handler).get(LIST))


def test_mark_read_returns_to_the_same_page_of_the_list(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    notification = tell(museum.handler, "notice")
    response = login(museum.handler).post(read_url(notification), {"page": "2"})
    assert response["Location"] == f"{LIST}?page=2"
    notification.refresh_from_db()
    assert notification.is_read


def test_mark_all_read_marks_only_the_users_own(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    tell(museum.handler, "one")
    tell(museum.handler, "two")
    theirs = tell(museum.head, "the head's")
    response = login(museum.handler).post(READ_ALL)
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Notification.objects.filter(recipient=museum.handler, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_users_notification_is_not_found_and_stays_unread(
    museum: Museum, login: Callable[[User], Client]
) -> None:
    theirs = tell(museum.head, "the head's")
    response = login(museum.handler).post(read_url(theirs), {"open": "1"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    missing = reverse("notifications:read", args=[theirs.pk + 1000])
    assert login(museum.handler).post(missing).status_code == 404


def test_marking_read_needs_a_post(museum: Museum, login: Callable[[User], Client]) -> None:
    notification = tell(museum.handler, "notice")
    client_ = login(museum.handler)
    assert client_.get(read_url(notification)).status_code == 405
    assert client_.get(READ_ALL).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_elsewhere_is_not_followed(museum: Museum, login: Callable[[User], Client]) -> None:
    notification = tell(museum.handler, "notice", url="https://evil.example/")
    response = login(museum.handler).post(read_url(notification), {"open": "1"})
    assert response["Location"] == LIST


def test_signed_out_the_list_asks_to_sign_in(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.post(READ_ALL).status_code == 302
