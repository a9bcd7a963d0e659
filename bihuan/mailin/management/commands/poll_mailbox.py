"""``manage.py poll_mailbox``: poll the IMAP mailbox once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bihuan.mailin.imap import poll_mailbox


class Command(BaseCommand):
    help = "Fetch the unseen messages of the complaints mailbox once and ingest them."

    def handle(self, *args: Any, **options: Any) -> None:
        result = poll_mailbox()
        if result is None:
            self.stdout.write("IMAP polling is off: BIHUAN_IMAP_HOST is empty.")
            return
        self.stdout.write(str(result))
