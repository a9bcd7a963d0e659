"""The full loop through the outbox: a real SMTP server on 127.0.0.1, and fake SMS and
WeChat provider servers (the outside world) behind the providers' interface."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from bihuan.complaints.choices import Action
from bihuan.complaints.services import ComplainantInput
from bihuan.mailin.references import complaint_for_message, subject_tag
from bihuan.notices.choices import NoticeChannel, NoticeKind
from bihuan.notices.context import status_url
from bihuan.notices.models import Notice, WechatContact
from bihuan.notices.services import Address, notice_send
from bihuan.notifications.choices import OutboxStatus
from bihuan.notifications.delivery import deliver_due
from bihuan.notifications.models import OutboxMessage

from ..notifications.conftest import Inbox
from ..personas import Museum, advance, register
from .conftest import Call, FakeProvider

SITE = "https://complaints.museum.example"
ANN = ComplainantInput(
    name="Ann Lee", email="ann@example.com", phone="13812341234", preferred_language="en"
)


@pytest.fixture(autouse=True)
def site(settings: Any) -> None:
    settings.BIHUAN_SITE_URL = SITE


def test_acknowledgement_result_and_satisfaction_request_arrive_by_mail_and_sms(
    museum: Museum, smtp: Inbox, sms_gateway: FakeProvider
) -> None:
    complaint = register(museum, complainant=ANN)
    code = complaint.tracking_code
    assert deliver_due() == 2

    [ack] = smtp.to("ann@example.com")
    assert ack["Subject"] == (
        f"We have received your complaint (tracking code {code}) {subject_tag(complaint)}"
    )
    assert ack["Auto-Submitted"] == "auto-generated"
    text = ack.get_content()
    assert text.startswith("Dear Ann Lee,") and code in text
    assert status_url(complaint) in text
    # The Message-ID carries the signed reference: a reply to it threads back.
    assert complaint_for_message(in_reply_to=ack["Message-ID"]) == complaint
    message_id = str(ack["Message-ID"]).strip()
    assert Notice.objects.get(channel="email").email_message_id == message_id

    [sms] = sms_gateway.to("/sms")
    assert sms.body["to"] == "13812341234" and sms.body["sender"] == "MUSEUM"
    assert sms.headers["authorization"] == "Bearer gateway-token"
    assert code in sms.body["text"] and sms.body["text"].startswith("城市科技馆: we have received")

    advance(museum, complaint, "replied")
    deliver_due()
    mails = smtp.to("ann@example.com")
    subjects = [mail["Subject"] for mail in mails]
    assert subjects[-2].startswith(f"Notice of the result of your complaint (tracking code {code})")
    assert subjects[-1].startswith(f"Are you satisfied with our answer? (tracking code {code})")
    result, request = mails[-2].get_content(), mails[-1].get_content()
    assert result.startswith("NOTICE OF THE RESULT OF YOUR COMPLAINT") and "已修复，致歉" in result
    assert "satisfied, basically satisfied or dissatisfied" in request
    for mail in mails[1:]:
        assert str(mail["In-Reply-To"]).strip() == message_id  # one conversation in a mail client
        assert complaint_for_message(subject=mail["Subject"]) == complaint
    assert len(sms_gateway.to("/sms")) == len(mails)
    assert not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists()
    events = complaint.events.filter(action=Action.NOTICE)
    assert events.filter(data__kind=NoticeKind.RESULT, data__channel="email").count() == 1


def test_the_status_link_is_the_public_status_page_with_the_code(museum: Museum) -> None:
    complaint = register(museum, complainant=ANN)
    try:
        path = reverse("portal:status")
    except NoReverseMatch:
        path = "/portal/status/"
    link = f"{SITE}{path}?code={complaint.tracking_code}"
    assert status_url(complaint) == link
    assert link in OutboxMessage.objects.get(transport="email").body


def test_an_invalid_number_fails_for_good_and_a_gateway_outage_is_retried(
    museum: Museum, sms_gateway: FakeProvider
) -> None:
    sms_gateway.answer = lambda call: (400, {"error": "invalid_number"})
    register(museum, complainant=ComplainantInput(phone="12345"))
    deliver_due()
    message = OutboxMessage.objects.get(transport="sms")
    assert message.status == OutboxStatus.FAILED and message.attempts == 1
    assert "invalid_number" in message.last_error

    sms_gateway.answer = lambda call: (503, {"error": "busy"})
    register(museum, complainant=ComplainantInput(phone="13900001111"))
    deliver_due()
    waiting = OutboxMessage.objects.get(recipient="13900001111")
    assert waiting.status == OutboxStatus.PENDING and "503" in waiting.last_error


def wechat_sends(api: FakeProvider) -> list[Call]:
    return api.to("/cgi-bin/message/template/send")


def test_a_wechat_follower_gets_template_messages_with_a_cached_token(
    museum: Museum, wechat_api: FakeProvider
) -> None:
    complaint = register(museum, complainant=ComplainantInput(name="李四", member_card_no="M-0001"))
    WechatContact.objects.create(complainant=complaint.complainant, openid="o-fake-openid")
    advance(museum, complaint, "accepted")
    advance_to_dispatched(museum, complaint)
    assert deliver_due() == 2  # accepted, progress (registered before the openid was known)

    first, second = wechat_sends(wechat_api)
    assert first.body["touser"] == "o-fake-openid" and first.body["template_id"] == "TPL-progress"
    assert first.body["url"].endswith(f"/status/?code={complaint.tracking_code}")
    assert first.body["data"]["first"]["value"] == "您的投诉已受理"
    assert first.body["data"]["keyword1"]["value"] == complaint.tracking_code
    assert second.body["data"]["first"]["value"] == "您的投诉有新的进展"
    [token_call] = wechat_api.to("/cgi-bin/token")
    assert token_call.query == {
        "grant_type": "client_credential",
        "appid": "wx-app",
        "secret": "wx-secret",
    }
    assert first.query["access_token"] == second.query["access_token"] == "token-1"


def advance_to_dispatched(museum: Museum, complaint: Any) -> None:
    from bihuan.complaints.services import complaint_dispatch

    complaint_dispatch(
        actor=museum.actor(museum.clerk), complaint=complaint, department=museum.exhibitions
    )


def test_an_expired_token_is_renewed_once_and_an_unfollowed_openid_fails_for_good(
    museum: Museum, wechat_api: FakeProvider
) -> None:
    complaint = register(museum, complainant=ComplainantInput(is_anonymous=True))
    base = wechat_api.answer
    expired = {"done": False}

    def answer(call: Call) -> tuple[int, dict[str, Any]]:
        if call.path.endswith("/send") and not expired["done"]:
            expired["done"] = True
            return 200, {"errcode": 42001, "errmsg": "access_token expired"}
        if call.path.endswith("/send") and call.body["touser"] == "o-gone":
            return 200, {"errcode": 43004, "errmsg": "require subscribe"}
        return base(call)

    wechat_api.answer = answer
    for openid, kind in (("o-here", NoticeKind.ACCEPTED), ("o-gone", NoticeKind.PROGRESS)):
        notice_send(
            complaint=complaint,
            kind=kind,
            occurrence="0",
            addresses=[Address(NoticeChannel.WECHAT, openid)],
        )
    deliver_due()
    here = OutboxMessage.objects.get(recipient="o-here")
    gone = OutboxMessage.objects.get(recipient="o-gone")
    assert here.status == OutboxStatus.SENT and here.attempts == 1
    assert [c.query["access_token"] for c in wechat_sends(wechat_api)][:2] == ["token-1", "token-2"]
    assert gone.status == OutboxStatus.FAILED and "43004" in gone.last_error


def test_without_a_wechat_template_id_no_wechat_notice_is_queued(
    museum: Museum, settings: Any
) -> None:
    settings.BIHUAN_WECHAT_TEMPLATE_ID = ""
    complaint = register(museum, complainant=ComplainantInput(is_anonymous=True))
    sent = notice_send(
        complaint=complaint,
        kind=NoticeKind.ACCEPTED,
        occurrence="0",
        addresses=[Address(NoticeChannel.WECHAT, "o-fake")],
    )
    assert sent == [] and not OutboxMessage.objects.exists()


def test_the_default_providers_write_to_the_log(
    museum: Museum, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.BIHUAN_WECHAT_TEMPLATE_ID = "TPL"
    complaint = register(museum, complainant=ComplainantInput(phone="13812341234"))
    notice_send(
        complaint=complaint,
        kind=NoticeKind.ACCEPTED,
        occurrence="0",
        addresses=[Address(NoticeChannel.WECHAT, "o-fake")],
    )
    with caplog.at_level("INFO", logger="bihuan.notifications.transports.log"):
        assert deliver_due() == 2
    assert "sms to 13812341234" in caplog.text
    assert "wechat to o-fake" in caplog.text and complaint.tracking_code in caplog.text
