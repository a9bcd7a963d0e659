"""A real SMTP server on 127.0.0.1 (aiosmtpd), recipients, and the staff pages' English client."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User

from ..backoffice.conftest import client, login  # noqa: F401  (fixtures for the pages)

REFUSED_PREFIX = "nobody@"


@dataclass
class Inbox:
    """What the SMTP server accepted, one entry per (recipient, message)."""

    host: str
    port: int
    received: list[tuple[str, EmailMessage]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, recipients: list[str], content: bytes) -> None:
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.received.extend((recipient, message) for recipient in recipients)

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [message for recipient, message in self.received if recipient == address]


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith(REFUSED_PREFIX):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.inbox.add(list(envelope.rcpt_tos), envelope.original_content or envelope.content)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[Inbox]:
    inbox = Inbox(host="127.0.0.1", port=free_port())
    controller = Controller(_Handler(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def point_mail_at(settings: Any, host: str, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp(settings: Any, smtp_server: Inbox) -> Inbox:
    """Django's mail sent through SMTP to the server above (pytest-django's is in memory)."""
    point_mail_at(settings, smtp_server.host, smtp_server.port)
    return smtp_server


def person(username: str, *, email: str | None = None, active: bool = True) -> User:
    return User.objects.create_user(
        username=username,
        email=f"{username}@museum.example" if email is None else email,
        is_active=active,
    )
