"""manage.py notice_templates [--overwrite]: copy the shipped notices into the admin."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bihuan.notices.install import notice_templates_install


class Command(BaseCommand):
    help = "Copy the notices shipped with Bihuan into the admin, where they can be edited."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also put the shipped text back into templates edited in the admin.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        written = notice_templates_install(overwrite=options["overwrite"])
        self.stdout.write(f"{written} notice templates written.")
