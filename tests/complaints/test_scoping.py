"""Department scoping: who reads which complaint, decided in selectors and nowhere else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from bihuan.complaints.choices import Status
from bihuan.complaints.models import Complaint
from bihuan.complaints.selectors import (
    ComplaintFilters,
    complaint_get_for_user,
    complaint_list,
    complaints_visible_to,
)
from bihuan.complaints.services import complaint_dispatch
from bihuan.core.errors import NotFound
from bihuan.org.choices import Role
from bihuan.org.models import Department, Staff

from ..personas import Museum, make_staff
from .states import make_major, reach


def sees(museum: Museum, user: User, complaint: Complaint) -> bool:
    """Whether the user reads the complaint, asserting that every selector agrees."""
    actor = museum.actor(user)
    in_list = complaint_list(actor, ComplaintFilters()).filter(pk=complaint.pk).exists()
    in_queryset = complaints_visible_to(actor).filter(pk=complaint.pk).exists()
    try:
        found = complaint_get_for_user(
            User.objects.get(pk=user.pk), tracking_code=complaint.tracking_code
        )
    except NotFound as error:
        assert error.code == "not_found"
        assert str(error)
        found = None
    assert in_list == in_queryset == (found is not None), (in_list, in_queryset, found)
    assert found is None or found.pk == complaint.pk
    return in_list


@pytest.fixture
def exhibit(museum: Museum) -> Complaint:
    """A complaint about an exhibit, investigated by the exhibitions handler."""
    return reach(museum, Status.INVESTIGATING)


def test_a_facilities_handler_does_not_see_an_exhibitions_complaint(
    museum: Museum, exhibit: Complaint
) -> None:
    assert sees(museum, museum.handler, exhibit)
    assert not sees(museum, museum.other_handler, exhibit)
    assert not sees(museum, museum.other_head, exhibit)


def test_a_handler_sees_a_complaint_his_department_co_handles(museum: Museum) -> None:
    complaint = reach(museum, Status.ACCEPTED)
    assert not sees(museum, museum.other_handler, complaint)

    complaint_dispatch(
        actor=museum.actor(museum.clerk),
        complaint=complaint,
        department=museum.exhibitions,
        co_departments=[museum.facilities],
    )

    assert sees(museum, museum.other_handler, complaint)
    assert sees(museum, museum.other_head, complaint)


def test_the_assignee_still_sees_the_complaint_after_moving_to_another_department(
    museum: Museum, exhibit: Complaint
) -> None:
    assert exhibit.assignee_id == museum.handler.pk
    Staff.objects.filter(user=museum.handler).update(department=museum.facilities)
    bystander = make_staff("bystander", Role.HANDLER, department=museum.facilities)

    assert sees(museum, museum.handler, exhibit)
    assert not sees(museum, bystander, exhibit)


def test_a_task_group_member_from_another_department_sees_the_major_complaint(
    museum: Museum, exhibit: Complaint
) -> None:
    assert not sees(museum, museum.other_handler, exhibit)

    make_major(museum, exhibit)

    assert sees(museum, museum.other_handler, exhibit)
    assert not sees(museum, museum.other_head, exhibit)


def test_a_head_sees_the_complaints_of_the_departments_below_his(museum: Museum) -> None:
    lighting = Department.objects.create(code="lighting", name="照明组", parent=museum.facilities)
    electrician = make_staff("electrician", Role.HANDLER, department=lighting)
    below = reach(museum, Status.ACCEPTED)
    complaint_dispatch(
        actor=museum.actor(museum.clerk),
        complaint=below,
        department=lighting,
        override_reason="展厅灯光故障归照明组",
    )
    upper = reach(museum, Status.ACCEPTED, category=museum.category("facilities"))
    complaint_dispatch(
        actor=museum.actor(museum.clerk), complaint=upper, department=museum.facilities
    )

    assert sees(museum, museum.other_head, below)
    assert sees(museum, museum.other_head, upper)
    assert sees(museum, electrician, below)
    assert not sees(museum, electrician, upper)
    assert not sees(museum, museum.head, below)
    assert not sees(museum, museum.head, upper)


@pytest.mark.parametrize("persona", ["clerk", "supervisor", "leader"])
def test_the_desk_supervisors_and_leaders_see_every_complaint(museum: Museum, persona: str) -> None:
    complaints = [
        reach(museum, Status.REGISTERED),
        reach(museum, Status.INVESTIGATING),
        reach(museum, Status.REJECTED),
        reach(museum, Status.ACCEPTED, category=museum.category("facilities")),
    ]
    user = getattr(museum, persona)

    assert all(sees(museum, user, complaint) for complaint in complaints)
    assert complaint_list(museum.actor(user), ComplaintFilters()).count() == len(complaints)


@pytest.mark.parametrize("persona", ["administrator", "outsider"])
def test_administrators_and_people_without_a_role_see_no_complaint(
    museum: Museum, persona: str
) -> None:
    complaints = [reach(museum, Status.REGISTERED), reach(museum, Status.INVESTIGATING)]
    user = getattr(museum, persona)

    assert not any(sees(museum, user, complaint) for complaint in complaints)
    assert not complaint_list(museum.actor(user), ComplaintFilters()).exists()


def test_an_anonymous_visitor_cannot_fetch_a_complaint_by_its_code(
    museum: Museum, exhibit: Complaint
) -> None:
    with pytest.raises(NotFound):
        complaint_get_for_user(AnonymousUser(), tracking_code=exhibit.tracking_code)


def test_an_inactive_account_sees_nothing_whatever_its_roles(
    museum: Museum, exhibit: Complaint
) -> None:
    User.objects.filter(pk=museum.clerk.pk).update(is_active=False)

    assert not sees(museum, museum.clerk, exhibit)


def test_a_handler_without_a_department_sees_nothing(museum: Museum, exhibit: Complaint) -> None:
    drifter = make_staff("drifter", Role.HANDLER)

    assert not sees(museum, drifter, exhibit)


def test_a_wrong_tracking_code_is_not_found_even_for_the_desk(museum: Museum) -> None:
    with pytest.raises(NotFound):
        complaint_get_for_user(museum.clerk, tracking_code="2222-2222-22")
