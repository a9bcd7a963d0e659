"""Polling a real Dovecot mailbox: fetch unseen, ingest, flag only after the commit."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from pytest_django import Settings

from bihuan.complaints.models import Complaint
from bihuan.core.jobs import PERIODIC_JOBS, job_named, run_job
from bihuan.mailin.choices import InboundStatus, Source
from bihuan.mailin.imap import poll_mailbox
from bihuan.mailin.models import InboundMessage
from tests.personas import Museum

from .conftest import Mailbox
from .corpus import corpus_names, load

# The poller commits each message before flagging it: real transactions are needed.
pytestmark = pytest.mark.django_db(transaction=True)

SEEN = b"\\Seen"


def test_unseen_messages_become_complaints_and_are_flagged_seen(
    museum: Museum, mailbox: Mailbox
) -> None:
    first = mailbox.append(load("utf8-plain.eml"))
    second = mailbox.append(load("big5.eml"))
    already_read = mailbox.append(load("english-qp.eml"), seen=True)

    result = poll_mailbox()

    assert result is not None
    assert result.fetched == 2
    assert result.statuses == {InboundStatus.INGESTED: 2}
    assert set(Complaint.objects.values_list("subject", flat=True)) == {
        "展厅空调太冷",
        "導覽員態度不佳",
    }
    assert InboundMessage.objects.filter(source=Source.IMAP).count() == 2
    assert SEEN in mailbox.flags(first) and SEEN in mailbox.flags(second)
    assert mailbox.uids("UNSEEN") == []
    assert already_read in mailbox.uids()
    assert poll_mailbox() is not None and Complaint.objects.count() == 2


def test_the_message_stays_unseen_when_the_commit_fails(museum: Museum, mailbox: Mailbox) -> None:
    uid = mailbox.append(load("gbk-base64.eml"))
    with (
        mock.patch(
            "bihuan.mailin.services.InboundMessage.save", side_effect=RuntimeError("db gone")
        ),
        pytest.raises(RuntimeError, match="db gone"),
    ):
        poll_mailbox()
    assert SEEN not in mailbox.flags(uid)
    assert InboundMessage.objects.count() == 0
    assert Complaint.objects.count() == 0

    poll_mailbox()  # the database is back

    assert SEEN in mailbox.flags(uid)
    assert Complaint.objects.get().subject == "售票处多收费"


def test_a_crash_between_commit_and_flag_creates_no_duplicate(
    museum: Museum, mailbox: Mailbox
) -> None:
    uid = mailbox.append(load("rfc2047-headers.eml"))
    with (
        mock.patch("imapclient.IMAPClient.add_flags", side_effect=ConnectionError("gone")),
        pytest.raises(ConnectionError),
    ):
        poll_mailbox()
    assert Complaint.objects.count() == 1  # committed
    assert SEEN not in mailbox.flags(uid)  # but not flagged

    result = poll_mailbox()

    assert result is not None and result.duplicates == 1 and not result.statuses
    assert SEEN in mailbox.flags(uid)
    assert Complaint.objects.count() == 1
    assert InboundMessage.objects.count() == 1


def test_quarantined_and_automatic_messages_are_flagged_too(
    museum: Museum, mailbox: Mailbox
) -> None:
    broken = mailbox.append(load("malformed-no-sender.eml"))
    bounce = mailbox.append(load("bounce-dsn.eml"))
    result = poll_mailbox()
    assert result is not None
    assert result.statuses == {InboundStatus.QUARANTINED: 1, InboundStatus.IGNORED: 1}
    assert SEEN in mailbox.flags(broken) and SEEN in mailbox.flags(bounce)
    assert Complaint.objects.count() == 0
    stored = InboundMessage.objects.get(status=InboundStatus.QUARANTINED).raw_bytes
    assert stored == load("malformed-no-sender.eml").replace(b"\n", b"\r\n")  # IMAP is CRLF


def test_after_delete_the_stored_messages_are_expunged(
    museum: Museum, mailbox: Mailbox, settings: Settings
) -> None:
    settings.BIHUAN_IMAP_AFTER = "delete"
    mailbox.append(load("alternative.eml"))
    mailbox.append(load("crlf-outlook.eml"))
    kept = mailbox.append(load("forwarded-inline.eml"), seen=True)
    result = poll_mailbox()
    assert result is not None and result.fetched == 2
    assert mailbox.uids() == [kept]
    assert Complaint.objects.count() == 2


def test_a_batch_limit_leaves_the_rest_for_the_next_poll(
    museum: Museum, mailbox: Mailbox, settings: Settings
) -> None:
    settings.BIHUAN_IMAP_BATCH = 2
    for name in ("utf8-plain.eml", "big5.eml", "english-qp.eml"):
        mailbox.append(load(name))
    assert poll_mailbox().fetched == 2  # type: ignore[union-attr]
    assert len(mailbox.uids("UNSEEN")) == 1
    assert poll_mailbox().fetched == 1  # type: ignore[union-attr]
    assert Complaint.objects.count() == 3


def test_the_whole_corpus_through_the_mailbox_loses_nothing(
    museum: Museum, mailbox: Mailbox
) -> None:
    names = [name for name in corpus_names() if not name.startswith("reply-")]
    for name in names:
        mailbox.append(load(name))
    result = poll_mailbox()
    assert result is not None
    assert result.fetched == len(names)
    assert mailbox.uids("UNSEEN") == []
    stored = InboundMessage.objects.count()
    assert stored + result.duplicates == len(names)
    assert result.duplicates == 1  # duplicate-b.eml repeats duplicate-a.eml's Message-ID
    counts = dict(result.statuses)
    assert counts[InboundStatus.IGNORED] == 8
    assert counts[InboundStatus.QUARANTINED] == 3
    assert Complaint.objects.count() == counts[InboundStatus.INGESTED]


def test_the_periodic_job_polls_every_minute(museum: Museum, mailbox: Mailbox) -> None:
    job = job_named("mailin.poll_mailbox")
    assert job in PERIODIC_JOBS
    assert job.interval == 60
    mailbox.append(load("utf8-plain.eml"))
    run_job(job)
    assert Complaint.objects.count() == 1


def test_no_host_means_no_polling(settings: Settings) -> None:
    settings.BIHUAN_IMAP_HOST = ""
    with mock.patch("bihuan.mailin.imap.IMAPClient") as client:
        assert poll_mailbox() is None
        run_job(job_named("mailin.poll_mailbox"))
    client.assert_not_called()


def test_poll_refuses_to_run_inside_a_transaction(mailbox: Mailbox) -> None:
    with transaction.atomic(), pytest.raises(RuntimeError):
        poll_mailbox()


def test_the_command_polls_once(
    museum: Museum, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    mailbox.append(load("gb18030-qp.eml"))
    call_command("poll_mailbox")
    assert "1 fetched (1 ingested)" in capsys.readouterr().out
    assert Complaint.objects.get().subject == "餐厅菜里有头发"


def test_the_command_says_when_polling_is_off(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.BIHUAN_IMAP_HOST = ""
    call_command("poll_mailbox")
    assert "off" in capsys.readouterr().out


def test_the_command_reports_a_refused_login(
    museum: Museum, mailbox: Mailbox, settings: Settings
) -> None:
    settings.BIHUAN_IMAP_PASSWORD = "wrong"
    uid = mailbox.append(load("utf8-plain.eml"))
    with pytest.raises(CommandError, match=r"Could not poll complaints@127\.0\.0\.1"):
        call_command("poll_mailbox")
    assert SEEN not in mailbox.flags(uid)
    assert InboundMessage.objects.count() == 0


def test_two_polls_at_once_store_each_message_once(museum: Museum, mailbox: Mailbox) -> None:
    names = ["utf8-plain.eml", "big5.eml", "english-qp.eml", "gbk-base64.eml"]
    for name in names:
        mailbox.append(load(name))
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def poll() -> None:
        try:
            start.wait(5)
            poll_mailbox()
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=poll) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert InboundMessage.objects.count() == Complaint.objects.count() == len(names)
    assert mailbox.uids("UNSEEN") == []
