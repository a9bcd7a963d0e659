"""manage.py export_referrals --source 12345 --format xlsx --output FILE [--from D --to D]"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bihuan.core.errors import DomainError
from bihuan.org.actors import actor_for
from bihuan.org.choices import Role
from bihuan.referrals.choices import FileFormat
from bihuan.referrals.export import referral_export
from bihuan.referrals.selectors import REFERRAL_CHANNEL_VALUES

SOURCES = ["all", *(value.removeprefix("referral_") for value in REFERRAL_CHANNEL_VALUES)]


class Command(BaseCommand):
    help = "Export the results of referred complaints for the referrer (.xlsx, .csv or .json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source", default="all", help=f"One of {', '.join(SOURCES)} (or a channel value)."
        )
        parser.add_argument("--format", choices=FileFormat.values, default=FileFormat.XLSX)
        parser.add_argument("--output", required=True, help="The file to write, or - for stdout.")
        parser.add_argument("--from", dest="received_from", type=date.fromisoformat)
        parser.add_argument("--to", dest="received_to", type=date.fromisoformat)
        parser.add_argument(
            "--user",
            help="Export as this user (a clerk, supervisor or leader); "
            "by default the first active clerk.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"]
        channel = "" if source == "all" else source
        if channel and not channel.startswith("referral_"):
            channel = f"referral_{channel}"
        try:
            exported = referral_export(
                actor=actor_for(self._user(options["user"])),
                file_format=options["format"],
                channel=channel,
                received_from=options["received_from"],
                received_to=options["received_to"],
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        if options["output"] == "-":
            sys.stdout.buffer.write(exported.content)
            return
        output = Path(options["output"])
        output.write_bytes(exported.content)
        self.stdout.write(f"Wrote {output} ({len(exported.content)} bytes).")

    def _user(self, username: str | None) -> User:
        users = User.objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
        else:
            user = users.filter(staff__role_rows__role=Role.CLERK).order_by("pk").first()
        if user is None:
            raise CommandError(
                f"No active user {username!r}." if username else "No active clerk: give --user."
            )
        return user
