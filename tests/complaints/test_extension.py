"""Deadline extension (延期): asked before expiry, decided by the head, told to the complainant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from bihuan.complaints import deadlines
from bihuan.complaints.choices import Action, AlertLevel, Stage, Status
from bihuan.complaints.models import Complaint, DeadlineExtension, StageClock
from bihuan.complaints.selectors import queue_filter
from bihuan.complaints.services import (
    ComplainantInput,
    complaint_decide_extension,
    complaint_request_extension,
)
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.notifications.models import Notification, OutboxMessage

from ..personas import Museum, advance, register
from .states import snapshot

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 17, 10, 0, tzinfo=SHANGHAI)  # a plain working Tuesday
EMAIL = "zhangsan@example.com"


def handling(museum: Museum, *, email: str = EMAIL) -> Complaint:
    """A complaint being handled at T0: only the resolution clock runs (due Friday's end)."""
    with clock.travel_to(T0):
        complaint = register(
            museum, complainant=ComplainantInput(name="张三", phone="13812341234", email=email)
        )
        advance(museum, complaint, Status.HANDLING)
    return complaint


def resolution(complaint: Complaint) -> StageClock:
    return StageClock.objects.get(complaint=complaint, stage=Stage.RESOLVE, completed_at=None)


def ask(museum: Museum, complaint: Complaint, *, days: int = 3, who: str = "handler") -> None:
    complaint_request_extension(
        actor=museum.actor(getattr(museum, who)),
        complaint=complaint,
        new_due_at=resolution(complaint).due_at + timedelta(days=days),
        reason="需等待厂家更换主板",
    )


def test_an_approved_extension_moves_the_deadline_and_tells_the_complainant(
    museum: Museum,
) -> None:
    complaint = handling(museum)
    before = resolution(complaint)
    new_due = before.due_at + timedelta(days=3)
    with clock.travel_to(T0 + timedelta(hours=1)):
        ask(museum, complaint)
    assert complaint.events.filter(action=Action.EXTENSION_REQUEST).count() == 1
    assert Notification.objects.filter(recipient=museum.head, kind="approval").exists()

    with clock.travel_to(T0 + timedelta(hours=2)):
        complaint_decide_extension(
            actor=museum.actor(museum.head), complaint=complaint, approve=True, note="同意"
        )

    after = resolution(complaint)
    assert after.pk == before.pk and after.due_at == new_due
    assert after.started_at < after.warn_at < after.red_at < after.due_at < after.escalate_at
    assert after.warn_at > before.warn_at and after.level == AlertLevel.NONE
    assert after.next_alert_at == after.warn_at
    complaint.refresh_from_db()
    assert complaint.due_at == new_due and complaint.due_stage == Stage.RESOLVE
    extension = DeadlineExtension.objects.get()
    assert extension.status == DeadlineExtension.Status.APPROVED
    assert extension.decided_by == museum.head and extension.previous_due_at == before.due_at
    event = complaint.events.get(action=Action.EXTENSION_APPROVE)
    assert event.actor == museum.head and event.data["complainant_told_by"] == "email"
    mail = OutboxMessage.objects.get(recipient=EMAIL)
    assert timezone_text(new_due) in mail.body and complaint.tracking_code in mail.subject
    told = Notification.objects.get(recipient=museum.handler, kind="extension")
    assert timezone_text(new_due) in told.title


def timezone_text(instant: datetime) -> str:
    return instant.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def test_without_an_email_address_the_timeline_says_to_phone_the_complainant(
    museum: Museum,
) -> None:
    complaint = handling(museum, email="")
    with clock.travel_to(T0 + timedelta(hours=1)), translation.override("en"):
        ask(museum, complaint)
        complaint_decide_extension(
            actor=museum.actor(museum.head), complaint=complaint, approve=True
        )
    event = complaint.events.get(action=Action.EXTENSION_APPROVE)
    assert event.data["complainant_told_by"] == "phone"
    assert "by phone" in event.note
    staff = set(User.objects.values_list("email", flat=True))
    assert set(OutboxMessage.objects.values_list("recipient", flat=True)) <= staff


def test_a_refused_extension_keeps_the_deadline_and_needs_a_reason(museum: Museum) -> None:
    complaint = handling(museum)
    due = resolution(complaint).due_at
    with clock.travel_to(T0 + timedelta(hours=1)):
        ask(museum, complaint)
        head = museum.actor(museum.head)
        with pytest.raises(DomainError) as missing:
            complaint_decide_extension(actor=head, complaint=complaint, approve=False)
        assert missing.value.field == "note"
        complaint_decide_extension(
            actor=head, complaint=complaint, approve=False, note="按原时限完成"
        )
    assert resolution(complaint).due_at == due
    assert DeadlineExtension.objects.get().status == DeadlineExtension.Status.REFUSED
    assert complaint.events.get(action=Action.EXTENSION_REFUSE).note == "按原时限完成"
    assert Notification.objects.filter(recipient=museum.handler, kind="extension").count() == 1
    assert not OutboxMessage.objects.filter(recipient=EMAIL).exists()
    # Decided: the handler may ask again.
    with clock.travel_to(T0 + timedelta(hours=2)):
        ask(museum, complaint, days=1)
    assert DeadlineExtension.objects.filter(status="pending").count() == 1


@pytest.mark.parametrize(
    ("moment", "days", "code"),
    [
        (lambda due: due + timedelta(minutes=1), 3, "expired"),
        (lambda due: due, 3, "expired"),
        (lambda due: T0 + timedelta(hours=1), 0, "not_later"),
        (lambda due: T0 + timedelta(hours=1), -1, "not_later"),
    ],
    ids=["after-expiry", "at-expiry", "same-date", "earlier-date"],
)
def test_a_request_after_expiry_or_not_later_is_refused_and_writes_nothing(
    museum: Museum, moment: Callable[[datetime], datetime], days: int, code: str
) -> None:
    complaint = handling(museum)
    before = snapshot(complaint)
    at = moment(resolution(complaint).due_at)
    with clock.travel_to(at), pytest.raises(DomainError) as refused:
        ask(museum, complaint, days=days)
    assert refused.value.code == code and str(refused.value)
    assert snapshot(complaint) == before


def test_a_blank_reason_is_refused(museum: Museum) -> None:
    complaint = handling(museum)
    with clock.travel_to(T0), pytest.raises(DomainError) as refused:
        complaint_request_extension(
            actor=museum.actor(museum.handler),
            complaint=complaint,
            new_due_at=T0 + timedelta(days=9),
            reason="  ",
        )
    assert refused.value.field == "reason"
    assert not DeadlineExtension.objects.exists()


def test_a_second_request_while_one_is_pending_is_refused(museum: Museum) -> None:
    complaint = handling(museum)
    with clock.travel_to(T0 + timedelta(hours=1)):
        ask(museum, complaint)
        with pytest.raises(DomainError) as refused:
            ask(museum, complaint, days=5, who="head")
    assert refused.value.code == "forbidden"
    assert DeadlineExtension.objects.count() == 1


def test_the_requester_cannot_decide_their_own_request(museum: Museum) -> None:
    complaint = handling(museum)
    with clock.travel_to(T0 + timedelta(hours=1)):
        ask(museum, complaint, who="head")
        with pytest.raises(DomainError) as refused:
            complaint_decide_extension(
                actor=museum.actor(museum.head), complaint=complaint, approve=True
            )
    assert refused.value.code == "forbidden"
    assert DeadlineExtension.objects.get().status == DeadlineExtension.Status.PENDING


@pytest.mark.parametrize("persona", ["other_head", "other_handler", "clerk", "supervisor"])
def test_another_department_or_role_may_neither_ask_nor_decide(
    museum: Museum, persona: str
) -> None:
    complaint = handling(museum)
    actor = museum.actor(getattr(museum, persona))
    with clock.travel_to(T0 + timedelta(hours=1)):
        with pytest.raises(DomainError) as asked:
            ask(museum, complaint, who=persona)
        ask(museum, complaint)
        with pytest.raises(DomainError) as decided:
            complaint_decide_extension(actor=actor, complaint=complaint, approve=True)
    assert asked.value.code == decided.value.code == "forbidden"


def test_approval_lowers_the_alert_level_silently_and_the_new_deadline_warns_again(
    museum: Museum,
) -> None:
    complaint = handling(museum)
    row = resolution(complaint)
    with clock.travel_to(row.red_at):
        assert deadlines.sweep() == 1
        ask(museum, complaint, days=5)
        complaint_decide_extension(
            actor=museum.actor(museum.head), complaint=complaint, approve=True
        )
    row.refresh_from_db()
    assert row.level < AlertLevel.RED  # the new points, counted from the stage's start
    warnings = complaint.events.filter(action=Action.WARN).count()
    with clock.travel_to(row.red_at):
        assert deadlines.sweep() == 1
    assert complaint.events.filter(action=Action.WARN).count() == warnings + 1
    told = Notification.objects.filter(recipient=museum.handler, kind="warning")
    assert told.count() == 2  # red before, red again for the new deadline


def test_the_heads_approval_queue_lists_a_pending_extension_but_not_the_requesters(
    museum: Museum,
) -> None:
    complaint = handling(museum)
    with clock.travel_to(T0 + timedelta(hours=1)):
        ask(museum, complaint)
    head, handler = museum.actor(museum.head), museum.actor(museum.handler)
    assert Complaint.objects.filter(queue_filter(head, "approval")).get() == complaint
    assert not Complaint.objects.filter(queue_filter(handler, "approval")).exists()
    complaint_decide_extension(actor=head, complaint=complaint, approve=True)
    assert not Complaint.objects.filter(queue_filter(head, "approval")).exists()
