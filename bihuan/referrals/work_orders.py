"""What a row of a referrer's file says, read through its column mapping.

``WorkOrderReader.read`` turns one row into a ``WorkOrder`` (the arguments of
``complaint_register``) or raises ``RowError`` naming the column at fault. Unknown
categories and sites are left empty: the desk sets them, the row is not refused for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bihuan.complaints.choices import Channel
from bihuan.complaints.models import Complaint
from bihuan.complaints.services import ComplainantInput
from bihuan.core.models import TranslatedNameModel
from bihuan.org.models import Category, Site

from .models import ColumnMapping
from .reading import RawRow

# A deadline given as a bare date runs to the end of that day.
END_OF_DAY = time(23, 59, 59)
EXTERNAL_REFERENCE_MAX = Complaint._meta.get_field("external_reference").max_length or 64
PLACE_MAX = Complaint._meta.get_field("occurred_place").max_length or 200


class RowError(Exception):
    """A row that cannot become a complaint: the column at fault and why, translated."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class WorkOrder:
    """One referred complaint, as the registration service takes it."""

    channel: str
    external_reference: str
    external_due_at: datetime | None
    complainant: ComplainantInput
    subject: str
    description: str
    demand: str
    occurred_at: datetime | None
    occurred_place: str
    category: Category | None
    site: Site | None


def split_names(column: str) -> list[str]:
    """The header names a mapping field accepts ("工单编号|工单号" -> two names)."""
    return [name.strip() for name in column.split("|") if name.strip()]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number stored as a number in Excel
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, dict | list):
        return ""
    return str(value).strip()


class WorkOrderReader:
    """Reads the rows of one file with one mapping (categories and sites looked up once)."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self.formats = [line.strip() for line in mapping.date_formats.splitlines() if line.strip()]
        self.categories = _lookup(Category.objects.filter(is_active=True))
        self.sites = _lookup(Site.objects.filter(is_active=True))
        self.aliases = {str(k).strip(): str(v) for k, v in (mapping.channel_aliases or {}).items()}

    def column_of(self, attribute: str, row: RawRow | None = None) -> str:
        """The header a mapping field reads in this row (the first of its names present)."""
        names = split_names(getattr(self.mapping, attribute))
        if row is not None:
            for name in names:
                if name in row.values:
                    return name
        return "|".join(names)

    def missing_columns(self, headers: tuple[str, ...]) -> list[str]:
        """Required fields whose column the file does not have at all."""
        return [
            "|".join(split_names(getattr(self.mapping, attribute)))
            for attribute in ("external_reference_column", "description_column")
            if not set(split_names(getattr(self.mapping, attribute))) & set(headers)
        ]

    def reference_of(self, row: RawRow) -> str:
        """The work-order number of a row, as far as it can be read (for error rows)."""
        if row.not_an_object:
            return ""
        return self._value(row, "external_reference_column")[:EXTERNAL_REFERENCE_MAX]

    def _raw(self, row: RawRow, attribute: str) -> Any:
        column = self.column_of(attribute, row)
        return row.values.get(column) if column else None  # "": the referrer sends none

    def _value(self, row: RawRow, attribute: str) -> str:
        return _text(self._raw(row, attribute))

    def read(self, row: RawRow) -> WorkOrder:
        if row.not_an_object:
            raise RowError("", _("This item is not a JSON object."))
        reference = self._value(row, "external_reference_column")
        if not reference:
            raise RowError(
                self.column_of("external_reference_column", row),
                _("The work-order number is empty."),
            )
        if len(reference) > EXTERNAL_REFERENCE_MAX:
            raise RowError(
                self.column_of("external_reference_column", row),
                _("The work-order number is longer than %(max)d characters.")
                % {"max": EXTERNAL_REFERENCE_MAX},
            )
        place = self._value(row, "place_column")
        if len(place) > PLACE_MAX:
            raise RowError(
                self.column_of("place_column", row),
                _("The place is longer than %(max)d characters.") % {"max": PLACE_MAX},
            )
        return WorkOrder(
            channel=self._channel(row),
            external_reference=reference,
            external_due_at=self._moment(row, "due_column", end_of_day=True),
            complainant=ComplainantInput(
                name=self._value(row, "name_column"),
                phone=self._value(row, "phone_column"),
                email=self._value(row, "email_column"),
            ),
            subject=self._value(row, "subject_column"),
            description=self._value(row, "description_column"),
            demand=self._value(row, "demand_column"),
            occurred_at=self._moment(row, "occurred_at_column", end_of_day=False),
            occurred_place=place,
            category=self._find(self.categories, self._value(row, "category_column")),
            site=self._find(self.sites, self._value(row, "site_column")),
        )

    def _channel(self, row: RawRow) -> str:
        if not self.mapping.channel_column:
            return self.mapping.channel
        said = self._value(row, "channel_column")
        if not said:
            return self.mapping.channel
        channel = self.aliases.get(said, said)
        if channel in Channel.values and Channel(channel).is_referral:
            return channel
        raise RowError(
            self.column_of("channel_column", row),
            _("Unknown referral source “%(value)s”.") % {"value": said},
        )

    def _moment(self, row: RawRow, attribute: str, *, end_of_day: bool) -> datetime | None:
        if not getattr(self.mapping, attribute):
            return None
        raw = self._raw(row, attribute)
        if raw is None or raw == "":
            return None
        moment = parse_moment(raw, self.formats, end_of_day=end_of_day)
        if moment is None:
            raise RowError(
                self.column_of(attribute, row),
                _("“%(value)s” is not a date and time (for example 2026-11-23 14:30).")
                % {"value": _text(raw)},
            )
        return moment

    @staticmethod
    def _find(table: dict[str, Any], said: str) -> Any:
        return table.get(said.casefold()) if said else None


def _lookup(queryset: Any) -> dict[str, TranslatedNameModel]:
    """Name, translated names and code, case-folded, to the record (codes win a tie)."""
    records = list(queryset)
    table: dict[str, Any] = {}
    for record in records:
        for name in [record.name, *(record.name_i18n or {}).values()]:
            table.setdefault(str(name).strip().casefold(), record)
    for record in records:
        table[record.code.casefold()] = record
    return table


def parse_moment(raw: Any, formats: list[str], *, end_of_day: bool) -> datetime | None:
    """An aware datetime from a cell: a spreadsheet date, ISO 8601 or one of ``formats``.

    A bare date means the start of that day, or its end for a deadline (``end_of_day``).
    """
    if isinstance(raw, datetime):
        # A spreadsheet date without a time reads as midnight.
        moment = raw if raw.time() != time.min or not end_of_day else _end_of(raw)
    elif isinstance(raw, date):
        moment = _end_of(raw) if end_of_day else datetime.combine(raw, time.min)
    else:
        parsed = _parse_text(_text(raw), formats, end_of_day=end_of_day)
        if parsed is None:
            return None
        moment = parsed
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parse_text(text: str, formats: list[str], *, end_of_day: bool) -> datetime | None:
    if not text:
        return None
    for form in formats:
        try:
            parsed = datetime.strptime(text, form)
        except ValueError:
            continue
        has_time = any(code in form for code in ("%H", "%I", "%M"))
        if not has_time and end_of_day:
            parsed = _end_of(parsed)
        return parsed
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if end_of_day and "T" not in text and " " not in text and len(text) <= 10:
        parsed = _end_of(parsed)
    return parsed


def _end_of(day: date) -> datetime:
    return datetime.combine(day if not isinstance(day, datetime) else day.date(), END_OF_DAY)
