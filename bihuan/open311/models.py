"""What an Open311 client sent beside the complaint itself: where, from which device."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.apikeys.models import ApiKey
from bihuan.complaints.models import Complaint
from bihuan.core import clock


class Open311Request(models.Model):
    """A complaint filed through Open311, with the request's location and client data.

    Written in the transaction that registers the complaint. The contact details the
    client sent go to the complainant record, never here, and are never published.
    """

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="open311_request"
    )
    token = models.CharField(_("token"), max_length=32, unique=True)
    api_key = models.ForeignKey(
        ApiKey,
        verbose_name=_("client key"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    address_id = models.CharField(_("address id"), max_length=100, blank=True)
    device_id = models.CharField(_("device id"), max_length=100, blank=True)
    account_id = models.CharField(_("account id"), max_length=100, blank=True)
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.complaint.tracking_code
