"""Form plumbing shared by every staff form: Bootstrap widgets, people, files, domain errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import ContactMethod
from bihuan.core.errors import DomainError
from bihuan.org.names import person_name

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect)  # CheckboxSelectMultiple included


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, _CHECK_WIDGETS):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapForm(forms.Form):
    """A form whose widgets carry Bootstrap classes and whose fields at fault say so."""

    # Included by the page ({% include form.page_template %}), so that the project's
    # templates lay the form out while Django's own templates draw the widgets.
    page_template = "backoffice/forms/form.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = _css_class(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{existing} {css}".strip()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if widget is not None and "is-invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a refused operation on the form: next to its field, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none were chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                single(None, initial)  # raises "required"
            return [single(item, initial) for item in data]
        cleaned = single(data, initial)
        return [cleaned] if cleaned else []


def textarea(rows: int = 3, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def on_the_spot_reply_method() -> forms.ChoiceField:
    """How a complaint solved at the desk was answered (registration and the action alike)."""
    return forms.ChoiceField(
        label=_("How the complainant was told"),
        choices=ContactMethod.choices,
        initial=ContactMethod.IN_PERSON,
    )


def on_the_spot_reply_text() -> forms.CharField:
    return forms.CharField(
        label=_("Reply to the complainant"),
        required=False,
        widget=textarea(2),
        help_text=_("Leave empty to use the result."),
    )
