"""Email intake: every received message is stored, then becomes a complaint, a supplement
to its complaint, an ignored automatic message, a duplicate, or a quarantined message.

One transaction per message: the :class:`InboundMessage` row and what it produced commit
together, so a caller that acts on the mail server afterwards (the IMAP poller flagging
the message) does so only once both are safe. The processing itself runs in a savepoint:
whatever goes wrong there rolls back the complaint, and the message is kept, quarantined,
with the error, to be re-processed from the admin or ``manage.py reprocess_email``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bihuan.complaints.choices import Channel
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import ComplainantInput, complaint_register, complaint_supplement
from bihuan.complaints.services.attachments import validate_files
from bihuan.complaints.services.complainant import SUPPLEMENT_MAX_CHARS
from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.core.filecheck import CheckedFile

from .choices import AutomaticReason, InboundStatus, Source
from .language import guess_language
from .models import InboundMessage
from .parsing import (
    ParsedAttachment,
    ParsedMessage,
    ParseError,
    derived_message_id,
    message_id_of,
    parse_message,
)
from .references import complaint_for_message

logger = logging.getLogger(__name__)

# A message is "received" at its Date header only when that is recent and not in the future.
_DATE_TRUSTED_FOR = timedelta(days=7)
# The same sender sending the same text again within this time adds nothing.
_RESENT_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class Ingested:
    """The stored message; ``duplicate`` when its Message-ID was already stored."""

    message: InboundMessage
    duplicate: bool = False


def email_ingest(*, raw: bytes, source: str) -> Ingested:
    """Store ``raw`` and make a complaint (or supplement) of it, in one transaction.

    Returns the stored message. A Message-ID seen before returns the earlier message with
    ``duplicate=True`` and writes nothing. Raises only if the message could not be stored
    at all (the database refused it): then nothing was committed.
    """
    if source not in Source.values:
        raise ValueError(f"unknown source {source!r}")
    message_id = _message_id(raw)
    existing = _stored(message_id)
    if existing is not None:
        return Ingested(existing, duplicate=True)
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                message_id=message_id,
                source=source,
                status=InboundStatus.QUARANTINED,
                raw=raw,
                size=len(raw),
            )
            _process(inbound)
            inbound.save()
    except IntegrityError:
        # Another poller stored the same Message-ID at the same moment.
        existing = _stored(message_id)
        if existing is None:
            raise
        return Ingested(existing, duplicate=True)
    return Ingested(inbound)


@transaction.atomic
def email_reprocess(*, message: InboundMessage) -> InboundMessage:
    """Process a quarantined message again (after a fix, or once its complaint can take it)."""
    locked = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if locked.status != InboundStatus.QUARANTINED:
        raise DomainError("not_quarantined", _("Only a quarantined email can be processed again."))
    locked.attempts += 1
    _process(locked)
    locked.save()
    return locked


def _stored(message_id: str) -> InboundMessage | None:
    return InboundMessage.objects.filter(message_id=message_id).first()


def _own_addresses() -> set[str]:
    """Our own sending and receiving addresses: mail from them is a loop, never a complaint."""
    addresses = {settings.BIHUAN_IMAP_USER, settings.DEFAULT_FROM_EMAIL, settings.SERVER_EMAIL}
    own = {parseaddr(str(address or ""))[1].strip().lower() for address in addresses}
    return {address for address in own if "@" in address}


def _message_id(raw: bytes) -> str:
    try:
        return message_id_of(raw)
    except Exception:  # a header block too broken to read still gets an id
        return derived_message_id(raw)


def _process(inbound: InboundMessage) -> None:
    """Decide what ``inbound`` becomes; on any failure, quarantine it with the reason."""
    inbound.complaint = None
    inbound.refused_files = []
    inbound.note = inbound.error = inbound.automatic_reason = ""
    inbound.processed_at = clock.now()
    try:
        with transaction.atomic():
            _apply(inbound)
    except (ParseError, DomainError) as error:
        _quarantine(inbound, str(error))
    except Exception as error:
        logger.exception("email %s quarantined", inbound.message_id)
        _quarantine(inbound, f"{type(error).__name__}: {error}")


def _quarantine(inbound: InboundMessage, error: str) -> None:
    inbound.status = InboundStatus.QUARANTINED
    inbound.complaint = None
    inbound.refused_files = []
    inbound.error = error[:4000]
    logger.warning("email %s quarantined: %s", inbound.message_id, inbound.error)


def _apply(inbound: InboundMessage) -> None:
    raw = inbound.raw_bytes
    if len(raw) > settings.BIHUAN_MAILIN_MAX_BYTES:
        raise ParseError(f"The message is larger than {settings.BIHUAN_MAILIN_MAX_BYTES} bytes.")
    parsed = parse_message(raw)
    inbound.sender_name = parsed.from_name[:100]
    inbound.sender_address = parsed.from_address[:254]
    inbound.subject = parsed.subject[:500]
    reason = parsed.automatic_reason
    if not reason and parsed.from_address in _own_addresses():
        reason = AutomaticReason.OWN_ADDRESS
    if reason:
        inbound.status = InboundStatus.IGNORED
        inbound.automatic_reason = reason
        return
    inbound.fingerprint = _fingerprint(parsed)
    earlier = _resent(inbound)
    if earlier is not None:
        inbound.status = InboundStatus.DUPLICATE
        inbound.complaint = earlier.complaint
        inbound.note = _("The same text from the same sender as message %(id)s.") % {
            "id": earlier.message_id
        }
        return
    _file(inbound, parsed)


def _file(inbound: InboundMessage, parsed: ParsedMessage) -> None:
    """A reply to a complaint is added to it; anything else is a new complaint.

    A reply to an archived complaint (which takes nothing more) becomes a new complaint,
    as the complainant would be told to file one; the note names the old one.
    """
    complaint = complaint_for_message(parsed.subject, parsed.in_reply_to, parsed.references)
    if complaint is not None:
        files, inbound.refused_files = _acceptable_files(
            parsed.attachments, already=complaint.attachments.count()
        )
        try:
            inbound.note = _thread(complaint, parsed, files)
        except DomainError as error:
            if error.code != "closed":
                raise
        else:
            inbound.complaint, inbound.status = complaint, InboundStatus.THREADED
            return
        inbound.note = _("A reply to %(code)s, which is closed: filed as a new complaint.") % {
            "code": complaint.tracking_code
        }
    files, inbound.refused_files = _acceptable_files(parsed.attachments, already=0)
    inbound.complaint, inbound.status = _register(parsed, files), InboundStatus.INGESTED


def _fingerprint(parsed: ParsedMessage) -> str:
    text = "\n".join((parsed.from_address, parsed.subject, parsed.text))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _resent(inbound: InboundMessage) -> InboundMessage | None:
    """An earlier message with the same sender, subject and text (a resend), if recent."""
    return (
        InboundMessage.objects.filter(
            fingerprint=inbound.fingerprint,
            status__in=(InboundStatus.INGESTED, InboundStatus.THREADED),
            received_at__gte=clock.now() - _RESENT_WITHIN,
        )
        .exclude(pk=inbound.pk)
        .order_by("received_at")
        .first()
    )


def _acceptable_files(
    attachments: Sequence[ParsedAttachment], *, already: int
) -> tuple[list[CheckedFile], list[dict[str, Any]]]:
    """Split the attachments into those the complaint can take (checked once, here) and
    those refused (why)."""
    accepted: list[CheckedFile] = []
    refused: list[dict[str, Any]] = []
    for attachment in attachments:
        upload = SimpleUploadedFile(
            attachment.filename, attachment.content, content_type=attachment.content_type
        )
        try:
            (checked,) = validate_files([upload], already=already + len(accepted))
        except DomainError as error:
            refused.append(
                {
                    "name": attachment.filename,
                    "size": len(attachment.content),
                    "code": error.code,
                    "reason": str(error.message),
                }
            )
            continue
        accepted.append(checked)
    return accepted, refused


def _received_at(date: datetime | None) -> datetime:
    now = clock.now()
    if date is None or date > now or date < now - _DATE_TRUSTED_FOR:
        return now
    return date


def _register(parsed: ParsedMessage, files: Sequence[CheckedFile]) -> Complaint:
    text = parsed.text or parsed.subject
    return complaint_register(
        actor=None,
        channel=Channel.EMAIL,
        complainant=ComplainantInput(
            name=parsed.from_name,
            email=parsed.from_address,
            preferred_language=guess_language(f"{parsed.subject}\n{text}", parsed.charset),
        ),
        description=text,
        subject=parsed.subject,
        received_at=_received_at(parsed.date),
        files=files,
    )


_QUOTE_HEADERS = re.compile(
    r"^\s*(-{2,}\s*(Original Message|原始邮件|原始郵件)\s*-{2,}"
    r"|On .{5,200} wrote:|在.{5,100}[写寫]道[:：])\s*$",
    re.IGNORECASE,
)


def _without_quote(text: str) -> str:
    """A reply's own words: the quoted message it answers is cut (the raw email keeps it)."""
    lines: list[str] = []
    for line in text.splitlines():
        if _QUOTE_HEADERS.match(line):
            break
        if not line.lstrip().startswith(">"):
            lines.append(line)
    return "\n".join(lines).strip()


def _thread(complaint: Complaint, parsed: ParsedMessage, files: Sequence[CheckedFile]) -> str:
    """Add the reply to its complaint; the note says when someone else sent it."""
    note = ""
    if parsed.from_address != (complaint.complainant.email or "").strip().lower():
        note = _("Sent from %(address)s, not the complainant's email address.") % {
            "address": parsed.from_address
        }
    text = _without_quote(parsed.text) or parsed.subject
    text = f"{note}\n\n{text}" if note else text
    if len(text) > SUPPLEMENT_MAX_CHARS:
        text = (
            text[: SUPPLEMENT_MAX_CHARS - 60].rstrip()
            + "\n…\n"
            + _("(Shortened; the whole email is kept.)")
        )
    complaint_supplement(
        complaint=complaint,
        text=text,
        files=files,
        channel=Channel.EMAIL,
        source=parsed.message_id,
    )
    return note
