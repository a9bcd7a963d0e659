"""Signed references that thread email replies onto their complaint.

A reference reads ``BH-7K4M9QXR2B-<signature>``: the tracking code without its dashes and
an HMAC of it under the project's secret key (with a fixed salt). The tracking code alone
is never enough: a reply attaches to a complaint only when it carries a reference whose
signature checks, in its subject or in the Message-IDs it answers (In-Reply-To,
References). So a guessed tracking code or a forged In-Reply-To finds nothing.
"""

from __future__ import annotations

import base64
import re
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from bihuan.complaints.models import Complaint
from bihuan.core.tracking import normalise_tracking_code

_SALT = "bihuan.mailin.references"
_PREFIX = "BH"
_SIGNATURE_LENGTH = 13  # base32 symbols: 65 bits
_REFERENCE = re.compile(
    rf"\b{_PREFIX}-([0-9A-Z]{{10}})-([0-9A-Z]{{{_SIGNATURE_LENGTH}}})\b", re.IGNORECASE
)
_PURPOSE_UNSAFE = re.compile(r"[^a-z0-9-]+")


def _signature(raw_code: str) -> str:
    digest = salted_hmac(_SALT, raw_code, algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii")[:_SIGNATURE_LENGTH]


def _raw_code(complaint: Complaint) -> str:
    return complaint.tracking_code.replace("-", "").upper()


def complaint_reference(complaint: Complaint) -> str:
    """The signed reference of a complaint, e.g. ``BH-7K4M9QXR2B-ABCDEFGHJKMNP``."""
    raw = _raw_code(complaint)
    return f"{_PREFIX}-{raw}-{_signature(raw)}"


def subject_tag(complaint: Complaint) -> str:
    """The tag to append to the subject of every email sent about a complaint."""
    return f"[{complaint_reference(complaint)}]"


def _mail_domain() -> str:
    domain = str(getattr(settings, "BIHUAN_MAIL_DOMAIN", "") or "")
    if not domain:
        sender = str(getattr(settings, "DEFAULT_FROM_EMAIL", "") or "")
        domain = sender.rpartition("@")[2].strip(" >") if "@" in sender else ""
    return domain or "bihuan.invalid"


def message_id_for(complaint: Complaint, purpose: str) -> str:
    """An RFC 5322 Message-ID for an outgoing notice that embeds the signed reference.

    A reply's In-Reply-To then carries the reference even when the subject was edited.
    ``purpose`` (e.g. ``acknowledgement``) only makes the id easier to read.
    """
    label = _PURPOSE_UNSAFE.sub("-", purpose.lower()).strip("-")[:40] or "notice"
    unique = secrets.token_hex(6)
    return f"<{complaint_reference(complaint)}.{label}.{unique}@{_mail_domain()}>"


def complaint_for_message(
    subject: str = "", in_reply_to: str = "", references: str = ""
) -> Complaint | None:
    """The complaint a message answers, only when it carries a correctly signed reference.

    The headers a reply answers are looked at first, then the subject; the first reference
    whose signature checks and whose complaint exists wins.
    """
    for text in (in_reply_to or "", references or "", subject or ""):
        for match in _REFERENCE.finditer(text):
            raw, signature = match.group(1).upper(), match.group(2).upper()
            if not constant_time_compare(signature, _signature(raw)):
                continue
            code = normalise_tracking_code(raw)
            if code is None:
                continue
            complaint = Complaint.objects.filter(tracking_code=code).first()
            if complaint is not None:
                return complaint
    return None
