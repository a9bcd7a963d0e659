"""Enumerations of notifications and of the outbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; the colour is its badge's."""

    ASSIGNMENT = "assignment", _("Work for you")
    APPROVAL = "approval", _("Awaiting approval")
    WARNING = "warning", _("Deadline approaching")
    OVERDUE = "overdue", _("Overdue")
    SUPERVISION = "supervision", _("Supervision notice")
    ESCALATION = "escalation", _("Escalation")
    EXTENSION = "extension", _("Deadline extension")
    GENERAL = "general", _("Notice")

    @property
    def colour(self) -> str:
        return KIND_COLOURS[self]


KIND_COLOURS: dict[str, str] = {
    Kind.ASSIGNMENT: "primary",
    Kind.APPROVAL: "info",
    Kind.WARNING: "warning",
    Kind.OVERDUE: "danger",
    Kind.SUPERVISION: "danger",
    Kind.ESCALATION: "dark",
    Kind.EXTENSION: "secondary",
    Kind.GENERAL: "secondary",
}


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
