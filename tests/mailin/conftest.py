"""Fixtures of the email intake tests: a real Dovecot IMAP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation
from imapclient import IMAPClient
from pytest_django import Settings

from .dovecot import Dovecot, dovecot_binary, running_dovecot

FOLDER = "INBOX"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages the tests read are the English source text, whatever the catalogues hold."""
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    english = Client()
    english.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return english


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        pytest.skip("Dovecot is not installed: run scripts/install_dovecot.sh (apt dovecot-imapd)")
    with running_dovecot() as server:
        yield server


@dataclass
class Mailbox:
    """The test's view of the complaints mailbox, through its own IMAP connection."""

    client: IMAPClient

    def append(self, raw: bytes, *, seen: bool = False) -> int:
        response = self.client.append(FOLDER, raw, flags=(b"\\Seen",) if seen else ())
        # "[APPENDUID <validity> <uid>] ..."
        return int(response.split(b"]", 1)[0].split()[-1])

    def uids(self, *criteria: str) -> list[int]:
        self.client.noop()
        return sorted(self.client.search(list(criteria) or ["ALL"]))

    def flags(self, uid: int) -> set[bytes]:
        self.client.noop()
        return set(self.client.get_flags([uid]).get(uid, ()))


@pytest.fixture
def mailbox(dovecot: Dovecot, settings: Settings) -> Iterator[Mailbox]:
    """An empty INBOX, and the settings that make intake poll it."""
    settings.BIHUAN_IMAP_HOST = dovecot.host
    settings.BIHUAN_IMAP_PORT = dovecot.port
    settings.BIHUAN_IMAP_USER = dovecot.user
    settings.BIHUAN_IMAP_PASSWORD = dovecot.password
    settings.BIHUAN_IMAP_SSL = False
    settings.BIHUAN_IMAP_FOLDER = FOLDER
    settings.BIHUAN_IMAP_AFTER = "seen"
    client = dovecot.client()
    client.select_folder(FOLDER)
    existing = client.search(["ALL"])
    if existing:
        client.add_flags(existing, [b"\\Deleted"], silent=True)
        client.expunge()
    try:
        yield Mailbox(client)
    finally:
        client.logout()
