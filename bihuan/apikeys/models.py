"""API keys: only a SHA-256 hash of the key is stored, with a short prefix to recognise it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import KeyKind


class ApiKey(models.Model):
    """A key given to an integration or an Open311 client.

    The raw key is shown once when it is created. ``prefix`` (its first characters) lets
    staff tell keys apart; ``key_hash`` is what an incoming key is checked against.
    An integration key acts through its service account ``user`` (a Staff row with roles and
    a department), so the same permission checks apply as for a person.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KeyKind.choices)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_key",
    )
    created_at = models.DateTimeField(_("created"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
