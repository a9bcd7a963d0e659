"""Reading what a client sent: a GeoReport v2 submission and the filters of a search.

Everything is checked here before anything is written; a bad value raises DomainError
with the parameter at fault, which the view answers with 400 in the spec's error format.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from bihuan.core.errors import DomainError
from bihuan.core.tracking import normalise_tracking_code
from bihuan.org.models import Category, Site

from .records import CLOSED, OCCURRED_AT_ATTRIBUTE, OPEN, SITE_ATTRIBUTE

MAX_DESCRIPTION = 4000  # the spec: "free form text limited to 4,000 characters"
MAX_RESULTS = 1000
MAX_SPAN = timedelta(days=90)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LIMITS = {
    "address_string": 200,
    "address_id": 100,
    "device_id": 100,
    "account_id": 100,
    "first_name": 50,
    "last_name": 50,
    "email": 254,
    "phone": 32,
    "media_url": 500,
}


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Drop control characters (a NUL is refused by PostgreSQL); keep line breaks in prose."""
    text = _CONTROL.sub("", value)
    if not multiline:
        text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return text.strip()


def _get(data: QueryDict, name: str, *, multiline: bool = False) -> str:
    value = clean_text(data.get(name) or "", multiline=multiline)
    limit = _LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise DomainError(
            "too_long",
            _("%(name)s is longer than %(limit)d characters.") % {"name": name, "limit": limit},
            field=name,
        )
    return value


def parse_moment(value: str, name: str, *, end_of_day: bool = False) -> datetime:
    """An ISO 8601 date or datetime; without a zone, the organisation's local time.

    Taken as sent: stray spaces or control characters make it unreadable, not ignored.
    """
    text = value
    moment: datetime | None
    try:
        # A date alone is a whole day (Python would read it as midnight).
        day = parse_date(text) if _DATE_ONLY.match(text) else None
        if day is not None:
            moment = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            moment = parse_datetime(text)
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
    except (ValueError, OverflowError):
        moment = None
    if moment is not None:
        # The first and last days of the calendar cannot be moved to UTC: keep within it.
        try:
            moment = max(EARLIEST, min(LATEST, moment.astimezone(UTC)))
        except OverflowError:
            moment = EARLIEST if moment.year == 1 else LATEST
    if moment is None:
        raise DomainError(
            "bad_datetime",
            _("%(name)s is not an ISO 8601 date and time (e.g. 2026-05-01T09:30:00+08:00).")
            % {"name": name},
            field=name,
        )
    return moment


def _coordinate(value: str, name: str, bound: int) -> Decimal:
    try:
        number = Decimal(clean_text(value))
    except InvalidOperation:
        number = None
    if number is None or not math.isfinite(number) or abs(number) > bound:
        raise DomainError(
            "bad_coordinate",
            _("%(name)s must be a number from -%(bound)d to %(bound)d.")
            % {"name": name, "bound": bound},
            field=name,
        )
    return number.quantize(Decimal("0.000001"))


@dataclass(frozen=True)
class Submission:
    """A checked POST requests: what the complaint and its Open311 record are made of."""

    category: Category
    description: str
    lat: Decimal | None = None
    long: Decimal | None = None
    address_string: str = ""
    address_id: str = ""
    site: Site | None = None
    occurred_at: datetime | None = None
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def place(self) -> str:
        """Where it happened, as the staff read it on the complaint."""
        if self.address_string:
            return self.address_string
        if self.site is not None:
            return self.site.display_name
        if self.lat is not None and self.long is not None:
            return f"{self.lat}, {self.long}"
        return self.address_id


def _category(data: QueryDict) -> Category:
    code = _get(data, "service_code")
    if not code:
        raise DomainError(
            "service_code_required", _("service_code is required."), field="service_code"
        )
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise DomainError(
            "service_code_unknown",
            _("There is no service with the code %(code)s.") % {"code": code},
            field="service_code",
        )
    return category


def _site(data: QueryDict) -> Site | None:
    code = clean_text(data.get(f"attribute[{SITE_ATTRIBUTE}]") or "")
    if not code:
        return None
    site = Site.objects.filter(code=code[:40], is_active=True).first()
    if site is None:
        raise DomainError(
            "attribute_invalid",
            _("attribute[site] is not one of the listed sites."),
            field=f"attribute[{SITE_ATTRIBUTE}]",
        )
    return site


def _media_url(data: QueryDict) -> str:
    url = _get(data, "media_url")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise DomainError(
                "media_url_invalid", _("media_url is not an http(s) address."), field="media_url"
            ) from None
    return url


def parse_submission(data: QueryDict) -> Submission:
    """Check a POST requests; at least one location: lat/long, an address or a site."""
    category = _category(data)
    description = _get(data, "description", multiline=True)
    if not description:
        raise DomainError("description_required", _("Describe what happened."), field="description")
    if len(description) > MAX_DESCRIPTION:
        raise DomainError(
            "too_long",
            _("The description is longer than %(limit)d characters.") % {"limit": MAX_DESCRIPTION},
            field="description",
        )
    raw_lat, raw_long = _get(data, "lat"), _get(data, "long")
    if bool(raw_lat) != bool(raw_long):
        raise DomainError("bad_coordinate", _("Give both lat and long, or neither."), field="lat")
    lat = _coordinate(raw_lat, "lat", 90) if raw_lat else None
    long = _coordinate(raw_long, "long", 180) if raw_long else None
    occurred = data.get(f"attribute[{OCCURRED_AT_ATTRIBUTE}]") or ""
    submission = Submission(
        category=category,
        description=description,
        lat=lat,
        long=long,
        address_string=_get(data, "address_string"),
        address_id=_get(data, "address_id"),
        site=_site(data),
        occurred_at=(
            parse_moment(occurred, f"attribute[{OCCURRED_AT_ATTRIBUTE}]") if occurred else None
        ),
        email=_get(data, "email"),
        phone=_get(data, "phone"),
        first_name=_get(data, "first_name"),
        last_name=_get(data, "last_name"),
        device_id=_get(data, "device_id"),
        account_id=_get(data, "account_id"),
        media_url=_media_url(data),
    )
    if not submission.place:
        raise DomainError(
            "location_required",
            _("Give a location: lat and long, address_string, address_id or attribute[site]."),
            field="lat",
        )
    return submission


@dataclass(frozen=True)
class Search:
    """The filters of GET requests, with the spec's defaults applied."""

    by_id: bool = False
    tracking_codes: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: frozenset[str] = field(default_factory=frozenset)
    start: datetime | None = None
    end: datetime | None = None


def _comma_list(data: QueryDict, name: str) -> list[str]:
    """The non-empty items of a comma-separated parameter (more than 1000 cannot match more)."""
    items = [clean_text(item) for item in (data.get(name) or "").split(",")]
    return [item for item in items if item][:MAX_RESULTS]


def _statuses(data: QueryDict) -> frozenset[str]:
    raw = data.get("status") or ""
    items = raw.split(",") if raw else []
    if not all(item in (OPEN, CLOSED) for item in items):
        raise DomainError(
            "bad_status", _("status is open, closed or both, comma-separated."), field="status"
        )
    return frozenset(items)


def parse_search(data: QueryDict, *, now: datetime) -> Search:
    """service_request_id wins over every other filter; otherwise at most 90 days.

    Without dates, the last 90 days; with one date, the 90 days from it or up to it; a
    longer range is cut to the 90 days from start_date; a reversed one matches nothing.
    """
    # Every filter must be readable, even those a list of ids makes irrelevant.
    statuses = _statuses(data)
    raw_start, raw_end = data.get("start_date") or "", data.get("end_date") or ""
    start = parse_moment(raw_start, "start_date") if raw_start else None
    end = parse_moment(raw_end, "end_date", end_of_day=True) if raw_end else None
    ids = _comma_list(data, "service_request_id")
    if ids:
        codes = (normalise_tracking_code(item) for item in ids)
        return Search(by_id=True, tracking_codes=tuple(code for code in codes if code))
    if start is None and end is None:
        end = now
    if start is None:
        assert end is not None
        start = _shifted(end, -MAX_SPAN)
    end = min(end, _shifted(start, MAX_SPAN)) if end is not None else _shifted(start, MAX_SPAN)
    return Search(
        service_codes=tuple(_comma_list(data, "service_code")),
        statuses=statuses,
        start=start,
        end=end,
    )


EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)


def _shifted(moment: datetime, by: timedelta) -> datetime:
    try:
        return max(EARLIEST, min(LATEST, moment + by))
    except OverflowError:
        return LATEST if by > timedelta(0) else EARLIEST
