"""What Open311 publishes of a complaint and of a category, as plain data.

The complaint is read through ``bihuan.complaints.public`` only: its public stage and the
reply told to the complainant. No contact detail (name, phone, email, account) is ever
part of a record; phone numbers and addresses typed into free text are masked.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bihuan.complaints.choices import Stage
from bihuan.complaints.models import Complaint
from bihuan.complaints.public import (
    PublicStage,
    public_is_open,
    public_rejection_reason,
    public_reply_text,
    public_stage,
)
from bihuan.core.masking import mask_email, mask_phone
from bihuan.org.models import Category, Site

from .models import Open311Request

OPEN = "open"
CLOSED = "closed"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d+])(?:\+?\d{1,4}[ -]?){0,2}\d{3,4}[ -]?\d{4}(?!\d)")


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset, in the organisation's time zone, e.g. 2026-05-01T09:30:00+08:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def scrub(text: str) -> str:
    """Mask e-mail addresses and phone numbers someone typed into a free text."""
    text = _EMAIL.sub(lambda match: mask_email(match.group(0)), text)
    return _PHONE.sub(lambda match: mask_phone(re.sub(r"[ \-]", "", match.group(0))), text)


def status_of(complaint: Complaint) -> str:
    """Open while no answer has been given; closed once replied, closed or not accepted."""
    return OPEN if public_is_open(complaint) else CLOSED


def status_notes(complaint: Complaint) -> str:
    """The reply told to the complainant; the reason if not accepted; else the stage."""
    stage = public_stage(complaint)
    if stage == PublicStage.REJECTED:
        return scrub(public_rejection_reason(complaint)) or str(stage.label)
    if stage in (PublicStage.REPLIED, PublicStage.CLOSED):
        return scrub(public_reply_text(complaint)) or str(stage.label)
    return str(stage.label)


def expected_at(complaint: Complaint) -> datetime | None:
    """The resolution deadline while the complaint is open (the referrer's if earlier).

    Read from the running resolution clock (prefetched as ``resolve_clocks``) or, before
    that clock starts, the referrer's own deadline.
    """
    if not public_is_open(complaint):
        return None
    clocks = getattr(complaint, "resolve_clocks", None)
    if clocks is None:
        clocks = list(complaint.clocks.filter(stage=Stage.RESOLVE, completed_at__isnull=True))
    if clocks:
        return min(row.due_at for row in clocks)
    return complaint.external_due_at


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def request_record(complaint: Complaint) -> dict[str, Any]:
    """One service request in the spec's field order; absent values are null."""
    extra: Open311Request | None = getattr(complaint, "open311_request", None)
    category = complaint.category
    site = complaint.site
    address = (extra.address if extra else "") or complaint.occurred_place
    if not address and site is not None:
        address = site.address or site.display_name
    return {
        "service_request_id": complaint.tracking_code,
        "status": status_of(complaint),
        "status_notes": status_notes(complaint),
        "service_name": category.display_name if category else None,
        "service_code": category.code if category else None,
        "description": scrub(complaint.description),
        "agency_responsible": (
            complaint.lead_department.display_name if complaint.lead_department else None
        ),
        "service_notice": None,
        "requested_datetime": iso(complaint.received_at),
        "updated_datetime": iso(complaint.updated_at),
        "expected_datetime": iso(expected_at(complaint)),
        "address": scrub(address) or None,
        "address_id": (extra.address_id or None) if extra else None,
        "zipcode": None,
        "lat": _number(extra.lat) if extra else None,
        "long": _number(extra.long) if extra else None,
        "media_url": (extra.media_url or None) if extra else None,
    }


def service_notice(complaint: Complaint) -> str:
    return _(
        "Thank you. Your complaint is registered under the tracking code %(code)s; "
        "keep it to follow the progress."
    ) % {"code": complaint.tracking_code}


def keywords_of(category: Category) -> str:
    """The category's names in the other languages, so that a search in any of them finds it."""
    names = [category.name, *(category.name_i18n or {}).values()]
    return ", ".join(dict.fromkeys(str(name).strip() for name in names if str(name).strip()))


def service_record(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.display_name,
        "description": category.description or category.display_name,
        "metadata": True,
        "type": "realtime",
        "keywords": keywords_of(category),
        "group": category.parent.display_name if category.parent else None,
    }


SITE_ATTRIBUTE = "site"
OCCURRED_AT_ATTRIBUTE = "occurred_at"


def definition_record(category: Category, sites: list[Site]) -> dict[str, Any]:
    """The service definition: the site (a list of ours) and when it happened."""
    attributes: list[dict[str, Any]] = []
    if sites:
        attributes.append(
            {
                "variable": True,
                "code": SITE_ATTRIBUTE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _("The code of one of the listed sites."),
                "order": len(attributes) + 1,
                "description": _("Where did it happen?"),
                "values": [{"key": site.code, "name": site.display_name} for site in sites],
            }
        )
    attributes.append(
        {
            "variable": True,
            "code": OCCURRED_AT_ATTRIBUTE,
            "datatype": "datetime",
            "required": False,
            "datatype_description": _("ISO 8601, e.g. 2026-05-01T09:30:00+08:00."),
            "order": len(attributes) + 1,
            "description": _("When did it happen?"),
            "values": [],
        }
    )
    return {"service_code": category.code, "attributes": attributes}
