"""Workflow actions through the API: the staff page's forms and services, the same checks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from rest_framework.test import APIClient

from bihuan.backoffice.actions import ACTIONS
from bihuan.complaints.choices import Action, Status
from bihuan.complaints.deadlines import department_clocks
from bihuan.complaints.models import (
    CompensationItem,
    Complaint,
    Solution,
    TaskGroup,
    TimelineEvent,
)
from bihuan.complaints.permissions import pending_extension
from bihuan.complaints.services import complaint_submit_report
from bihuan.core import clock

from ..complaints.states import INVESTIGATING_EXTENSION, INVESTIGATING_PAUSED, reach
from ..personas import Museum, advance, register
from .conftest import action_url, complaint_url, error_of, new_complaint_body, pdf


def act(client: APIClient, complaint: Complaint, name: str, body: dict[str, Any] | None = None):
    return client.post(action_url(complaint, name), body or {}, format="json")


def done(response: Any, status: str) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == status, body
    return body


def test_every_transition_has_an_endpoint_in_the_schema(museum: Museum) -> None:
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    for name in ACTIONS:
        path = f"/api/v1/complaints/{{code}}/actions/{name}/"
        assert "post" in schema["paths"][path], name
    assert schema["paths"]["/api/v1/complaints/{code}/actions/dispatch/"]["post"]["requestBody"]


def test_a_whole_loop_from_register_to_archived(museum: Museum, api) -> None:
    clerk, handler, head = api(museum.clerk), api(museum.handler), api(museum.head)
    created = clerk.post("/api/v1/complaints/", new_complaint_body(museum), format="json")
    assert created.status_code == 201, created.content
    complaint = Complaint.objects.get(tracking_code=created.json()["tracking_code"])

    done(act(clerk, complaint, "accept", {"note": "受理"}), "accepted")
    # The department defaults to routing's suggestion, as the page preselects it.
    body = done(act(clerk, complaint, "dispatch"), "dispatched")
    assert body["lead_department"]["code"] == "exhibitions"
    done(act(handler, complaint, "investigate"), "investigating")
    done(act(handler, complaint, "report", {"findings": "空调设定过低"}), "investigating")
    due = (clock.now() + timedelta(days=3)).date().isoformat()
    proposal = {
        "measures": "调高温度并致歉",
        "responsible_person": museum.handler.pk,
        "due_date": due,
        "compensation": [{"kind": "free_ticket", "quantity": 2, "note": "两张门票"}],
    }
    done(act(handler, complaint, "propose", proposal), "proposed")
    assert CompensationItem.objects.filter(solution__complaint=complaint, quantity=2).exists()
    done(act(head, complaint, "approve"), "approved")
    done(act(handler, complaint, "handle"), "handling")
    done(act(handler, complaint, "resolve", {"result": "已调高温度"}), "resolved")
    body = done(act(clerk, complaint, "reply", {"method": "phone"}), "replied")
    assert body["replied_at"]
    done(act(clerk, complaint, "rate", {"rating": "satisfied"}), "satisfied")
    follow_up = {"method": "phone", "outcome": "confirmed"}
    done(act(clerk, complaint, "follow_up", follow_up), "followed_up")
    body = done(act(clerk, complaint, "close"), "archived")
    assert [a["name"] for a in body["actions"]] == ["comment"]  # the archive is frozen
    actions = list(
        TimelineEvent.objects.filter(complaint=complaint).values_list("action", flat=True)
    )
    for verb in ("register", "accept", "dispatch", "propose", "approve", "reply", "close"):
        assert verb in actions
    solution = Solution.objects.get(complaint=complaint)
    assert solution.decided_by_id == museum.head.pk


def test_the_actions_endpoint_lists_what_the_caller_may_do(museum: Museum, api) -> None:
    complaint = register(museum)
    names = {a["name"] for a in api(museum.clerk).get(complaint_url(complaint, "actions/")).json()}
    assert {"accept", "reject", "resolve_on_the_spot", "comment"} <= names
    assert "approve" not in names
    supervisor = api(museum.supervisor).get(complaint_url(complaint, "actions/")).json()
    assert "accept" not in {a["name"] for a in supervisor}


def test_an_action_the_status_does_not_allow_is_409(museum: Museum, api) -> None:
    complaint = register(museum)
    response = act(api(museum.clerk), complaint, "close")
    assert response.status_code == 409
    assert error_of(response)["code"] == "invalid_state"
    complaint.refresh_from_db()
    assert complaint.status == Status.REGISTERED


def test_an_action_the_role_does_not_allow_is_403(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.PROPOSED)
    response = act(api(museum.handler), complaint, "approve")  # only the head approves
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    response = act(api(museum.supervisor), complaint, "comment", {"note": "x"})
    assert response.status_code == 200  # supervisors may note, as on the page


def test_form_errors_come_back_per_field_and_nothing_changes(museum: Museum, api) -> None:
    complaint = register(museum)
    response = act(api(museum.clerk), complaint, "reject", {"reason": ""})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert error["field"] == "reason"
    complaint.refresh_from_db()
    assert complaint.status == Status.REGISTERED


def test_a_dissatisfied_rating_needs_a_comment_as_on_the_page(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), Status.REPLIED)
    response = act(api(museum.clerk), complaint, "rate", {"rating": "dissatisfied"})
    assert response.status_code == 400
    assert error_of(response)["field"] == "comment"
    body = act(
        api(museum.clerk), complaint, "rate", {"rating": "dissatisfied", "comment": "没修好"}
    )
    done(body, "dissatisfied")


def test_bad_compensation_rows_are_named(museum: Museum, api) -> None:
    complaint = advance(museum, register(museum), "investigating")
    complaint_submit_report(actor=museum.actor(museum.handler), complaint=complaint, findings="x")
    body = {
        "measures": "m",
        "responsible_person": museum.handler.pk,
        "due_date": (clock.now() + timedelta(days=1)).date().isoformat(),
        "compensation": [{"kind": "gold_bar", "quantity": 1}],
    }
    response = act(api(museum.handler), complaint, "propose", body)
    assert response.status_code == 400
    assert "compensation.0.kind" in error_of(response)["fields"]
    body["compensation"] = "not a list"
    response = act(api(museum.handler), complaint, "propose", body)
    assert response.status_code == 400
    assert error_of(response)["field"] == "compensation"


def test_unknown_action_names_are_404(museum: Museum, api) -> None:
    complaint = register(museum)
    response = act(api(museum.clerk), complaint, "delete")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_multipart_action_body_works_as_the_page_posts_it(museum: Museum, api) -> None:
    complaint = register(museum)
    response = api(museum.clerk).post(
        action_url(complaint, "reject"), {"reason": "不属于本馆"}, format="multipart"
    )
    done(response, "rejected")
    assert TimelineEvent.objects.filter(complaint=complaint, action=Action.REJECT).exists()


def _stage_and_later_due(complaint: Complaint) -> dict[str, Any]:
    first = department_clocks(complaint)[0]
    return {"stage": first.stage, "new_due_at": (first.due_at + timedelta(days=1)).isoformat()}


# action: (state the complaint is brought to, who acts, body, what must hold afterwards)
SIDE_ACTIONS: dict[str, tuple[str, str, Any, Any]] = {
    "resolve_on_the_spot": (
        Status.REGISTERED,
        "clerk",
        {"result": "当场调换了门票"},
        lambda c: c.status == Status.REPLIED and c.on_the_spot,
    ),
    "return": (
        Status.DISPATCHED,
        "handler",
        {"reason": "应由后勤保障部处理"},
        lambda c: c.status == Status.RETURNED,
    ),
    "refuse": (
        Status.PROPOSED,
        "head",
        {"reason": "补偿不足"},
        lambda c: c.status == Status.INVESTIGATING,
    ),
    "reopen": (
        Status.DISSATISFIED,
        "clerk",
        {"reason": "投诉人反映仍未修好"},
        lambda c: c.status == Status.REOPENED,
    ),
    "escalate": (
        Status.DISPATCHED,
        "clerk",
        {"reason": "涉及观众安全"},
        lambda c: c.is_major,
    ),
    "assign": (
        Status.DISPATCHED,
        "head",
        lambda m, c: {"assignee": m.handler.pk},
        lambda c: c.assignee is not None and c.assignee.username == "handler",
    ),
    "pause": (
        Status.INVESTIGATING,
        "clerk",
        {"reason": "等待投诉人提供照片"},
        lambda c: c.paused_at is not None,
    ),
    "resume": (INVESTIGATING_PAUSED, "clerk", {}, lambda c: c.paused_at is None),
    "request_extension": (
        Status.INVESTIGATING,
        "handler",
        lambda m, c: {**_stage_and_later_due(c), "reason": "需等待厂家检测报告"},
        lambda c: pending_extension(c) is not None,
    ),
    "decide_extension": (
        INVESTIGATING_EXTENSION,
        "head",
        {"approve": "yes"},
        lambda c: pending_extension(c) is None,
    ),
    "comment": (Status.HANDLING, "supervisor", {"note": "请注意回访"}, lambda c: True),
}


@pytest.mark.parametrize("name", list(SIDE_ACTIONS))
def test_each_other_action_through_the_api(museum: Museum, api, name: str) -> None:
    state, who, body, holds = SIDE_ACTIONS[name]
    complaint = reach(museum, state)
    if callable(body):
        body = body(museum, complaint)
    before = TimelineEvent.objects.filter(complaint=complaint).count()
    response = act(api(getattr(museum, who)), complaint, name, body)
    assert response.status_code == 200, response.content
    complaint.refresh_from_db()
    assert holds(complaint)
    assert TimelineEvent.objects.filter(complaint=complaint).count() > before


def test_the_leader_forms_a_task_group_for_a_major_complaint(museum: Museum, api) -> None:
    complaint = reach(museum, Status.DISPATCHED)
    done(act(api(museum.clerk), complaint, "escalate", {"reason": "群体投诉"}), "dispatched")
    body = {"members": [museum.other_handler.pk, museum.handler.pk], "remit": "一周内查清"}
    done(act(api(museum.leader), complaint, "form_task_group", body), "dispatched")
    group = TaskGroup.objects.get(complaint=complaint)
    assert set(group.members.values_list("username", flat=True)) == {"other_handler", "handler"}
    # The facilities handler now reads the complaint through the task group.
    assert api(museum.other_handler).get(complaint_url(complaint)).status_code == 200


def test_the_attach_action_takes_multipart_files(museum: Museum, api) -> None:
    complaint = reach(museum, Status.DISPATCHED)
    response = api(museum.handler).post(
        action_url(complaint, "attach"), {"files": [pdf()]}, format="multipart"
    )
    done(response, "dispatched")
    assert complaint.attachments.count() == 1
    response = api(museum.handler).post(action_url(complaint, "attach"), {}, format="json")
    assert response.status_code == 415
