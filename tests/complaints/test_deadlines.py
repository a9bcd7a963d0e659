"""Stage clocks: started and stopped by the loop, swept into warnings exactly once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from bihuan.complaints import deadlines
from bihuan.complaints.choices import Action, AlertLevel, Stage, Status
from bihuan.complaints.models import Complaint, StageClock
from bihuan.complaints.services import (
    complaint_accept,
    complaint_pause,
    complaint_resume,
)
from bihuan.core import clock
from bihuan.notifications.models import Notification
from bihuan.timelimits.models import TimeLimitPolicy

from ..personas import Museum, advance, register

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Tuesday 2026-11-17, 10:00 in Shanghai: a plain working day.
T0 = datetime(2026, 11, 17, 10, 0, tzinfo=SHANGHAI)


def running(complaint: Complaint) -> dict[str, StageClock]:
    return {c.stage: c for c in StageClock.objects.filter(complaint=complaint, completed_at=None)}


def test_registration_starts_the_acceptance_clock_from_the_preset(museum: Museum) -> None:
    with clock.travel_to(T0):
        complaint = register(museum)
    clocks = running(complaint)
    assert set(clocks) == {Stage.ACCEPT}
    accept = clocks[Stage.ACCEPT]
    assert accept.due_at == T0 + timedelta(minutes=10)  # museum seed: within 10 minutes
    assert accept.warn_at == T0 + timedelta(minutes=7, seconds=30)
    assert accept.red_at == T0 + timedelta(minutes=9)
    complaint.refresh_from_db()
    assert complaint.due_at == accept.due_at and complaint.due_stage == Stage.ACCEPT


def test_acceptance_stops_its_clock_on_time_and_starts_dispatch_and_resolution(
    museum: Museum,
) -> None:
    with clock.travel_to(T0):
        complaint = register(museum)
    with clock.travel_to(T0 + timedelta(minutes=5)):
        complaint_accept(actor=museum.actor(museum.clerk), complaint=complaint)
    done = StageClock.objects.get(complaint=complaint, stage=Stage.ACCEPT)
    assert done.completed_at == T0 + timedelta(minutes=5) and not done.overdue
    clocks = running(complaint)
    assert set(clocks) == {Stage.DISPATCH, Stage.RESOLVE}
    # 3 working days from Tuesday 10:00: the start day does not count → end of Friday.
    assert clocks[Stage.RESOLVE].due_at.astimezone(SHANGHAI).date().isoformat() == "2026-11-20"


def test_a_stage_finished_late_is_recorded_as_overdue_against_its_department(
    museum: Museum,
) -> None:
    with clock.travel_to(T0):
        complaint = register(museum)
    with clock.travel_to(T0 + timedelta(minutes=30)):
        complaint_accept(actor=museum.actor(museum.clerk), complaint=complaint)
    late = StageClock.objects.get(complaint=complaint, stage=Stage.ACCEPT)
    assert late.overdue
    assert late.department_id == museum.desk.pk


def test_no_clock_runs_once_the_complaint_is_archived(museum: Museum) -> None:
    from bihuan.complaints.services import complaint_close, complaint_follow_up

    with clock.travel_to(T0):
        complaint = register(museum)
        advance(museum, complaint, Status.SATISFIED)
        complaint_follow_up(
            actor=museum.actor(museum.clerk),
            complaint=complaint,
            method="phone",
            outcome="confirmed",
        )
        complaint_close(actor=museum.actor(museum.clerk), complaint=complaint)
    assert running(complaint) == {}
    stages = set(StageClock.objects.filter(complaint=complaint).values_list("stage", flat=True))
    assert stages == set(Stage)
    complaint.refresh_from_db()
    assert complaint.due_at is None


def _advance_to_investigating(museum: Museum) -> Complaint:
    with clock.travel_to(T0):
        complaint = register(museum)
        advance(museum, complaint, Status.INVESTIGATING)
    return complaint


def test_the_sweep_raises_each_level_once_with_an_event_and_a_notification(
    museum: Museum,
) -> None:
    complaint = _advance_to_investigating(museum)
    propose = running(complaint)[Stage.PROPOSE]  # 120 minutes for a general complaint
    assert propose.holder_id == museum.handler.pk

    expected = [
        (propose.warn_at, AlertLevel.YELLOW, Action.WARN),
        (propose.red_at, AlertLevel.RED, Action.WARN),
        (propose.due_at, AlertLevel.OVERDUE, Action.SUPERVISE),
        (propose.escalate_at, AlertLevel.ESCALATED, Action.ESCALATE_OVERDUE),
    ]
    for moment, level, action in expected:
        with clock.travel_to(moment - timedelta(seconds=1)):
            deadlines.sweep()
        propose.refresh_from_db()
        assert propose.level == level - 1
        with clock.travel_to(moment):
            assert deadlines.sweep() >= 1
            assert deadlines.sweep() == 0  # the same level is never raised twice
        propose.refresh_from_db()
        assert propose.level == level
        events = complaint.events.filter(action=action, data__clock=propose.pk)
        assert events.filter(data__level=int(level)).count() == 1

    # Investigation runs on the same two hours: two clocks, each told once per level.
    told = Notification.objects.filter(complaint=complaint)
    assert told.filter(recipient=museum.handler, kind="warning").count() == 2 * 2
    assert told.filter(recipient=museum.head, kind="supervision").count() == 2
    assert told.filter(recipient=museum.leader, kind="escalation").count() == 2
    assert propose.overdue


def test_a_sweep_after_a_long_outage_sends_only_the_level_reached(museum: Museum) -> None:
    complaint = _advance_to_investigating(museum)
    propose = running(complaint)[Stage.PROPOSE]
    with clock.travel_to(propose.due_at + timedelta(minutes=1)):
        deadlines.sweep()
    propose.refresh_from_db()
    assert propose.level == AlertLevel.OVERDUE
    assert not complaint.events.filter(action=Action.WARN, data__clock=propose.pk).exists()
    assert complaint.events.filter(action=Action.SUPERVISE, data__clock=propose.pk).count() == 1


def test_an_idle_sweep_is_one_query(museum: Museum, django_assert_num_queries) -> None:
    with clock.travel_to(T0):
        register(museum)
    with clock.travel_to(T0 + timedelta(minutes=1)), django_assert_num_queries(1):
        assert deadlines.sweep() == 0


def test_pausing_stops_the_clock_and_resuming_moves_the_deadline_on(museum: Museum) -> None:
    complaint = _advance_to_investigating(museum)
    before = running(complaint)[Stage.RESOLVE].due_at
    with clock.travel_to(T0 + timedelta(hours=1)):
        complaint_pause(
            actor=museum.actor(museum.handler), complaint=complaint, reason="等待投诉人提供购票凭证"
        )
    # Paused for a whole working day (Wednesday): no alert fires meanwhile.
    with clock.travel_to(T0 + timedelta(days=5)):
        assert deadlines.sweep() == 0
    with clock.travel_to(T0 + timedelta(days=1, hours=1)):
        complaint_resume(actor=museum.actor(museum.handler), complaint=complaint)
    after = running(complaint)[Stage.RESOLVE].due_at
    assert after.astimezone(SHANGHAI).date() == before.astimezone(SHANGHAI).date() + timedelta(
        days=3  # Friday's end + one working day paused → Monday (the weekend does not count)
    )
    complaint.refresh_from_db()
    assert complaint.paused_at is None


def test_reopening_restarts_the_resolution_clock(museum: Museum) -> None:
    from bihuan.complaints.services import complaint_rate, complaint_reopen

    with clock.travel_to(T0):
        complaint = register(museum)
        advance(museum, complaint, Status.REPLIED)
        complaint_rate(
            actor=museum.actor(museum.clerk),
            complaint=complaint,
            rating="dissatisfied",
            comment="没有道歉",
        )
        complaint_reopen(actor=museum.actor(museum.head), complaint=complaint, reason="重新处理")
    assert Stage.RESOLVE in running(complaint)
    assert StageClock.objects.filter(complaint=complaint, stage=Stage.RESOLVE).count() == 2


def test_a_referrals_earlier_deadline_governs_resolution(museum: Museum) -> None:
    with clock.travel_to(T0):
        complaint = register(
            museum,
            channel="referral_12345",
            external_reference="GD20261117001",
            external_due_at=T0 + timedelta(days=1),
        )
        complaint_accept(actor=museum.actor(museum.clerk), complaint=complaint)
    assert running(complaint)[Stage.RESOLVE].due_at == T0 + timedelta(days=1)


def test_the_most_specific_policy_wins(museum: Museum) -> None:
    TimeLimitPolicy.objects.create(
        stage=Stage.ACCEPT,
        category=museum.category("exhibitions"),
        severity="",
        amount=30,
        unit="minutes",
    )
    with clock.travel_to(T0):
        complaint = register(museum)
    assert running(complaint)[Stage.ACCEPT].due_at == T0 + timedelta(minutes=30)


def test_a_deadline_in_a_year_the_calendar_does_not_cover_still_lands(museum: Museum) -> None:
    late_december = datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI)
    with clock.travel_to(late_december):
        complaint = register(museum)
        complaint_accept(actor=museum.actor(museum.clerk), complaint=complaint)
    resolve = running(complaint)[Stage.RESOLVE]
    assert resolve.due_at.astimezone(SHANGHAI).year == 2027


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_raise_each_level_once() -> None:
    from ..personas import build_museum

    museum = build_museum()
    complaints = []
    with clock.travel_to(T0):
        for _ in range(5):
            complaints.append(register(museum))
    moment = T0 + timedelta(minutes=11)  # every acceptance clock overdue
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            with clock.travel_to(moment):
                results.append(deadlines.sweep())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(results) == 5
    for complaint in complaints:
        assert complaint.events.filter(action=Action.SUPERVISE).count() == 1
    assert connection.vendor in {"sqlite", "postgresql"}


def test_a_reopened_complaint_waits_for_its_new_reply_before_the_follow_up_clock(
    museum: Museum,
) -> None:
    from bihuan.complaints.services import complaint_rate, complaint_reopen

    with clock.travel_to(T0):
        complaint = register(museum)
        advance(museum, complaint, Status.REPLIED)
        assert Stage.FOLLOW_UP in running(complaint)
        complaint_rate(
            actor=museum.actor(museum.clerk),
            complaint=complaint,
            rating="dissatisfied",
            comment="没有道歉",
        )
        complaint_reopen(actor=museum.actor(museum.head), complaint=complaint, reason="重新处理")
    assert set(running(complaint)) == {Stage.RESOLVE}


def test_resolution_answers_to_the_lead_department_once_dispatched(museum: Museum) -> None:
    with clock.travel_to(T0):
        complaint = register(museum)
        advance(museum, complaint, Status.INVESTIGATING)
    resolve = running(complaint)[Stage.RESOLVE]
    assert resolve.department_id == museum.exhibitions.pk
    assert resolve.holder_id == museum.handler.pk


def test_alerts_are_written_in_chinese(museum: Museum) -> None:
    complaint = _advance_to_investigating(museum)
    propose = running(complaint)[Stage.PROPOSE]
    with clock.travel_to(propose.due_at):
        deadlines.sweep()
    note = complaint.events.filter(action=Action.SUPERVISE).values_list("note", flat=True)[0]
    assert "督办" in note and complaint.tracking_code in note  # 督办通知: the supervision notice
