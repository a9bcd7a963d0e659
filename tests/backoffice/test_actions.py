"""The action forms: the table covers every transition; bad input explains and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bihuan.backoffice.actions import ACTIONS
from bihuan.complaints.choices import Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import (
    complaint_propose,
    complaint_request_extension,
    complaint_submit_report,
)
from bihuan.complaints.transitions import TRANSITIONS
from bihuan.core import clock

from ..personas import Museum, register
from .conftest import act_url, detail_url, reach, snapshot, text

Login = Callable[[User], Client]


def in_days(days: int) -> str:
    return (clock.now() + timedelta(days=days)).date().isoformat()


def compensation(*rows: dict[str, str]) -> dict[str, str]:
    data = {"compensation-TOTAL_FORMS": str(len(rows)), "compensation-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"compensation-{index}-{key}": value for key, value in row.items()})
    return data


def proposal(museum: Museum, **changes: Any) -> dict[str, Any]:
    data = {"measures": "更换电源", "responsible_person": museum.handler.pk, "due_date": in_days(3)}
    data.update(compensation())
    data.update(changes)
    return data


def reported(museum: Museum) -> Complaint:
    complaint = reach(museum, Status.INVESTIGATING)
    complaint_submit_report(actor=museum.actor(museum.handler), complaint=complaint, findings="x")
    return complaint


def proposed_by_head(museum: Museum) -> Complaint:
    complaint = reach(museum, Status.INVESTIGATING)
    head = museum.actor(museum.head)
    complaint_submit_report(actor=head, complaint=complaint, findings="电源故障")
    complaint_propose(
        actor=head,
        complaint=complaint,
        measures="更换电源",
        responsible_person=museum.handler,
        due_date=clock.now().date() + timedelta(days=3),
    )
    return complaint


Setup = Callable[[Museum], Complaint]


def extension_requested(museum: Museum) -> Complaint:
    complaint = reach(museum, Status.HANDLING)
    complaint_request_extension(
        actor=museum.actor(museum.handler),
        complaint=complaint,
        new_due_at=complaint.due_at + timedelta(days=2),
        reason="等待厂家配件",
    )
    return complaint


def at(status: str) -> Setup:
    return lambda museum: reach(museum, status)


# (action, complaint at, who acts, posted data, message shown, the form stays open)
BAD_INPUT: list[tuple[str, Setup, str, Any, str, bool]] = [
    ("accept", at(Status.ACCEPTED), "clerk", {}, "is not possible while the complaint is", False),
    ("accept", at(Status.REGISTERED), "supervisor", {}, "You may not “Accept”", False),
    ("reject", at(Status.REGISTERED), "clerk", {"reason": "  "}, "This field is required.", True),
    (
        "resolve_on_the_spot",
        at(Status.REGISTERED),
        "clerk",
        {"result": "", "reply_method": "in_person"},
        "This field is required.",
        True,
    ),
    (
        "dispatch",
        at(Status.ACCEPTED),
        "clerk",
        lambda m: {"department": m.facilities.pk},
        "Routing names Exhibitions for this category; give a reason to choose another.",
        True,
    ),
    (
        "dispatch",
        at(Status.ACCEPTED),
        "clerk",
        lambda m: {"department": m.desk.pk},
        "Select a valid choice.",
        True,
    ),
    ("return", at(Status.DISPATCHED), "handler", {"reason": ""}, "This field is required.", True),
    (
        "investigate",
        at(Status.DISPATCHED),
        "handler",
        lambda m: {"assignee": m.other_handler.pk},
        "Select a valid choice.",
        True,
    ),
    (
        "report",
        at(Status.INVESTIGATING),
        "handler",
        {"findings": ""},
        "This field is required.",
        True,
    ),
    (
        "propose",
        at(Status.INVESTIGATING),
        "handler",
        proposal,
        "Submit the investigation report before proposing a solution.",
        True,
    ),
    (
        "propose",
        reported,
        "handler",
        lambda m: proposal(m, due_date=in_days(-1)),
        "The completion date cannot be in the past.",
        True,
    ),
    (
        "propose",
        reported,
        "handler",
        lambda m: proposal(m, **compensation({"kind": "refund", "quantity": "1"})),
        "A refund or payment needs its amount.",
        True,
    ),
    (
        "propose",
        reported,
        "handler",
        lambda m: proposal(m, **compensation({"kind": "money", "quantity": "1", "amount": "-5"})),
        "An amount cannot be negative.",
        True,
    ),
    (
        "propose",
        reported,
        "handler",
        lambda m: proposal(m, **compensation({"quantity": "2", "note": "两张票"})),
        "This field is required.",
        True,
    ),
    (
        "approve",
        proposed_by_head,
        "head",
        {"note": ""},
        "A solution must be approved by someone other than its proposer.",
        True,
    ),
    ("refuse", at(Status.PROPOSED), "head", {"reason": ""}, "This field is required.", True),
    ("handle", at(Status.INVESTIGATING), "handler", {}, "is not possible while", False),
    ("resolve", at(Status.HANDLING), "handler", {"result": " "}, "This field is required.", True),
    (
        "reply",
        at(Status.RESOLVED),
        "clerk",
        {"method": "pigeon", "text": "x"},
        "Select a valid choice.",
        True,
    ),
    (
        "rate",
        at(Status.REPLIED),
        "clerk",
        {"rating": "dissatisfied", "comment": ""},
        "Record why the complainant is dissatisfied.",
        True,
    ),
    ("reopen", at(Status.DISSATISFIED), "clerk", {"reason": ""}, "This field is required.", True),
    (
        "follow_up",
        at(Status.SATISFIED),
        "supervisor",
        {"method": "phone"},
        "This field is required.",
        True,
    ),
    ("close", at(Status.SATISFIED), "supervisor", {}, "is not possible while", False),
    ("escalate", at(Status.REGISTERED), "clerk", {"reason": ""}, "This field is required.", True),
    ("form_task_group", at("major"), "leader", {"remit": "x"}, "This field is required.", True),
    (
        "assign",
        at(Status.DISPATCHED),
        "head",
        lambda m: {"assignee": m.other_handler.pk},
        "Select a valid choice.",
        True,
    ),
    ("pause", at(Status.INVESTIGATING), "handler", {"reason": ""}, "This field is required.", True),
    ("resume", at(Status.INVESTIGATING), "clerk", {}, "You may not “Resume the clock”", False),
    (
        "request_extension",
        at(Status.HANDLING),
        "handler",
        lambda m: {"stage": "resolve", "new_due_at": in_days(-1), "reason": "等待配件"},
        "The new deadline must be later than the present one",
        True,
    ),
    (
        "decide_extension",
        extension_requested,
        "head",
        {"approve": "no", "note": ""},
        "Say why more time is refused.",
        True,
    ),
    ("comment", at(Status.REGISTERED), "clerk", {"note": ""}, "This field is required.", True),
    ("attach", at(Status.REGISTERED), "clerk", {}, "This field is required.", True),
    (
        "attach",
        at(Status.REGISTERED),
        "clerk",
        lambda m: {"files": [SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream")]},
        "“x.exe” is not an accepted type",
        True,
    ),
]


def test_the_action_table_covers_every_transition() -> None:
    assert set(ACTIONS) == set(TRANSITIONS)


def test_every_action_has_a_bad_input_case() -> None:
    assert {case[0] for case in BAD_INPUT} == set(ACTIONS)


@pytest.mark.parametrize(
    ("name", "setup", "persona", "data", "message", "form_open"),
    BAD_INPUT,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(BAD_INPUT)],
)
def test_bad_input_on_an_action_is_explained_and_changes_nothing(
    museum: Museum,
    login: Login,
    name: str,
    setup: Setup,
    persona: str,
    data: Any,
    message: str,
    form_open: bool,
) -> None:
    complaint = setup(museum)
    posted = data(museum) if callable(data) else data
    before = snapshot()
    response = login(getattr(museum, persona)).post(act_url(complaint, name), posted)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert snapshot() == before
    # The form is shown again, open, with what was typed; or the refusal tops the page.
    assert (f'id="action-{name}"' in page and "collapse w-100 show" in page) is form_open


def test_a_successful_action_says_so_and_returns_to_the_complaint(
    museum: Museum, login: Login
) -> None:
    complaint = register(museum)
    client = login(museum.clerk)
    response = client.post(act_url(complaint, "comment"), {"note": "来电补充了细节"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(complaint)
    page = text(client.get(detail_url(complaint)))
    assert f"“Add internal note” done for {complaint.tracking_code}." in page
    assert "来电补充了细节" in page


def test_dispatch_suggests_the_routed_department_and_accepts_another_with_a_reason(
    museum: Museum, login: Login
) -> None:
    complaint = reach(museum, Status.ACCEPTED)
    client = login(museum.clerk)
    page = text(client.get(detail_url(complaint)))
    assert "Routing suggests Exhibitions for this category." in page
    assert f'<option value="{museum.exhibitions.pk}" selected>' in page
    response = client.post(
        act_url(complaint, "dispatch"),
        {
            "department": museum.facilities.pk,
            "co_departments": [museum.exhibitions.pk],
            "override_reason": "设备归后勤",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.lead_department == museum.facilities
    assert list(complaint.co_departments.all()) == [museum.exhibitions]


def test_people_to_choose_are_the_lead_departments_staff(museum: Museum, login: Login) -> None:
    complaint = reach(museum, Status.DISPATCHED)
    form = login(museum.head).get(detail_url(complaint)).context["side_panels"]
    assign = next(panel.form for panel in form if panel.transition.name == "assign")
    people = set(assign.fields["assignee"].queryset)
    assert people == {museum.handler, museum.head}


def test_a_leader_forms_the_task_group_of_a_major_complaint(museum: Museum, login: Login) -> None:
    complaint = reach(museum, "major")
    response = login(museum.leader).post(
        act_url(complaint, "form_task_group"),
        {"members": [museum.handler.pk, museum.other_head.pk], "remit": "一周内查清"},
    )
    assert response.status_code == 302
    page = text(login(museum.leader).get(detail_url(complaint)))
    assert "Special task group" in page
    assert "一周内查清" in page


def test_a_dissatisfied_complainant_is_reopened_and_counted(museum: Museum, login: Login) -> None:
    complaint = reach(museum, Status.REPLIED)
    client = login(museum.clerk)
    response = client.post(
        act_url(complaint, "rate"), {"rating": "dissatisfied", "comment": "还是坏的"}
    )
    assert response.status_code == 302
    response = client.post(act_url(complaint, "reopen"), {"reason": "重新维修"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED
    assert complaint.redo_count == 1
    assert "Times returned / reopened" in text(client.get(detail_url(complaint)))


def test_a_rejected_complaint_can_be_archived(museum: Museum, login: Login) -> None:
    complaint = register(museum)
    client = login(museum.clerk)
    assert client.post(act_url(complaint, "reject"), {"reason": "不属于本馆"}).status_code == 302
    assert client.post(act_url(complaint, "close"), {}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ARCHIVED


def test_a_handler_asks_for_more_time_and_the_head_approves_on_the_page(
    museum: Museum, login: Login
) -> None:
    complaint = reach(museum, Status.HANDLING)
    new_due = (complaint.due_at + timedelta(days=2)).astimezone(timezone.get_current_timezone())
    posted = new_due.strftime("%Y-%m-%dT%H:%M")
    response = login(museum.handler).post(
        act_url(complaint, "request_extension"),
        {"stage": "resolve", "new_due_at": posted, "reason": "等待厂家配件"},
    )
    assert response.status_code == 302
    head = login(museum.head)
    page = text(head.get(detail_url(complaint)))
    assert "等待厂家配件" in page  # the request is shown beside the decision
    queue = text(head.get(reverse("backoffice:queue", args=["approval"])))
    assert complaint.tracking_code in queue
    response = head.post(act_url(complaint, "decide_extension"), {"approve": "yes", "note": ""})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.due_at is not None
    assert abs(complaint.due_at - new_due) < timedelta(minutes=1)
