"""The referral exchange's records: column mappings (configuration) and import batches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.models import Complaint
from bihuan.core import clock

from .choices import REFERRAL_CHANNELS, Encoding, FileFormat, RowStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEFAULT_DATE_FORMATS = "\n".join(
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y年%m月%d日 %H:%M:%S",
        "%Y年%m月%d日 %H:%M",
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y年%m月%d日",
        "%Y%m%d",
    ]
)

_COLUMN_HELP = _(
    "The column header (or JSON key) holding this field. Several names separated by “|” "
    "are tried in turn. Leave empty when the referrer does not send it."
)


def _column(verbose_name: StrOrPromise, *, required: bool = False) -> models.CharField:
    return models.CharField(
        verbose_name, max_length=200, blank=not required, help_text=_COLUMN_HELP
    )


class ColumnMapping(models.Model):
    """Where each field of a referrer's work order (工单) sits in the files it sends.

    One mapping per referrer export layout (a 12345 hotline export, a 12315 one, ...);
    administrators edit them in the admin.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    channel = models.CharField(
        _("referral source"),
        max_length=40,
        choices=REFERRAL_CHANNELS,
        help_text=_("The source of every row, unless the file names one per row."),
    )
    external_reference_column = _column(_("work-order number"), required=True)
    channel_column = _column(_("referral source column"))
    channel_aliases = models.JSONField(
        _("referral source values"),
        default=dict,
        blank=True,
        help_text=_(
            'What the source column says, and the source it means, e.g. {"12315": '
            '"referral_12315", "消协": "referral_consumer_association"}.'
        ),
    )
    due_column = _column(_("referrer's deadline"))
    name_column = _column(_("complainant's name"))
    phone_column = _column(_("phone"))
    email_column = _column(_("email"))
    subject_column = _column(_("subject"))
    description_column = _column(_("content"), required=True)
    demand_column = _column(_("what the complainant wants"))
    occurred_at_column = _column(_("when it happened"))
    place_column = _column(_("where it happened"))
    category_column = _column(_("category (name or code)"))
    site_column = _column(_("site (name or code)"))
    date_formats = models.TextField(
        _("date formats"),
        default=DEFAULT_DATE_FORMATS,
        help_text=_("One strftime format a line, tried in turn (ISO 8601 is always understood)."),
    )
    encoding = models.CharField(
        _("CSV encoding"), max_length=16, choices=Encoding.choices, default=Encoding.AUTO
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The source values must name referral sources (what the admin form checks)."""
        aliases = self.channel_aliases
        referral = {value for value, _label in REFERRAL_CHANNELS}
        if not isinstance(aliases, dict) or not all(
            isinstance(said, str) and meant in referral for said, meant in aliases.items()
        ):
            raise ValidationError(
                {
                    "channel_aliases": _("Map each value to one of: %(sources)s.")
                    % {"sources": ", ".join(sorted(referral))}
                }
            )
        if not [line for line in self.date_formats.splitlines() if line.strip()]:
            raise ValidationError({"date_formats": _("Give at least one date format.")})


class ImportBatch(models.Model):
    """One file of work orders imported by one person, and what became of its rows."""

    mapping = models.ForeignKey(
        ColumnMapping, verbose_name=_("column mapping"), on_delete=models.PROTECT
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, choices=FileFormat.choices)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), default=clock.now, editable=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    existing_count = models.PositiveIntegerField(_("already there"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name}"

    @property
    def rows_done(self) -> int:
        return self.created_count + self.existing_count + self.error_count

    @property
    def is_complete(self) -> bool:
        """False for an import cut short (its committed rows stand; importing again ends it)."""
        return self.rows_done >= self.total_rows


class ImportRow(models.Model):
    """One row of an imported file: the complaint it created or found, or why it failed."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(_("row"))
    channel = models.CharField(_("referral source"), max_length=40, blank=True)
    external_reference = models.CharField(_("work-order number"), max_length=64, blank=True)
    status = models.CharField(_("result"), max_length=16, choices=RowStatus.choices)
    field = models.CharField(_("column"), max_length=200, blank=True)
    message = models.TextField(_("error"), blank=True)
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        ordering = ["batch", "row_number"]
        constraints = [
            # The backstop behind the "already there" check: however two imports race,
            # one work order of one referrer creates one complaint.
            models.UniqueConstraint(
                fields=["channel", "external_reference"],
                condition=models.Q(status="created"),
                name="referrals_one_complaint_per_work_order",
            )
        ]
        indexes = [
            models.Index(fields=["channel", "external_reference"], name="referrals_row_ref_idx")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number} {self.status}"

    @property
    def status_colour(self) -> str:
        return RowStatus(self.status).colour
