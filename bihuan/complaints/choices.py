"""Enumerations of the complaint aggregate. Values are the glossary's code names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Re-exported: stages and severities are defined with the time limits they select.
from bihuan.timelimits.choices import Severity, Stage

__all__ = ["Severity", "Stage"]


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DISPATCHED = "dispatched", _("Dispatched")
    RETURNED = "returned", _("Returned")
    INVESTIGATING = "investigating", _("Investigating")
    PROPOSED = "proposed", _("Solution proposed")
    APPROVED = "approved", _("Solution approved")
    HANDLING = "handling", _("Handling")
    RESOLVED = "resolved", _("Resolved")
    REPLIED = "replied", _("Replied")
    SATISFIED = "satisfied", _("Satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    REOPENED = "reopened", _("Reopened")
    FOLLOWED_UP = "followed_up", _("Followed up")
    ARCHIVED = "archived", _("Archived")

    @property
    def colour(self) -> str:
        """Bootstrap colour of the status badge."""
        return STATUS_COLOURS[self]


STATUS_COLOURS: dict[str, str] = {
    Status.REGISTERED: "secondary",
    Status.ACCEPTED: "info",
    Status.REJECTED: "dark",
    Status.DISPATCHED: "primary",
    Status.RETURNED: "warning",
    Status.INVESTIGATING: "primary",
    Status.PROPOSED: "warning",
    Status.APPROVED: "info",
    Status.HANDLING: "primary",
    Status.RESOLVED: "success",
    Status.REPLIED: "success",
    Status.SATISFIED: "success",
    Status.DISSATISFIED: "danger",
    Status.REOPENED: "danger",
    Status.FOLLOWED_UP: "success",
    Status.ARCHIVED: "light",
}

OPEN_STATUSES = frozenset(set(Status) - {Status.REJECTED, Status.ARCHIVED})


class Channel(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    WEB = "web", _("Website")
    WECHAT = "wechat", _("WeChat")
    OPEN311 = "open311", _("Open311 app")
    SUGGESTION_BOX = "suggestion_box", _("Suggestion box")
    LETTER = "letter", _("Letter")
    REFERRAL_12345 = "referral_12345", _("Referral: 12345 hotline")
    REFERRAL_12315 = "referral_12315", _("Referral: 12315")
    REFERRAL_REGULATOR = "referral_regulator", _("Referral: regulator")
    REFERRAL_CONSUMER_ASSOCIATION = (
        "referral_consumer_association",
        _("Referral: consumer association"),
    )

    @property
    def is_referral(self) -> bool:
        return self.value.startswith("referral_")


class CompensationKind(models.TextChoices):
    FREE_TICKET = "free_ticket", _("Free ticket")
    COUPON = "coupon", _("Coupon")
    REFUND = "refund", _("Refund")
    MONEY = "money", _("Money")
    GIFT = "gift", _("Gift or souvenir")
    INVITATION = "invitation", _("Exclusive event invitation")
    OTHER = "other", _("Other")


class ContactMethod(models.TextChoices):
    """How a reply or a follow-up visit reached the complainant."""

    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    WECHAT = "wechat", _("WeChat")
    SURVEY = "survey", _("Questionnaire")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class FollowUpOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Resolution confirmed")
    NEW_ISSUE = "new_issue", _("New issue raised")
    UNREACHABLE = "unreachable", _("Complainant unreachable")


class Action(models.TextChoices):
    """What a timeline event records: the glossary's verbs, plus the non-transition events."""

    REGISTER = "register", _("Registered")
    ACCEPT = "accept", _("Accepted")
    REJECT = "reject", _("Rejected")
    DISPATCH = "dispatch", _("Dispatched")
    RETURN = "return", _("Returned by the department")
    INVESTIGATE = "investigate", _("Investigation started")
    REPORT = "report", _("Investigation report submitted")
    PROPOSE = "propose", _("Solution proposed")
    APPROVE = "approve", _("Solution approved")
    REFUSE = "refuse", _("Solution sent back")
    HANDLE = "handle", _("Handling started")
    RESOLVE = "resolve", _("Resolved")
    REPLY = "reply", _("Replied to the complainant")
    RATE = "rate", _("Satisfaction recorded")
    REOPEN = "reopen", _("Reopened")
    FOLLOW_UP = "follow_up", _("Follow-up visit")
    CLOSE = "close", _("Archived")
    ESCALATE = "escalate", _("Raised to major")
    FORM_TASK_GROUP = "form_task_group", _("Special task group formed")
    ASSIGN = "assign", _("Assigned")
    ATTACH = "attach", _("Attachment added")
    PAUSE = "pause", _("Clock paused")
    RESUME = "resume", _("Clock resumed")
    EXTENSION_REQUEST = "extension_request", _("Deadline extension requested")
    EXTENSION_APPROVE = "extension_approve", _("Deadline extension approved")
    EXTENSION_REFUSE = "extension_refuse", _("Deadline extension refused")
    WARN = "warn", _("Early warning")
    SUPERVISE = "supervise", _("Supervision notice (overdue)")
    ESCALATE_OVERDUE = "escalate_overdue", _("Overdue work escalated to the leadership")
    COMMENT = "comment", _("Internal note")
    SUPPLEMENT = "supplement", _("Complainant added information")
    NOTICE = "notice", _("Notice sent to the complainant")


class AlertLevel(models.IntegerChoices):
    """How close a stage is to its deadline; the sweep raises it one step at a time."""

    NONE = 0, _("On time")
    YELLOW = 1, _("Early warning")
    RED = 2, _("Close to the deadline")
    OVERDUE = 3, _("Overdue")
    ESCALATED = 4, _("Escalated to the leadership")

    @property
    def colour(self) -> str:
        return ALERT_COLOURS[self]


ALERT_COLOURS: dict[int, str] = {0: "success", 1: "warning", 2: "danger", 3: "danger", 4: "dark"}
