"""The filter form of the complaint list; it parses the query string into ComplaintFilters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import Channel, Severity, Status
from bihuan.complaints.selectors import ComplaintFilters
from bihuan.org.models import Category, Department, Site

from .base import BootstrapForm

_DATE = forms.DateInput(attrs={"type": "date"})


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("Any")), *choices]


class ComplaintFilterForm(BootstrapForm):
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=Status.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any"),
    )
    department = forms.ModelChoiceField(
        label=_("Lead department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any"),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=_blank(Channel.choices), required=False)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any"),
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=_blank(Severity.choices), required=False
    )
    received_from = forms.DateField(label=_("Received from"), required=False, widget=_DATE)
    received_to = forms.DateField(label=_("Received to"), required=False, widget=_DATE)
    keyword = forms.CharField(
        label=_("Keyword"),
        required=False,
        max_length=100,
        help_text=_("Tracking code, external reference, or words of the subject or description."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date is before the start date."))
        return cleaned

    def to_filters(self, *, queue: str = "") -> ComplaintFilters:
        """The filters that parsed; fields in error are left out (the page says so)."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()  # Django leaves the fields in error out of cleaned_data
            data = self.cleaned_data

        def pk(name: str) -> int | None:
            value = data.get(name)
            return value.pk if value is not None else None

        return ComplaintFilters(
            status=list(data.get("status") or []),
            category=pk("category"),
            department=pk("department"),
            channel=data.get("channel") or "",
            site=pk("site"),
            severity=data.get("severity") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            keyword=data.get("keyword") or "",
            queue=queue,
        )

    @property
    def has_filters(self) -> bool:
        """Whether the filter panel should open: a filter is set or one is in error."""
        return self.is_bound and (not self.is_valid() or any(self.cleaned_data.values()))
