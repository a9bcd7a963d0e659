"""Importing referred work orders (工单): every good row becomes a complaint, once.

Each row is registered by ``complaint_register`` in its own savepoint, so a bad row
leaves nothing behind and is reported (row number, column, translated reason) while the
good rows land; rows are committed a chunk at a time with the batch's counts. A work
order already imported, or registered by hand, from the same referrer is "already there":
re-importing a file, or an overlapping one, adds nothing twice.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bihuan.complaints.models import Complaint
from bihuan.complaints.services import complaint_register
from bihuan.core.errors import DomainError
from bihuan.org.actors import Actor
from bihuan.org.choices import Role

from .choices import RowStatus
from .models import ColumnMapping, ImportBatch, ImportRow
from .presets import seed_mappings
from .reading import RawRow, read_table
from .work_orders import RowError, WorkOrder, WorkOrderReader, split_names

IMPORTER_ROLES = (Role.CLERK, Role.ADMINISTRATOR)

# Rows imported in one transaction: short enough not to hold other writers up for long.
IMPORT_CHUNK_ROWS = 50

# Any constant will do: it names the one lock that imports take in turn on PostgreSQL.
_IMPORT_LOCK = 0x3132333435  # "12345"

# The registration service's fields, and the mapping field whose column holds each.
_COLUMN_OF_FIELD = {
    "phone": "phone_column",
    "email": "email_column",
    "name": "name_column",
    "description": "description_column",
    "subject": "subject_column",
    "demand": "demand_column",
    "occurred_at": "occurred_at_column",
    "occurred_place": "place_column",
    "external_reference": "external_reference_column",
    "channel": "channel_column",
}


def column_mappings_set_up() -> None:
    """Seed the mappings of the usual 12345 and 12315 exports (idempotent)."""
    seed_mappings(ColumnMapping)


def check_file_size(size: int) -> None:
    """Refuse a file over the import limit before its bytes are read."""
    limit = settings.BIHUAN_REFERRAL_MAX_FILE_BYTES
    if size > limit:
        raise DomainError(
            "file_too_large",
            gettext_lazy("The file is larger than %(mb).1f MB: split it into smaller files.")
            % {"mb": limit / (1024 * 1024)},
            field="file",
        )


def referral_import(
    *, actor: Actor, mapping: ColumnMapping, file_name: str, content: bytes
) -> ImportBatch:
    """Import a referrer's file of work orders with ``mapping``; the batch says what landed.

    The file as a whole is refused (DomainError, nothing saved) when it is too large, not
    what its extension says, or lacks the required columns; otherwise every row is
    reported. A clerk's import registers the complaints in the clerk's name; an
    administrator (who does not work the intake desk) registers them on the referrer's
    behalf, with the batch recording who imported them.
    """
    if not actor.has(*IMPORTER_ROLES):
        raise DomainError("forbidden", gettext_lazy("Only the intake desk imports referrals."))
    if not mapping.is_active:
        raise DomainError(
            "mapping_inactive",
            gettext_lazy("This column mapping is switched off."),
            field="mapping",
        )
    check_file_size(len(content))
    reader = WorkOrderReader(mapping)
    table = read_table(
        file_name=file_name,
        content=content,
        encoding=mapping.encoding,
        header_names=split_names(mapping.external_reference_column),
    )
    missing = reader.missing_columns(table.headers) if table.headers else []
    if missing:
        raise DomainError(
            "columns_missing",
            gettext_lazy(
                "The file has no column %(columns)s, which the mapping “%(mapping)s” needs."
            )
            % {"columns": ", ".join(f"“{c}”" for c in missing), "mapping": mapping.name},
            field="file",
        )
    if not table.rows:
        raise DomainError(
            "file_no_rows", gettext_lazy("The file holds no work orders."), field="file"
        )
    registrar = actor if actor.has(Role.CLERK) else None
    batch = ImportBatch.objects.create(
        mapping=mapping,
        file_name=file_name[:255],
        file_format=table.file_format,
        sha256=hashlib.sha256(content).hexdigest(),
        imported_by=actor.user,
        total_rows=len(table.rows),
    )
    for start in range(0, len(table.rows), IMPORT_CHUNK_ROWS):
        _import_chunk(batch, reader, table.rows[start : start + IMPORT_CHUNK_ROWS], registrar)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def _import_chunk(
    batch: ImportBatch, reader: WorkOrderReader, rows: list[RawRow], registrar: Actor | None
) -> None:
    """Import some rows, each in its own savepoint, and count them in the same commit.

    Committing a chunk at a time keeps the write lock short (SQLite has one for the whole
    database), and the batch's counts always match the rows that landed: an import cut
    short is finished by importing the file again.
    """
    _take_import_lock()
    results = [_import_row(batch, reader, row, registrar) for row in rows]
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_count=F("created_count") + results.count(RowStatus.CREATED),
        existing_count=F("existing_count") + results.count(RowStatus.ALREADY_THERE),
        error_count=F("error_count") + results.count(RowStatus.ERROR),
    )


def _take_import_lock() -> None:
    """Imports take turns, so two files naming one work order cannot both create it.

    SQLite already serialises writing transactions (BEGIN IMMEDIATE); on PostgreSQL a
    transaction-scoped advisory lock does. The check for "already there" and the claim of
    the work order are in one such turn; the unique constraint on created rows stays as
    the backstop.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK])


def _import_row(
    batch: ImportBatch, reader: WorkOrderReader, row: RawRow, registrar: Actor | None
) -> str:
    try:
        order = reader.read(row)
    except RowError as error:
        _record(
            batch,
            row,
            RowStatus.ERROR,
            reference=reader.reference_of(row),
            column=error.column,
            message=error.message,
        )
        return RowStatus.ERROR
    existing = _existing(order)
    if existing is not None:
        _record(batch, row, RowStatus.ALREADY_THERE, order=order, complaint=existing)
        return RowStatus.ALREADY_THERE
    try:
        with transaction.atomic():  # a savepoint: a refused row leaves nothing behind
            complaint = _register(order, registrar)
            _record(batch, row, RowStatus.CREATED, order=order, complaint=complaint)
    except DomainError as error:
        attribute = _COLUMN_OF_FIELD.get(error.field or "", "")
        column = reader.column_of(attribute, row) if attribute else ""
        _record(batch, row, RowStatus.ERROR, order=order, column=column, message=str(error))
        return RowStatus.ERROR
    except IntegrityError:
        existing = _existing(order)
        if existing is None:
            raise
        _record(batch, row, RowStatus.ALREADY_THERE, order=order, complaint=existing)
        return RowStatus.ALREADY_THERE
    except DataError:
        message = _("A value in this row is too long or out of range to be stored.")
        _record(batch, row, RowStatus.ERROR, order=order, message=message)
        return RowStatus.ERROR
    return RowStatus.CREATED


def _existing(order: WorkOrder) -> Complaint | None:
    return (
        Complaint.objects.filter(channel=order.channel, external_reference=order.external_reference)
        .order_by("pk")
        .first()
    )


def _register(order: WorkOrder, registrar: Actor | None) -> Complaint:
    return complaint_register(
        actor=registrar,
        channel=order.channel,
        complainant=order.complainant,
        description=order.description,
        subject=order.subject,
        demand=order.demand,
        category=order.category,
        site=order.site,
        occurred_at=order.occurred_at,
        occurred_place=order.occurred_place,
        external_reference=order.external_reference,
        external_due_at=order.external_due_at,
    )


def _record(
    batch: ImportBatch,
    row: RawRow,
    status: str,
    *,
    order: WorkOrder | None = None,
    complaint: Complaint | None = None,
    reference: str = "",
    column: str = "",
    message: str = "",
) -> ImportRow:
    return ImportRow.objects.create(
        batch=batch,
        row_number=row.number,
        channel=order.channel if order else "",
        external_reference=order.external_reference if order else reference,
        status=status,
        field=column[:200],
        message=message,
        complaint=complaint,
    )
