"""notify(): written with the caller's event or not at all, once per dedupe key, delivered
after the commit."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from bihuan.core import jobs
from bihuan.notifications.choices import Kind, OutboxStatus
from bihuan.notifications.models import Notification, OutboxMessage
from bihuan.notifications.services import notify

from ..personas import Museum, register
from .conftest import person

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


@pytest.fixture
def wakes() -> Iterator[list[str]]:
    """The wake-ups asked of this process's job runners."""
    heard: list[str] = []
    jobs.add_wake_listener(heard.append)
    yield heard
    jobs.remove_wake_listener(heard.append)


def test_each_recipient_gets_a_notification_and_those_with_an_address_an_email() -> None:
    head = person("head")
    no_mail = person("nomail", email="")
    notifications = notify(
        recipients=[head, no_mail], kind=Kind.SUPERVISION, title="督办：GF-1 已超时", body="请处理"
    )
    assert [n.recipient_id for n in notifications] == [head.pk, no_mail.pk]
    assert all(n.pk and n.read_at is None and n.kind == Kind.SUPERVISION for n in notifications)
    mail = OutboxMessage.objects.get()
    assert (mail.transport, mail.recipient, mail.subject) == (
        "email",
        head.email,
        "督办：GF-1 已超时",
    )
    assert mail.status == OutboxStatus.PENDING and mail.attempts == 0
    assert mail.body == "请处理"


def test_rolled_back_with_the_callers_transaction_nothing_remains_and_nothing_is_sent(
    wakes: list[str], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    head = person("head")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,  # type: ignore[attr-defined]
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        notify(recipients=[head], kind=Kind.OVERDUE, title="超时", body="")
        assert Notification.objects.count() == 1  # inside: written
        raise Boom
    assert Notification.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert callbacks == [] and wakes == []


def test_delivery_is_asked_for_only_after_the_commit(
    wakes: list[str], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():  # type: ignore[attr-defined]
        notify(recipients=[person("head")], kind=Kind.OVERDUE, title="超时", body="")
        assert wakes == []
    assert wakes == ["notifications.deliver_due"]


def test_without_any_email_address_no_delivery_is_asked_for(
    wakes: list[str], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        notify(recipients=[person("a", email="")], kind=Kind.GENERAL, title="t", body="")
    assert wakes == []


def test_the_same_dedupe_key_twice_writes_once_and_returns_the_first_rows() -> None:
    head, leader = person("head"), person("leader")
    first = notify(
        recipients=[head, leader], kind=Kind.WARNING, title="黄色预警", body="", dedupe_key="w:1"
    )
    again = notify(
        recipients=[head, leader], kind=Kind.WARNING, title="黄色预警", body="", dedupe_key="w:1"
    )
    assert [n.pk for n in again] == [n.pk for n in first]
    assert Notification.objects.count() == 2
    assert OutboxMessage.objects.count() == 2
    notify(recipients=[head], kind=Kind.WARNING, title="红色预警", body="", dedupe_key="w:2")
    assert Notification.objects.count() == 3


def test_a_recipient_added_on_a_repeated_call_is_notified_once() -> None:
    head, leader = person("head"), person("leader")
    notify(recipients=[head], kind=Kind.ESCALATION, title="升级", body="", dedupe_key="e:1")
    both = notify(
        recipients=[head, leader], kind=Kind.ESCALATION, title="升级", body="", dedupe_key="e:1"
    )
    assert sorted(n.recipient_id for n in both) == sorted([head.pk, leader.pk])
    assert Notification.objects.filter(recipient=head).count() == 1


def test_inactive_and_repeated_recipients_are_skipped() -> None:
    head = person("head")
    gone = person("gone", active=False)
    notifications = notify(recipients=[head, head, gone], kind=Kind.GENERAL, title="t", body="")
    assert [n.recipient_id for n in notifications] == [head.pk]
    assert OutboxMessage.objects.count() == 1
    assert notify(recipients=[gone], kind=Kind.GENERAL, title="t", body="") == []


def test_a_notification_about_a_complaint_links_to_its_page(
    museum: Museum, settings: object
) -> None:
    settings.BIHUAN_SITE_URL = "https://bihuan.example.org"  # type: ignore[attr-defined]
    complaint = register(museum)
    [notification] = notify(
        recipients=[person("boss")],
        kind=Kind.ASSIGNMENT,
        title="新投诉",
        body="请受理",
        complaint=complaint,
    )
    page = reverse("backoffice:complaint_detail", args=[complaint.tracking_code])
    assert notification.complaint_id == complaint.pk and notification.url == page
    mail = OutboxMessage.objects.get()
    assert mail.body == f"请受理\n\nhttps://bihuan.example.org{page}"


def test_titles_become_one_line_of_at_most_200_characters() -> None:
    [notification] = notify(
        recipients=[person("head")], kind=Kind.GENERAL, title="a\r\nb  " + "长" * 300, body=""
    )
    assert "\n" not in notification.title and notification.title.startswith("a b 长")
    assert len(notification.title) == 200
    assert OutboxMessage.objects.get().subject == notification.title


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "party"}, "unknown notification kind"),
        ({"title": "  "}, "needs a title"),
        ({"dedupe_key": ""}, "dedupe_key"),
        ({"dedupe_key": "k" * 201}, "dedupe_key"),
    ],
)
def test_bad_arguments_are_refused_and_write_nothing(changes: dict[str, str], message: str) -> None:
    arguments: dict[str, object] = {
        "recipients": [person("head")],
        "kind": Kind.GENERAL,
        "title": "t",
        "body": "",
        **changes,
    }
    with pytest.raises(ValueError, match=message):
        notify(**arguments)  # type: ignore[arg-type]
    assert Notification.objects.count() == 0 and OutboxMessage.objects.count() == 0


# Two sweeps on two workers notify the same event at the same moment -------------------------


def _sweep(
    head_pk: int, key: str, barrier: threading.Barrier, crashes: list[BaseException]
) -> None:
    """One sweep's transaction: the event's notification, keyed by the event."""
    from django.contrib.auth.models import User

    try:
        head = User.objects.get(pk=head_pk)
        barrier.wait(timeout=30)
        with transaction.atomic():
            notify(recipients=[head], kind=Kind.OVERDUE, title="超时", body="", dedupe_key=key)
    except BaseException as error:
        crashes.append(error)
    finally:
        connections.close_all()


def _race_notify(head_pk: int, rounds: int) -> list[BaseException]:
    crashes: list[BaseException] = []
    for round_ in range(rounds):
        barrier = threading.Barrier(2)
        arguments = (head_pk, f"overdue:{round_}", barrier, crashes)
        threads = [threading.Thread(target=_sweep, args=arguments) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return crashes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_two_concurrent_calls_with_one_key_write_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    head = person("head")
    assert _race_notify(head.pk, rounds=10) == []
    assert Notification.objects.count() == 10
    assert OutboxMessage.objects.count() == 10


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_two_concurrent_calls_with_one_key_write_once() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of the race")
    head = person("head")
    assert _race_notify(head.pk, rounds=5) == []
    assert Notification.objects.count() == 5
    assert OutboxMessage.objects.count() == 5
