"""Filing a complaint through Open311: the one registration service, plus where and how."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation

from bihuan.apikeys.models import ApiKey
from bihuan.complaints.choices import Channel
from bihuan.complaints.services import ComplainantInput, complaint_register

from .inputs import Submission
from .models import Open311Request

# One photo or document may come with a request (the spec's later "media" upload).
MAX_MEDIA_FILES = 1


def _language() -> str:
    current = (translation.get_language() or "").lower()
    known = [code for code, _name in settings.LANGUAGES]
    return current if current in known else settings.LANGUAGE_CODE


@transaction.atomic
def open311_request_submit(
    *, api_key: ApiKey, submission: Submission, files: Sequence[UploadedFile] = ()
) -> Open311Request:
    """Register the complaint (channel Open311) and record its location, in one transaction.

    A request without a phone number or e-mail is anonymous; whether the organisation takes
    anonymous complaints is for ``complaint_register`` to decide.
    """
    anonymous = not (submission.phone or submission.email)
    complaint = complaint_register(
        actor=None,
        channel=Channel.OPEN311,
        complainant=ComplainantInput(
            name=submission.name,
            phone=submission.phone,
            email=submission.email,
            preferred_language=_language(),
            is_anonymous=anonymous,
        ),
        description=submission.description,
        category=submission.category,
        site=submission.site,
        occurred_at=submission.occurred_at,
        occurred_place=submission.place,
        files=files,
        max_files=MAX_MEDIA_FILES,
    )
    return Open311Request.objects.create(
        complaint=complaint,
        token=secrets.token_hex(16),
        api_key=api_key,
        lat=submission.lat,
        long=submission.long,
        address=submission.address_string,
        address_id=submission.address_id,
        device_id=submission.device_id,
        account_id=submission.account_id,
        media_url=submission.media_url,
    )
