"""Every transition of the loop, for every persona, through the real services.

The policy tables below are the specification: who may take each transition on an
ordinary complaint led by exhibitions, and on a major one with a special task group.
A change in ``permissions.py`` or ``transitions.py`` that is not also made here fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bihuan.complaints.choices import Action, Status
from bihuan.complaints.deadlines import department_clocks
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import (
    CompensationInput,
    OnTheSpotInput,
    complaint_accept,
    complaint_approve,
    complaint_assign,
    complaint_attach,
    complaint_close,
    complaint_comment,
    complaint_decide_extension,
    complaint_dispatch,
    complaint_escalate,
    complaint_follow_up,
    complaint_form_task_group,
    complaint_pause,
    complaint_propose,
    complaint_rate,
    complaint_refuse_solution,
    complaint_reject,
    complaint_reopen,
    complaint_reply,
    complaint_request_extension,
    complaint_resolve,
    complaint_resolve_on_the_spot,
    complaint_resume,
    complaint_return,
    complaint_start_handling,
    complaint_start_investigation,
    complaint_submit_report,
)
from bihuan.complaints.transitions import TRANSITIONS, is_allowed
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor
from tests.files import upload

from ..personas import Museum, register
from .states import (
    ALL_STATES,
    INVESTIGATING_EXTENSION,
    INVESTIGATING_PAUSED,
    INVESTIGATING_REPORTED,
    changes,
    new_events,
    pause,
    reach,
    request_extension,
    snapshot,
    stored_files,
)

PERSONAS = (
    "clerk",
    "handler",
    "head",
    "other_handler",
    "other_head",
    "supervisor",
    "leader",
    "administrator",
    "outsider",
)

# Who may take each transition on an ordinary complaint: exhibitions leads, the
# exhibitions handler is the assignee, the handler proposed the pending solution.
GENERAL_POLICY: dict[str, set[str]] = {
    "accept": {"clerk"},
    "reject": {"clerk"},
    "resolve_on_the_spot": {"clerk"},
    "dispatch": {"clerk", "leader"},
    "return": {"handler", "head"},
    "investigate": {"handler", "head"},
    "report": {"handler", "head"},
    "propose": {"handler", "head"},
    "approve": {"head"},
    "refuse": {"head"},
    "handle": {"handler", "head"},
    "resolve": {"handler", "head"},
    "reply": {"clerk", "handler", "head"},
    "rate": {"clerk", "handler", "head"},
    "reopen": {"clerk", "head"},
    "follow_up": {"clerk", "supervisor"},
    "close": {"clerk", "supervisor"},
    "escalate": {"clerk", "handler", "head", "supervisor", "leader"},
    "form_task_group": set(),  # only on a major complaint
    "assign": {"head"},
    "pause": {"clerk", "handler", "head"},
    "resume": {"clerk", "handler", "head"},
    "request_extension": {"handler", "head"},
    "decide_extension": {"head"},  # the handler asked
    "comment": {"clerk", "handler", "head", "supervisor", "leader"},
    "attach": {"clerk", "handler", "head", "supervisor", "leader"},
}

# The same complaint once major, with a task group led by the leader whose member is
# the facilities handler: the leader acts as head, the member as a handler.
MAJOR_POLICY: dict[str, set[str]] = {
    "accept": {"clerk"},
    "reject": {"clerk"},
    "resolve_on_the_spot": {"clerk"},
    "dispatch": {"clerk", "leader"},
    "return": {"handler", "head", "leader", "other_handler"},
    "investigate": {"handler", "head", "leader", "other_handler"},
    "report": {"handler", "head", "leader", "other_handler"},
    "propose": {"handler", "head", "leader", "other_handler"},
    "approve": {"head", "leader"},
    "refuse": {"head", "leader"},
    "handle": {"handler", "head", "leader", "other_handler"},
    "resolve": {"handler", "head", "leader", "other_handler"},
    "reply": {"clerk", "handler", "head", "leader", "other_handler"},
    "rate": {"clerk", "handler", "head", "leader", "other_handler"},
    "reopen": {"clerk", "head", "leader"},
    "follow_up": {"clerk", "supervisor"},
    "close": {"clerk", "supervisor"},
    "escalate": set(),  # already major
    "form_task_group": {"leader"},
    "assign": {"head", "leader"},
    "pause": {"clerk", "handler", "head", "leader", "other_handler"},
    "resume": {"clerk", "handler", "head", "leader", "other_handler"},
    "request_extension": {"handler", "head", "leader", "other_handler"},
    "decide_extension": {"head", "leader"},
    "comment": {"clerk", "handler", "head", "leader", "other_handler", "supervisor"},
    "attach": {"clerk", "handler", "head", "leader", "other_handler", "supervisor"},
}

# The state each transition is tried from in the persona matrix.
SOURCE: dict[str, str] = {
    "accept": Status.REGISTERED,
    "reject": Status.REGISTERED,
    "resolve_on_the_spot": Status.REGISTERED,
    "dispatch": Status.ACCEPTED,
    "return": Status.DISPATCHED,
    "investigate": Status.DISPATCHED,
    "report": Status.INVESTIGATING,
    "propose": INVESTIGATING_REPORTED,
    "approve": Status.PROPOSED,
    "refuse": Status.PROPOSED,
    "handle": Status.APPROVED,
    "resolve": Status.HANDLING,
    "reply": Status.RESOLVED,
    "rate": Status.REPLIED,
    "reopen": Status.DISSATISFIED,
    "follow_up": Status.SATISFIED,
    "close": Status.FOLLOWED_UP,
    "escalate": Status.INVESTIGATING,
    "form_task_group": Status.INVESTIGATING,
    "assign": Status.INVESTIGATING,
    "pause": Status.INVESTIGATING,
    "resume": INVESTIGATING_PAUSED,
    "request_extension": Status.INVESTIGATING,
    "decide_extension": INVESTIGATING_EXTENSION,
    "comment": Status.INVESTIGATING,
    "attach": Status.INVESTIGATING,
}

# A persona allowed to take the transition in every one of its source states.
PRIMARY: dict[str, str] = {
    "accept": "clerk",
    "reject": "clerk",
    "resolve_on_the_spot": "clerk",
    "dispatch": "clerk",
    "return": "handler",
    "investigate": "handler",
    "report": "handler",
    "propose": "handler",
    "approve": "head",
    "refuse": "head",
    "handle": "handler",
    "resolve": "handler",
    "reply": "clerk",
    "rate": "clerk",
    "reopen": "clerk",
    "follow_up": "supervisor",
    "close": "supervisor",
    "escalate": "clerk",
    "form_task_group": "leader",
    "assign": "head",
    "pause": "clerk",
    "resume": "clerk",
    "request_extension": "handler",
    "decide_extension": "head",
    "comment": "clerk",
    "attach": "clerk",
}

# What a successful call writes, from its SOURCE state: complaint columns (beside status
# bookkeeping in updated_at) and related records. Anything else changing is a bug.
WRITES: dict[str, tuple[set[str], set[str]]] = {
    "accept": ({"status", "accepted_at"}, {"events"}),
    "reject": ({"status", "rejection_reason"}, {"events"}),
    "resolve_on_the_spot": (
        {"status", "resolution", "resolved_at", "accepted_at", "on_the_spot", "replied_at"},
        {"events", "replies"},
    ),
    "dispatch": ({"status", "lead_department_id"}, {"events"}),
    "return": ({"status", "return_count"}, {"events"}),
    "investigate": ({"status", "assignee_id"}, {"events"}),
    "report": (set(), {"events", "reports"}),
    "propose": ({"status"}, {"events", "solutions", "compensation"}),
    "approve": ({"status"}, {"events", "solutions"}),
    "refuse": ({"status"}, {"events", "solutions"}),
    "handle": ({"status"}, {"events"}),
    "resolve": ({"status", "resolution", "resolved_at"}, {"events"}),
    "reply": ({"status", "replied_at"}, {"events", "replies"}),
    "rate": ({"status"}, {"events", "ratings"}),
    "reopen": ({"status", "redo_count"}, {"events"}),
    "follow_up": ({"status"}, {"events", "follow_ups"}),
    "close": ({"status", "archived_at"}, {"events"}),
    "escalate": ({"severity"}, {"events"}),
    "form_task_group": (set(), {"events", "task_group"}),
    "assign": ({"assignee_id"}, {"events"}),
    "pause": ({"paused_at", "pause_reason"}, {"events"}),
    "resume": ({"paused_at", "pause_reason"}, {"events"}),
    "request_extension": (set(), {"events", "extensions"}),
    "decide_extension": (set(), {"events", "extensions"}),
    "comment": (set(), {"events"}),
    "attach": (set(), {"events", "attachments"}),
}

Call = Callable[[Museum, Actor, Complaint], object]


def _photo() -> SimpleUploadedFile:
    return upload("photo.jpg")


def _later(complaint: Complaint) -> datetime:
    """A day after the department's first deadline (or now, when no clock runs)."""
    running = department_clocks(complaint)
    return (running[0].due_at if running else clock.now()) + timedelta(days=1)


# Each transition with valid inputs, as a form would send them.
CALLS: dict[str, Call] = {
    "accept": lambda m, a, c: complaint_accept(actor=a, complaint=c, note="属实，予以受理"),
    "reject": lambda m, a, c: complaint_reject(actor=a, complaint=c, reason="不属于本馆范围"),
    "resolve_on_the_spot": lambda m, a, c: complaint_resolve_on_the_spot(
        actor=a, complaint=c, result="当场重启装置", reply_method="in_person"
    ),
    "dispatch": lambda m, a, c: complaint_dispatch(actor=a, complaint=c, department=m.exhibitions),
    "return": lambda m, a, c: complaint_return(actor=a, complaint=c, reason="不属于本部门"),
    "investigate": lambda m, a, c: complaint_start_investigation(actor=a, complaint=c),
    "report": lambda m, a, c: complaint_submit_report(actor=a, complaint=c, findings="电源故障"),
    "propose": lambda m, a, c: complaint_propose(
        actor=a,
        complaint=c,
        measures="更换电源并致歉",
        responsible_person=m.handler,
        due_date=(clock.now() + timedelta(days=3)).date(),
        compensation=[CompensationInput(kind="free_ticket", quantity=2)],
    ),
    "approve": lambda m, a, c: complaint_approve(actor=a, complaint=c, note="同意"),
    "refuse": lambda m, a, c: complaint_refuse_solution(actor=a, complaint=c, reason="补偿不足"),
    "handle": lambda m, a, c: complaint_start_handling(actor=a, complaint=c),
    "resolve": lambda m, a, c: complaint_resolve(actor=a, complaint=c, result="已更换电源"),
    "reply": lambda m, a, c: complaint_reply(actor=a, complaint=c, method="sms", text="已修复"),
    "rate": lambda m, a, c: complaint_rate(actor=a, complaint=c, rating="satisfied"),
    "reopen": lambda m, a, c: complaint_reopen(actor=a, complaint=c, reason="仍未修好"),
    "follow_up": lambda m, a, c: complaint_follow_up(
        actor=a, complaint=c, method="phone", outcome="confirmed"
    ),
    "close": lambda m, a, c: complaint_close(actor=a, complaint=c),
    "escalate": lambda m, a, c: complaint_escalate(actor=a, complaint=c, reason="媒体已关注"),
    "form_task_group": lambda m, a, c: complaint_form_task_group(
        actor=a, complaint=c, members=[m.other_handler, m.handler], remit="联合核查"
    ),
    "assign": lambda m, a, c: complaint_assign(actor=a, complaint=c, assignee=m.head),
    "pause": lambda m, a, c: complaint_pause(actor=a, complaint=c, reason="等待投诉人补充材料"),
    "resume": lambda m, a, c: complaint_resume(actor=a, complaint=c),
    "request_extension": lambda m, a, c: complaint_request_extension(
        actor=a,
        complaint=c,
        new_due_at=_later(c),
        reason="需等待厂家检测报告",
    ),
    "decide_extension": lambda m, a, c: complaint_decide_extension(
        actor=a, complaint=c, approve=True, note="同意延期"
    ),
    "comment": lambda m, a, c: complaint_comment(actor=a, complaint=c, note="已电话联系"),
    "attach": lambda m, a, c: complaint_attach(actor=a, complaint=c, files=[_photo()]),
}


def expected_events(name: str, source: str) -> list[tuple[str, str, str]]:
    """The (action, from, to) lines a successful call appends to the timeline."""
    transition = TRANSITIONS[name]
    if name == "resolve_on_the_spot":
        return [
            (Action.RESOLVE, Status.REGISTERED, Status.RESOLVED),
            (Action.REPLY, Status.RESOLVED, Status.REPLIED),
        ]
    if name == "rate":
        return [(Action.RATE, source, Status.SATISFIED)]
    if name == "escalate":
        return [(Action.ESCALATE, source, source)]
    if transition.target is None:
        return [(transition.action, "", "")]
    return [(transition.action, source, transition.target)]


def _status_of(state: str) -> str:
    if state in (INVESTIGATING_REPORTED, INVESTIGATING_PAUSED, INVESTIGATING_EXTENSION):
        return Status.INVESTIGATING
    return state


def _expected_status(name: str, source: str) -> str:
    return _status_of(expected_events(name, source)[-1][2] or source)


def test_the_policy_tables_cover_every_transition_and_nothing_else() -> None:
    for table in (GENERAL_POLICY, MAJOR_POLICY, SOURCE, PRIMARY, WRITES, CALLS):
        assert set(table) == set(TRANSITIONS)
    for table in (GENERAL_POLICY, MAJOR_POLICY):
        assert set().union(*table.values()) <= set(PERSONAS)
    for name, state in SOURCE.items():
        assert _status_of(state) in TRANSITIONS[name].sources, name


def _try(museum: Museum, name: str, persona: str, allowed: set[str], *, major: bool) -> None:
    complaint = reach(museum, SOURCE[name], major=major)
    user = getattr(museum, persona)
    actor = museum.actor(user)
    assert is_allowed(actor, complaint, name) == (persona in allowed)
    before, files_before = snapshot(complaint), stored_files()

    if persona in allowed:
        CALLS[name](museum, actor, complaint)
        after = snapshot(complaint)
        source = _status_of(SOURCE[name])
        assert after["complaint"]["status"] == _expected_status(name, source)
        assert new_events(before, after) == [
            (*event, user.pk) for event in expected_events(name, source)
        ]
        assert changes(before, after) == WRITES[name]
    else:
        with pytest.raises(DomainError) as refused:
            CALLS[name](museum, actor, complaint)
        assert refused.value.code == "forbidden"
        assert str(refused.value)
        assert snapshot(complaint) == before
        assert stored_files() == files_before


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_on_an_ordinary_complaint_only_the_allowed_personas_take_each_transition(
    museum: Museum, name: str, persona: str
) -> None:
    _try(museum, name, persona, GENERAL_POLICY[name], major=False)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_on_a_major_complaint_the_leader_and_the_task_group_act_as_the_lead_department(
    museum: Museum, name: str, persona: str
) -> None:
    _try(museum, name, persona, MAJOR_POLICY[name], major=True)


def _every_source() -> list[tuple[str, str]]:
    return [
        (name, source)
        for name, transition in TRANSITIONS.items()
        for source in sorted(transition.sources)
    ]


@pytest.mark.parametrize(("name", "source"), _every_source())
def test_each_transition_succeeds_from_every_one_of_its_source_states(
    museum: Museum, name: str, source: str
) -> None:
    state = INVESTIGATING_REPORTED if name == "propose" else source
    complaint = reach(museum, state, major=name == "form_task_group")
    if name == "resume":
        pause(museum, complaint)
    if name == "decide_extension":
        request_extension(museum, complaint)
    user = getattr(museum, PRIMARY[name])
    before = snapshot(complaint)

    CALLS[name](museum, museum.actor(user), complaint)

    after = snapshot(complaint)
    assert after["complaint"]["status"] == _expected_status(name, source)
    assert new_events(before, after) == [
        (*event, user.pk) for event in expected_events(name, source)
    ]


@pytest.mark.parametrize("state", ALL_STATES)
def test_every_transition_from_a_wrong_state_is_invalid_state_and_changes_nothing(
    museum: Museum, state: str
) -> None:
    complaint = reach(museum, state)
    wrong = [name for name, t in TRANSITIONS.items() if state not in t.sources]
    failures: list[str] = []
    for name in wrong:
        actor = museum.actor(getattr(museum, PRIMARY[name]))
        before, files_before = snapshot(complaint), stored_files()
        try:
            CALLS[name](museum, actor, complaint)
        except DomainError as error:
            if error.code != "invalid_state" or not str(error):
                failures.append(f"{name}: {error.code} {error}")
        else:
            failures.append(f"{name}: succeeded")
        if snapshot(complaint) != before or stored_files() != files_before:
            failures.append(f"{name}: changed the complaint")
    assert not failures


# Special rules ------------------------------------------------------------------------


@pytest.mark.parametrize("decide", ["approve", "refuse"])
def test_the_proposer_of_a_solution_cannot_approve_or_refuse_it(
    museum: Museum, decide: str
) -> None:
    complaint = reach(museum, INVESTIGATING_REPORTED)
    CALLS["propose"](museum, museum.actor(museum.head), complaint)
    before = snapshot(complaint)

    with pytest.raises(DomainError) as refused:
        CALLS[decide](museum, museum.actor(museum.head), complaint)

    assert refused.value.code == "four_eyes"
    assert snapshot(complaint) == before


def test_on_a_major_complaint_the_leader_who_proposed_cannot_approve_either(
    museum: Museum,
) -> None:
    complaint = reach(museum, INVESTIGATING_REPORTED, major=True)
    CALLS["propose"](museum, museum.actor(museum.leader), complaint)
    before = snapshot(complaint)

    with pytest.raises(DomainError) as refused:
        CALLS["approve"](museum, museum.actor(museum.leader), complaint)

    assert refused.value.code == "four_eyes"
    assert snapshot(complaint) == before
    CALLS["approve"](museum, museum.actor(museum.head), complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.APPROVED


def test_a_solution_cannot_be_proposed_before_the_investigation_report(museum: Museum) -> None:
    complaint = reach(museum, Status.INVESTIGATING)
    before = snapshot(complaint)

    with pytest.raises(DomainError) as refused:
        CALLS["propose"](museum, museum.actor(museum.handler), complaint)

    assert refused.value.code == "report_required"
    assert snapshot(complaint) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_complaint_already_major_cannot_be_escalated_again(museum: Museum, persona: str) -> None:
    complaint = reach(museum, Status.DISPATCHED, major=True)
    before = snapshot(complaint)

    with pytest.raises(DomainError) as refused:
        CALLS["escalate"](museum, museum.actor(getattr(museum, persona)), complaint)

    assert refused.value.code == "forbidden"
    assert snapshot(complaint) == before


def test_each_reopening_is_counted_in_redo_count(museum: Museum) -> None:
    complaint = reach(museum, Status.REOPENED)
    assert complaint.redo_count == 1
    clerk, handler = museum.actor(museum.clerk), museum.actor(museum.handler)

    complaint_start_handling(actor=handler, complaint=complaint)
    complaint_resolve(actor=handler, complaint=complaint, result="再次更换电源")
    complaint_reply(actor=clerk, complaint=complaint, method="phone", text="已再次修复")
    complaint_rate(actor=clerk, complaint=complaint, rating="dissatisfied", comment="又坏了")
    complaint_reopen(actor=clerk, complaint=complaint, reason="第二次返工")

    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED
    assert complaint.redo_count == 2
    assert complaint.events.filter(action=Action.REOPEN).count() == 2


def test_each_return_is_counted_in_return_count_and_the_desk_can_dispatch_again(
    museum: Museum,
) -> None:
    complaint = reach(museum, Status.RETURNED)
    assert complaint.return_count == 1
    clerk = museum.actor(museum.clerk)

    complaint_dispatch(actor=clerk, complaint=complaint, department=museum.exhibitions)
    complaint_return(actor=museum.actor(museum.head), complaint=complaint, reason="再次退单")

    complaint.refresh_from_db()
    assert complaint.status == Status.RETURNED
    assert complaint.return_count == 2
    assert complaint.events.filter(action=Action.RETURN).count() == 2


def test_on_the_spot_resolution_is_recorded_replied_then_followed_up_and_archived(
    museum: Museum,
) -> None:
    complaint = register(
        museum,
        on_the_spot=OnTheSpotInput(result="当场重启装置", reply_method="in_person"),
    )
    complaint.refresh_from_db()

    assert complaint.status == Status.REPLIED
    assert complaint.on_the_spot is True
    assert complaint.resolution == "当场重启装置"
    assert complaint.replies.get().text == "当场重启装置"
    events = list(complaint.events.values_list("action", "from_status", "to_status"))
    assert events == [
        (Action.REGISTER, "", Status.REGISTERED),
        (Action.RESOLVE, Status.REGISTERED, Status.RESOLVED),
        (Action.REPLY, Status.RESOLVED, Status.REPLIED),
    ]

    supervisor = museum.actor(museum.supervisor)
    complaint_follow_up(actor=supervisor, complaint=complaint, method="phone", outcome="confirmed")
    complaint_close(actor=supervisor, complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.ARCHIVED


def test_a_rejected_complaint_can_be_archived(museum: Museum) -> None:
    complaint = reach(museum, Status.REJECTED)

    complaint_close(actor=museum.actor(museum.clerk), complaint=complaint)

    complaint.refresh_from_db()
    assert complaint.status == Status.ARCHIVED
    assert complaint.archived_at is not None
    assert list(complaint.events.values_list("action", flat=True)) == [
        Action.REGISTER,
        Action.REJECT,
        Action.CLOSE,
    ]


def test_a_dissatisfied_rating_leads_to_dissatisfied_not_satisfied(museum: Museum) -> None:
    complaint = reach(museum, Status.REPLIED)

    complaint_rate(
        actor=museum.actor(museum.handler),
        complaint=complaint,
        rating="dissatisfied",
        comment="态度敷衍",
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.DISSATISFIED
    assert complaint.satisfaction_records.get().comment == "态度敷衍"


def test_a_basically_satisfied_rating_counts_as_satisfied(museum: Museum) -> None:
    complaint = reach(museum, Status.REPLIED)

    complaint_rate(
        actor=museum.actor(museum.clerk), complaint=complaint, rating="basically_satisfied"
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.SATISFIED
