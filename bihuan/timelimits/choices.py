"""The stages that run against a time limit, and the plausible size of a limit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.workcalendar.choices import TimeUnit


class Stage(models.TextChoices):
    """A stage of the loop that runs against a time limit (时限)."""

    ACCEPT = "accept", _("Acceptance")
    DISPATCH = "dispatch", _("Dispatch")
    INVESTIGATE = "investigate", _("Investigation")
    PROPOSE = "propose", _("Solution")
    RESOLVE = "resolve", _("Resolution")
    REPLY = "reply", _("Reply")
    FOLLOW_UP = "follow_up", _("Follow-up visit")


class Severity(models.TextChoices):
    GENERAL = "general", _("General")
    MAJOR = "major", _("Major")


# The largest limit that is still plausible, per unit.
MAX_AMOUNT = {
    TimeUnit.MINUTES: 60 * 24 * 90,
    TimeUnit.WORKING_HOURS: 8 * 250,
    TimeUnit.WORKING_DAYS: 250,
}
