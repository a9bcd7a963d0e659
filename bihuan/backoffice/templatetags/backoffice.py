"""Small display helpers for the staff templates."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import User

from bihuan.complaints.choices import STATUS_COLOURS, Status
from bihuan.org.names import person_name

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """The translated label of a status code ('' stays '')."""
    return str(Status(value).label) if value in Status.values else value


@register.filter
def status_colour(value: str) -> str:
    return STATUS_COLOURS.get(value, "secondary")


@register.filter
def person(user: User | None) -> str:
    return person_name(user) if user is not None else ""
