"""A solution (制定方案): measures, a responsible person, a completion date, compensation."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from ..choices import CompensationKind
from ..models import CompensationItem, Complaint, Solution
from . import _workflow
from .investigate import check_assignable

_NEEDS_AMOUNT = {CompensationKind.REFUND, CompensationKind.MONEY}
_AMOUNT_LIMIT = Decimal(10) ** 10  # CompensationItem.amount: 12 digits, 2 after the point


@dataclass(frozen=True)
class CompensationInput:
    kind: str
    quantity: int = 1
    amount: Decimal | None = None
    note: str = ""


def _fits_the_ledger(amount: Decimal) -> bool:
    """Whether the amount is stored as given: numeric(12, 2), no rounding, no overflow."""
    return amount.is_finite() and abs(amount) < _AMOUNT_LIMIT and amount == round(amount, 2)


def _check_compensation(items: Sequence[CompensationInput]) -> None:
    for item in items:
        if item.kind not in CompensationKind.values:
            raise DomainError(
                "compensation_invalid", _("Unknown compensation type."), field="compensation"
            )
        if item.quantity < 1:
            raise DomainError(
                "compensation_invalid", _("A quantity must be at least 1."), field="compensation"
            )
        if item.amount is not None and not _fits_the_ledger(item.amount):
            raise DomainError(
                "compensation_invalid",
                _("An amount is in yuan, below ten billion, with at most two decimals."),
                field="compensation",
            )
        if item.amount is not None and item.amount < 0:
            raise DomainError(
                "compensation_invalid", _("An amount cannot be negative."), field="compensation"
            )
        if item.kind in _NEEDS_AMOUNT and not item.amount:
            raise DomainError(
                "compensation_invalid",
                _("A refund or payment needs its amount."),
                field="compensation",
            )


@transaction.atomic
def complaint_propose(
    *,
    actor: Actor,
    complaint: Complaint,
    measures: str,
    responsible_person: User,
    due_date: date,
    compensation: Sequence[CompensationInput] = (),
) -> Solution:
    """Propose a solution for a department head's approval; needs an investigation report."""
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="propose")
    if not locked.reports.exists():
        raise DomainError(
            "report_required", _("Submit the investigation report before proposing a solution.")
        )
    measures = _workflow.require_text(
        measures, field="measures", message=_("A solution needs its measures.")
    )
    if due_date < clock.now().date():
        raise DomainError(
            "due_date_past", _("The completion date cannot be in the past."), field="due_date"
        )
    check_assignable(locked, responsible_person, field="responsible_person")
    _check_compensation(compensation)
    solution = Solution.objects.create(
        complaint=locked,
        proposed_by_id=actor.user_id,
        measures=measures,
        responsible_person=responsible_person,
        due_date=due_date,
    )
    CompensationItem.objects.bulk_create(
        CompensationItem(
            solution=solution,
            kind=i.kind,
            quantity=i.quantity,
            amount=i.amount,
            note=i.note.strip(),
        )
        for i in compensation
    )
    _workflow.move(
        actor=actor,
        complaint=locked,
        to_status=t.to,
        action=t.action,
        note=measures,
        data={"solution": solution.pk},
    )
    return solution
