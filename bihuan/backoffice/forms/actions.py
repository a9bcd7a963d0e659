"""One small form per transition. Field names are the keyword arguments of its service."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bihuan.complaints import deadlines, permissions
from bihuan.complaints.choices import CompensationKind, ContactMethod, FollowUpOutcome, Rating
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import CompensationInput
from bihuan.org.actors import Actor
from bihuan.org.models import Department
from bihuan.routing.selectors import route_lead_department

from .. import selectors
from .base import (
    BootstrapForm,
    MultipleFileField,
    PeopleChoiceField,
    PersonChoiceField,
    on_the_spot_reply_method,
    on_the_spot_reply_text,
    textarea,
)


class ActionForm(BootstrapForm):
    """A form bound to the complaint and the actor, whose choices may depend on both."""

    def __init__(self, *args: Any, complaint: Complaint, actor: Actor, **kwargs: Any) -> None:
        self.complaint = complaint
        self.actor = actor
        super().__init__(*args, **kwargs)


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), required=False, widget=textarea(2))


class CommentForm(ActionForm):
    note = forms.CharField(
        label=_("Internal note"),
        widget=textarea(3),
        help_text=_("Seen by staff only, never by the complainant."),
    )


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=textarea(3))


class RejectForm(ReasonForm):
    reason = forms.CharField(
        label=_("Reason told to the complainant"),
        widget=textarea(3),
        help_text=_("Why the complaint is outside the scope of the organisation."),
    )


class RefuseForm(ReasonForm):
    reason = forms.CharField(label=_("What must change in the solution"), widget=textarea(3))


class OnTheSpotForm(ActionForm):
    result = forms.CharField(label=_("How it was solved"), widget=textarea(2))
    reply_method = on_the_spot_reply_method()
    reply_text = on_the_spot_reply_text()


class DispatchForm(ActionForm):
    department = forms.ModelChoiceField(
        label=_("Lead department"), queryset=Department.objects.none()
    )
    co_departments = forms.ModelMultipleChoiceField(
        label=_("Co-handling departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    override_reason = forms.CharField(
        label=_("Reason for choosing another department than routing suggests"),
        required=False,
        widget=textarea(2),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = selectors.dispatch_departments()
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["co_departments"].queryset = departments  # type: ignore[attr-defined]
        routed = route_lead_department(
            category_id=self.complaint.category_id, site_id=self.complaint.site_id
        )
        if routed is not None:
            self.fields["department"].initial = routed.pk
            self.fields["department"].help_text = _(
                "Routing suggests %(department)s for this category."
            ) % {"department": routed.display_name}


class _PeopleForm(ActionForm):
    """A form with person fields limited to the staff who could take the complaint."""

    person_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = selectors.assignable_staff(self.complaint)
        for name in self.person_fields:
            self.fields[name].queryset = people  # type: ignore[attr-defined]


class InvestigateForm(_PeopleForm):
    person_fields = ("assignee",)
    assignee = PersonChoiceField(
        label=_("Investigator"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )


class AssignForm(_PeopleForm):
    person_fields = ("assignee",)
    assignee = PersonChoiceField(label=_("Assignee"), queryset=User.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=textarea(2))


class ReportForm(ActionForm):
    findings = forms.CharField(label=_("Facts found"), widget=textarea(4))
    cause = forms.CharField(label=_("Cause"), required=False, widget=textarea(2))
    evidence = forms.CharField(label=_("Evidence examined"), required=False, widget=textarea(2))


class CompensationForm(BootstrapForm):
    """One row of compensation; an untouched row is ignored."""

    kind = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *CompensationKind.choices])
    quantity = forms.IntegerField(label=_("Quantity"), initial=1)
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), required=False, max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def has_changed(self) -> bool:
        """A row counts once it names a type, an amount or a note; a quantity alone does not."""
        return any(self[name].value() for name in ("kind", "amount", "note"))


CompensationFormSet = forms.formset_factory(
    CompensationForm, extra=5, max_num=5, absolute_max=5, validate_max=True
)


class ProposeForm(_PeopleForm):
    page_template = "backoffice/forms/propose.html"
    person_fields = ("responsible_person",)
    measures = forms.CharField(label=_("Measures"), widget=textarea(4))
    responsible_person = PersonChoiceField(
        label=_("Responsible person"), queryset=User.objects.none()
    )
    due_date = forms.DateField(
        label=_("Completion date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.fields["responsible_person"].initial = self.actor.user_id
        self.compensation = CompensationFormSet(
            data, prefix="compensation", auto_id=str(self.auto_id)
        )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        valid = self.compensation.is_valid() and valid
        if valid:
            self.cleaned_data["compensation"] = [
                CompensationInput(
                    kind=row["kind"],
                    quantity=row["quantity"],
                    amount=row["amount"],
                    note=row["note"],
                )
                for row in self.compensation.cleaned_data
                if row
            ]
        return valid


class ResolveForm(ActionForm):
    result = forms.CharField(label=_("Result of handling"), widget=textarea(3))


class ReplyForm(ActionForm):
    method = forms.ChoiceField(
        label=_("How the complainant was told"),
        choices=ContactMethod.choices,
        initial=ContactMethod.PHONE,
    )
    text = forms.CharField(label=_("Reply"), widget=textarea(4))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].initial = self.complaint.resolution


class RateForm(ActionForm):
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=textarea(2),
        help_text=_("Required when the complainant is dissatisfied."),
    )


class FollowUpForm(ActionForm):
    method = forms.ChoiceField(
        label=_("Method"), choices=ContactMethod.choices, initial=ContactMethod.PHONE
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=FollowUpOutcome.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(2))


class TaskGroupForm(ActionForm):
    members = PeopleChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    remit = forms.CharField(label=_("Remit"), required=False, widget=textarea(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = self.fields["members"]
        members.queryset = selectors.task_group_candidates()  # type: ignore[attr-defined]


class AttachForm(ActionForm):
    # Named as the service's argument; the metaclass moves it off the class, so the
    # form's own ``files`` (the uploads) is untouched at run time.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files"),
        help_text=_("Photos, PDF, audio, video or documents; you may choose several."),
    )


class ExtensionRequestForm(ActionForm):
    stage = forms.ChoiceField(label=_("Stage"))
    new_due_at = forms.DateTimeField(
        label=_("New deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(label=_("Why more time is needed"), widget=textarea(3))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [  # type: ignore[attr-defined]
            (
                row.stage,
                _("%(stage)s, due %(due)s")
                % {"stage": row.get_stage_display(), "due": _local(row.due_at)},
            )
            for row in deadlines.department_clocks(self.complaint)
        ]


class ExtensionDecisionForm(ActionForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve the extension")), ("no", _("Refuse the extension"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=textarea(2),
        help_text=_("Required when the extension is refused."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pending = permissions.pending_extension(self.complaint)
        if pending is not None:
            self.fields["approve"].help_text = _(
                "%(stage)s: from %(previous)s to %(due)s. Reason: %(reason)s"
            ) % {
                "stage": pending.clock.get_stage_display(),
                "previous": _local(pending.previous_due_at),
                "due": _local(pending.requested_due_at),
                "reason": pending.reason,
            }


def _local(instant: datetime) -> str:
    return timezone.localtime(instant).strftime("%Y-%m-%d %H:%M")
