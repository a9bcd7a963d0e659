"""``manage.py poll_mailbox``: poll the IMAP mailbox once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from imapclient.exceptions import IMAPClientError

from bihuan.mailin.imap import poll_mailbox


class Command(BaseCommand):
    help = "Fetch the unseen messages of the complaints mailbox once and ingest them."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = poll_mailbox()
        except (IMAPClientError, OSError) as error:
            raise CommandError(
                f"Could not poll {settings.BIHUAN_IMAP_USER}@{settings.BIHUAN_IMAP_HOST}:"
                f"{settings.BIHUAN_IMAP_PORT}: {error}"
            ) from error
        if result is None:
            self.stdout.write("IMAP polling is off: BIHUAN_IMAP_HOST is empty.")
            return
        self.stdout.write(str(result))
