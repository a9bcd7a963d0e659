"""manage.py ingest_email (MTA piping) and reprocess_email."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from bihuan.complaints.models import Complaint
from bihuan.mailin.choices import InboundStatus, Source
from bihuan.mailin.models import InboundMessage
from bihuan.mailin.services import email_ingest
from tests.personas import Museum

from .corpus import load

pytestmark = pytest.mark.django_db


def _pipe(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))


def test_a_piped_message_becomes_a_complaint(
    museum: Museum, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _pipe(load("gbk-base64.eml"), monkeypatch)
    call_command("ingest_email")
    complaint = Complaint.objects.get()
    assert (
        f"<gbk-base64@mail.example>: ingested {complaint.tracking_code}" in capsys.readouterr().out
    )
    assert InboundMessage.objects.get().source == Source.PIPE


def test_a_piped_message_that_is_quarantined_still_exits_zero(
    museum: Museum, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _pipe(load("malformed-garbage.eml"), monkeypatch)
    call_command("ingest_email")  # no SystemExit: the message is stored
    assert "quarantined" in capsys.readouterr().out
    assert InboundMessage.objects.get().status == InboundStatus.QUARANTINED


def test_the_same_message_piped_twice_is_stored_once(
    museum: Museum, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        _pipe(load("utf8-plain.eml"), monkeypatch)
        call_command("ingest_email")
    assert "already stored" in capsys.readouterr().out
    assert Complaint.objects.count() == InboundMessage.objects.count() == 1


def test_no_input_exits_with_a_data_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _pipe(b"", monkeypatch)
    with pytest.raises(SystemExit) as exit_:
        call_command("ingest_email")
    assert exit_.value.code == 65
    assert "no message" in capsys.readouterr().err


def test_a_message_that_cannot_be_stored_exits_with_a_temporary_failure(
    museum: Museum, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _pipe(load("utf8-plain.eml"), monkeypatch)
    with (
        mock.patch(
            "bihuan.mailin.services.InboundMessage.objects.create",
            side_effect=RuntimeError("database is down"),
        ),
        pytest.raises(SystemExit) as exit_,
    ):
        call_command("ingest_email")
    assert exit_.value.code == 75  # the mail server keeps the message and retries
    assert "database is down" in capsys.readouterr().err
    assert Complaint.objects.count() == 0


def _quarantined(name: str) -> InboundMessage:
    with mock.patch(
        "bihuan.complaints.services.register._workflow.record", side_effect=RuntimeError("disk")
    ):
        message = email_ingest(raw=load(name), source=Source.IMAP).message
    assert message.status == InboundStatus.QUARANTINED
    return message


def test_reprocess_by_id(museum: Museum, capsys: pytest.CaptureFixture[str]) -> None:
    message = _quarantined("big5.eml")
    call_command("reprocess_email", str(message.pk))
    message.refresh_from_db()
    assert message.status == InboundStatus.INGESTED
    assert message.complaint is not None
    assert f"{message.pk}: ingested {message.complaint.tracking_code}" in capsys.readouterr().out


def test_reprocess_all_reports_what_is_still_quarantined(
    museum: Museum, capsys: pytest.CaptureFixture[str]
) -> None:
    fixable = _quarantined("english-qp.eml")
    broken = email_ingest(raw=load("malformed-no-sender.eml"), source=Source.PIPE).message
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("reprocess_email", "--all")
    fixable.refresh_from_db()
    broken.refresh_from_db()
    assert fixable.status == InboundStatus.INGESTED
    assert broken.status == InboundStatus.QUARANTINED and broken.attempts == 2
    assert "still quarantined" in capsys.readouterr().out


def test_reprocess_needs_ids_or_all(museum: Museum) -> None:
    with pytest.raises(CommandError, match="--all"):
        call_command("reprocess_email")
    with pytest.raises(CommandError, match="No received email with id 999"):
        call_command("reprocess_email", "999")
