"""The outbox in the admin: every message with its attempts, read-only; failed ones retried."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as conf
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bihuan.notifications.choices import Kind, OutboxStatus
from bihuan.notifications.delivery import deliver_due
from bihuan.notifications.models import OutboxMessage
from bihuan.notifications.services import notify

from . import fakes
from .conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(User.objects.create_superuser("root", "root@museum.example", "x"))
    return client


def failed_message(settings: Any) -> OutboxMessage:
    fakes.use(settings, fakes.RefusingTransport)
    notify(recipients=[person("head")], kind=Kind.OVERDUE, title="超时", body="")
    deliver_due()
    return OutboxMessage.objects.get()


def test_a_message_shows_every_attempt_and_its_error_read_only(
    admin_client: Client, settings: Any
) -> None:
    message = failed_message(settings)
    changelist = admin_client.get(reverse("admin:notifications_outboxmessage_changelist"))
    assert changelist.status_code == 200 and "head@museum.example" in changelist.text
    page = admin_client.get(reverse("admin:notifications_outboxmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert "no such address" in page.text
    assert "<textarea" not in page.text and 'name="_save"' not in page.text
    assert admin_client.get(reverse("admin:notifications_outboxmessage_add")).status_code == 403


def test_the_retry_action_queues_a_failed_message_again(
    admin_client: Client, settings: Any
) -> None:
    message = failed_message(settings)
    assert message.status == OutboxStatus.FAILED
    response = admin_client.post(
        reverse("admin:notifications_outboxmessage_changelist"),
        {"action": "retry", "_selected_action": [message.pk]},
        follow=True,
    )
    assert "1 message queued again." in response.text
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 0


def test_staff_who_may_only_look_cannot_retry(settings: Any) -> None:
    from django.contrib.auth.models import Permission

    message = failed_message(settings)
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    client = Client()
    client.force_login(viewer)
    url = reverse("admin:notifications_outboxmessage_changelist")
    assert 'value="retry"' not in client.get(url).text
    client.post(url, {"action": "retry", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
