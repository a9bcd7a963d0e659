"""Enumerations of email intake."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    IMAP = "imap", _("IMAP mailbox")
    PIPE = "pipe", _("Piped by the mail server")


class InboundStatus(models.TextChoices):
    INGESTED = "ingested", _("New complaint")
    THREADED = "threaded", _("Added to its complaint")
    IGNORED = "ignored", _("Ignored (automatic)")
    DUPLICATE = "duplicate", _("Duplicate")
    QUARANTINED = "quarantined", _("Quarantined")


STATUS_COLOURS = {
    InboundStatus.INGESTED: "success",
    InboundStatus.THREADED: "info",
    InboundStatus.IGNORED: "secondary",
    InboundStatus.DUPLICATE: "secondary",
    InboundStatus.QUARANTINED: "danger",
}


class AutomaticReason(models.TextChoices):
    AUTO_SUBMITTED = "auto_submitted", _("Auto-Submitted header (auto-reply)")
    PRECEDENCE = "precedence", _("Precedence bulk, junk or list")
    MAILING_LIST = "mailing_list", _("Mailing-list traffic")
    AUTOREPLY_HEADER = "autoreply_header", _("Auto-reply header")
    MAILER_DAEMON = "mailer_daemon", _("Sent by a mail server (mailer-daemon, postmaster)")
    DELIVERY_REPORT = "delivery_report", _("Delivery status report (bounce)")
    NULL_SENDER = "null_sender", _("Empty return path (bounce)")
    OWN_ADDRESS = "own_address", _("Sent from our own address (a mail loop)")
