"""deliver_due(): sends each due message once, records every attempt, retries with back-off,
gives up after N tries, and picks up what a killed worker left behind."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection, connections

from bihuan.core import clock
from bihuan.notifications.choices import Kind, OutboxStatus
from bihuan.notifications.delivery import LEASE, WORKER_LOST, deliver_due, retry_delay
from bihuan.notifications.models import DeliveryAttempt, OutboxMessage
from bihuan.notifications.services import notify, outbox_retry
from bihuan.notifications.transports import TRANSPORTS, transport_for
from bihuan.notifications.transports.email import EmailTransport
from bihuan.notifications.transports.log import LogTransport

from . import fakes
from .conftest import REFUSED_PREFIX, Inbox, free_port, person, point_mail_at

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def queue_mail(username: str = "head", **person_options: Any) -> OutboxMessage:
    notify(
        recipients=[person(username, **person_options)],
        kind=Kind.OVERDUE,
        title="超时",
        body="请处理",
    )
    return OutboxMessage.objects.get(recipient=f"{username}@museum.example")


def test_a_due_message_is_sent_once_through_a_real_smtp_server(smtp: Inbox) -> None:
    message = queue_mail()
    assert deliver_due() == 1
    [mail] = smtp.to("head@museum.example")
    assert mail["Subject"] == "超时" and mail["X-Bihuan-Outbox-Id"] == str(message.pk)
    assert mail.get_content().strip() == "请处理"
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None
    assert message.attempts == 1 and message.claimed_until is None and message.last_error == ""
    [attempt] = message.delivery_attempts.all()
    assert attempt.ok is True and attempt.error == "" and attempt.finished_at is not None
    assert deliver_due() == 0
    assert len(smtp.to("head@museum.example")) == 1


def test_a_failed_send_is_recorded_and_retried_later_with_growing_waits(settings: Any) -> None:
    point_mail_at(settings, "127.0.0.1", free_port())  # nothing listens there
    with clock.travel_to(MOMENT):
        message = queue_mail()
        assert deliver_due() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert message.next_attempt_at == MOMENT + timedelta(minutes=1)
    assert "ConnectionRefusedError" in message.last_error
    [attempt] = message.delivery_attempts.all()
    assert attempt.ok is False and "ConnectionRefusedError" in attempt.error

    with clock.travel_to(MOMENT + timedelta(seconds=59)):
        deliver_due()  # not yet due
    assert DeliveryAttempt.objects.count() == 1
    with clock.travel_to(MOMENT + timedelta(minutes=1)):
        deliver_due()
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == MOMENT + timedelta(minutes=1 + 2)


def test_after_the_last_allowed_attempt_the_message_is_marked_failed(settings: Any) -> None:
    settings.BIHUAN_OUTBOX_MAX_ATTEMPTS = 3
    fakes.use(settings, fakes.FailingTransport)
    with clock.travel_to(MOMENT):
        message = queue_mail()
    moment = MOMENT
    for _ in range(5):
        with clock.travel_to(moment):
            deliver_due()
        moment += timedelta(hours=2)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.attempts == 3
    assert "the mail server is down" in message.last_error
    assert [a.ok for a in message.delivery_attempts.all()] == [False, False, False]


def test_a_permanent_failure_is_not_retried(settings: Any) -> None:
    fakes.use(settings, fakes.RefusingTransport)
    message = queue_mail()
    deliver_due()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        OutboxStatus.FAILED,
        1,
        "no such address",
    )


def test_an_address_the_mail_server_refuses_fails_for_good(smtp: Inbox) -> None:
    message = queue_mail("nobody", email=f"{REFUSED_PREFIX}museum.example")
    deliver_due()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and "refused the address" in message.last_error
    assert smtp.received == []


def test_a_message_for_an_unknown_transport_fails_with_a_clear_error() -> None:
    message = OutboxMessage.objects.create(transport="pigeon", recipient="x", subject="s", body="b")
    deliver_due()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error == "no transport is registered under the name 'pigeon'"


def test_a_message_whose_worker_died_is_sent_when_its_lease_runs_out(settings: Any) -> None:
    fakes.use(settings, fakes.RecordingTransport)
    fakes.RecordingTransport.sent = []
    abandoned = queue_mail("head")
    in_flight = queue_mail("leader")
    # One worker claimed both and died while sending the first; the second's lease is live.
    OutboxMessage.objects.filter(pk=abandoned.pk).update(
        status=OutboxStatus.SENDING, attempts=1, claimed_until=MOMENT
    )
    DeliveryAttempt.objects.create(message=abandoned, started_at=MOMENT - LEASE)
    OutboxMessage.objects.filter(pk=in_flight.pk).update(
        status=OutboxStatus.SENDING, attempts=1, claimed_until=MOMENT + LEASE
    )
    with clock.travel_to(MOMENT - timedelta(seconds=1)):
        assert deliver_due() == 0  # the lease still runs
    with clock.travel_to(MOMENT + timedelta(seconds=1)):
        assert deliver_due() == 1
    assert fakes.RecordingTransport.sent == [abandoned.pk]
    abandoned.refresh_from_db()
    assert abandoned.status == OutboxStatus.SENT and abandoned.attempts == 2
    lost, delivered = abandoned.delivery_attempts.all()
    assert (lost.ok, lost.error) == (False, WORKER_LOST)
    assert delivered.ok is True
    in_flight.refresh_from_db()
    assert in_flight.status == OutboxStatus.SENDING


def test_waits_double_from_one_minute_up_to_an_hour() -> None:
    minutes = [retry_delay(n) / timedelta(minutes=1) for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert retry_delay(10_000) == timedelta(hours=1)


def test_retrying_queues_failed_messages_again_and_leaves_sent_ones(settings: Any) -> None:
    fakes.use(settings, fakes.RefusingTransport)
    failed = queue_mail("head")
    deliver_due()
    sent = OutboxMessage.objects.create(
        transport="email", recipient="a@b.c", subject="s", body="b", status=OutboxStatus.SENT
    )
    with clock.travel_to(MOMENT):
        assert outbox_retry(message_ids=[failed.pk, sent.pk]) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.next_attempt_at) == (
        OutboxStatus.PENDING,
        0,
        MOMENT,
    )
    assert failed.delivery_attempts.count() == 1  # the history stays
    sent.refresh_from_db()
    assert sent.status == OutboxStatus.SENT


def test_at_most_limit_messages_are_sent_per_run(settings: Any) -> None:
    fakes.use(settings, fakes.RecordingTransport)
    for n in range(5):
        queue_mail(f"user{n}")
    assert deliver_due(limit=2) == 2
    assert deliver_due() == 3


# Transports -----------------------------------------------------------------------------


def test_transports_are_found_by_name_and_a_setting_can_replace_one(settings: Any) -> None:
    assert set(TRANSPORTS) >= {"email", "sms", "wechat"}
    assert isinstance(transport_for("email"), EmailTransport)
    assert isinstance(transport_for("sms"), LogTransport)
    fakes.use(settings, fakes.RecordingTransport)
    assert isinstance(transport_for("email"), fakes.RecordingTransport)


def test_the_log_transport_writes_the_message_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    OutboxMessage.objects.create(
        transport="sms", recipient="13812341234", subject="督办", body="GF-1 已超时"
    )
    with caplog.at_level(logging.INFO, logger="bihuan.notifications.transports.log"):
        assert deliver_due() == 1
    assert "sms to 13812341234: 督办" in caplog.text and "GF-1 已超时" in caplog.text


# Two deliverers at once -------------------------------------------------------------------


def _two_deliverers(settings: Any, count: int) -> None:
    fakes.use(settings, fakes.RecordingTransport)
    fakes.RecordingTransport.sent = []
    fakes.RecordingTransport.delay = 0.01
    try:
        people = [person(f"user{n}") for n in range(count)]
        notify(recipients=people, kind=Kind.GENERAL, title="通知", body="")
        barrier = threading.Barrier(2)
        totals: list[int] = []
        crashes: list[BaseException] = []

        def worker() -> None:
            try:
                barrier.wait(timeout=30)
                totals.append(deliver_due())
            except BaseException as error:
                crashes.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a thread hung"
    finally:
        fakes.RecordingTransport.delay = 0.0
    assert crashes == []
    assert sorted(fakes.RecordingTransport.sent) == sorted(
        OutboxMessage.objects.values_list("pk", flat=True)
    )
    assert sum(totals) == count
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == count
    assert DeliveryAttempt.objects.count() == count


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_two_concurrent_deliverers_send_each_message_once(settings: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    _two_deliverers(settings, 40)


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_two_concurrent_deliverers_send_each_message_once(settings: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of the race")
    _two_deliverers(settings, 20)
