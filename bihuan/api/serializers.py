"""What the API shows of a complaint and its records: what the staff page shows that user.

Output only: input is parsed by the staff pages' forms (see formbridge). People appear as
an id and a display name, never with their account details; the complainant's contact
details are masked for anyone not handling the complaint, as on the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bihuan.backoffice.views.detail import contact_for
from bihuan.complaints.models import Attachment, Complaint, TimelineEvent
from bihuan.complaints.transitions import Transition, available_transitions
from bihuan.org.actors import Actor
from bihuan.org.names import person_name


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()

    def get_name(self, user: User) -> str:
        return person_name(user)


class NamedSerializer(serializers.Serializer):
    """A category, department or site as a complaint refers to it."""

    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField(source="display_name")


class CategorySerializer(NamedSerializer):
    parent_id = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()


class DepartmentSerializer(NamedSerializer):
    parent_id = serializers.IntegerField(allow_null=True)
    is_intake_desk = serializers.BooleanField()


class SiteSerializer(NamedSerializer):
    address = serializers.CharField()


def _url(context: dict[str, Any], name: str, **kwargs: Any) -> str:
    path = reverse(f"api:{name}", kwargs=kwargs)
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class ListComplainantSerializer(serializers.Serializer):
    """As the list page shows it: a name (or "Anonymous") and the masked phone."""

    name = serializers.CharField(source="__str__")
    phone = serializers.CharField(source="masked_phone")


class ComplaintListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    channel_label = serializers.CharField(source="get_channel_display")
    category = NamedSerializer(allow_null=True)
    site = NamedSerializer(allow_null=True)
    lead_department = NamedSerializer(allow_null=True)
    assignee = PersonSerializer(allow_null=True)
    complainant = ListComplainantSerializer()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "tracking_code",
            "url",
            "subject",
            "status",
            "status_label",
            "severity",
            "channel",
            "channel_label",
            "external_reference",
            "category",
            "site",
            "lead_department",
            "assignee",
            "complainant",
            "received_at",
            "due_at",
            "due_stage",
            "paused_at",
        ]

    def get_url(self, complaint: Complaint) -> str:
        return _url(self.context, "complaint-detail", code=complaint.tracking_code)


class ContactSerializer(serializers.Serializer):
    """The complainant on the complaint page: full contact details only for its handlers."""

    name = serializers.CharField()
    is_anonymous = serializers.BooleanField()
    contact_confidential = serializers.BooleanField()
    phone = serializers.CharField()
    email = serializers.CharField()
    member_card_no = serializers.CharField()
    masked = serializers.BooleanField()
    preferred_language = serializers.CharField()


class AvailableActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    url = serializers.CharField()


def available_action(context: dict[str, Any], complaint: Complaint, t: Transition) -> dict:
    return {
        "name": t.name,
        "label": str(t.label),
        "url": _url(context, f"complaint-action-{t.name}", code=complaint.tracking_code),
    }


class ComplaintDetailSerializer(ComplaintListSerializer):
    co_departments = NamedSerializer(many=True)
    registered_by = PersonSerializer(allow_null=True)
    complainant = serializers.SerializerMethodField()  # type: ignore[assignment]
    actions = serializers.SerializerMethodField()
    timeline_url = serializers.SerializerMethodField()
    attachments_url = serializers.SerializerMethodField()

    class Meta(ComplaintListSerializer.Meta):
        fields = [
            *ComplaintListSerializer.Meta.fields,
            "description",
            "demand",
            "occurred_at",
            "occurred_place",
            "co_departments",
            "registered_by",
            "on_the_spot",
            "redo_count",
            "return_count",
            "rejection_reason",
            "resolution",
            "accepted_at",
            "resolved_at",
            "replied_at",
            "archived_at",
            "updated_at",
            "external_due_at",
            "actions",
            "timeline_url",
            "attachments_url",
        ]

    def _actor(self) -> Actor:
        return self.context["actor"]

    @extend_schema_field(ContactSerializer)
    def get_complainant(self, complaint: Complaint) -> dict[str, Any]:
        person = complaint.complainant
        contact = contact_for(self._actor(), complaint)
        return {
            "name": "" if person.is_anonymous else person.name,
            "is_anonymous": person.is_anonymous,
            "contact_confidential": person.contact_confidential,
            "phone": contact.phone,
            "email": contact.email,
            "member_card_no": contact.member_card_no,
            "masked": contact.masked,
            "preferred_language": person.preferred_language,
        }

    @extend_schema_field(AvailableActionSerializer(many=True))
    def get_actions(self, complaint: Complaint) -> list[dict]:
        return [
            available_action(self.context, complaint, t)
            for t in available_transitions(self._actor(), complaint)
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_timeline_url(self, complaint: Complaint) -> str:
        return _url(self.context, "complaint-timeline", code=complaint.tracking_code)

    @extend_schema_field(OpenApiTypes.URI)
    def get_attachments_url(self, complaint: Complaint) -> str:
        return _url(self.context, "complaint-attachments", code=complaint.tracking_code)


class TimelineEventSerializer(serializers.ModelSerializer):
    action_label = serializers.CharField(source="get_action_display")
    actor = PersonSerializer(allow_null=True)

    class Meta:
        model = TimelineEvent
        fields = ["id", "action", "action_label", "from_status", "to_status", "actor", "note"]
        fields += ["created_at"]


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    uploaded_by = PersonSerializer(allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_by", "created_at"]
        fields += ["download_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, attachment: Attachment) -> str:
        return _url(
            self.context,
            "complaint-attachment-download",
            code=self.context["complaint"].tracking_code,
            attachment_id=attachment.pk,
        )


class ComplaintPageSerializer(serializers.Serializer):
    """One page of the complaint list; ``next`` is null on the last page."""

    results = ComplaintListSerializer(many=True)
    next = serializers.URLField(allow_null=True)
    next_cursor = serializers.CharField(allow_null=True)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


class ErrorSerializer(serializers.Serializer):
    """Every error of the API, whatever its status."""

    error = ErrorDetailSerializer()


__all__ = [
    "AttachmentSerializer",
    "AvailableActionSerializer",
    "CategorySerializer",
    "ComplaintDetailSerializer",
    "ComplaintListSerializer",
    "ComplaintPageSerializer",
    "DepartmentSerializer",
    "ErrorSerializer",
    "SiteSerializer",
    "TimelineEventSerializer",
]
