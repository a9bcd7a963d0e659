"""``manage.py ingest_email``: take one raw RFC 822 message on standard input.

For MTA piping (e.g. a Postfix ``pipe`` transport or an alias ``| manage.py ingest_email``).
The exit code is 0 once the message is stored, quarantined included; otherwise the
sysexits code that makes the mail server act sensibly: 65 (EX_DATAERR) for no input, 75
(EX_TEMPFAIL) when it could not be stored (the server keeps it and tries again).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bihuan.mailin.choices import Source
from bihuan.mailin.services import email_ingest

EX_DATAERR = 65
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Store one raw email read from standard input and make a complaint of it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            choices=Source.values,
            default=Source.PIPE,
            help="Where the message came from (default: pipe).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            self.stderr.write("ingest_email: no message on standard input.")
            sys.exit(EX_DATAERR)
        try:
            result = email_ingest(raw=raw, source=options["source"])
        except Exception as error:  # the database is unreachable or refused the row
            self.stderr.write(f"ingest_email: the message could not be stored: {error}")
            sys.exit(EX_TEMPFAIL)
        message = result.message
        outcome = "already stored" if result.duplicate else message.status
        code = f" {message.complaint.tracking_code}" if message.complaint else ""
        self.stdout.write(f"{message.message_id}: {outcome}{code}")
