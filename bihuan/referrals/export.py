"""Results back to the referrer: one row per referred work order, as .xlsx, .csv or .json.

Spreadsheet cells that begin like a formula (= + - @, tab, carriage return) get a leading
apostrophe, so that a reply text such as ``=HYPERLINK(...)`` stays text when the referrer
opens the file in Excel. JSON carries the values untouched.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bihuan.core import clock
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor
from bihuan.org.choices import Role

from .choices import FileFormat
from .selectors import REFERRAL_CHANNEL_VALUES, ReferralResult, referral_results

EXPORTER_ROLES = (Role.CLERK, Role.SUPERVISOR, Role.LEADER)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTENT_TYPES = {
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.JSON: "application/json",
}


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class _Column:
    key: str  # the JSON key
    header: Callable[[], str]  # the spreadsheet header, in the active language
    value: Callable[[ReferralResult], Any]


_COLUMNS = [
    _Column("external_reference", lambda: _("Work-order number"), lambda r: r.external_reference),
    _Column("tracking_code", lambda: _("Tracking code"), lambda r: r.tracking_code),
    _Column("source", lambda: _("Referral source"), lambda r: r.channel_label),
    _Column("received_at", lambda: _("Received"), lambda r: r.received_at),
    _Column("status", lambda: _("Status"), lambda r: str(r.stage.label)),
    _Column("result", lambda: _("Result"), lambda r: r.result),
    _Column("replied_at", lambda: _("Reply time"), lambda r: r.replied_at),
    _Column("satisfaction", lambda: _("Satisfaction"), lambda r: r.satisfaction_label),
]


def escape_formula(value: str) -> str:
    """The cell text, made inert if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def referral_export(
    *,
    actor: Actor,
    file_format: str,
    channel: str = "",
    received_from: date | None = None,
    received_to: date | None = None,
) -> ExportFile:
    """The results of the referred complaints received in the period, in ``file_format``."""
    if not actor.has(*EXPORTER_ROLES):
        raise DomainError("forbidden", gettext_lazy("You may not export referral results."))
    if file_format not in FileFormat.values:
        raise DomainError("format_invalid", gettext_lazy("Unknown file format."), field="format")
    if channel and channel not in REFERRAL_CHANNEL_VALUES:
        raise DomainError(
            "channel_invalid", gettext_lazy("Unknown referral source."), field="source"
        )
    if received_from and received_to and received_from > received_to:
        raise DomainError(
            "dates_reversed",
            gettext_lazy("The first day comes after the last day."),
            field="received_to",
        )
    results = referral_results(
        actor=actor, channel=channel, received_from=received_from, received_to=received_to
    )
    writer = {FileFormat.XLSX: _xlsx, FileFormat.CSV: _csv, FileFormat.JSON: _json}
    content = writer[FileFormat(file_format)](results, channel)
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
    source = channel.removeprefix("referral_") if channel else "all"
    return ExportFile(
        name=f"referral-results-{source}-{stamp}.{file_format}",
        content_type=_CONTENT_TYPES[FileFormat(file_format)],
        content=content,
    )


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _text_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return _local(value)
    if value is None:
        return None
    return escape_formula(str(value))


def _csv(results: list[ReferralResult], channel: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header() for column in _COLUMNS])
    for result in results:
        cells = [_text_cell(column.value(result)) for column in _COLUMNS]
        writer.writerow(
            [
                cell.strftime("%Y-%m-%d %H:%M:%S") if isinstance(cell, datetime) else cell or ""
                for cell in cells
            ]
        )
    # UTF-8 with a byte-order mark: without it Excel reads Chinese as mojibake.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(results: list[ReferralResult], channel: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Referral results")[:31])
    sheet.append([column.header() for column in _COLUMNS])
    for result in results:
        row = []
        for column in _COLUMNS:
            cell = WriteOnlyCell(sheet, value=_text_cell(column.value(result)))
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never "f": a string is never a formula
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json(results: list[ReferralResult], channel: str) -> bytes:
    items = [
        {
            "external_reference": r.external_reference,
            "tracking_code": r.tracking_code,
            "source": r.channel,
            "received_at": timezone.localtime(r.received_at).isoformat(),
            "status": r.stage.value,
            "status_label": str(r.stage.label),
            "result": r.result,
            "replied_at": timezone.localtime(r.replied_at).isoformat() if r.replied_at else None,
            "satisfaction": r.satisfaction or None,
            "satisfaction_label": r.satisfaction_label,
        }
        for r in results
    ]
    document = {
        "generated_at": timezone.localtime(clock.now()).isoformat(),
        "source": channel or None,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
