"""Raw RFC 822 bytes to a plain :class:`ParsedMessage`, forgiving of real-world mail.

The standard library parses the structure (``compat32``, which never gives up on a broken
header); headers, bodies and file names are decoded here, with the charset handling of
:mod:`.charsets`. :class:`ParseError` means the message cannot become a complaint at all
(no headers, no sender address); it is then quarantined, never dropped.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import PurePosixPath
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .charsets import decode_bytes, decode_header_text
from .html_text import html_to_text

_MESSAGE_ID = re.compile(r"<[^<>\s]{1,240}>")
_MAX_PARTS = 500
_MAX_DEPTH = 30
_REPORT_PARTS = {
    "message/delivery-status",
    "message/disposition-notification",
    "text/rfc822-headers",
}
_AUTOMATIC_SENDERS = {"mailer-daemon", "postmaster", "mail-daemon", "noreply-dsn"}
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "audio/mpeg": ".mp3",
    "audio/amr": ".amr",
    "video/mp4": ".mp4",
    "text/plain": ".txt",
}


class ParseError(Exception):
    """The message cannot be read as a complaint; the reason is for the quarantine view."""


class ParsedAttachment(NamedTuple):
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ParsedMessage:
    """What intake needs of one email, decoded."""

    message_id: str
    from_name: str
    from_address: str
    subject: str
    date: datetime | None
    text: str
    attachments: tuple[ParsedAttachment, ...]
    in_reply_to: str = ""
    references: str = ""
    charset: str = ""
    is_automatic: bool = False
    automatic_reason: str = ""


def derived_message_id(raw: bytes) -> str:
    """The id of a message without a usable Message-ID: a hash of its bytes.

    Line endings are normalised first: the same message piped (LF) and fetched over
    IMAP (CRLF) gets the same id.
    """
    normalised = raw.replace(b"\r\n", b"\n")
    return f"<{hashlib.sha256(normalised).hexdigest()}@derived.bihuan.invalid>"


def message_id_of(raw: bytes) -> str:
    """The Message-ID of ``raw``, read from its headers only; derived if missing or unusable.

    Works on bytes the full parser would refuse, so that even a quarantined message is
    stored under its own id and never ingested twice.
    """
    head = re.split(rb"\r?\n\r?\n", raw[:65536], maxsplit=1)[0]
    headers = email.message_from_bytes(head, policy=email.policy.compat32)
    match = _MESSAGE_ID.search(decode_header_text(_header(headers, "Message-ID")))
    return match.group(0) if match else derived_message_id(raw)


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse ``raw`` into a :class:`ParsedMessage`, or raise :class:`ParseError`."""
    if not raw.strip():
        raise ParseError("The message is empty.")
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if not message.keys():
        raise ParseError("The message has no headers.")
    name, address = _sender(message)
    reason = automatic_reason(message, address)
    if not address and not reason:
        raise ParseError("The message has no usable sender address (From).")
    body = _Body()
    body.walk(message)
    return ParsedMessage(
        message_id=message_id_of(raw),
        from_name=name,
        from_address=address,
        subject=decode_header_text(_header(message, "Subject"))[:998],
        date=_date(message),
        text=body.text(),
        attachments=tuple(body.attachments),
        in_reply_to=decode_header_text(_header(message, "In-Reply-To")),
        references=decode_header_text(_header(message, "References")),
        charset=body.charset,
        is_automatic=bool(reason),
        automatic_reason=reason,
    )


def _header(message: Message, name: str) -> str:
    """The first ``name`` header as it came, 8-bit bytes kept (as surrogate escapes).

    ``Message.get`` would turn raw 8-bit text into replacement characters.
    """
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            return str(value)
    return ""


def _sender(message: Message) -> tuple[str, str]:
    decoded = decode_header_text(_header(message, "From"))
    for name, address in getaddresses([decoded]):
        address = address.strip().lower()
        try:
            validate_email(address)
        except ValidationError:
            continue
        return name.strip().strip("\"'")[:100], address
    return "", ""


def automatic_reason(message: Message, address: str) -> str:
    """Why a message is automatic (auto-reply, bounce, list traffic), or "" if it is not."""
    auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return "auto_submitted"
    if (message.get("Precedence") or "").strip().lower() in {"bulk", "junk", "list", "auto_reply"}:
        return "precedence"
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return "mailing_list"
    for header in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if (message.get(header) or "").strip().lower() not in {"", "no", "false", "0"}:
            return "autoreply_header"
    if address.partition("@")[0] in _AUTOMATIC_SENDERS:
        return "mailer_daemon"
    if message.get_content_type() == "multipart/report":
        return "delivery_report"
    if (message.get("Return-Path") or "").strip() == "<>":
        return "null_sender"
    return ""


def _date(message: Message) -> datetime | None:
    try:
        value = parsedate_to_datetime(decode_header_text(_header(message, "Date")))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _Body:
    """Collects the text and the files of a message tree, depth first."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.attachments: list[ParsedAttachment] = []
        self.charset = ""
        self._parts = 0

    def text(self) -> str:
        joined = "\n\n".join(text for text in self.texts if text.strip())
        joined = joined.replace("\r\n", "\n").replace("\r", "\n")
        return re.sub(r"\n{4,}", "\n\n\n", joined).strip()

    def walk(self, part: Message, depth: int = 0) -> None:
        self._parts += 1
        if self._parts > _MAX_PARTS:
            raise ParseError("The message has too many parts.")
        if depth > _MAX_DEPTH:
            raise ParseError("The message nests its parts too deeply.")
        content_type = part.get_content_type()
        if _is_attachment(part):
            self._add_file(part)
        elif content_type == "message/rfc822":
            self._forwarded(part, depth)
        elif content_type == "multipart/alternative":
            self._alternative(part, depth)
        elif part.is_multipart():
            for child in _children(part):
                self.walk(child, depth + 1)
        elif content_type == "text/plain":
            self.texts.append(self._read_text(part))
        elif content_type == "text/html":
            self.texts.append(html_to_text(self._read_text(part)))
        elif content_type in _REPORT_PARTS:
            return  # a bounce's machine-readable part; the raw message keeps it
        else:
            self._add_file(part)

    def _alternative(self, part: Message, depth: int) -> None:
        """The plain text if it says anything, else the richer parts in order of preference."""
        children = _children(part)
        for wanted in ("text/plain", "multipart", "text/html"):
            for child in children:
                if child.get_content_type() != wanted and child.get_content_maintype() != wanted:
                    continue
                before = len(self.texts), len(self.attachments)
                self.walk(child, depth + 1)
                if any(text.strip() for text in self.texts[before[0] :]):
                    return
                del self.texts[before[0] :]
                del self.attachments[before[1] :]

    def _forwarded(self, part: Message, depth: int) -> None:
        for inner in _children(part):
            lines = ["---------- Forwarded message ----------"]
            for header in ("From", "Date", "Subject", "To"):
                value = decode_header_text(_header(inner, header))
                if value:
                    lines.append(f"{header}: {value}")
            self.texts.append("\n".join(lines))
            self.walk(inner, depth + 1)

    def _read_text(self, part: Message) -> str:
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        label = part.get_content_charset()
        if not label and part.get_content_type() == "text/html":
            meta = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", data[:4096], re.I)
            label = meta.group(1).decode("ascii") if meta else None
        text, codec = decode_bytes(data, label)
        self.charset = self.charset or codec
        return text

    def _add_file(self, part: Message) -> None:
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            return
        content_type = part.get_content_type()
        number = len(self.attachments) + 1
        name = _filename(part) or f"attachment-{number}{_EXTENSIONS.get(content_type, '.bin')}"
        self.attachments.append(ParsedAttachment(name, content_type, payload))


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    return (
        [child for child in payload if isinstance(child, Message)]
        if isinstance(payload, list)
        else []
    )


def _is_attachment(part: Message) -> bool:
    if part.is_multipart() or part.get_content_type() == "message/rfc822":
        return False
    disposition = (part.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
    return disposition == "attachment" or (disposition != "inline" and bool(_filename(part)))


def _filename(part: Message) -> str:
    """The file name, from RFC 2231 parameters, RFC 2047 words or raw 8-bit text; made safe."""
    raw = part.get_param("filename", header="content-disposition")
    if raw is None:
        raw = part.get_param("name")
    if raw is None:
        return ""
    if isinstance(raw, tuple):  # RFC 2231: (charset, language, percent-decoded value)
        charset, _language, value = raw
        name = decode_bytes(str(value).encode("latin-1", "replace"), charset or "utf-8")[0]
    else:
        name = decode_header_text(email.utils.unquote(str(raw)))
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip(" .")
    if len(name) > 150:
        stem, dot, suffix = name.rpartition(".")
        name = (
            (stem[: 140 - len(suffix)] + dot + suffix) if dot and len(suffix) < 10 else name[:150]
        )
    return name
