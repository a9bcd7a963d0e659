"""Deadline extension (延期): the handler asks for more time before the deadline passes,
the department head approves or refuses, and the complainant is told the new date."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.notifications.choices import Kind
from bihuan.notifications.services import notify, outbox_send
from bihuan.org.actors import Actor

from .. import deadlines
from ..choices import Action, Stage
from ..models import Complaint, DeadlineExtension
from . import _workflow


def _when(instant: datetime) -> str:
    return timezone.localtime(instant).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def complaint_request_extension(
    *, actor: Actor, complaint: Complaint, new_due_at: datetime, reason: str, stage: str = ""
) -> DeadlineExtension:
    """Ask the department head for a later deadline on a running stage, before it expires.

    ``stage`` chooses among the lead department's running stages; empty, the one that
    falls due first.
    """
    locked, t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="request_extension")
    reason = _workflow.require_text(
        reason, field="reason", message=_("Say why more time is needed.")
    )
    if locked.paused_at is not None:
        raise DomainError("paused", _("The clock is paused: resume it before asking for time."))
    row = next(
        (c for c in deadlines.department_clocks(locked) if c.stage == stage or not stage), None
    )
    if row is None:
        raise DomainError(
            "no_clock",
            _("No time limit of the department is running on this complaint."),
            field="stage" if stage else None,
        )
    now = clock.now()
    if now >= row.due_at:
        raise DomainError(
            "expired", _("The deadline has passed: ask for an extension before it expires.")
        )
    if new_due_at <= row.due_at:
        raise DomainError(
            "not_later",
            _("The new deadline must be later than the present one, %(due)s.")
            % {"due": _when(row.due_at)},
            field="new_due_at",
        )
    extension = DeadlineExtension.objects.create(
        clock=row,
        requested_by_id=actor.user_id,
        reason=reason,
        previous_due_at=row.due_at,
        requested_due_at=new_due_at,
        created_at=now,
    )
    _workflow.record(
        actor=actor, complaint=locked, action=t.action, note=reason, data=_data(extension)
    )
    head = locked.lead_department.head if locked.lead_department else None
    notify(
        recipients=[head] if head and head.pk != actor.user_id else [],
        kind=Kind.APPROVAL,
        title=gettext("Extension requested: %(stage)s of %(code)s, to %(due)s")
        % _labels(locked, extension),
        body=reason,
        complaint=locked,
    )
    return extension


@transaction.atomic
def complaint_decide_extension(
    *, actor: Actor, complaint: Complaint, approve: bool, note: str = ""
) -> DeadlineExtension:
    """Approve (the stage's deadline moves to the date asked for, and the complainant is
    told it) or refuse, with a reason, the extension awaiting a decision."""
    locked, _t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="decide_extension")
    extension = (
        DeadlineExtension.objects.select_for_update()
        .select_related("clock", "requested_by")
        .filter(clock__complaint=locked, status=DeadlineExtension.Status.PENDING)
        .first()
    )
    if extension is None:  # the guard saw one; kept for callers that bypass it
        raise DomainError("nothing_pending", _("No deadline extension awaits a decision."))
    note = note.strip()
    if approve and extension.clock.completed_at is not None:
        raise DomainError(
            "stage_finished",
            _("That stage is already finished: the extension can only be refused."),
        )
    if not approve and not note:
        raise DomainError("required", _("Say why more time is refused."), field="note")
    now = clock.now()
    extension.status = (
        DeadlineExtension.Status.APPROVED if approve else DeadlineExtension.Status.REFUSED
    )
    extension.decided_by_id = actor.user_id
    extension.decided_at, extension.decision_note = now, note
    extension.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    data = _data(extension)
    if approve:
        extension.clock.complaint = locked  # the locked row gets the new deadline too
        deadlines.extend(extension.clock, extension.requested_due_at, now)
        data["complainant_told_by"] = _tell_complainant(locked, extension.requested_due_at)
        if data["complainant_told_by"] == "phone":
            note = "\n".join(
                part
                for part in (
                    note,
                    gettext(
                        "The complainant has no email address: tell them the new date by phone."
                    ),
                )
                if part
            )
    _workflow.record(
        actor=actor,
        complaint=locked,
        action=Action.EXTENSION_APPROVE if approve else Action.EXTENSION_REFUSE,
        note=note,
        data=data,
    )
    title = (
        gettext("Extension approved: %(stage)s of %(code)s is now due %(due)s")
        if approve
        else gettext("Extension refused: %(stage)s of %(code)s stays due %(previous)s")
    )
    notify(
        recipients=[extension.requested_by],
        kind=Kind.EXTENSION,
        title=title % _labels(locked, extension),
        body=extension.decision_note,
        complaint=locked,
        dedupe_key=f"extension:{extension.pk}:decided",
    )
    return extension


def _data(extension: DeadlineExtension) -> dict[str, object]:
    return {
        "extension": extension.pk,
        "clock": extension.clock_id,
        "stage": extension.clock.stage,
        "previous_due_at": extension.previous_due_at.isoformat(),
        "requested_due_at": extension.requested_due_at.isoformat(),
    }


def _labels(complaint: Complaint, extension: DeadlineExtension) -> dict[str, str]:
    return {
        "stage": str(Stage(extension.clock.stage).label),
        "code": complaint.tracking_code,
        "due": _when(extension.requested_due_at),
        "previous": _when(extension.previous_due_at),
    }


def _tell_complainant(complaint: Complaint, due_at: datetime) -> str:
    """Mail the new date to the complainant, in their language; "phone" when there is no
    address to write to, so that the timeline says someone must call."""
    person = complaint.complainant
    if not person.email:
        return "phone"
    with translation.override(person.preferred_language):
        values = {"code": complaint.tracking_code, "due": _when(due_at)}
        outbox_send(
            transport="email",
            recipient=person.email,
            subject=gettext("Your complaint %(code)s: a new date") % values,
            body=gettext(
                "We need more time to handle your complaint %(code)s properly. "
                "You will have our answer by %(due)s at the latest. Thank you for your patience."
            )
            % values,
        )
    return "email"
