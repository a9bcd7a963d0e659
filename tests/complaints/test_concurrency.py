"""Two people acting on one complaint at the same moment: exactly one of them wins.

Each person is a real thread with its own database connection, released together by a
barrier. On PostgreSQL the loser waits on the row lock and then finds the complaint
moved on; SQLite serialises writers (BEGIN IMMEDIATE), and must do so without ever
answering "database is locked".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections

from bihuan.complaints.choices import Action, Status
from bihuan.complaints.models import Complaint, Solution
from bihuan.complaints.services import (
    complaint_accept,
    complaint_approve,
    complaint_dispatch,
    complaint_propose,
    complaint_refuse_solution,
    complaint_reject,
    complaint_submit_report,
)
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor
from bihuan.org.choices import Role

from ..personas import Museum, advance, make_staff, register

ROUNDS = 10
LOSING_CODES = {"invalid_state", "conflict"}

Act = Callable[[Actor, Complaint], object]


@dataclass
class Outcome:
    results: list[object] = field(default_factory=list)
    refusals: list[DomainError] = field(default_factory=list)
    crashes: list[BaseException] = field(default_factory=list)


def race(acts: list[tuple[Actor, Act]], complaint_pk: int) -> Outcome:
    """Run each act in its own thread, all released at once on a fresh copy of the complaint."""
    barrier = threading.Barrier(len(acts))
    outcome = Outcome()
    lock = threading.Lock()

    def run(actor: Actor, act: Act) -> None:
        try:
            complaint = Complaint.objects.get(pk=complaint_pk)  # as drawn on each screen
            barrier.wait(timeout=30)
            result = act(actor, complaint)
            with lock:
                outcome.results.append(result)
        except DomainError as error:
            with lock:
                outcome.refusals.append(error)
        except BaseException as error:
            with lock:
                outcome.crashes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcome


def one_winner(outcome: Outcome) -> None:
    assert not outcome.crashes, [repr(error) for error in outcome.crashes]
    assert len(outcome.results) == 1, outcome
    assert len(outcome.refusals) == 1, outcome
    assert outcome.refusals[0].code in LOSING_CODES, outcome.refusals[0].code


def _second(museum: Museum, username: str, *roles: str, department: Any = None) -> Actor:
    user = make_staff(username, *roles, department=department)
    return museum.actor(user)


# Scenarios -----------------------------------------------------------------------------


def accept_against_reject(museum: Museum) -> None:
    clerk_a = museum.actor(museum.clerk)
    clerk_b = _second(museum, "clerk_b", Role.CLERK, department=museum.desk)
    for _round in range(ROUNDS):
        complaint = register(museum)
        outcome = race(
            [
                (clerk_a, lambda a, c: complaint_accept(actor=a, complaint=c)),
                (clerk_b, lambda a, c: complaint_reject(actor=a, complaint=c, reason="不属实")),
            ],
            complaint.pk,
        )
        one_winner(outcome)
        complaint.refresh_from_db()
        decided = list(
            complaint.events.filter(action__in=[Action.ACCEPT, Action.REJECT]).values_list(
                "action", "to_status"
            )
        )
        assert len(decided) == 1
        assert decided[0][1] == complaint.status
        if complaint.status == Status.ACCEPTED:
            assert complaint.accepted_at is not None and complaint.rejection_reason == ""
        else:
            assert complaint.status == Status.REJECTED
            assert complaint.accepted_at is None and complaint.rejection_reason == "不属实"


def _proposed(museum: Museum) -> Complaint:
    complaint = register(museum)
    advance(museum, complaint, Status.INVESTIGATING)
    handler = museum.actor(museum.handler)
    complaint_submit_report(actor=handler, complaint=complaint, findings="电源故障")
    complaint_propose(
        actor=handler,
        complaint=complaint,
        measures="更换电源",
        responsible_person=museum.handler,
        due_date=(clock.now() + timedelta(days=3)).date(),
    )
    return complaint


def two_heads_approve(museum: Museum) -> None:
    head = museum.actor(museum.head)
    deputy = _second(museum, "deputy_head", Role.DEPARTMENT_HEAD, department=museum.exhibitions)
    for _round in range(ROUNDS):
        complaint = _proposed(museum)
        approve: Act = lambda a, c: complaint_approve(actor=a, complaint=c)  # noqa: E731
        one_winner(race([(head, approve), (deputy, approve)], complaint.pk))
        complaint.refresh_from_db()
        assert complaint.status == Status.APPROVED
        assert complaint.events.filter(action=Action.APPROVE).count() == 1
        solution = complaint.solutions.get()
        assert solution.decision == Solution.Decision.APPROVED
        assert solution.decided_by_id in {head.user_id, deputy.user_id}


def approve_against_refuse(museum: Museum) -> None:
    head = museum.actor(museum.head)
    deputy = _second(museum, "deputy_head", Role.DEPARTMENT_HEAD, department=museum.exhibitions)
    for _round in range(ROUNDS):
        complaint = _proposed(museum)
        outcome = race(
            [
                (head, lambda a, c: complaint_approve(actor=a, complaint=c)),
                (
                    deputy,
                    lambda a, c: complaint_refuse_solution(actor=a, complaint=c, reason="再议"),
                ),
            ],
            complaint.pk,
        )
        one_winner(outcome)
        complaint.refresh_from_db()
        solution = complaint.solutions.get()
        decided = complaint.events.filter(action__in=[Action.APPROVE, Action.REFUSE])
        assert decided.count() == 1
        if complaint.status == Status.APPROVED:
            assert solution.decision == Solution.Decision.APPROVED
        else:
            assert complaint.status == Status.INVESTIGATING
            assert solution.decision == Solution.Decision.REFUSED


def two_clerks_dispatch_apart(museum: Museum) -> None:
    clerk_a = museum.actor(museum.clerk)
    clerk_b = _second(museum, "clerk_b", Role.CLERK, department=museum.desk)
    for _round in range(ROUNDS):
        complaint = register(museum)
        complaint_accept(actor=clerk_a, complaint=complaint)
        outcome = race(
            [
                (
                    clerk_a,
                    lambda a, c: complaint_dispatch(
                        actor=a, complaint=c, department=museum.exhibitions
                    ),
                ),
                (
                    clerk_b,
                    lambda a, c: complaint_dispatch(
                        actor=a,
                        complaint=c,
                        department=museum.facilities,
                        co_departments=[museum.desk],
                        override_reason="设备问题",
                    ),
                ),
            ],
            complaint.pk,
        )
        one_winner(outcome)
        complaint.refresh_from_db()
        events = list(complaint.events.filter(action=Action.DISPATCH))
        assert complaint.status == Status.DISPATCHED
        assert len(events) == 1
        assert events[0].data["department"] == complaint.lead_department_id
        co = list(complaint.co_departments.values_list("pk", flat=True))
        assert co == events[0].data["co_departments"]
        winner = outcome.results[0]
        assert isinstance(winner, Complaint) and winner.lead_department_id == (
            complaint.lead_department_id
        )


SCENARIOS: dict[str, Callable[[Museum], None]] = {
    "accept against reject": accept_against_reject,
    "two heads approve": two_heads_approve,
    "approve against refuse": approve_against_refuse,
    "two clerks dispatch to different departments": two_clerks_dispatch_apart,
}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_on_postgresql_exactly_one_of_two_racing_transitions_succeeds(
    museum: Museum, scenario: str
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")
    SCENARIOS[scenario](museum)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_on_sqlite_racing_transitions_serialise_without_database_is_locked(
    museum: Museum, scenario: str
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of the race")
    SCENARIOS[scenario](museum)
