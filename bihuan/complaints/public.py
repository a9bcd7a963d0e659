"""What the public may see of a complaint: its progress in the complainant's words.

The portal's status page, Open311 and the notices to complainants all read a complaint
through this module, so that none of them shows internal notes, staff names,
compensation internals or accountability records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import pgettext_lazy

from .choices import Action, Status
from .models import Complaint


class PublicStage(models.TextChoices):
    """The five steps a complainant sees, plus the end of a complaint not taken on."""

    RECEIVED = "received", pgettext_lazy("public stage", "Received")
    ACCEPTED = "accepted", pgettext_lazy("public stage", "Accepted")
    HANDLING = "handling", pgettext_lazy("public stage", "Being handled")
    REPLIED = "replied", pgettext_lazy("public stage", "Replied")
    CLOSED = "closed", pgettext_lazy("public stage", "Closed")
    REJECTED = "rejected", pgettext_lazy("public stage", "Not accepted")


STAGE_OF_STATUS: dict[str, PublicStage] = {
    Status.REGISTERED: PublicStage.RECEIVED,
    Status.ACCEPTED: PublicStage.ACCEPTED,
    Status.RETURNED: PublicStage.ACCEPTED,
    Status.REJECTED: PublicStage.REJECTED,
    Status.DISPATCHED: PublicStage.HANDLING,
    Status.INVESTIGATING: PublicStage.HANDLING,
    Status.PROPOSED: PublicStage.HANDLING,
    Status.APPROVED: PublicStage.HANDLING,
    Status.HANDLING: PublicStage.HANDLING,
    Status.RESOLVED: PublicStage.HANDLING,
    # Dissatisfied: the complaint waits to be handled again.
    Status.DISSATISFIED: PublicStage.HANDLING,
    Status.REOPENED: PublicStage.HANDLING,
    Status.REPLIED: PublicStage.REPLIED,
    Status.SATISFIED: PublicStage.REPLIED,
    Status.FOLLOWED_UP: PublicStage.CLOSED,
    Status.ARCHIVED: PublicStage.CLOSED,
}

# The timeline actions that mark when each step was reached (the latest one wins, so a
# reopened complaint shows its second reply).
_ACTIONS_OF_STAGE: dict[PublicStage, set[str]] = {
    PublicStage.ACCEPTED: {Action.ACCEPT},
    PublicStage.REJECTED: {Action.REJECT},
    PublicStage.HANDLING: {Action.DISPATCH},
    PublicStage.REPLIED: {Action.REPLY, Action.RESOLVE},
    PublicStage.CLOSED: {Action.FOLLOW_UP, Action.CLOSE},
}

_PATH = [
    PublicStage.RECEIVED,
    PublicStage.ACCEPTED,
    PublicStage.HANDLING,
    PublicStage.REPLIED,
    PublicStage.CLOSED,
]

OPEN_STAGES = frozenset({PublicStage.RECEIVED, PublicStage.ACCEPTED, PublicStage.HANDLING})


@dataclass(frozen=True)
class PublicStep:
    stage: PublicStage
    reached_at: datetime | None
    is_current: bool

    @property
    def label(self) -> str:
        return str(self.stage.label)

    @property
    def is_reached(self) -> bool:
        return self.reached_at is not None or self.is_current


def public_stage(complaint: Complaint) -> PublicStage:
    return STAGE_OF_STATUS[complaint.status]


def public_is_open(complaint: Complaint) -> bool:
    """Open in the public's sense: no answer yet (Open311's open/closed)."""
    return public_stage(complaint) in OPEN_STAGES


def public_progress(complaint: Complaint) -> list[PublicStep]:
    """The steps from receipt to closing, each with the date it was reached, if it was.

    A complaint not accepted shows two steps: received, then not accepted.
    """
    current = public_stage(complaint)
    reached: dict[PublicStage, datetime] = {PublicStage.RECEIVED: complaint.received_at}
    wanted = {action for actions in _ACTIONS_OF_STAGE.values() for action in actions}
    events = complaint.events.filter(action__in=wanted).values_list("action", "created_at")
    for action, created_at in events.order_by("created_at", "id"):
        for stage, actions in _ACTIONS_OF_STAGE.items():
            if action in actions:
                reached[stage] = created_at
    path = (
        [PublicStage.RECEIVED, PublicStage.REJECTED] if current == PublicStage.REJECTED else _PATH
    )
    position = path.index(current)
    steps = []
    for index, stage in enumerate(path):
        # A step passed over (a complaint resolved on the spot was never "handled") shows
        # as reached without a date; a step ahead of the current one has none.
        at = reached.get(stage) if index <= position else None
        steps.append(PublicStep(stage=stage, reached_at=at, is_current=index == position))
    return steps


def public_reply_text(complaint: Complaint) -> str:
    """The latest reply told to the complainant, or "" before there is one."""
    if public_stage(complaint) not in {PublicStage.REPLIED, PublicStage.CLOSED}:
        return ""
    reply = complaint.replies.order_by("-replied_at", "-id").first()
    return reply.text if reply else ""


def public_rejection_reason(complaint: Complaint) -> str:
    """Why the complaint was not accepted, as told to the complainant."""
    return complaint.rejection_reason if complaint.status == Status.REJECTED else ""


def public_rateable(complaint: Complaint) -> bool:
    """The complainant may say whether they are satisfied with the reply."""
    return complaint.status == Status.REPLIED
