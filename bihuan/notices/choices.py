"""Enumerations of the notices to complainants."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notice tells the complainant; the workflow event that sends it is in
    :mod:`bihuan.notices.triggers`."""

    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    ACCEPTED = "accepted", _("Complaint accepted")
    REJECTED = "rejected", _("Complaint not accepted")
    PROGRESS = "progress", _("Progress")
    RESULT = "result", _("Result notice")
    SATISFACTION = "satisfaction", _("Satisfaction request")
    SURVEY = "survey", _("Follow-up survey")


class NoticeChannel(models.TextChoices):
    """How a notice reaches the complainant; the value is the outbox transport's name."""

    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WECHAT = "wechat", _("WeChat")


class ProgressStep(models.TextChoices):
    """The steps a progress notice reports (``progress_step`` in the templates)."""

    DISPATCH = "dispatch", _("Passed to the department responsible")
    HANDLE = "handle", _("Solution being carried out")
    REOPEN = "reopen", _("Being handled again")
