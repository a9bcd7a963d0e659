"""Polling an IMAP mailbox for complaints (imapclient).

Each unseen message is fetched without marking it (``BODY.PEEK[]``), ingested in its own
transaction, and only then flagged ``\\Seen`` (or ``\\Deleted`` and expunged) on the
server. A crash between the commit and the flag leaves the message unseen; the next poll
fetches it again and finds its Message-ID stored, so it only flags it. Quarantined
messages are flagged too: they are stored, and re-processed from the admin.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from imapclient import IMAPClient

from .choices import Source
from .services import email_ingest

logger = logging.getLogger(__name__)

_BODY = b"BODY[]"


@dataclass
class PollResult:
    """What one poll did: messages fetched, and how many ended in each status."""

    fetched: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0

    def __str__(self) -> str:
        parts = [f"{count} {status}" for status, count in sorted(self.statuses.items())]
        if self.duplicates:
            parts.append(f"{self.duplicates} already stored")
        return f"{self.fetched} fetched" + (f" ({', '.join(parts)})" if parts else "")


def imap_configured() -> bool:
    return bool(settings.BIHUAN_IMAP_HOST)


def _connect() -> IMAPClient:
    client = IMAPClient(
        settings.BIHUAN_IMAP_HOST,
        port=settings.BIHUAN_IMAP_PORT,
        ssl=settings.BIHUAN_IMAP_SSL,
        timeout=settings.BIHUAN_IMAP_TIMEOUT,
    )
    try:
        client.login(settings.BIHUAN_IMAP_USER, settings.BIHUAN_IMAP_PASSWORD)
    except Exception:
        client.shutdown()
        raise
    return client


def poll_mailbox() -> PollResult | None:
    """Fetch, ingest and flag the unseen messages; None when no mailbox is configured.

    Must run outside any transaction: a message is flagged only once its own transaction
    has committed, and an outer one would hold that commit back.
    """
    if not imap_configured():
        return None
    if transaction.get_connection().in_atomic_block:
        raise RuntimeError("poll_mailbox() must not run inside a transaction.")
    delete = settings.BIHUAN_IMAP_AFTER == "delete"
    result = PollResult()
    with _connect() as client:
        client.select_folder(settings.BIHUAN_IMAP_FOLDER)
        criteria = ["UNSEEN", "UNDELETED"] if delete else ["UNSEEN"]
        uids = sorted(client.search(criteria))[: settings.BIHUAN_IMAP_BATCH]
        done: list[int] = []
        for uid in uids:
            fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {})
            raw = fetched.get(_BODY)
            if raw is None:  # expunged by someone else meanwhile
                continue
            result.fetched += 1
            ingested = email_ingest(raw=bytes(raw), source=Source.IMAP)  # committed here
            result.statuses[ingested.message.status] += 0 if ingested.duplicate else 1
            result.duplicates += int(ingested.duplicate)
            if delete:
                client.add_flags([uid], [b"\\Deleted"], silent=True)
            else:
                client.add_flags([uid], [b"\\Seen"], silent=True)
            done.append(uid)
        if delete and done:
            # UID EXPUNGE removes only what this poll stored, not others' deletions.
            client.expunge(done) if client.has_capability("UIDPLUS") else client.expunge()
    result.statuses = +result.statuses
    if result.fetched:
        logger.info("mailbox polled: %s", result)
    return result
