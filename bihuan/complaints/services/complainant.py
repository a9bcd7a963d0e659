"""What the complainant does themselves (portal, email reply, Open311): add information
(补充材料) and say whether the reply satisfies them (满意度确认).

No staff member acts here: the timeline event has no actor and says by which channel the
complainant spoke. The people handling the complaint are notified.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.core.filecheck import CheckedFile
from bihuan.notifications.choices import Kind
from bihuan.notifications.services import notify
from bihuan.org.choices import Role

from ..choices import Action, Channel, Rating, Status
from ..models import Complaint, SatisfactionRecord, TimelineEvent
from ..transitions import TRANSITIONS
from . import _workflow
from .attachments import save_files, validate_files

SUPPLEMENT_MAX_CHARS = 5000

_SUPPLEMENT_TITLE = gettext_noop("The complainant added information to %(code)s")
_DISSATISFIED_TITLE = gettext_noop("The complainant is not satisfied with the reply to %(code)s")
_RATED_TITLE = gettext_noop("The complainant rated the reply to %(code)s")


def _check_channel(channel: str) -> None:
    if channel not in Channel.values:
        raise DomainError("channel_invalid", _("Unknown channel."), field="channel")


def _clerks() -> list[User]:
    """The intake desk (at most 20 people: a notice, not a broadcast)."""
    return list(
        User.objects.filter(is_active=True, staff__role_rows__role=Role.CLERK).distinct()[:20]
    )


def _holders(complaint: Complaint) -> list[User]:
    """Who holds the complaint: the assignee and the lead department's head."""
    people: list[User] = []
    if complaint.assignee_id is not None:
        people.append(complaint.assignee)  # type: ignore[arg-type]
    department = complaint.lead_department
    if department is not None and department.head is not None:
        people.append(department.head)
    return people


def _handlers(complaint: Complaint) -> list[User]:
    """Who must hear that the complainant spoke: the holders, or the intake desk while
    nobody holds it."""
    return _holders(complaint) or _clerks()


def _tell(
    complaint: Complaint, title: str, body: str, *, kind: str, people: Iterable[User]
) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = _g(title) % {"code": complaint.tracking_code}
    notify(recipients=people, kind=kind, title=text, body=body[:500], complaint=complaint)


@transaction.atomic
def complaint_supplement(
    *,
    complaint: Complaint,
    text: str,
    files: Sequence[UploadedFile | CheckedFile] = (),
    channel: str,
    source: str = "",
) -> TimelineEvent:
    """The complainant adds information or files to their complaint.

    ``source`` says where it came from for the record (a Message-ID, "portal"). Refused
    once the complaint is archived: the record is frozen.
    """
    _check_channel(channel)
    locked = _workflow.lock(complaint)
    if locked.status == Status.ARCHIVED:
        raise DomainError(
            "closed",
            _("This complaint is closed. To raise something new, file a new complaint."),
        )
    text = (text or "").strip()
    if not text and not files:
        raise DomainError("required", _("Write something or choose a file."), field="text")
    if len(text) > SUPPLEMENT_MAX_CHARS:
        raise DomainError(
            "too_long",
            _("Keep it to %(limit)d characters.") % {"limit": SUPPLEMENT_MAX_CHARS},
            field="text",
        )
    checked = validate_files(files, already=locked.attachments.count())
    saved = save_files(complaint=locked, files=checked, uploaded_by_id=None)
    event = _workflow.record(
        actor=None,
        complaint=locked,
        action=Action.SUPPLEMENT,
        note=text,
        data={
            "by": "complainant",
            "channel": channel,
            "source": source[:200],
            "attachments": [attachment.pk for attachment in saved],
        },
    )
    _tell(locked, _SUPPLEMENT_TITLE, text, kind=Kind.GENERAL, people=_handlers(locked))
    return event


@transaction.atomic
def complaint_rate_by_complainant(
    *, complaint: Complaint, rating: str, comment: str = "", channel: str
) -> SatisfactionRecord:
    """The complainant's own verdict on the reply.

    Possible while the complaint is replied, as for the staff's "record satisfaction".
    Dissatisfied moves it to ``dissatisfied``, where the workflow's reopen step follows:
    the intake desk and the lead department's head are told.
    """
    _check_channel(channel)
    locked = _workflow.lock(complaint)
    if locked.status not in TRANSITIONS["rate"].sources:
        raise DomainError(
            "invalid_state",
            _("This complaint is not waiting for your rating."),
        )
    if rating not in Rating.values:
        raise DomainError("rating_invalid", _("Choose a rating."), field="rating")
    comment = (comment or "").strip()[:SUPPLEMENT_MAX_CHARS]
    if rating == Rating.DISSATISFIED and not comment:
        raise DomainError(
            "comment_required",
            _("Tell us what is still wrong, so that we can put it right."),
            field="comment",
        )
    record = SatisfactionRecord.objects.create(
        complaint=locked, rating=rating, comment=comment, recorded_at=clock.now()
    )
    target = Status.DISSATISFIED if rating == Rating.DISSATISFIED else Status.SATISFIED
    _workflow.move(
        actor=None,
        complaint=locked,
        to_status=target,
        action=Action.RATE,
        note=comment,
        data={"rating": rating, "by": "complainant", "channel": channel},
    )
    if rating == Rating.DISSATISFIED:
        people = [*_holders(locked), *_clerks()]
        _tell(locked, _DISSATISFIED_TITLE, comment, kind=Kind.ASSIGNMENT, people=people)
    else:
        _tell(locked, _RATED_TITLE, comment, kind=Kind.GENERAL, people=_handlers(locked))
    return record
