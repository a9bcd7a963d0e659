"""The staff pages' forms, used by the API: the same parsing and checks for both.

A JSON object (or a multipart body) is turned into the data a Django form reads; fields
left out take the default the staff page shows; the form's errors become the API's.
For the OpenAPI schema, :func:`serializer_for_form` describes a form as a serializer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Model
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from bihuan.backoffice.forms.actions import ProposeForm
from bihuan.backoffice.forms.base import MultipleFileField

from .errors import InvalidInput

# Multipart bodies from the browsable API carry the CSRF token beside the fields.
_IGNORED_KEYS = {"csrfmiddlewaretoken"}
# The proposal's rows of compensation: a formset on the page, a list of objects here.
_FORMSET_KEY = "compensation"

_MULTI_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


def _is_multi(field: forms.Field) -> bool:
    return isinstance(field, _MULTI_FIELDS)


def _scalar(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    raise InvalidInput({name: [str(_("Expected a single value."))]})


def _has_rows(form_class: type[forms.Form]) -> bool:
    return issubclass(form_class, ProposeForm)


def _form_fields(form_class: type[forms.Form]) -> dict[str, forms.Field]:
    return dict(form_class.base_fields)


def _rows(value: Any) -> list[Mapping[str, Any]]:
    """The rows of a formset, from a JSON list (or its text in a multipart body)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            raise InvalidInput({_FORMSET_KEY: [str(_("Expected a list of objects."))]}) from None
    if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
        raise InvalidInput({_FORMSET_KEY: [str(_("Expected a list of objects."))]})
    return value


def _formset_data(rows: list[Mapping[str, Any]]) -> dict[str, str]:
    data = {
        f"{_FORMSET_KEY}-TOTAL_FORMS": str(len(rows)),
        f"{_FORMSET_KEY}-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{_FORMSET_KEY}-{index}-{key}"] = _scalar(f"{_FORMSET_KEY}.{index}.{key}", value)
    return data


def form_data(form_class: type[forms.Form], data: Any) -> MultiValueDict:
    """The request body as form data; keys that are not fields of the form are refused."""
    if not isinstance(data, Mapping):
        raise InvalidInput({"non_field_errors": [str(_("Expected a JSON object."))]})
    fields = _form_fields(form_class)
    has_rows = _has_rows(form_class)
    unknown = [
        key
        for key in data
        if key not in fields and key not in _IGNORED_KEYS and not (has_rows and key == _FORMSET_KEY)
    ]
    if unknown:
        raise InvalidInput({key: [str(_("Unknown field."))] for key in unknown})
    getlist = getattr(data, "getlist", None)
    result: MultiValueDict[str, str] = MultiValueDict()
    for name, field in fields.items():
        if name not in data or isinstance(field, forms.FileField):
            continue
        values = getlist(name) if getlist else data[name]
        if _is_multi(field):
            values = values if isinstance(values, list) else [values]
            result.setlist(name, [_scalar(name, v) for v in values])
        else:
            if isinstance(values, list):
                if getlist is None or len(values) != 1:
                    raise InvalidInput({name: [str(_("Expected a single value."))]})
                values = values[0]
            result[name] = _scalar(name, values)
    if has_rows:
        rows = _rows(data.get(_FORMSET_KEY, []))
        for key, value in _formset_data(rows).items():
            result[key] = value
    return result


def _initial(value: Any) -> list[str]:
    if isinstance(value, Model):
        return [str(value.pk)]
    if isinstance(value, list | tuple):
        return [str(v.pk if isinstance(v, Model) else v) for v in value]
    return [str(value)]


def fill_defaults(form: forms.Form) -> None:
    """Give the fields left out the value the staff page would have shown (its initial)."""
    data = form.data
    for name, field in form.fields.items():
        if name in data or isinstance(field, forms.BooleanField | forms.FileField):
            continue
        initial = form.get_initial_for_field(field, name)
        if initial is not None and initial != "":
            data.setlist(name, _initial(initial))  # type: ignore[attr-defined]


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """The form's errors (and its formset's) keyed by field, the API's way."""
    errors: dict[str, list[str]] = {}
    for name, messages in form.errors.items():
        key = "non_field_errors" if name == NON_FIELD_ERRORS else name
        errors[key] = [str(m) for m in messages]
    formset = getattr(form, _FORMSET_KEY, None)
    if isinstance(formset, forms.BaseFormSet) and formset.is_bound:
        rows: list[dict[str, list[str]]] = list(formset.errors)  # type: ignore[arg-type]
        for index, row_errors in enumerate(rows):
            for name, row_messages in row_errors.items():
                errors[f"{_FORMSET_KEY}.{index}.{name}"] = [str(m) for m in row_messages]
        if formset.non_form_errors():
            errors[_FORMSET_KEY] = [str(m) for m in formset.non_form_errors()]
    return errors


def validated(form: forms.Form) -> dict[str, Any]:
    """The cleaned data, or the API's 400 with every field's messages."""
    fill_defaults(form)
    if not form.is_valid():
        raise InvalidInput(form_errors(form))
    return form.cleaned_data


# The schema: a serializer describing what a form accepts.


def _serializer_field(name: str, field: forms.Field) -> serializers.Field:
    required = field.required and field.initial is None
    common: dict[str, Any] = {
        "required": required,
        "help_text": str(field.help_text or field.label or "") or None,
    }
    if isinstance(field, MultipleFileField):
        return serializers.ListField(child=serializers.FileField(), **common)
    if isinstance(field, forms.FileField):
        return serializers.FileField(**common)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=not field.required, **common)
    choices = [c for c in getattr(field, "choices", []) if c[0] != ""]
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=choices, **common)
    if isinstance(field, forms.ChoiceField):
        if not choices:  # choices made per complaint: a string the form checks
            return serializers.CharField(**common)
        return serializers.ChoiceField(choices=choices, allow_blank=not field.required, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(required=False, help_text=common["help_text"])
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(allow_null=not field.required, **common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=not field.required, **common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(**common)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places, **common
        )
    if isinstance(field, forms.EmailField):
        return serializers.EmailField(allow_blank=not field.required, **common)
    if getattr(field, "max_length", None):
        common["max_length"] = field.max_length  # type: ignore[attr-defined]
    return serializers.CharField(allow_blank=not field.required, **common)


class CompensationRowSerializer(serializers.Serializer):
    """One row of compensation in a proposed solution."""

    kind = serializers.CharField()
    quantity = serializers.IntegerField(required=False, default=1)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    note = serializers.CharField(required=False, max_length=200)


@cache
def serializer_for_form(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer class with the form's fields, for the OpenAPI schema only."""
    attributes: dict[str, Any] = {
        field_name: _serializer_field(field_name, field)
        for field_name, field in _form_fields(form_class).items()
    }
    if _has_rows(form_class):
        attributes[_FORMSET_KEY] = CompensationRowSerializer(many=True, required=False)
    attributes["__doc__"] = form_class.__doc__ or ""
    return type(name, (serializers.Serializer,), attributes)
