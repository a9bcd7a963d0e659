"""Adding files to a complaint, with the limits every channel shares."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError
from bihuan.core.filecheck import CheckedFile, FileRefused, check_file
from bihuan.org.actors import Actor

from ..choices import Action
from ..models import Attachment, Complaint
from . import _workflow

_REFUSALS = {
    FileRefused.TYPE: _(
        "“%(name)s” is not an accepted type (photos, PDF, audio, video, documents)."
    ),
    FileRefused.MISMATCH: _(
        "“%(name)s” is not what its name says: its content is not a file of that type."
    ),
    FileRefused.DAMAGED: _("“%(name)s” is damaged and cannot be opened."),
    FileRefused.BOMB: _("“%(name)s” expands to far too much data to be kept."),
}


def validate_files(
    files: Sequence[UploadedFile | CheckedFile], *, already: int = 0, limit: int | None = None
) -> list[CheckedFile]:
    """Check the whole batch before anything is saved; the files as they will be stored.

    The type is decided by content and must agree with the name; images come back
    re-encoded without their metadata. Any file breaking a rule refuses the batch. A
    :class:`CheckedFile` (a channel that sorted its files one by one) is counted, not
    decoded again.
    """
    limit = min(limit or settings.BIHUAN_ATTACHMENT_MAX_COUNT, settings.BIHUAN_ATTACHMENT_MAX_COUNT)
    if already + len(files) > limit:
        raise DomainError(
            "too_many_files",
            _("At most %(limit)d attachments per complaint.") % {"limit": limit},
            field="files",
        )
    max_bytes = settings.BIHUAN_ATTACHMENT_MAX_BYTES
    checked = []
    for upload in files:
        if isinstance(upload, CheckedFile):
            checked.append(upload)
            continue
        name = PurePath((upload.name or "").replace("\\", "/")).name[:200] or "file"
        if (upload.size or 0) > max_bytes:
            raise _too_large(name, max_bytes)
        if not upload.size:
            raise DomainError(
                "file_empty", _("“%(name)s” is empty.") % {"name": name}, field="files"
            )
        upload.seek(0)
        data = upload.read(max_bytes + 1)
        upload.seek(0)
        if len(data) > max_bytes:  # a size that lied
            raise _too_large(name, max_bytes)
        try:
            checked.append(check_file(name, data))
        except FileRefused as refused:
            raise DomainError(
                refused.reason, _REFUSALS[refused.reason] % {"name": name}, field="files"
            ) from refused
    return checked


def _too_large(name: str, max_bytes: int) -> DomainError:
    return DomainError(
        "file_too_large",
        _("“%(name)s” is larger than %(limit)s.")
        % {"name": name, "limit": filesizeformat(max_bytes)},
        field="files",
    )


def save_files(
    *, complaint: Complaint, files: Sequence[CheckedFile], uploaded_by_id: int | None
) -> list[Attachment]:
    """Store checked files under generated names; if anything fails, remove what was stored.

    Call this inside the caller's transaction, after every check has passed, so that
    the only failures left are storage or database errors.
    """
    saved: list[Attachment] = []
    try:
        for checked in files:
            attachment = Attachment(
                complaint=complaint,
                original_name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                uploaded_by_id=uploaded_by_id,
            )
            attachment.file.save(checked.name, ContentFile(checked.data), save=False)
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
    checked = validate_files(files, already=locked.attachments.count())
    saved = save_files(complaint=locked, files=checked, uploaded_by_id=actor.user_id)
    _workflow.record(
        actor=actor,
        complaint=locked,
        action=Action.ATTACH,
        note=", ".join(a.original_name for a in saved),
    )
    return saved
