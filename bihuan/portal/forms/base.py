"""Form plumbing of the portal: large Bootstrap widgets, files, domain errors, the checks
against robots (honeypot, offline CAPTCHA, minimum fill time)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.core.filecheck import SUFFIX_TYPES

from .. import captcha

# What the portal takes: photos, PDF and audio (the desk also takes video and documents).
PORTAL_SUFFIXES = frozenset(
    suffix
    for suffix, kind in SUFFIX_TYPES.items()
    if kind.startswith(("image/", "audio/")) or kind == "application/pdf"
)
FILE_ACCEPT = "image/*,audio/*,.pdf,application/pdf"


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select form-select-lg"
    return "form-control form-control-lg"


class PortalForm(forms.Form):
    """Widgets styled for a phone; a field at fault is marked invalid."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{existing} {_css_class(field.widget)}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def replace_value(self, name: str, value: str) -> None:
        """Show another value in a bound field (a new challenge, an unticked box)."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[name] = value
        self.data = data

    def add_domain_error(self, error: DomainError, fields: dict[str, str] | None = None) -> None:
        """Show a refused operation next to its field, or above the form."""
        name = (fields or {}).get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, str(error.message))
        if name in self.fields:
            widget = self.fields[name].widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PortalFilesField(forms.FileField):
    """Several photos, PDFs or recordings in one input; cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": FILE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(PortalFilesField, self).clean(item, initial) for item in items if item]
        limit = settings.BIHUAN_PORTAL_MAX_FILES
        if len(files) > limit:
            raise forms.ValidationError(
                _("You can attach at most %(limit)d files.") % {"limit": limit},
                code="too_many_files",
            )
        for upload in files:
            name = PurePath((upload.name or "").replace("\\", "/")).name
            if PurePath(name).suffix.lower() not in PORTAL_SUFFIXES:
                raise forms.ValidationError(
                    _("“%(name)s”: only photos, PDF files and audio recordings can be attached.")
                    % {"name": name},
                    code="file_type",
                )
        return files


class HumanCheckForm(PortalForm):
    """A honeypot field, and while the CAPTCHA is on, a sum to solve in a picture that
    must not be answered faster than a person reads the form."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    captcha_token = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label=_("The answer to the sum in the picture"),
        required=False,
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "-?[0-9]*"}
        ),
    )

    challenge: captcha.Challenge | None = None
    refused_as_robot = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not captcha.enabled():
            del self.fields["captcha_token"], self.fields["captcha_answer"]
        elif not self.is_bound:
            self.initial["captcha_token"] = captcha.new_token()

    @property
    def captcha_token_value(self) -> str:
        return str(self["captcha_token"].value() or "") if captcha.enabled() else ""

    def renew_challenge(self) -> None:
        if captcha.enabled():
            self.replace_value("captcha_token", captcha.new_token())
            self.replace_value("captcha_answer", "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            self.refused_as_robot = True
            raise forms.ValidationError(
                _("Your submission could not be accepted. Please try again."), code="honeypot"
            )
        if captcha.enabled():
            self._check_challenge(cleaned)
        return cleaned

    def _check_challenge(self, cleaned: dict[str, Any]) -> None:
        token, answer = cleaned.get("captcha_token", ""), cleaned.get("captcha_answer", "")
        if not answer:
            self.add_error("captcha_answer", _("Write the answer to the sum in the picture."))
            return
        try:
            self.challenge = captcha.check(token, answer)
        except captcha.ChallengeFailed as failed:
            if failed.reason == "too_fast":
                self.refused_as_robot = True
                self.add_error(
                    None,
                    _(
                        "That was quicker than anyone can fill in the form. Check what you "
                        "wrote and send it again."
                    ),
                )
                return
            message = (
                _("The picture has expired. Solve the new one.")
                if failed.reason == "expired"
                else _("That is not the answer. Try the new picture.")
            )
            self.add_error("captcha_answer", message)
            self.renew_challenge()
