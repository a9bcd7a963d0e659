"""The import and export forms of the staff pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bihuan.backoffice.forms.base import BootstrapForm
from bihuan.core.errors import DomainError

from .choices import REFERRAL_CHANNELS, FileFormat
from .selectors import mappings_in_use
from .services import check_file_size


class ImportForm(BootstrapForm):
    mapping = forms.ModelChoiceField(
        label=_("Column mapping"),
        queryset=mappings_in_use(),
        help_text=_("Which referrer's layout the file follows."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx), CSV (UTF-8, GB18030 or Excel’s Unicode text) or JSON."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.json"}),
    )

    def clean_file(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["file"]
        try:
            check_file_size(uploaded.size or 0)
        except DomainError as error:
            raise forms.ValidationError(str(error), code=error.code) from error
        return uploaded


class ExportForm(BootstrapForm):
    source = forms.ChoiceField(
        label=_("Referral source"),
        required=False,
        choices=[("", _("All referral sources")), *REFERRAL_CHANNELS],
    )
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=FileFormat.choices, initial=FileFormat.XLSX
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "file_format": data["format"],
            "channel": data["source"],
            "received_from": data["received_from"],
            "received_to": data["received_to"],
        }
