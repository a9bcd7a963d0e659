"""Which events send which notices, to whom, once, and only when the event commits."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from bihuan.complaints.choices import Action
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import (
    ComplainantInput,
    OnTheSpotInput,
    complaint_dispatch,
    complaint_rate,
    complaint_reject,
    complaint_reopen,
    complaint_reply,
    complaint_resolve,
    complaint_return,
    complaint_start_handling,
)
from bihuan.core.errors import DomainError
from bihuan.notices.choices import NoticeKind
from bihuan.notices.models import Notice
from bihuan.notices.services import notice_send
from bihuan.notices.triggers import notices_paused
from bihuan.notifications.models import OutboxMessage

from ..personas import Museum, advance, register

BOTH = ComplainantInput(name="张三", phone="13812341234", email="zhang@example.com")


def kinds(complaint: Complaint, channel: str = "email") -> list[str]:
    return list(
        Notice.objects.filter(complaint=complaint)
        .filter(channel=channel)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_registering_acknowledges_by_email_and_sms_with_the_tracking_code(museum: Museum) -> None:
    complaint = register(museum, complainant=BOTH)
    mail = OutboxMessage.objects.get(transport="email")
    sms = OutboxMessage.objects.get(transport="sms")
    assert mail.recipient == "zhang@example.com" and sms.recipient == "13812341234"
    for message in (mail, sms):
        assert complaint.tracking_code in message.body
    assert mail.subject.startswith("我们已收到您的投诉") and "尊敬的张三" in mail.body
    events = complaint.events.filter(action=Action.NOTICE).order_by("pk")
    assert [e.data["channel"] for e in events] == ["email", "sms"]
    assert {e.data["kind"] for e in events} == {NoticeKind.ACKNOWLEDGEMENT}
    assert all(e.actor is None for e in events)
    assert "138****1234" in events[1].note and "13812341234" not in events[1].note


def test_the_notice_is_in_the_complainants_language(museum: Museum) -> None:
    person = ComplainantInput(name="陳大文", email="chan@example.hk", preferred_language="zh-hant")
    register(museum, complainant=person)
    assert OutboxMessage.objects.get().subject.startswith("我們已收到您的投訴")
    english = ComplainantInput(name="Ann", email="ann@example.com", preferred_language="en")
    register(museum, complainant=english)
    assert OutboxMessage.objects.get(recipient="ann@example.com").body.startswith("Dear Ann,")


def test_anonymous_without_contact_gets_nothing_but_confidential_contact_does(
    museum: Museum,
) -> None:
    nobody = register(museum, complainant=ComplainantInput(is_anonymous=True))
    advance(museum, nobody, "replied")
    assert not Notice.objects.exists() and not OutboxMessage.objects.exists()
    assert not nobody.events.filter(action=Action.NOTICE).exists()

    hidden = ComplainantInput(phone="13900001111", contact_confidential=True, is_anonymous=True)
    register(museum, complainant=hidden)
    assert OutboxMessage.objects.get().recipient == "13900001111"


def test_the_whole_loop_sends_each_notice_once_in_order(museum: Museum) -> None:
    complaint = advance(museum, register(museum, complainant=BOTH), "satisfied")
    expected = [
        "acknowledgement",
        "accepted",
        "progress",
        "progress",
        "result",
        "satisfaction",
        "survey",
    ]
    assert kinds(complaint) == expected and kinds(complaint, "sms") == expected
    assert OutboxMessage.objects.count() == 2 * len(expected)
    steps = (
        Notice.objects.filter(complaint=complaint)
        .filter(kind="progress", channel="email")
        .values_list("occurrence", flat=True)
    )
    assert sorted(steps) == ["dispatch:0", "handle:0"]


def test_a_rejection_tells_the_reason(museum: Museum) -> None:
    complaint = register(museum, complainant=BOTH)
    complaint_reject(
        actor=museum.actor(museum.clerk), complaint=complaint, reason="不属于本馆管理范围"
    )
    mail = OutboxMessage.objects.filter(transport="email").order_by("pk").last()
    assert mail is not None and "不予受理" in mail.body and "不属于本馆管理范围" in mail.body


def test_a_second_dispatch_after_a_return_sends_no_second_progress_notice(museum: Museum) -> None:
    complaint = advance(museum, register(museum, complainant=BOTH), "dispatched")
    complaint_return(actor=museum.actor(museum.handler), complaint=complaint, reason="不归我部门")
    complaint_dispatch(
        actor=museum.actor(museum.clerk),
        complaint=complaint,
        department=museum.facilities,
        override_reason="设施问题",
    )
    assert kinds(complaint).count("progress") == 1


def test_reopening_starts_a_new_round_of_notices(museum: Museum) -> None:
    complaint = advance(museum, register(museum, complainant=BOTH), "replied")
    complaint_rate(
        actor=museum.actor(museum.clerk),
        complaint=complaint,
        rating="dissatisfied",
        comment="没修好",
    )
    assert kinds(complaint)[-1] == "satisfaction"  # dissatisfied: no survey
    complaint_reopen(actor=museum.actor(museum.head), complaint=complaint, reason="再次维修")
    handler = museum.actor(museum.handler)
    complaint_start_handling(actor=handler, complaint=complaint)
    complaint_resolve(actor=handler, complaint=complaint, result="更换整机")
    complaint_reply(
        actor=museum.actor(museum.clerk), complaint=complaint, method="phone", text="已更换整机"
    )
    tail = kinds(complaint)[-4:]
    assert tail == ["progress", "progress", "result", "satisfaction"]
    assert set(
        Notice.objects.filter(complaint=complaint)
        .filter(kind="result")
        .values_list("occurrence", flat=True)
    ) == {
        "0",
        "1",
    }


def test_sending_the_same_notice_again_sends_nothing(museum: Museum) -> None:
    complaint = register(museum, complainant=BOTH)
    before = OutboxMessage.objects.count()
    again = notice_send(complaint=complaint, kind=NoticeKind.ACKNOWLEDGEMENT, occurrence="0")
    assert again == [] and OutboxMessage.objects.count() == before
    assert complaint.events.filter(action=Action.NOTICE).count() == 2


def test_a_rolled_back_event_sends_nothing(museum: Museum) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        register(museum, complainant=BOTH)
        assert OutboxMessage.objects.count() == 2  # queued inside the event's transaction
        raise RuntimeError("the service failed after recording its event")
    assert not OutboxMessage.objects.exists() and not Notice.objects.exists()
    assert not Complaint.objects.exists()


def test_a_service_failing_after_its_event_sends_nothing(museum: Museum) -> None:
    # The registration is recorded (and acknowledged) before the on-the-spot resolution
    # is refused: the whole registration rolls back, and the acknowledgement with it.
    with pytest.raises(DomainError):
        register(museum, complainant=BOTH, on_the_spot=OnTheSpotInput(result=" "))
    assert not OutboxMessage.objects.exists() and not Notice.objects.exists()


def test_a_complaint_resolved_on_the_spot_is_acknowledged_then_sent_the_result(
    museum: Museum,
) -> None:
    on_the_spot = OnTheSpotInput(result="当场重启装置", reply_text="已当场为您重启装置")
    complaint = register(museum, complainant=BOTH, on_the_spot=on_the_spot)
    assert kinds(complaint) == ["acknowledgement", "result", "satisfaction"]
    result = Notice.objects.get(complaint=complaint, kind="result", channel="email")
    assert result.message is not None and "已当场为您重启装置" in result.message.body


def test_the_notices_can_be_switched_off(museum: Museum, settings: Any) -> None:
    settings.BIHUAN_NOTICES_ENABLED = False
    register(museum, complainant=BOTH)
    assert not OutboxMessage.objects.exists()


def test_only_the_channels_the_settings_allow_are_used(museum: Museum, settings: Any) -> None:
    settings.BIHUAN_NOTICE_CHANNELS = ["email"]
    register(museum, complainant=BOTH)
    assert list(OutboxMessage.objects.values_list("transport", flat=True)) == ["email"]


def test_no_notices_while_paused_as_for_the_demos_replayed_history(museum: Museum) -> None:
    with notices_paused():
        quiet = register(museum)
    loud = register(museum)

    assert not quiet.events.filter(action=Action.NOTICE).exists()
    assert loud.events.filter(action=Action.NOTICE).exists()
    assert OutboxMessage.objects.filter(body__contains=loud.tracking_code).exists()
    assert not OutboxMessage.objects.filter(body__contains=quiet.tracking_code).exists()
