"""Reads the staff pages need beyond the complaint selectors: people to choose, records to show."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from bihuan.complaints.models import (
    Complainant,
    Complaint,
    FollowUpVisit,
    InvestigationReport,
    Reply,
    SatisfactionRecord,
    Solution,
    StageClock,
    TaskGroup,
    TimelineEvent,
)
from bihuan.complaints.selectors import complainant_find_by_phone, complaints_visible_to
from bihuan.org.actors import Actor
from bihuan.org.choices import Role
from bihuan.org.models import Department

_HANDLING_ROLES = (Role.HANDLER, Role.DEPARTMENT_HEAD)


def _people() -> QuerySet[User]:
    return User.objects.filter(is_active=True).order_by("first_name", "username")


def assignable_staff(complaint: Complaint) -> QuerySet[User]:
    """Who may be given the complaint: handlers and heads of its lead department
    (and of the departments below it), and the members of its special task group."""
    condition = Q(task_groups__complaint_id=complaint.pk)
    if complaint.lead_department_id is not None:
        department = Department.objects.get(pk=complaint.lead_department_id)
        scope = department.subtree_ids()
        condition |= Q(
            staff__department_id__in=scope, staff__role_rows__role__in=_HANDLING_ROLES
        ) | Q(headed_departments__in=scope)
    return _people().filter(condition).distinct()


def task_group_candidates() -> QuerySet[User]:
    """Everyone who handles complaints: handlers, department heads and leaders."""
    roles = (*_HANDLING_ROLES, Role.LEADER)
    return _people().filter(staff__role_rows__role__in=roles).distinct()


def dispatch_departments() -> QuerySet[Department]:
    """The departments a complaint can be dispatched to (not the intake desk)."""
    return Department.objects.filter(is_active=True, is_intake_desk=False).order_by("code")


def complainants_with_recent_complaints(
    actor: Actor, phone: str, *, recent: int = 3
) -> list[Complainant]:
    """Returning complainants with this phone, each with ``recent_complaints`` attached."""
    found = complainant_find_by_phone(phone)
    latest = (
        complaints_visible_to(actor)
        .select_related("category")
        .order_by("-received_at", "-id")[:recent]
    )
    prefetch_related_objects(
        found, Prefetch("complaints", queryset=latest, to_attr="recent_complaints")
    )
    return found


def complaint_load_records(complaint: Complaint) -> TaskGroup | None:
    """Load every record the detail page shows in a fixed number of queries.

    Returns the special task group (or None) with its leader and members.
    """
    prefetch_related_objects(
        [complaint],
        "co_departments",
        "attachments",
        Prefetch("reports", queryset=InvestigationReport.objects.select_related("author")),
        Prefetch(
            "solutions",
            queryset=Solution.objects.select_related(
                "proposed_by", "responsible_person", "decided_by"
            ).prefetch_related("compensation"),
        ),
        Prefetch("replies", queryset=Reply.objects.select_related("replied_by")),
        Prefetch(
            "satisfaction_records",
            queryset=SatisfactionRecord.objects.select_related("recorded_by"),
        ),
        Prefetch("follow_ups", queryset=FollowUpVisit.objects.select_related("visited_by")),
        Prefetch("events", queryset=TimelineEvent.objects.select_related("actor")),
        Prefetch("clocks", queryset=StageClock.objects.select_related("department", "holder")),
    )
    return (
        TaskGroup.objects.select_related("leader")
        .prefetch_related("members")
        .filter(complaint_id=complaint.pk)
        .first()
    )
