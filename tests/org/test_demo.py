"""The demo loader: every status and channel, true timelines, idempotent, working accounts."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from bihuan.complaints.choices import Channel, Status
from bihuan.complaints.models import (
    CompensationItem,
    Complaint,
    InvestigationReport,
    Solution,
    TaskGroup,
    TimelineEvent,
)
from bihuan.core import clock
from bihuan.demo.channels import SAMPLE_COMPLAINTS
from bihuan.demo.people import DEMO_PASSWORD, DEMO_USERNAMES
from bihuan.demo.plans import plan_complaints
from bihuan.org.models import Department

COUNT = 40
# Besides the replayed ones: today's arrivals by email, Open311 and a 12345 file.
TOTAL = COUNT + SAMPLE_COMPLAINTS


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db: None, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("PORT", raising=False)
    return load("--count", str(COUNT))


def test_the_demo_has_every_status_and_every_channel_and_referrals_carry_a_reference(
    demo: str,
) -> None:
    assert Complaint.objects.count() == TOTAL
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Complaint.objects.values_list("channel", flat=True)) == set(Channel.values)
    referrals = Complaint.objects.filter(channel__startswith="referral_")
    assert not referrals.filter(external_reference="").exists()


def test_every_timeline_starts_with_register_and_ends_in_the_complaints_status(demo: str) -> None:
    now = clock.now()
    for complaint in Complaint.objects.prefetch_related("events"):
        events = list(complaint.events.all())
        assert events[0].action == "register", complaint
        # (An email is received at its Date header, which counts whole seconds.)
        assert events[0].created_at.replace(microsecond=0) == complaint.received_at.replace(
            microsecond=0
        )
        last_move = [e for e in events if e.to_status][-1]
        assert last_move.to_status == complaint.status, complaint
        times = [e.created_at for e in events]
        assert times == sorted(times) and times[-1] <= now, complaint


def test_records_carry_the_time_of_their_step_not_the_time_of_loading(demo: str) -> None:
    for report in InvestigationReport.objects.all():
        event = TimelineEvent.objects.get(action="report", data__report=report.pk)
        assert report.created_at == event.created_at
    for solution in Solution.objects.all():
        event = TimelineEvent.objects.get(action="propose", data__solution=solution.pk)
        assert solution.created_at == event.created_at
    for group in TaskGroup.objects.all():
        event = group.complaint.events.get(action="form_task_group")
        assert group.formed_at == event.created_at


def test_the_demo_shows_the_detours_of_the_loop_and_every_department_has_a_head(demo: str) -> None:
    complaints = Complaint.objects.all()
    assert complaints.filter(on_the_spot=True).exists()
    assert complaints.filter(redo_count__gt=0).exists()
    assert complaints.filter(return_count__gt=0).exists()
    assert TaskGroup.objects.filter(complaint__severity="major").exists()
    assert CompensationItem.objects.exists()
    assert TimelineEvent.objects.filter(action="refuse").exists()
    oldest = complaints.order_by("received_at").first()
    assert oldest is not None and oldest.received_at < clock.now() - timedelta(days=30)
    assert not Department.objects.filter(head__isnull=True).exists()


def test_a_second_run_with_if_empty_creates_nothing_and_without_it_is_refused(demo: str) -> None:
    before = (User.objects.count(), Complaint.objects.count(), TimelineEvent.objects.count())

    output = load("--if-empty")

    after = (User.objects.count(), Complaint.objects.count(), TimelineEvent.objects.count())
    assert after == before
    assert "http://127.0.0.1:8000/" in output
    assert DEMO_PASSWORD in output
    for username in DEMO_USERNAMES:
        assert username in output
    with pytest.raises(CommandError):
        load("--count", "5")
    assert Complaint.objects.count() == TOTAL


def test_the_output_has_the_url_the_accounts_and_the_counts(demo: str) -> None:
    assert "http://127.0.0.1:8000/" in demo
    assert "受理员" in demo and "部门负责人" in demo
    assert re.search(rf"Total\s+{TOTAL}\n", demo)


def test_every_demo_account_can_log_in(demo: str) -> None:
    for username in DEMO_USERNAMES:
        assert Client().login(username=username, password=DEMO_PASSWORD), username
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser


def test_the_same_seed_plans_the_same_demo() -> None:
    import random

    now = clock.now()
    first = plan_complaints(random.Random(7), 30, now)
    second = plan_complaints(random.Random(7), 30, now)
    assert [(p.steps, p.times, p.channel) for p in first] == [
        (p.steps, p.times, p.channel) for p in second
    ]
