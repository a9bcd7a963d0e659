"""Reads of the complaint aggregate. Department scoping is decided here and nowhere else."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import NotFound
from bihuan.core.tracking import normalise_tracking_code
from bihuan.org.actors import Actor, actor_for
from bihuan.org.choices import Role

from .choices import OPEN_STATUSES, Severity, Status
from .models import Complaint, DeadlineExtension, Solution, TaskGroup

# What a list row shows beside the complaint itself.
LIST_RELATED = ("complainant", "category", "lead_department", "site", "assignee")


def visible_filter(actor: Actor) -> Q | None:
    """The complaints an actor may read, as a filter; None means every complaint.

    Intake desk, supervisors and leaders read everything; handlers and heads read the
    complaints led or co-handled by their departments, assigned to them, or of their
    special task group. An administrator alone reads none.
    """
    if actor.sees_everything:
        return None
    if not actor.has(Role.HANDLER, Role.DEPARTMENT_HEAD):
        return Q(pk__in=[])
    scope = list(actor.scope_department_ids)
    co_handled = Complaint.co_departments.through.objects.filter(
        complaint_id=OuterRef("pk"), department_id__in=scope
    )
    in_group = TaskGroup.objects.filter(complaint_id=OuterRef("pk")).filter(
        Q(leader_id=actor.user_id) | Q(members=actor.user_id)
    )
    return (
        Q(lead_department_id__in=scope)
        | Q(assignee_id=actor.user_id)
        | Q(Exists(co_handled))
        | Q(Exists(in_group))
    )


def complaints_visible_to(actor: Actor) -> QuerySet[Complaint]:
    queryset = Complaint.objects.all()
    condition = visible_filter(actor)
    return queryset if condition is None else queryset.filter(condition)


def complaint_get_for_user(user: User | AnonymousUser, *, tracking_code: str) -> Complaint:
    """The complaint if this user may read it; otherwise NotFound (never 'forbidden').

    Answering 404 rather than 403 keeps another department's complaints from being
    discovered by guessing codes.
    """
    actor = actor_for(user)
    complaint = (
        complaints_visible_to(actor)
        .select_related(
            "complainant", "site", "category", "lead_department", "assignee", "registered_by"
        )
        .filter(tracking_code=tracking_code)
        .first()
    )
    if complaint is None:
        raise NotFound(_("No such complaint."))
    return complaint


@dataclass
class ComplaintFilters:
    """The filters of the complaint list; UI and (later) API share them."""

    status: list[str] = field(default_factory=list)
    category: int | None = None
    department: int | None = None
    channel: str = ""
    site: int | None = None
    severity: str = ""
    received_from: date | None = None
    received_to: date | None = None
    keyword: str = ""
    queue: str = ""


QUEUES = {
    "new": _("New registrations"),
    "department": _("Dispatched to my department"),
    "mine": _("Assigned to me"),
    "approval": _("Awaiting my approval"),
    "major": _("Major complaints"),
    "open": _("All open complaints"),
}


def queue_filter(actor: Actor, queue: str) -> Q:
    """The work queue of a role, as a filter over the complaints the actor may read."""
    if queue == "new":
        return Q(
            status__in=[
                Status.REGISTERED,
                Status.RETURNED,
                Status.RESOLVED,
                Status.DISSATISFIED,
                Status.SATISFIED,
                Status.FOLLOWED_UP,
            ]
        )
    if queue == "department":
        return Q(
            lead_department_id__in=list(actor.scope_department_ids),
            status__in=[
                Status.DISPATCHED,
                Status.INVESTIGATING,
                Status.APPROVED,
                Status.HANDLING,
                Status.REOPENED,
                Status.RESOLVED,
            ],
        )
    if queue == "mine":
        return Q(assignee_id=actor.user_id, status__in=list(OPEN_STATUSES))
    if queue == "approval":
        pending = Solution.objects.filter(
            complaint_id=OuterRef("pk"), decision=Solution.Decision.PENDING
        ).exclude(proposed_by_id=actor.user_id)
        extension = DeadlineExtension.objects.filter(
            clock__complaint_id=OuterRef("pk"), status=DeadlineExtension.Status.PENDING
        ).exclude(requested_by_id=actor.user_id)
        return (Q(status=Status.PROPOSED) & Q(Exists(pending))) | Q(Exists(extension))
    if queue == "major":
        return Q(severity=Severity.MAJOR, status__in=list(OPEN_STATUSES))
    if queue == "open":
        return Q(status__in=list(OPEN_STATUSES))
    return Q()


def default_queue(actor: Actor) -> str:
    if actor.has(Role.CLERK):
        return "new"
    if actor.has(Role.DEPARTMENT_HEAD):
        return "approval"
    if actor.has(Role.HANDLER):
        return "department"
    if actor.has(Role.LEADER):
        return "major"
    return "open"


def queues_for(actor: Actor) -> list[str]:
    """The queues each role works from, in the order they are shown."""
    names: list[str] = []
    if actor.has(Role.CLERK):
        names.append("new")
    if actor.has(Role.DEPARTMENT_HEAD):
        names.append("approval")
    if actor.has(Role.HANDLER, Role.DEPARTMENT_HEAD):
        names += ["department", "mine"]
    if actor.has(Role.LEADER):
        names.append("major")
    if actor.has(Role.CLERK, Role.SUPERVISOR, Role.LEADER, Role.DEPARTMENT_HEAD):
        names.append("open")
    return names


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def complaint_list(actor: Actor, filters: ComplaintFilters) -> QuerySet[Complaint]:
    """The filtered complaints this actor may read, newest first, ready for a list page."""
    queryset = complaints_visible_to(actor)
    if filters.queue:
        queryset = queryset.filter(queue_filter(actor, filters.queue))
    if filters.status:
        queryset = queryset.filter(status__in=filters.status)
    if filters.category:
        queryset = queryset.filter(category_id=filters.category)
    if filters.department:
        queryset = queryset.filter(lead_department_id=filters.department)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.site:
        queryset = queryset.filter(site_id=filters.site)
    if filters.severity:
        queryset = queryset.filter(severity=filters.severity)
    if filters.received_from:
        queryset = queryset.filter(received_at__gte=_day_start(filters.received_from))
    if filters.received_to:
        queryset = queryset.filter(
            received_at__lt=_day_start(filters.received_to + timedelta(days=1))
        )
    if filters.keyword.strip():
        queryset = queryset.filter(_keyword_filter(filters.keyword.strip()))
    return queryset.select_related(*LIST_RELATED).order_by("-received_at", "-id")


def _keyword_filter(keyword: str) -> Q:
    """A tracking code is looked up exactly (indexed); anything else searches the text."""
    code = normalise_tracking_code(keyword)
    if code is not None:
        return Q(tracking_code=code)
    return (
        Q(external_reference=keyword)
        | Q(subject__icontains=keyword)
        | Q(description__icontains=keyword)
    )


@dataclass
class Page:
    items: list[Complaint]
    next_cursor: str | None
    has_previous: bool


def _encode(complaint: Complaint) -> str:
    raw = f"{complaint.received_at.isoformat()}|{complaint.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, pk = raw.split("|")
        return datetime.fromisoformat(stamp), int(pk)
    except (ValueError, UnicodeDecodeError):
        return None


def paginate_by_urgency(queryset: QuerySet[Complaint], *, cursor: str = "", size: int = 25) -> Page:
    """A work queue, most urgent first: the earliest running deadline, then the newest.

    Queues hold work in progress, not history, so numbered pages are cheap here; the
    cursor is the page number.
    """
    number = int(cursor) if cursor.isdigit() else 0
    ordered = queryset.order_by(F("due_at").asc(nulls_last=True), "-received_at", "-id")
    ids = list(ordered.values_list("pk", flat=True)[number * size : (number + 1) * size + 1])
    more = len(ids) > size
    ids = ids[:size]
    rows = Complaint.objects.filter(pk__in=ids).select_related(*LIST_RELATED).in_bulk()
    return Page(
        items=[rows[pk] for pk in ids if pk in rows],
        next_cursor=str(number + 1) if more else None,
        has_previous=number > 0,
    )


def paginate(queryset: QuerySet[Complaint], *, cursor: str = "", size: int = 25) -> Page:
    """Keyset pagination on (received_at, id): as fast on page 40,000 as on page 1.

    Two queries: the page's ids from the complaint table alone (an index scan, sorted
    and cut before any join), then those rows with what a list shows. In one query,
    PostgreSQL joins every matching row to its complainant before it sorts and limits.
    """
    position = _decode(cursor) if cursor else None
    if position is not None:
        stamp, pk = position
        # The redundant ``<=`` bound gives the index a range; the OR alone does not.
        queryset = queryset.filter(
            Q(received_at__lte=stamp) & (Q(received_at__lt=stamp) | Q(pk__lt=pk))
        )
    ids = list(queryset.values_list("pk", flat=True)[: size + 1])
    more = len(ids) > size
    ids = ids[:size]
    rows = Complaint.objects.filter(pk__in=ids).select_related(*LIST_RELATED).in_bulk()
    items = [rows[pk] for pk in ids if pk in rows]
    return Page(
        items=items,
        next_cursor=_encode(items[-1]) if more and items else None,
        has_previous=position is not None,
    )


def complainant_find_by_phone(phone: str, *, limit: int = 5) -> list:
    """Returning complainants with this phone number, with their latest complaints."""
    from .models import Complainant

    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if len(digits) < 5:
        return []
    return list(
        Complainant.objects.filter(phone=digits, is_anonymous=False).order_by("-created_at")[:limit]
    )
