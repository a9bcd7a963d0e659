"""Reading a referrer's file (.xlsx, .csv, .json) into numbered rows of named values.

The extension says which reader to use, and the bytes must agree with it: a spreadsheet
renamed to .csv, or an old .xls renamed to .xlsx, is refused with a clear message rather
than imported as noise. Nothing here knows what the columns mean (see ``work_orders``).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bihuan.core.errors import DomainError

from .choices import Encoding, FileFormat

# How far down a sheet the header row is looked for (exports often start with a title).
HEADER_SEARCH_ROWS = 10
_CSV_DELIMITERS = (",", "\t", ";")
_MAGIC = {
    b"PK\x03\x04": _("an Excel workbook or another zip file"),
    b"\xd0\xcf\x11\xe0": _("an old Excel (.xls) or Word file"),
    b"%PDF": _("a PDF document"),
}


@dataclass(frozen=True)
class RawRow:
    """One row of the file: its number as the referrer sees it, and its values by name."""

    number: int
    values: dict[str, Any]
    not_an_object: bool = False  # a JSON list item that is not an object


@dataclass(frozen=True)
class Table:
    file_format: str
    headers: tuple[str, ...]  # empty for JSON, whose objects name their own keys
    rows: list[RawRow]


def file_format_of(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower().lstrip(".")
    if suffix not in FileFormat.values:
        raise DomainError(
            "file_type",
            _("Choose an Excel (.xlsx), CSV (.csv) or JSON (.json) file."),
            field="file",
        )
    return suffix


def read_table(
    *, file_name: str, content: bytes, encoding: str, header_names: Sequence[str]
) -> Table:
    """The rows of the file; ``header_names`` are the names the header row must contain one of.

    Raises DomainError when the file is empty, not what its extension says, damaged or too
    long.
    """
    file_format = file_format_of(file_name)
    if not content.strip():
        raise DomainError("file_empty", _("The file is empty."), field="file")
    looks_like = next((kind for magic, kind in _MAGIC.items() if content.startswith(magic)), None)
    if file_format == FileFormat.XLSX:
        return _read_xlsx(content, header_names)
    utf16 = file_format == FileFormat.CSV and _is_utf16(content)
    if looks_like is not None or (b"\x00" in content[:4096] and not utf16):
        raise DomainError(
            "file_mismatch",
            _("This is not a %(format)s file: it looks like %(kind)s.")
            % {"format": FileFormat(file_format).label, "kind": looks_like or _("binary data")},
            field="file",
        )
    if file_format == FileFormat.CSV:
        return _read_csv(content, encoding, header_names)
    return _read_json(content)


# --- Excel ---------------------------------------------------------------------------------


def _read_xlsx(content: bytes, header_names: Sequence[str]) -> Table:
    _check_zip(content)
    # Imported here: openpyxl is only needed by the spreadsheet paths.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = ([_cell(value) for value in row] for row in sheet.iter_rows(values_only=True))
            return _table(FileFormat.XLSX, enumerate(rows, start=1), header_names)
        finally:
            workbook.close()
    except DomainError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise DomainError(
            "file_damaged",
            _("The Excel file could not be read (%(error)s).") % {"error": type(error).__name__},
            field="file",
        ) from error


def _check_zip(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise DomainError(
            "file_mismatch",
            _("This is not an Excel (.xlsx) workbook. Old .xls files must be saved as .xlsx."),
            field="file",
        ) from error
    if not any(member.filename == "xl/workbook.xml" for member in members):
        raise DomainError(
            "file_mismatch", _("This zip file is not an Excel (.xlsx) workbook."), field="file"
        )
    limit = settings.BIHUAN_REFERRAL_MAX_UNPACKED_BYTES
    if sum(member.file_size for member in members) > limit:
        raise DomainError(
            "file_too_large",
            _("The workbook unpacks to more than %(mb)d MB: split it into smaller files.")
            % {"mb": limit // (1024 * 1024)},
            field="file",
        )


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


# --- CSV -----------------------------------------------------------------------------------


def _is_utf16(content: bytes) -> bool:
    """Excel's "Unicode text" export: UTF-16 with a byte-order mark (and tabs between cells)."""
    boms = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    return content.startswith(boms) and not content.startswith(codecs.BOM_UTF32_LE)


def _decode(content: bytes, encoding: str) -> str:
    if _is_utf16(content):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DomainError(
                "file_encoding", _("The CSV file is not UTF-16 text."), field="file"
            ) from error
    tried = {
        Encoding.AUTO: ("utf-8-sig", "gb18030"),
        Encoding.UTF8: ("utf-8-sig",),
        Encoding.GB18030: ("gb18030",),
    }.get(Encoding(encoding), ("utf-8-sig",))
    for codec in tried:
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            continue
    raise DomainError(
        "file_encoding",
        _("The CSV file is not %(encodings)s text.")
        % {"encodings": " / ".join(codec.removesuffix("-sig").upper() for codec in tried)},
        field="file",
    )


def _read_csv(content: bytes, encoding: str, header_names: Sequence[str]) -> Table:
    text = _decode(content, encoding)
    last_error: DomainError | None = None
    for delimiter in _CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            return _table(FileFormat.CSV, enumerate(reader, start=1), header_names)
        except csv.Error as error:
            raise DomainError(
                "file_damaged",
                _("The CSV file could not be read (%(error)s).") % {"error": error},
                field="file",
            ) from error
        except DomainError as error:
            if error.code != "header_missing":
                raise
            last_error = error
    assert last_error is not None
    raise last_error


# --- both tables ---------------------------------------------------------------------------


def _table(
    file_format: str, rows: Iterable[tuple[int, Sequence[Any]]], header_names: Sequence[str]
) -> Table:
    rows = iter(rows)
    headers = _find_headers(rows, header_names)
    limit = settings.BIHUAN_REFERRAL_MAX_ROWS
    found: list[RawRow] = []
    for number, cells in rows:
        if all(value is None or value == "" for value in cells):
            continue
        if len(found) == limit:
            raise _too_many_rows(limit)
        values = {
            header: cells[index] if index < len(cells) else None
            for index, header in enumerate(headers)
            if header
        }
        found.append(RawRow(number=number, values=values))
    return Table(file_format=file_format, headers=tuple(h for h in headers if h), rows=found)


def _find_headers(
    rows: Iterator[tuple[int, Sequence[Any]]], header_names: Sequence[str]
) -> list[str]:
    wanted = set(header_names)
    for _index, (_number, cells) in zip(range(HEADER_SEARCH_ROWS), rows, strict=False):
        headers = [
            str(value).strip().lstrip("\ufeff") if value is not None else "" for value in cells
        ]
        if wanted & set(headers):
            # The first of two equal headers wins, as a reader of the sheet would assume.
            return [h if h not in headers[:i] else "" for i, h in enumerate(headers)]
    raise DomainError(
        "header_missing",
        _("No header row with the work-order number column (%(names)s) in the first %(n)d rows.")
        % {"names": " | ".join(header_names), "n": HEADER_SEARCH_ROWS},
        field="file",
    )


def _too_many_rows(limit: int) -> DomainError:
    return DomainError(
        "too_many_rows",
        _("The file has more than %(limit)d rows: split it into smaller files.") % {"limit": limit},
        field="file",
    )


# --- JSON ----------------------------------------------------------------------------------


def _read_json(content: bytes) -> Table:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DomainError(
            "file_encoding", _("The JSON file is not UTF-8 text."), field="file"
        ) from error
    except json.JSONDecodeError as error:
        raise DomainError(
            "file_mismatch",
            _("This is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
            % {"line": error.lineno, "column": error.colno, "error": error.msg},
            field="file",
        ) from error
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise DomainError(
            "file_mismatch",
            _('The JSON file must hold a list of work orders, or {"items": [...]}.'),
            field="file",
        )
    limit = settings.BIHUAN_REFERRAL_MAX_ROWS
    if len(data) > limit:
        raise _too_many_rows(limit)
    rows = [
        RawRow(number=number, values={str(k).strip(): _cell(v) for k, v in item.items()})
        if isinstance(item, dict)
        else RawRow(number=number, values={}, not_an_object=True)
        for number, item in enumerate(data, start=1)
    ]
    return Table(file_format=FileFormat.JSON, headers=(), rows=rows)
