"""manage.py import_referrals FILE --mapping NAME --user USERNAME"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bihuan.core.errors import DomainError
from bihuan.org.actors import actor_for
from bihuan.referrals.choices import RowStatus
from bihuan.referrals.models import ColumnMapping
from bihuan.referrals.selectors import batch_rows
from bihuan.referrals.services import check_file_size, referral_import


class Command(BaseCommand):
    help = "Import a referrer's file of work orders (.xlsx, .csv or .json) with a column mapping."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--mapping", required=True, help="The column mapping's name.")
        parser.add_argument("--user", required=True, help="The importing clerk's username.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            mapping = ColumnMapping.objects.get(name=options["mapping"])
        except ColumnMapping.DoesNotExist:
            names = ", ".join(ColumnMapping.objects.values_list("name", flat=True))
            raise CommandError(
                f"No column mapping {options['mapping']!r} (there are: {names})."
            ) from None
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            check_file_size(path.stat().st_size)
            batch = referral_import(
                actor=actor_for(user),
                mapping=mapping,
                file_name=path.name,
                content=path.read_bytes(),
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        for row in batch_rows(batch, status=RowStatus.ERROR):
            where = f"row {row.row_number}" + (f" [{row.field}]" if row.field else "")
            self.stderr.write(f"{where}: {row.message}")
        self.stdout.write(
            f"Batch {batch.pk}: {batch.total_rows} rows, {batch.created_count} created, "
            f"{batch.existing_count} already there, {batch.error_count} errors."
        )
