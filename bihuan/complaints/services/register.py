"""Registration (登记): the one way a complaint comes into existence, from every channel."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.core.filecheck import CheckedFile
from bihuan.core.tracking import new_tracking_code
from bihuan.org.actors import Actor
from bihuan.org.choices import Role
from bihuan.org.models import Category, Organisation, Site

from ..choices import Action, Channel, ContactMethod, Severity, Status
from ..models import Complainant, Complaint, PrivacyConsent, PrivacyNotice
from . import _workflow
from .attachments import save_files, validate_files
from .handle import complaint_resolve_on_the_spot

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,22}$")


@dataclass(frozen=True)
class ComplainantInput:
    """Who is complaining, as given at intake."""

    name: str = ""
    phone: str = ""
    email: str = ""
    member_card_no: str = ""
    preferred_language: str = "zh-hans"
    is_anonymous: bool = False
    contact_confidential: bool = False


@dataclass(frozen=True)
class OnTheSpotInput:
    """A simple complaint solved at the desk (当场解决): the result and how it was told."""

    result: str
    reply_method: str = ContactMethod.IN_PERSON
    reply_text: str = ""


@dataclass(frozen=True)
class ConsentInput:
    """The complainant's explicit consent to the privacy notice, by the version shown."""

    notice_version: str


def normalise_phone(phone: str) -> str:
    return re.sub(r"[\s\-]", "", phone.strip())


def _complainant_for(data: ComplainantInput) -> Complainant:
    """Find the returning complainant by phone, or create a new one; refresh what was given."""
    if not data.is_anonymous and not (data.phone or data.email or data.member_card_no):
        raise DomainError(
            "contact_required",
            _("Give a phone number, an email or a member card number, or mark it anonymous."),
            field="phone",
        )
    phone = normalise_phone(data.phone)
    if phone and not _PHONE.match(phone):
        raise DomainError(
            "phone_invalid",
            _("“%(phone)s” is not a phone number.") % {"phone": data.phone},
            field="phone",
        )
    existing = None
    if phone and not data.is_anonymous:
        for candidate in Complainant.objects.filter(phone=phone, is_anonymous=False)[:5]:
            if not data.name or not candidate.name or candidate.name == data.name.strip():
                existing = candidate
                break
    complainant = existing or Complainant(phone=phone, is_anonymous=data.is_anonymous)
    for field in ("name", "email", "member_card_no"):
        value = getattr(data, field).strip()
        if value:
            setattr(complainant, field, value)
    complainant.preferred_language = data.preferred_language or complainant.preferred_language
    complainant.contact_confidential = complainant.contact_confidential or data.contact_confidential
    try:
        complainant.full_clean(exclude=["phone"])
    except ValidationError as error:
        # Intake channels other than the desk form (email, portal, API) reach here unchecked.
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(f"{field}_invalid", messages[0], field=field) from error
    complainant.save()
    return complainant


def _check_channel(channel: str, external_reference: str) -> None:
    if channel not in Channel.values:
        raise DomainError("channel_invalid", _("Unknown channel."), field="channel")
    if Channel(channel).is_referral and not external_reference.strip():
        raise DomainError(
            "external_reference_required",
            _("A referral needs the referrer's work-order number."),
            field="external_reference",
        )


def _notice_for(consent: ConsentInput) -> PrivacyNotice:
    notice = PrivacyNotice.objects.filter(version=consent.notice_version.strip()).first()
    if notice is None:
        raise DomainError(
            "privacy_notice_unknown",
            _("The privacy notice you accepted is no longer current. Read it again."),
            field="consent",
        )
    return notice


def _subject_from(description: str) -> str:
    first_line = description.strip().splitlines()[0]
    return first_line[:40] + ("…" if len(first_line) > 40 else "")


def complaint_register(
    *,
    actor: Actor | None,
    channel: str,
    complainant: ComplainantInput,
    description: str,
    subject: str = "",
    demand: str = "",
    category: Category | None = None,
    site: Site | None = None,
    severity: str = Severity.GENERAL,
    occurred_at: datetime | None = None,
    occurred_place: str = "",
    received_at: datetime | None = None,
    external_reference: str = "",
    external_due_at: datetime | None = None,
    files: Sequence[UploadedFile | CheckedFile] = (),
    on_the_spot: OnTheSpotInput | None = None,
    consent: ConsentInput | None = None,
    max_files: int | None = None,
) -> Complaint:
    """Register a complaint from any channel, whole or not at all.

    ``actor`` is the clerk at the desk, or None when the complainant files it
    themselves (portal, email). The complaint, its complainant, attachments and the
    timeline event are written in one transaction. ``consent`` records the privacy-notice
    version the complainant accepted (the portal requires it); ``max_files`` lowers the
    attachment limit for a channel.

    Every check, the decoding and re-encoding of images included, runs before the
    transaction opens, so that no database write lock is held while files are examined.
    """
    if actor is not None and not actor.has(Role.CLERK):
        raise DomainError("forbidden", _("Only the intake desk registers complaints."))
    description = _workflow.require_text(
        description, field="description", message=_("Describe what happened.")
    )
    _check_channel(channel, external_reference)
    if severity not in Severity.values:
        raise DomainError("severity_invalid", _("Unknown severity."), field="severity")
    now = clock.now()
    received_at = received_at or now
    if received_at > now or (occurred_at is not None and occurred_at > now):
        raise DomainError(
            "in_future",
            _("A complaint cannot be received or happen in the future."),
            field="occurred_at" if occurred_at and occurred_at > now else "received_at",
        )
    if complainant.is_anonymous and not anonymous_allowed():
        raise DomainError(
            "anonymous_not_allowed",
            _("This organisation does not take anonymous complaints."),
            field="is_anonymous",
        )
    checked = validate_files(files, limit=max_files)
    notice = _notice_for(consent) if consent is not None else None
    with transaction.atomic():
        complaint = Complaint.objects.create(
            tracking_code=_unique_tracking_code(),
            channel=channel,
            external_reference=external_reference.strip(),
            external_due_at=external_due_at,
            complainant=_complainant_for(complainant),
            site=site,
            category=category,
            severity=severity,
            subject=(subject.strip() or _subject_from(description))[:200],
            description=description,
            demand=demand.strip(),
            occurred_at=occurred_at,
            occurred_place=occurred_place.strip(),
            received_at=received_at,
            status=Status.REGISTERED,
            registered_by_id=actor.user_id if actor else None,
        )
        _workflow.record(
            actor=actor,
            complaint=complaint,
            action=Action.REGISTER,
            to_status=Status.REGISTERED,
            data={"channel": channel},
        )
        if notice is not None:
            PrivacyConsent.objects.create(complaint=complaint, notice=notice, channel=channel)
        if on_the_spot is not None:
            if actor is None:
                raise DomainError("forbidden", _("Only the intake desk resolves on the spot."))
            complaint_resolve_on_the_spot(
                actor=actor,
                complaint=complaint,
                result=on_the_spot.result,
                reply_method=on_the_spot.reply_method,
                reply_text=on_the_spot.reply_text,
            )
        # Last, once every check has passed: a rollback does not delete stored files.
        if checked:
            save_files(
                complaint=complaint, files=checked, uploaded_by_id=actor.user_id if actor else None
            )
        return complaint


def anonymous_allowed() -> bool:
    """Whether anonymous complaints are taken: yes unless the organisation says otherwise."""
    organisation = Organisation.objects.first()
    return organisation is None or organisation.allow_anonymous


def _unique_tracking_code() -> str:
    for _attempt in range(5):
        code = new_tracking_code()
        if not Complaint.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("Could not draw a free tracking code")  # 29**9 codes: not reachable
