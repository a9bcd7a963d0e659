"""The forms of the status page: the look-up, adding information, rating the reply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import Rating
from bihuan.complaints.services.complainant import SUPPLEMENT_MAX_CHARS

from .base import PortalFilesField, PortalForm


class LookupForm(PortalForm):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": "7K4M-9QXR-2B",
            }
        ),
        error_messages={"required": _("Enter the tracking code you were given.")},
    )
    proof = forms.CharField(
        label=_("Last four digits of your mobile number, or your email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter the last four digits or your email address.")},
    )


class SupplementForm(PortalForm):
    text = forms.CharField(
        label=_("What would you like to add?"),
        required=False,
        max_length=SUPPLEMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = PortalFilesField(  # type: ignore[assignment]
        label=_("Photos, PDF or audio recordings"),
        help_text=_("A complaint can have at most %(limit)d files in all."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = str(self.fields["files"].help_text) % {
            "limit": settings.BIHUAN_PORTAL_MAX_FILES
        }


class RateForm(PortalForm):
    rating = forms.ChoiceField(
        label=_("Are you satisfied with our reply?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required if you are not satisfied: tell us what is still wrong."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("rating") == Rating.DISSATISFIED and not cleaned.get("comment", "").strip():
            self.add_error(
                "comment", _("Tell us what is still wrong, so that we can put it right.")
            )
        return cleaned
