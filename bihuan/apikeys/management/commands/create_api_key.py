"""manage.py create_api_key NAME [--kind] [--role ...] [--department CODE]: prints the key once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bihuan.apikeys.choices import KeyKind
from bihuan.apikeys.services import apikey_create
from bihuan.core.errors import DomainError
from bihuan.org.choices import Role
from bihuan.org.models import Department


class Command(BaseCommand):
    help = "Create an API key and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--kind", choices=KeyKind.values, default=KeyKind.INTEGRATION)
        parser.add_argument(
            "--role",
            action="append",
            choices=Role.values,
            default=[],
            dest="roles",
            help="A role of the key's service account (integration keys; repeatable).",
        )
        parser.add_argument("--department", help="The code of the service account's department.")

    def handle(self, *args: Any, **options: Any) -> None:
        department = None
        if options["department"]:
            department = Department.objects.filter(code=options["department"]).first()
            if department is None:
                raise CommandError(
                    _("No department with the code %(code)s.") % {"code": options["department"]}
                )
        try:
            key, raw_key = apikey_create(
                name=options["name"],
                kind=options["kind"],
                roles=options["roles"],
                department=department,
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            _("Created the key %(name)s; copy it now, it is not shown again:") % {"name": key.name}
        )
        self.stdout.write(raw_key)
