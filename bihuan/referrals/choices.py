"""Enumerations of the referral exchange."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import Channel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

REFERRAL_CHANNELS: list[tuple[str, StrOrPromise]] = [
    (channel.value, channel.label) for channel in Channel if channel.is_referral
]


class RowStatus(models.TextChoices):
    """What became of one row of an imported file."""

    CREATED = "created", _("Created")
    ALREADY_THERE = "already_there", _("Already there")
    ERROR = "error", _("Error")

    @property
    def colour(self) -> str:
        return {"created": "success", "already_there": "secondary", "error": "danger"}[self.value]


class Encoding(models.TextChoices):
    """How a CSV file's bytes are read."""

    AUTO = "auto", _("Detect (UTF-8 or GB18030)")
    UTF8 = "utf-8", _("UTF-8")
    GB18030 = "gb18030", _("GB18030 / GBK")


class FileFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (.xlsx)")
    CSV = "csv", _("CSV")
    JSON = "json", _("JSON")
