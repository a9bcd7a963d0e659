"""Ingestion: each message becomes a complaint, a supplement, an ignored, duplicate or
quarantined message; never half of one, never lost."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import override_settings
from pytest_django import Settings

from bihuan.complaints.choices import Action, Channel
from bihuan.complaints.models import Complaint, TimelineEvent
from bihuan.complaints.services import ComplainantInput
from bihuan.core.errors import DomainError
from bihuan.mailin.choices import InboundStatus, Source
from bihuan.mailin.models import InboundMessage
from bihuan.mailin.services import email_ingest, email_reprocess
from tests.personas import Museum, register

from .corpus import load

pytestmark = pytest.mark.django_db

NEW_COMPLAINTS = {
    "utf8-plain.eml": ("zh-hans", "展厅空调太冷"),
    "gbk-base64.eml": ("zh-hans", "售票处多收费"),
    "gb18030-qp.eml": ("zh-hans", "餐厅菜里有头发"),
    "big5.eml": ("zh-hant", "導覽員態度不佳"),
    "gb2312-mislabelled.eml": ("zh-hans", "停车场车辆被刮"),
    "unlabelled-gbk.eml": ("zh-hans", "complaint about toilets"),
    "english-qp.eml": ("en", "Wheelchair access at the east entrance"),
    "rfc2047-headers.eml": ("zh-hans", "儿童区设施损坏"),
    "rfc2047-broken.eml": ("zh-hans", "讲解太快"),
    "raw-8bit-headers.eml": ("zh-hans", "寄存柜坏了"),
    "alternative.eml": ("zh-hans", "咖啡厅服务差"),
    "html-only-script.eml": ("zh-hans", "官网预约失败"),
    "forwarded-rfc822.eml": ("zh-hans", "Fwd: 展品说明牌有错别字"),
    "forwarded-inline.eml": ("zh-hans", "Fw: 投诉：讲座取消没有通知"),
    "crlf-outlook.eml": ("zh-hans", "讲解器押金未退"),
    "no-message-id.eml": ("zh-hans", "没有编号的邮件"),
    "utf8-label-gbk-body.eml": ("zh-hans", "存包处丢失物品"),
    "zh-hant-utf8.eml": ("zh-hant", "兒童區設施損壞"),
    "broken-base64-body.eml": ("zh-hans", "讲解器没电"),
    "nested-mixed-alternative-related.eml": ("zh-hans", "展厅地面湿滑"),
    "attachment-content-type-name-only.eml": ("zh-hans", "票据"),
}


@pytest.mark.parametrize("name", sorted(NEW_COMPLAINTS))
def test_a_new_message_becomes_an_email_complaint(museum: Museum, name: str) -> None:
    language, subject = NEW_COMPLAINTS[name]
    result = email_ingest(raw=load(name), source=Source.PIPE)
    inbound = result.message
    assert not result.duplicate
    assert inbound.status == InboundStatus.INGESTED, inbound.error
    complaint = inbound.complaint
    assert complaint is not None
    assert complaint.channel == Channel.EMAIL
    assert complaint.subject == subject
    assert complaint.registered_by is None
    assert complaint.complainant.email == inbound.sender_address
    assert complaint.complainant.preferred_language == language
    assert complaint.events.filter(action=Action.REGISTER).count() == 1
    assert inbound.raw_bytes == load(name)
    assert inbound.source == Source.PIPE


def test_the_text_becomes_the_description_and_the_sender_the_complainant(
    museum: Museum,
) -> None:
    complaint = email_ingest(raw=load("gbk-base64.eml"), source=Source.IMAP).message.complaint
    assert complaint is not None
    assert "工作人员态度恶劣，还多收了我二十元" in complaint.description
    assert complaint.complainant.name == "王喆"


def test_a_message_with_only_a_subject_uses_it_as_the_description(museum: Museum) -> None:
    complaint = email_ingest(raw=load("subject-only.eml"), source=Source.PIPE).message.complaint
    assert complaint is not None
    assert complaint.description == "停车场收费标准不清楚，多收了十元"


def test_attachments_with_encoded_names_are_attached(museum: Museum) -> None:
    for name, filename in (
        ("attachment-rfc2231.eml", "座椅照片.jpg"),
        ("attachment-rfc2047-name.eml", "发票说明.pdf"),
        ("attachment-rfc2231-continued.eml", "门票收据扫描件.pdf"),
        ("attachment-content-type-name-only.eml", "退款申请.pdf"),
    ):
        inbound = email_ingest(raw=load(name), source=Source.PIPE).message
        assert inbound.complaint is not None, inbound.error
        names = [a.original_name for a in inbound.complaint.attachments.all()]
        assert names == [filename]
        assert inbound.refused_files == []


def test_a_forbidden_attachment_is_refused_and_the_rest_lands(museum: Museum) -> None:
    inbound = email_ingest(raw=load("attachment-forbidden.eml"), source=Source.PIPE).message
    assert inbound.status == InboundStatus.INGESTED
    assert inbound.complaint is not None
    assert [a.original_name for a in inbound.complaint.attachments.all()] == ["gate.jpg"]
    assert [(f["name"], f["code"]) for f in inbound.refused_files] == [("photos.exe", "file_type")]
    assert "photos.exe" in inbound.refused_files[0]["reason"]
    assert b"photos.exe" in inbound.raw_bytes  # the raw message keeps it


@override_settings(BIHUAN_ATTACHMENT_MAX_BYTES=100_000)
def test_an_oversize_attachment_is_refused_and_the_rest_lands(museum: Museum) -> None:
    inbound = email_ingest(raw=load("attachment-oversize.eml"), source=Source.PIPE).message
    assert inbound.status == InboundStatus.INGESTED
    assert inbound.complaint is not None
    assert [a.original_name for a in inbound.complaint.attachments.all()] == ["receipt.pdf"]
    assert [(f["name"], f["code"]) for f in inbound.refused_files] == [
        ("video-frames.pdf", "file_too_large")
    ]


@override_settings(BIHUAN_ATTACHMENT_MAX_COUNT=1)
def test_attachments_beyond_the_count_limit_are_refused(museum: Museum) -> None:
    raw = load("attachment-forbidden.eml").replace(b'filename="photos.exe"', b'filename="b.jpg"')
    inbound = email_ingest(raw=raw, source=Source.PIPE).message
    assert inbound.complaint is not None
    assert inbound.complaint.attachments.count() == 1
    assert [f["code"] for f in inbound.refused_files] == ["too_many_files"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("auto-submitted.eml", "auto_submitted"),
        ("x-autoreply.eml", "autoreply_header"),
        ("precedence-bulk.eml", "precedence"),
        ("precedence-junk.eml", "precedence"),
        ("mailing-list.eml", "mailing_list"),
        ("bounce-dsn.eml", "mailer_daemon"),
        ("bounce-postmaster.eml", "mailer_daemon"),
        ("null-return-path.eml", "null_sender"),
    ],
)
def test_automatic_mail_creates_no_complaint(museum: Museum, name: str, reason: str) -> None:
    inbound = email_ingest(raw=load(name), source=Source.IMAP).message
    assert inbound.status == InboundStatus.IGNORED
    assert inbound.automatic_reason == reason
    assert inbound.complaint is None
    assert Complaint.objects.count() == 0


def test_the_same_message_id_is_ingested_once(museum: Museum) -> None:
    first = email_ingest(raw=load("duplicate-a.eml"), source=Source.IMAP)
    again = email_ingest(raw=load("duplicate-a.eml"), source=Source.IMAP)
    other_body = email_ingest(raw=load("duplicate-b.eml"), source=Source.PIPE)
    assert not first.duplicate and again.duplicate and other_body.duplicate
    assert again.message == first.message == other_body.message
    assert InboundMessage.objects.count() == 1
    assert Complaint.objects.count() == 1


def test_a_message_without_message_id_is_ingested_once(museum: Museum) -> None:
    first = email_ingest(raw=load("no-message-id.eml"), source=Source.PIPE)
    again = email_ingest(raw=load("no-message-id.eml"), source=Source.PIPE)
    assert again.duplicate and again.message == first.message
    assert Complaint.objects.count() == 1


def test_the_same_text_resent_under_a_new_message_id_is_a_duplicate(museum: Museum) -> None:
    first = email_ingest(raw=load("utf8-plain.eml"), source=Source.PIPE).message
    resent = load("utf8-plain.eml").replace(b"<utf8-plain@", b"<utf8-plain-resent@")
    second = email_ingest(raw=resent, source=Source.PIPE).message
    assert second.status == InboundStatus.DUPLICATE
    assert second.complaint == first.complaint
    assert "<utf8-plain@mail.example>" in second.note
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize("name", ["malformed-garbage.eml", "malformed-no-sender.eml"])
def test_an_unparseable_message_is_quarantined_and_kept(museum: Museum, name: str) -> None:
    inbound = email_ingest(raw=load(name), source=Source.PIPE).message
    assert inbound.status == InboundStatus.QUARANTINED
    assert inbound.error
    assert inbound.raw_bytes == load(name)
    assert Complaint.objects.count() == 0


def test_a_message_registration_refuses_is_quarantined_with_the_reason(museum: Museum) -> None:
    inbound = email_ingest(raw=load("empty-body-and-subject.eml"), source=Source.PIPE).message
    assert inbound.status == InboundStatus.QUARANTINED
    assert inbound.sender_address == "kong@mail.example"
    assert inbound.error  # "Describe what happened."
    assert Complaint.objects.count() == 0


def test_an_unexpected_failure_leaves_no_half_complaint(museum: Museum) -> None:
    with mock.patch(
        "bihuan.complaints.services.register._workflow.record", side_effect=RuntimeError("disk")
    ):
        inbound = email_ingest(raw=load("attachment-rfc2231.eml"), source=Source.PIPE).message
    assert inbound.status == InboundStatus.QUARANTINED
    assert inbound.error == "RuntimeError: disk"
    assert Complaint.objects.count() == 0
    assert TimelineEvent.objects.count() == 0


def test_a_quarantined_message_is_reprocessed(museum: Museum) -> None:
    with mock.patch(
        "bihuan.complaints.services.register._workflow.record", side_effect=RuntimeError("disk")
    ):
        inbound = email_ingest(raw=load("utf8-plain.eml"), source=Source.PIPE).message
    again = email_reprocess(message=inbound)
    assert again.status == InboundStatus.INGESTED
    assert again.error == ""
    assert again.attempts == 2
    assert again.complaint is not None and again.complaint.subject == "展厅空调太冷"
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.INGESTED


def test_only_a_quarantined_message_is_reprocessed(museum: Museum) -> None:
    inbound = email_ingest(raw=load("utf8-plain.eml"), source=Source.PIPE).message
    with pytest.raises(DomainError):
        email_reprocess(message=inbound)
    assert Complaint.objects.count() == 1


def test_reprocessing_what_still_fails_keeps_it_quarantined(museum: Museum) -> None:
    inbound = email_ingest(raw=load("malformed-no-sender.eml"), source=Source.PIPE).message
    again = email_reprocess(message=inbound)
    assert again.status == InboundStatus.QUARANTINED
    assert again.attempts == 2
    assert again.error


# Threading ----------------------------------------------------------------------------


def _emailed(museum: Museum) -> Complaint:
    return register(
        museum,
        channel="email",
        complainant=ComplainantInput(name="张三", email="zhangsan@mail.example"),
    )


def test_a_reply_with_a_signed_reference_is_threaded(museum: Museum) -> None:
    complaint = _emailed(museum)
    inbound = email_ingest(raw=load("reply-threaded.eml", complaint), source=Source.IMAP).message
    assert inbound.status == InboundStatus.THREADED, inbound.error
    assert inbound.complaint == complaint
    assert inbound.note == ""
    event = complaint.events.get(action=Action.SUPPLEMENT)
    assert "坏的是二号互动装置" in event.note
    assert "您的投诉已受理" not in event.note  # the quoted text is cut
    assert [a.original_name for a in complaint.attachments.all()] == ["device.jpg"]
    assert Complaint.objects.count() == 1


def test_the_quoted_notice_in_a_chinese_reply_is_cut(museum: Museum) -> None:
    complaint = _emailed(museum)
    inbound = email_ingest(
        raw=load("reply-quoted-chinese.eml", complaint), source=Source.IMAP
    ).message
    assert inbound.status == InboundStatus.THREADED
    note = complaint.events.get(action=Action.SUPPLEMENT).note
    assert note == "好的，谢谢。我周六下午还会去。"


def test_a_reply_threads_by_in_reply_to_when_the_subject_lost_the_tag(museum: Museum) -> None:
    complaint = _emailed(museum)
    raw = load("reply-in-reply-to-only.eml", complaint)
    inbound = email_ingest(raw=raw, source=Source.IMAP).message
    assert inbound.status == InboundStatus.THREADED
    assert inbound.complaint == complaint


def test_a_reply_from_another_address_is_threaded_with_a_note(museum: Museum) -> None:
    complaint = _emailed(museum)
    inbound = email_ingest(
        raw=load("reply-other-sender.eml", complaint), source=Source.PIPE
    ).message
    assert inbound.status == InboundStatus.THREADED
    assert "colleague@office.example" in inbound.note
    event = complaint.events.get(action=Action.SUPPLEMENT)
    assert "colleague@office.example" in event.note
    assert "我代张三补充" in event.note


def test_a_forged_in_reply_to_does_not_thread(museum: Museum) -> None:
    victim = _emailed(museum)
    inbound = email_ingest(
        raw=load("reply-forged-in-reply-to.eml", victim), source=Source.PIPE
    ).message
    assert inbound.status == InboundStatus.INGESTED
    assert inbound.complaint != victim
    assert not victim.events.filter(action=Action.SUPPLEMENT).exists()


def test_a_guessed_tracking_code_does_not_thread(museum: Museum) -> None:
    victim = _emailed(museum)
    inbound = email_ingest(raw=load("reply-guessed-code.eml", victim), source=Source.PIPE).message
    assert inbound.status == InboundStatus.INGESTED
    assert inbound.complaint != victim
    assert not victim.events.filter(action=Action.SUPPLEMENT).exists()


def test_a_reply_to_an_archived_complaint_becomes_a_new_complaint(museum: Museum) -> None:
    complaint = _emailed(museum)
    Complaint.objects.filter(pk=complaint.pk).update(status="archived")
    inbound = email_ingest(raw=load("reply-threaded.eml", complaint), source=Source.PIPE).message
    assert inbound.status == InboundStatus.INGESTED, inbound.error
    assert inbound.complaint is not None and inbound.complaint != complaint
    assert complaint.tracking_code in inbound.note
    assert [a.original_name for a in inbound.complaint.attachments.all()] == ["device.jpg"]
    assert not complaint.events.filter(action=Action.SUPPLEMENT).exists()
    assert complaint.attachments.count() == 0


def test_a_reply_its_complaint_refuses_is_quarantined_with_the_reason(museum: Museum) -> None:
    complaint = _emailed(museum)
    refusal = DomainError("too_long", "Keep it to 5000 characters.")
    with mock.patch("bihuan.mailin.services.complaint_supplement", side_effect=refusal):
        inbound = email_ingest(
            raw=load("reply-threaded.eml", complaint), source=Source.PIPE
        ).message
    assert inbound.status == InboundStatus.QUARANTINED
    assert inbound.error == "Keep it to 5000 characters."
    assert inbound.complaint is None
    assert complaint.attachments.count() == 0
    assert Complaint.objects.count() == 1


def test_a_long_reply_is_shortened_not_refused(museum: Museum) -> None:
    complaint = _emailed(museum)
    raw = load("reply-other-sender.eml", complaint).replace(
        "我代张三补充：当时是下午三点。".encode(), ("很长的补充。" * 2000).encode()
    )
    inbound = email_ingest(raw=raw, source=Source.PIPE).message
    assert inbound.status == InboundStatus.THREADED
    note = complaint.events.get(action=Action.SUPPLEMENT).note
    assert len(note) <= 5000
    assert note.endswith("(Shortened; the whole email is kept.)")


def test_mail_from_our_own_address_is_a_loop_not_a_complaint(
    museum: Museum, settings: Settings
) -> None:
    settings.DEFAULT_FROM_EMAIL = "闭环 <Tousu@Museum.example>"
    raw = load("utf8-plain.eml").replace(b"zhangwei@mail.example", b"tousu@museum.example")
    inbound = email_ingest(raw=raw, source=Source.IMAP).message
    assert inbound.status == InboundStatus.IGNORED
    assert inbound.automatic_reason == "own_address"
    assert Complaint.objects.count() == 0


def test_a_message_stored_meanwhile_by_another_poller_is_a_duplicate(museum: Museum) -> None:
    first = email_ingest(raw=load("utf8-plain.eml"), source=Source.IMAP).message
    # The other poller committed between this one's look-up and its insert.
    with mock.patch("bihuan.mailin.services._stored", side_effect=[None, first]):
        again = email_ingest(raw=load("utf8-plain.eml"), source=Source.IMAP)
    assert again.duplicate and again.message == first
    assert InboundMessage.objects.count() == 1
    assert Complaint.objects.count() == 1
