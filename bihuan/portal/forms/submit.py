"""The complaint form of the portal."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import Channel
from bihuan.complaints.models import PrivacyNotice
from bihuan.complaints.services import ComplainantInput, ConsentInput
from bihuan.complaints.services.register import anonymous_allowed
from bihuan.core import clock
from bihuan.org.models import Category, Site

from .. import selectors
from .base import HumanCheckForm, PortalFilesField


class _NamedChoiceField(forms.ModelChoiceField):
    """Categories and sites by their name in the page's language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _textarea(rows: int, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class SubmitForm(HumanCheckForm):
    """What a member of the public tells us; the rules of registration stay in
    complaint_register, which this form only feeds."""

    # Where a service error names a field by its own name, the field that shows it here.
    SERVICE_FIELDS = {"occurred_at": "occurred_date", "received_at": "occurred_date"}

    description = forms.CharField(
        label=_("What happened"),
        max_length=5000,
        widget=_textarea(5),
        help_text=_("Tell us in your own words: what, where, who was involved."),
        error_messages={"required": _("Tell us what happened.")},
    )
    category = _NamedChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Not sure"),
    )
    site = _NamedChoiceField(
        label=_("Where?"), queryset=Site.objects.none(), required=False, empty_label=_("Not sure")
    )
    occurred_date = forms.DateField(
        label=_("Date it happened"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    occurred_time = forms.TimeField(
        label=_("Time (if you remember)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    occurred_place = forms.CharField(
        label=_("Place, e.g. hall, floor, counter"), required=False, max_length=200
    )
    demand = forms.CharField(
        label=_("What would you like us to do?"),
        required=False,
        max_length=2000,
        widget=_textarea(3),
    )
    # Named as the service's argument; the metaclass moves it off the class, so the
    # form's own ``files`` (the uploads) is untouched at run time.
    files = PortalFilesField(  # type: ignore[assignment]
        label=_("Photos, PDF or audio recordings"),
        help_text=_("Up to %(limit)d files, each up to %(size)d MB."),
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_confidential = forms.BooleanField(
        label=_("Keep my contact details confidential"),
        required=False,
        help_text=_("Only the staff handling your complaint will see them."),
    )
    is_anonymous = forms.BooleanField(
        label=_("I want to complain anonymously"),
        required=False,
        help_text=_(
            "We keep no name or contact details, so we cannot tell you the result and you "
            "cannot check it later from another device."
        ),
    )
    notice_version = forms.CharField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to it"),
        required=True,
        error_messages={
            "required": _("Tick the box to say that you have read and accept the privacy notice.")
        },
    )

    def __init__(self, *args: Any, notice: PrivacyNotice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.fields["category"].queryset = selectors.active_categories()  # type: ignore[attr-defined]
        self.fields["site"].queryset = selectors.active_sites()  # type: ignore[attr-defined]
        self.fields["files"].help_text = str(self.fields["files"].help_text) % {
            "limit": settings.BIHUAN_PORTAL_MAX_FILES,
            "size": settings.BIHUAN_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        }
        self.fields["occurred_date"].widget.attrs["max"] = str(timezone.localdate(clock.now()))
        if not anonymous_allowed():
            del self.fields["is_anonymous"]
        if not self.is_bound:
            self.initial["notice_version"] = notice.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._clean_when(cleaned)
        no_contact = not (cleaned.get("phone") or cleaned.get("email"))
        contact_errors = "phone" in self.errors or "email" in self.errors
        if not cleaned.get("is_anonymous") and no_contact and not contact_errors:
            self.add_error(
                "phone",
                _("Give a mobile number or an email address, so that we can reply to you."),
            )
        if cleaned.get("notice_version") != self.notice.version:
            # Consent counts only for the version read: show the current one, unticked.
            if "consent" not in self.errors:
                self.add_error(
                    "consent",
                    _(
                        "The privacy notice has changed since you opened this page. Read it "
                        "again and tick the box if you agree."
                    ),
                )
            self.replace_value("notice_version", self.notice.version)
            self.replace_value("consent", "")
        return cleaned

    def _clean_when(self, cleaned: dict[str, Any]) -> None:
        day: date | None = cleaned.get("occurred_date")
        at: time | None = cleaned.get("occurred_time")
        if day is None:
            if at is not None:
                self.add_error("occurred_date", _("Give the date as well as the time."))
            cleaned["occurred_at"] = None
            return
        moment = timezone.make_aware(datetime.combine(day, at or time(0, 0)))
        if moment > clock.now():
            self.add_error("occurred_date", _("The date and time cannot be in the future."))
        cleaned["occurred_at"] = moment

    def service_arguments(self) -> dict[str, Any]:
        """The keyword arguments of complaint_register, from the cleaned form."""
        data = self.cleaned_data
        anonymous = bool(data.get("is_anonymous"))
        return {
            "actor": None,
            "channel": Channel.WEB,
            "complainant": ComplainantInput(
                name="" if anonymous else data["name"],
                phone="" if anonymous else data["phone"],
                email="" if anonymous else data["email"],
                preferred_language=translation.get_language() or settings.LANGUAGE_CODE,
                is_anonymous=anonymous,
                contact_confidential=data["contact_confidential"],
            ),
            "description": data["description"],
            "demand": data["demand"],
            "category": data["category"],
            "site": data["site"],
            "occurred_at": data["occurred_at"],
            "occurred_place": data["occurred_place"],
            "files": data["files"],
            "consent": ConsentInput(notice_version=data["notice_version"]),
            "max_files": settings.BIHUAN_PORTAL_MAX_FILES,
        }
