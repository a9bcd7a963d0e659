"""``manage.py reprocess_email``: process quarantined messages again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bihuan.core.errors import DomainError
from bihuan.mailin.choices import InboundStatus
from bihuan.mailin.models import InboundMessage
from bihuan.mailin.services import email_reprocess


class Command(BaseCommand):
    help = "Process quarantined emails again, by id or all of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Ids of received emails.")
        parser.add_argument(
            "--all", action="store_true", help="Every quarantined email, oldest first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids: list[int] = options["ids"]
        if bool(ids) == bool(options["all"]):
            raise CommandError("Give the ids of emails to process again, or --all.")
        if options["all"]:
            queryset = InboundMessage.objects.filter(status=InboundStatus.QUARANTINED)
            ids = list(queryset.order_by("received_at", "pk").values_list("pk", flat=True))
        missing = set(ids) - set(
            InboundMessage.objects.filter(pk__in=ids).values_list("pk", flat=True)
        )
        if missing:
            raise CommandError(f"No received email with id {', '.join(map(str, sorted(missing)))}.")
        still = 0
        for pk in ids:
            try:
                message = email_reprocess(message=InboundMessage.objects.get(pk=pk))
            except DomainError as error:
                self.stderr.write(f"{pk}: {error}")
                still += 1
                continue
            if message.status == InboundStatus.QUARANTINED:
                still += 1
                self.stdout.write(f"{pk}: still quarantined: {message.error}")
            else:
                code = message.complaint.tracking_code if message.complaint else ""
                self.stdout.write(f"{pk}: {message.status} {code}".rstrip())
        if still:
            raise CommandError(f"{still} of {len(ids)} emails could not be processed.")
