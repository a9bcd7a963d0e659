"""Dispatch (派单) to the lead department, and return (退单) by a department."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor
from bihuan.org.models import Department
from bihuan.routing.selectors import route_lead_department

from ..models import Complaint
from . import _workflow


@transaction.atomic
def complaint_dispatch(
    *,
    actor: Actor,
    complaint: Complaint,
    department: Department,
    co_departments: Sequence[Department] = (),
    override_reason: str = "",
) -> Complaint:
    """Hand the complaint to its lead department, with co-handling departments (主办/协办).

    Routing configuration decides the lead department; choosing another one needs a reason.
    """
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="dispatch")
    if not department.is_active:
        raise DomainError(
            "department_inactive", _("That department is no longer active."), field="department"
        )
    co = [d for d in co_departments if d.pk != department.pk]
    routed = route_lead_department(category_id=locked.category_id, site_id=locked.site_id)
    reason = override_reason.strip()
    if routed is not None and routed.pk != department.pk and not reason:
        raise DomainError(
            "override_reason_required",
            _("Routing names %(department)s for this category; give a reason to choose another.")
            % {"department": routed.display_name},
            field="override_reason",
        )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=reason,
        data={
            "department": department.pk,
            "co_departments": [d.pk for d in co],
            "routed": routed.pk if routed else None,
        },
        lead_department=department,
        assignee=None,
    )
    locked.co_departments.set(co)
    return locked


@transaction.atomic
def complaint_return(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """Send a wrongly routed complaint back to the intake desk, with the reason."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="return")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Say why this complaint is not for your department.")
    )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=reason,
        data={"department": locked.lead_department_id},
        return_count=locked.return_count + 1,
    )
    return locked
