"""Adding files to a complaint, with the limits every channel shares."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor

from ..choices import Action
from ..models import Attachment, Complaint
from . import _workflow

ALLOWED_SUFFIXES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".amr": "audio/amr",
    ".mp4": "video/mp4",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def validate_files(files: Sequence[UploadedFile], *, already: int = 0) -> None:
    """Refuse the whole batch if any file breaks a limit, before anything is saved."""
    limit = settings.BIHUAN_ATTACHMENT_MAX_COUNT
    if already + len(files) > limit:
        raise DomainError(
            "too_many_files",
            _("At most %(limit)d attachments per complaint.") % {"limit": limit},
            field="files",
        )
    max_bytes = settings.BIHUAN_ATTACHMENT_MAX_BYTES
    for upload in files:
        name = upload.name or ""
        if PurePath(name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise DomainError(
                "file_type",
                _("“%(name)s” is not an accepted type (photos, PDF, audio, video, documents).")
                % {"name": name},
                field="files",
            )
        if (upload.size or 0) > max_bytes:
            raise DomainError(
                "file_too_large",
                _("“%(name)s” is larger than %(limit)s.")
                % {"name": name, "limit": filesizeformat(max_bytes)},
                field="files",
            )
        if not upload.size:
            raise DomainError(
                "file_empty", _("“%(name)s” is empty.") % {"name": name}, field="files"
            )


def save_files(
    *, complaint: Complaint, files: Sequence[UploadedFile], uploaded_by_id: int | None
) -> list[Attachment]:
    """Store the files under generated names; if anything fails, remove what was stored.

    Call this inside the caller's transaction, after every check has passed, so that
    the only failures left are storage or database errors.
    """
    saved: list[Attachment] = []
    try:
        for upload in files:
            name = PurePath(upload.name or "file").name[:200]
            attachment = Attachment(
                complaint=complaint,
                original_name=name,
                content_type=ALLOWED_SUFFIXES[PurePath(name).suffix.lower()],
                size=upload.size or 0,
                uploaded_by_id=uploaded_by_id,
            )
            attachment.file.save(name, upload, save=False)
            saved.append(attachment)
            attachment.save()
    except BaseException:
        for attachment in saved:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return saved


@transaction.atomic
def complaint_attach(
    *, actor: Actor, complaint: Complaint, files: Sequence[UploadedFile]
) -> list[Attachment]:
    """Add evidence to an open complaint."""
    locked, _t = _workflow.lock_and_check(actor=actor, complaint=complaint, name="attach")
    if not files:
        raise DomainError("required", _("Choose at least one file."), field="files")
    validate_files(files, already=locked.attachments.count())
    saved = save_files(complaint=locked, files=files, uploaded_by_id=actor.user_id)
    _workflow.record(
        actor=actor,
        complaint=locked,
        action=Action.ATTACH,
        note=", ".join(a.original_name for a in saved),
    )
    return saved
