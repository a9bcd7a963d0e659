"""Who may open a complaint on the portal: the tracking code plus a proof, then the session.

A look-up needs the tracking code and either the last four digits of the complainant's
phone or their email address. Whatever is wrong (no such code, wrong digits, an anonymous
complaint, which has nothing to prove), the answer is the same, and the comparison takes
the same time. A successful look-up is remembered in the session, per tracking code, for
BIHUAN_PORTAL_ACCESS_MINUTES.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.http import HttpRequest

from bihuan.complaints.models import Complaint
from bihuan.core.tracking import normalise_tracking_code

_SESSION_KEY = "portal_access"
_MAX_REMEMBERED = 20


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def _proofs(complaint: Complaint | None) -> tuple[str, str]:
    """What proves the complainant: the phone's last four digits and the email, or
    values nobody can type when there is no complaint or nothing to prove."""
    unguessable = "\x00" + secrets.token_hex(16)
    if complaint is None or complaint.complainant.is_anonymous:
        return unguessable, unguessable
    person = complaint.complainant
    digits = "".join(ch for ch in person.phone if ch.isdigit())
    phone = digits[-4:] if len(digits) >= 4 else unguessable
    email = person.email.strip().casefold() or unguessable
    return phone, email


def _normalise_proof(proof: str) -> str:
    """An email as typed (any case); a phone number, whole or in part, by its last four
    digits, so that typing the whole number works as well as typing the four."""
    text = proof.strip().casefold()
    if "@" in text:
        return text
    digits = "".join(ch for ch in text if ch.isascii() and ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else "\x01" + text


def complaint_by_proof(code: str, proof: str) -> Complaint | None:
    """The complaint the code and proof open, or None whatever was wrong."""
    normalised = normalise_tracking_code(code)
    complaint = None
    if normalised is not None:
        complaint = (
            Complaint.objects.select_related("complainant").filter(tracking_code=normalised).first()
        )
    phone, email = _proofs(complaint)
    given = _digest(_normalise_proof(proof))
    # Both comparisons always run, on digests of equal length: no early exit to time.
    matches_phone = hmac.compare_digest(given, _digest(phone))
    matches_email = hmac.compare_digest(given, _digest(email))
    return complaint if (matches_phone | matches_email) else None


def _granted(request: HttpRequest) -> dict[str, float]:
    now = time.time()
    stored = request.session.get(_SESSION_KEY) or {}
    return {code: until for code, until in stored.items() if until > now}


def access_grant(request: HttpRequest, tracking_code: str) -> None:
    """Let this browser session open the complaint for a while without the proof."""
    granted = _granted(request)
    granted[tracking_code] = time.time() + settings.BIHUAN_PORTAL_ACCESS_MINUTES * 60
    newest = sorted(granted.items(), key=lambda item: item[1])[-_MAX_REMEMBERED:]
    request.session[_SESSION_KEY] = dict(newest)


def access_has(request: HttpRequest, tracking_code: str) -> bool:
    return tracking_code in _granted(request)
