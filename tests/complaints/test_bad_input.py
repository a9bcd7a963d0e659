"""Bad input to a service is refused with the field at fault, and leaves nothing half-saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from pytest_django import Settings

from bihuan.complaints.choices import Status
from bihuan.complaints.models import (
    Attachment,
    CompensationItem,
    Complainant,
    Complaint,
    Solution,
    TimelineEvent,
)
from bihuan.complaints.services import (
    CompensationInput,
    ComplainantInput,
    OnTheSpotInput,
    complaint_attach,
    complaint_comment,
    complaint_dispatch,
    complaint_escalate,
    complaint_follow_up,
    complaint_form_task_group,
    complaint_propose,
    complaint_rate,
    complaint_refuse_solution,
    complaint_reject,
    complaint_reopen,
    complaint_reply,
    complaint_resolve,
    complaint_resolve_on_the_spot,
    complaint_return,
    complaint_start_investigation,
    complaint_submit_report,
)
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.models import Organisation
from tests.files import upload

from ..personas import Museum, register
from .states import INVESTIGATING_REPORTED, reach, snapshot, stored_files


def _file(name: str = "photo.jpg", content: bytes | None = None) -> Any:
    return upload(name, content)


def _refused(call: Callable[[], object], *, code: str, field: str | None) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call()
    error = refused.value
    assert (error.code, error.field) == (code, field)
    assert isinstance(str(error), str) and str(error).strip()
    assert str(error.message).strip()
    return error


# Registration ------------------------------------------------------------------------

Overrides = Callable[[Museum], dict[str, Any]]
LATER = timedelta(hours=2)

REGISTRATIONS: dict[str, tuple[Overrides, str, str]] = {
    "empty description": (lambda m: {"description": ""}, "required", "description"),
    "blank description": (lambda m: {"description": " \n\t "}, "required", "description"),
    "bad phone": (
        lambda m: {"complainant": ComplainantInput(name="张三", phone="打我电话")},
        "phone_invalid",
        "phone",
    ),
    "no contact, not anonymous": (
        lambda m: {"complainant": ComplainantInput(name="张三")},
        "contact_required",
        "phone",
    ),
    "bad email": (
        lambda m: {"complainant": ComplainantInput(name="张三", email="not-an-email")},
        "email_invalid",
        "email",
    ),
    "referral without reference": (
        lambda m: {"channel": "referral_12345", "external_reference": "  "},
        "external_reference_required",
        "external_reference",
    ),
    "unknown channel": (lambda m: {"channel": "fax"}, "channel_invalid", "channel"),
    "unknown severity": (lambda m: {"severity": "urgent"}, "severity_invalid", "severity"),
    "received in the future": (
        lambda m: {"received_at": clock.now() + LATER},
        "in_future",
        "received_at",
    ),
    "happened in the future": (
        lambda m: {"occurred_at": clock.now() + LATER},
        "in_future",
        "occurred_at",
    ),
    "disallowed file type": (
        lambda m: {"files": [_file(), _file("setup.exe", b"MZ")]},
        "file_type",
        "files",
    ),
    "file without a suffix": (lambda m: {"files": [_file("photo")]}, "file_type", "files"),
    "empty file": (lambda m: {"files": [_file("blank.pdf", b"")]}, "file_empty", "files"),
    "too many files": (
        lambda m: {"files": [_file(f"p{i}.jpg") for i in range(11)]},
        "too_many_files",
        "files",
    ),
    "on the spot without a result, with a file": (
        lambda m: {"files": [_file()], "on_the_spot": OnTheSpotInput(result="  ")},
        "required",
        "result",
    ),
    "on the spot with an unknown reply method, with a file": (
        lambda m: {
            "files": [_file()],
            "on_the_spot": OnTheSpotInput(result="当场处理", reply_method="pigeon"),
        },
        "method_invalid",
        "method",
    ),
}


def _nothing_registered() -> dict[str, int]:
    return {
        "complaints": Complaint.objects.count(),
        "complainants": Complainant.objects.count(),
        "events": TimelineEvent.objects.count(),
        "attachments": Attachment.objects.count(),
    }


@pytest.mark.parametrize("case", list(REGISTRATIONS))
def test_a_refused_registration_leaves_no_rows_and_no_stored_files(
    museum: Museum, case: str
) -> None:
    overrides, code, field = REGISTRATIONS[case]
    files_before = stored_files()

    _refused(lambda: register(museum, **overrides(museum)), code=code, field=field)

    assert _nothing_registered() == dict.fromkeys(
        ["complaints", "complainants", "events", "attachments"], 0
    )
    assert stored_files() == files_before


def test_an_oversize_file_is_refused_and_nothing_is_stored(
    museum: Museum, settings: Settings
) -> None:
    settings.BIHUAN_ATTACHMENT_MAX_BYTES = 200
    files_before = stored_files()
    files = [_file("small.pdf"), _file("big.pdf", b"%PDF-1.4" + b"x" * 193)]

    error = _refused(lambda: register(museum, files=files), code="file_too_large", field="files")

    assert "big.pdf" in str(error)
    assert _nothing_registered()["complaints"] == 0
    assert Attachment.objects.count() == 0
    assert stored_files() == files_before


def test_anonymous_complaints_are_refused_where_the_organisation_does_not_take_them(
    museum: Museum,
) -> None:
    Organisation.objects.update(allow_anonymous=False)

    _refused(
        lambda: register(museum, complainant=ComplainantInput(is_anonymous=True)),
        code="anonymous_not_allowed",
        field="is_anonymous",
    )
    assert Complaint.objects.count() == 0


def test_a_refused_registration_leaves_a_returning_complainant_as_he_was(
    museum: Museum,
) -> None:
    register(museum)
    known = Complainant.objects.values().get()

    _refused(
        lambda: register(
            museum,
            complainant=ComplainantInput(phone="138 1234 1234", email="new@example.com"),
            on_the_spot=OnTheSpotInput(result=""),
        ),
        code="required",
        field="result",
    )

    assert Complainant.objects.values().get() == known
    assert Complaint.objects.count() == 1


def test_a_good_registration_with_files_stores_them(museum: Museum) -> None:
    files_before = stored_files()

    complaint = register(museum, files=[_file(), _file("receipt.pdf")])

    assert complaint.attachments.count() == 2
    assert len(stored_files() - files_before) == 2


# Workflow steps -------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    state: str
    persona: str
    call: Callable[[Museum, Any, Complaint], object]
    code: str
    field: str | None


def _propose(**changes: Any) -> Callable[[Museum, Any, Complaint], object]:
    def call(m: Museum, actor: Any, c: Complaint) -> object:
        values: dict[str, Any] = {
            "measures": "更换电源并致歉",
            "responsible_person": m.handler,
            "due_date": (clock.now() + timedelta(days=3)).date(),
            "compensation": [],
        }
        values.update(changes)
        if callable(values["responsible_person"]):
            values["responsible_person"] = values["responsible_person"](m)
        return complaint_propose(actor=actor, complaint=c, **values)

    return call


def _money(amount: str | None, kind: str = "money") -> list[CompensationInput]:
    return [
        CompensationInput(kind="free_ticket", quantity=2),
        CompensationInput(kind=kind, amount=None if amount is None else Decimal(amount)),
    ]


R = INVESTIGATING_REPORTED
STEPS: dict[str, Step] = {
    "propose with a past due date": Step(
        R,
        "handler",
        _propose(due_date=(clock.now() - timedelta(days=1)).date()),
        "due_date_past",
        "due_date",
    ),
    "propose without measures": Step(R, "handler", _propose(measures=" "), "required", "measures"),
    "propose a negative amount": Step(
        R,
        "handler",
        _propose(compensation=_money("-50.00")),
        "compensation_invalid",
        "compensation",
    ),
    "propose money without an amount": Step(
        R, "handler", _propose(compensation=_money(None)), "compensation_invalid", "compensation"
    ),
    "propose a refund of zero": Step(
        R,
        "handler",
        _propose(compensation=_money("0", kind="refund")),
        "compensation_invalid",
        "compensation",
    ),
    "propose an amount beyond the ledger's precision": Step(
        R,
        "handler",
        _propose(compensation=_money("12.345")),
        "compensation_invalid",
        "compensation",
    ),
    "propose an amount too large to store": Step(
        R,
        "handler",
        _propose(compensation=_money("100000000000")),
        "compensation_invalid",
        "compensation",
    ),
    "propose an amount that is not a number": Step(
        R, "handler", _propose(compensation=_money("NaN")), "compensation_invalid", "compensation"
    ),
    "propose an unknown compensation kind": Step(
        R,
        "handler",
        _propose(compensation=[CompensationInput(kind="cash_in_envelope")]),
        "compensation_invalid",
        "compensation",
    ),
    "propose zero free tickets": Step(
        R,
        "handler",
        _propose(compensation=[CompensationInput(kind="free_ticket", quantity=0)]),
        "compensation_invalid",
        "compensation",
    ),
    "propose someone outside the department as responsible": Step(
        R,
        "handler",
        _propose(responsible_person=lambda m: m.other_handler),
        "assignee_invalid",
        "responsible_person",
    ),
    "reject without reason": Step(
        Status.REGISTERED,
        "clerk",
        lambda m, a, c: complaint_reject(actor=a, complaint=c, reason=" "),
        "required",
        "reason",
    ),
    "resolve on the spot without result": Step(
        Status.REGISTERED,
        "clerk",
        lambda m, a, c: complaint_resolve_on_the_spot(
            actor=a, complaint=c, result="", reply_method="in_person"
        ),
        "required",
        "result",
    ),
    "dispatch to an inactive department": Step(
        Status.ACCEPTED,
        "clerk",
        lambda m, a, c: complaint_dispatch(
            actor=a, complaint=c, department=_inactive(m), override_reason="试试"
        ),
        "department_inactive",
        "department",
    ),
    "dispatch against routing without reason": Step(
        Status.ACCEPTED,
        "clerk",
        lambda m, a, c: complaint_dispatch(actor=a, complaint=c, department=m.facilities),
        "override_reason_required",
        "override_reason",
    ),
    "return without reason": Step(
        Status.DISPATCHED,
        "handler",
        lambda m, a, c: complaint_return(actor=a, complaint=c, reason=""),
        "required",
        "reason",
    ),
    "investigate with an assignee of another department": Step(
        Status.DISPATCHED,
        "head",
        lambda m, a, c: complaint_start_investigation(
            actor=a, complaint=c, assignee=m.other_handler
        ),
        "assignee_invalid",
        "assignee",
    ),
    "report without findings": Step(
        Status.INVESTIGATING,
        "handler",
        lambda m, a, c: complaint_submit_report(actor=a, complaint=c, findings="\n"),
        "required",
        "findings",
    ),
    "refuse without reason": Step(
        Status.PROPOSED,
        "head",
        lambda m, a, c: complaint_refuse_solution(actor=a, complaint=c, reason=""),
        "required",
        "reason",
    ),
    "resolve without result": Step(
        Status.HANDLING,
        "handler",
        lambda m, a, c: complaint_resolve(actor=a, complaint=c, result="  "),
        "required",
        "result",
    ),
    "reply with an unknown method": Step(
        Status.RESOLVED,
        "clerk",
        lambda m, a, c: complaint_reply(actor=a, complaint=c, method="pigeon", text="已修复"),
        "method_invalid",
        "method",
    ),
    "reply with blank text": Step(
        Status.RESOLVED,
        "clerk",
        lambda m, a, c: complaint_reply(actor=a, complaint=c, method="phone", text=" "),
        "required",
        "text",
    ),
    "rate dissatisfied without comment": Step(
        Status.REPLIED,
        "clerk",
        lambda m, a, c: complaint_rate(actor=a, complaint=c, rating="dissatisfied", comment=" "),
        "comment_required",
        "comment",
    ),
    "rate with an unknown rating": Step(
        Status.REPLIED,
        "clerk",
        lambda m, a, c: complaint_rate(actor=a, complaint=c, rating="meh"),
        "rating_invalid",
        "rating",
    ),
    "reopen without reason": Step(
        Status.DISSATISFIED,
        "clerk",
        lambda m, a, c: complaint_reopen(actor=a, complaint=c, reason=""),
        "required",
        "reason",
    ),
    "follow up with an unknown method": Step(
        Status.SATISFIED,
        "clerk",
        lambda m, a, c: complaint_follow_up(
            actor=a, complaint=c, method="telepathy", outcome="confirmed"
        ),
        "method_invalid",
        "method",
    ),
    "follow up with an unknown outcome": Step(
        Status.SATISFIED,
        "clerk",
        lambda m, a, c: complaint_follow_up(actor=a, complaint=c, method="phone", outcome="ok"),
        "outcome_invalid",
        "outcome",
    ),
    "escalate without reason": Step(
        Status.INVESTIGATING,
        "clerk",
        lambda m, a, c: complaint_escalate(actor=a, complaint=c, reason=" "),
        "required",
        "reason",
    ),
    "comment without text": Step(
        Status.INVESTIGATING,
        "clerk",
        lambda m, a, c: complaint_comment(actor=a, complaint=c, note=""),
        "required",
        "note",
    ),
    "attach no file": Step(
        Status.INVESTIGATING,
        "clerk",
        lambda m, a, c: complaint_attach(actor=a, complaint=c, files=[]),
        "required",
        "files",
    ),
    "attach a disallowed type": Step(
        Status.INVESTIGATING,
        "clerk",
        lambda m, a, c: complaint_attach(actor=a, complaint=c, files=[_file("x.html", b"<p>")]),
        "file_type",
        "files",
    ),
}


def _inactive(museum: Museum) -> Any:
    museum.facilities.is_active = False
    museum.facilities.save(update_fields=["is_active"])
    return museum.facilities


@pytest.mark.parametrize("case", list(STEPS))
def test_a_refused_step_leaves_the_complaint_exactly_as_it_was(museum: Museum, case: str) -> None:
    step = STEPS[case]
    complaint = reach(museum, step.state)
    actor = museum.actor(getattr(museum, step.persona))
    before, files_before = snapshot(complaint), stored_files()
    solutions_before = (Solution.objects.count(), CompensationItem.objects.count())

    _refused(lambda: step.call(museum, actor, complaint), code=step.code, field=step.field)

    assert snapshot(complaint) == before
    assert (Solution.objects.count(), CompensationItem.objects.count()) == solutions_before
    assert stored_files() == files_before


def test_attaching_beyond_the_limit_stores_none_of_the_batch(
    museum: Museum, settings: Settings
) -> None:
    settings.BIHUAN_ATTACHMENT_MAX_COUNT = 3
    complaint = reach(museum, Status.INVESTIGATING, files=[_file(), _file("b.png")])
    before, files_before = snapshot(complaint), stored_files()

    _refused(
        lambda: complaint_attach(
            actor=museum.actor(museum.clerk),
            complaint=complaint,
            files=[_file("c.jpg"), _file("d.jpg")],
        ),
        code="too_many_files",
        field="files",
    )

    assert snapshot(complaint) == before
    assert stored_files() == files_before


@pytest.mark.parametrize(
    ("members", "code"),
    [
        ([], "members_required"),
        (["supervisor"], "member_invalid"),
        (["outsider"], "member_invalid"),
    ],
)
def test_a_task_group_needs_members_who_handle_complaints(
    museum: Museum, members: list[str], code: str
) -> None:
    complaint = reach(museum, Status.INVESTIGATING)
    complaint_escalate(actor=museum.actor(museum.clerk), complaint=complaint, reason="媒体关注")
    before = snapshot(complaint)

    _refused(
        lambda: complaint_form_task_group(
            actor=museum.actor(museum.leader),
            complaint=complaint,
            members=[getattr(museum, name) for name in members],
        ),
        code=code,
        field="members",
    )

    assert snapshot(complaint) == before


def test_bad_input_on_the_right_state_does_not_move_the_status(museum: Museum) -> None:
    complaint = reach(museum, Status.PROPOSED)

    with pytest.raises(DomainError):
        complaint_refuse_solution(actor=museum.actor(museum.head), complaint=complaint, reason="")

    complaint.refresh_from_db()
    assert complaint.status == Status.PROPOSED
    assert complaint.solutions.get().decision == Solution.Decision.PENDING
