"""Enumerations of the organisation: sector presets and staff roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Sector presets, one per seed regulation (the number is the seed's)."""

    MUSEUM = "museum", _("Museum / science centre")
    CULTURAL_EVENTS = "cultural_events", _("Cultural events")
    LOBBY = "lobby", _("Company / bank lobby")
    SERVICE_PROVIDER = "service_provider", _("General service provider")
    MEMBER_CLUB = "member_club", _("Member club")


class Role(models.TextChoices):
    CLERK = "clerk", _("Intake clerk")
    HANDLER = "handler", _("Handler")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    SUPERVISOR = "supervisor", _("Supervisor")
    LEADER = "leader", _("Leader")
    ADMINISTRATOR = "administrator", _("Administrator")
