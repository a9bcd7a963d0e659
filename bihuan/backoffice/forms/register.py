"""The registration form, laid out for phone intake: phone first, everything by keyboard."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import Channel
from bihuan.complaints.services import ComplainantInput, OnTheSpotInput
from bihuan.org.models import Category, Site

from .base import (
    BootstrapForm,
    MultipleFileField,
    on_the_spot_reply_method,
    on_the_spot_reply_text,
    textarea,
)


class ComplaintRegisterForm(BootstrapForm):
    """Parses the clerk's input; the rules of registration stay in complaint_register."""

    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "off"}
        ),
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label=_("Not yet known"),
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.filter(is_active=True),
        required=False,
        empty_label=_("Not given"),
    )
    description = forms.CharField(label=_("What happened"), widget=textarea(4), max_length=5000)
    demand = forms.CharField(
        label=_("What the complainant wants"), required=False, widget=textarea(2)
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    occurred_place = forms.CharField(label=_("Where it happened"), required=False, max_length=200)
    external_reference = forms.CharField(
        label=_("External reference"),
        required=False,
        max_length=64,
        help_text=_("The referrer's work-order number (12345, 12315, regulator)."),
    )
    is_anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    contact_confidential = forms.BooleanField(
        label=_("Contact details confidential"),
        required=False,
        help_text=_("Only the people handling the complaint may see the contact details."),
    )
    member_card_no = forms.CharField(label=_("Member card number"), required=False, max_length=40)
    email = forms.EmailField(label=_("Email"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial="zh-hans"
    )
    # Named as the service's argument; the metaclass moves it off the class, so the
    # form's own ``files`` (the uploads) is untouched at run time.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Attachments"),
        required=False,
        help_text=_("Photos, PDF, audio, video or documents; you may choose several."),
    )
    on_the_spot = forms.BooleanField(label=_("Resolved on the spot"), required=False)
    result = forms.CharField(label=_("How it was solved"), required=False, widget=textarea(2))
    reply_method = on_the_spot_reply_method()
    reply_text = on_the_spot_reply_text()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Checked here as well as in the service so that no file is stored for nothing.
        if cleaned.get("on_the_spot") and not cleaned.get("result"):
            self.add_error("result", _("Record how the complaint was solved on the spot."))
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        """The keyword arguments of complaint_register, from the cleaned form."""
        data = self.cleaned_data
        on_the_spot = None
        if data["on_the_spot"]:
            on_the_spot = OnTheSpotInput(
                result=data["result"],
                reply_method=data["reply_method"],
                reply_text=data["reply_text"],
            )
        return {
            "channel": data["channel"],
            "complainant": ComplainantInput(
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                member_card_no=data["member_card_no"],
                preferred_language=data["preferred_language"],
                is_anonymous=data["is_anonymous"],
                contact_confidential=data["contact_confidential"],
            ),
            "description": data["description"],
            "demand": data["demand"],
            "category": data["category"],
            "site": data["site"],
            "occurred_at": data["occurred_at"],
            "occurred_place": data["occurred_place"],
            "external_reference": data["external_reference"],
            "files": data["files"],
            "on_the_spot": on_the_spot,
        }

    @property
    def referral_channels(self) -> list[str]:
        return [c.value for c in Channel if c.is_referral]
