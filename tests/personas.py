"""The people of a small museum, for tests: one persona per role, two handling departments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User

from bihuan.complaints.models import Complaint
from bihuan.complaints.services import (
    ComplainantInput,
    complaint_accept,
    complaint_approve,
    complaint_dispatch,
    complaint_propose,
    complaint_rate,
    complaint_register,
    complaint_reply,
    complaint_resolve,
    complaint_start_handling,
    complaint_start_investigation,
    complaint_submit_report,
)
from bihuan.core import clock
from bihuan.org.actors import Actor, actor_for
from bihuan.org.choices import Role, Sector
from bihuan.org.models import Category, Department, Staff, StaffRole
from bihuan.org.services import organisation_set_up

PASSWORD = "Bihuan-test-2026"


def make_staff(
    username: str, *roles: str, department: Department | None = None, name: str = ""
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=name)
    staff = Staff.objects.create(user=user, department=department)
    StaffRole.objects.bulk_create(StaffRole(staff=staff, role=role) for role in roles)
    return user


@dataclass
class Museum:
    """Exhibitions (A) and facilities (B) handle complaints; the service desk takes them in."""

    desk: Department
    exhibitions: Department
    facilities: Department
    clerk: User
    handler: User  # exhibitions
    head: User  # exhibitions
    other_handler: User  # facilities
    other_head: User  # facilities
    supervisor: User
    leader: User
    administrator: User
    outsider: User  # an account with no role

    def actor(self, user: User) -> Actor:
        return actor_for(User.objects.get(pk=user.pk))

    def category(self, code: str = "exhibitions") -> Category:
        return Category.objects.get(code=code)


def build_museum() -> Museum:
    organisation_set_up(name="城市科技馆", sector=Sector.MUSEUM)
    desk = Department.objects.get(code="service-desk")
    exhibitions = Department.objects.get(code="exhibitions")
    facilities = Department.objects.get(code="facilities")
    head = make_staff("head", Role.DEPARTMENT_HEAD, Role.HANDLER, department=exhibitions)
    other_head = make_staff("other_head", Role.DEPARTMENT_HEAD, department=facilities)
    exhibitions.head, facilities.head = head, other_head
    exhibitions.save()
    facilities.save()
    return Museum(
        desk=desk,
        exhibitions=exhibitions,
        facilities=facilities,
        clerk=make_staff("clerk", Role.CLERK, department=desk),
        handler=make_staff("handler", Role.HANDLER, department=exhibitions),
        head=head,
        other_handler=make_staff("other_handler", Role.HANDLER, department=facilities),
        other_head=other_head,
        supervisor=make_staff("supervisor", Role.SUPERVISOR),
        leader=make_staff("leader", Role.LEADER),
        administrator=make_staff("administrator", Role.ADMINISTRATOR),
        outsider=make_staff("outsider"),
    )


def register(museum: Museum, **overrides: object) -> Complaint:
    values: dict[str, object] = {
        "channel": "phone",
        "complainant": ComplainantInput(name="张三", phone="13812341234"),
        "description": "展厅的互动装置坏了，孩子排队半小时没玩上。",
        "demand": "尽快修好并致歉",
        "category": museum.category("exhibitions"),
    }
    values.update(overrides)
    return complaint_register(actor=museum.actor(museum.clerk), **values)  # type: ignore[arg-type]


def advance(museum: Museum, complaint: Complaint, to: str) -> Complaint:
    """Walk a complaint along the happy path until it reaches status ``to``."""
    steps = [
        ("accepted", lambda c: complaint_accept(actor=museum.actor(museum.clerk), complaint=c)),
        (
            "dispatched",
            lambda c: complaint_dispatch(
                actor=museum.actor(museum.clerk), complaint=c, department=museum.exhibitions
            ),
        ),
        (
            "investigating",
            lambda c: complaint_start_investigation(
                actor=museum.actor(museum.handler), complaint=c
            ),
        ),
        (
            "proposed",
            lambda c: (
                complaint_submit_report(
                    actor=museum.actor(museum.handler), complaint=c, findings="装置电源故障"
                ),
                complaint_propose(
                    actor=museum.actor(museum.handler),
                    complaint=c,
                    measures="更换电源并致歉",
                    responsible_person=museum.handler,
                    due_date=(clock.now() + timedelta(days=3)).date(),
                ),
            ),
        ),
        ("approved", lambda c: complaint_approve(actor=museum.actor(museum.head), complaint=c)),
        (
            "handling",
            lambda c: complaint_start_handling(actor=museum.actor(museum.handler), complaint=c),
        ),
        (
            "resolved",
            lambda c: complaint_resolve(
                actor=museum.actor(museum.handler), complaint=c, result="已更换电源"
            ),
        ),
        (
            "replied",
            lambda c: complaint_reply(
                actor=museum.actor(museum.clerk), complaint=c, method="phone", text="已修复，致歉"
            ),
        ),
        (
            "satisfied",
            lambda c: complaint_rate(
                actor=museum.actor(museum.clerk), complaint=c, rating="satisfied"
            ),
        ),
    ]
    for status, step in steps:
        if complaint.status == to:
            break
        step(complaint)
        complaint.refresh_from_db()
        assert complaint.status == status, (complaint.status, status)
    assert complaint.status == to, (complaint.status, to)
    return complaint
