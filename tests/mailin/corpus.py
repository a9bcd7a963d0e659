"""The test messages of tests/mailin/corpus/, with the placeholders of reply messages filled."""

from __future__ import annotations

from pathlib import Path

from bihuan.complaints.models import Complaint
from bihuan.mailin.references import complaint_reference, message_id_for

CORPUS = Path(__file__).parent / "corpus"


def corpus_names() -> list[str]:
    return sorted(path.name for path in CORPUS.glob("*.eml"))


def load(name: str, complaint: Complaint | None = None, **extra: str) -> bytes:
    """The raw bytes of corpus message ``name``; placeholders filled for ``complaint``.

    @@REFERENCE@@ (its signed reference), @@IN_REPLY_TO@@ (the Message-ID of a notice sent
    about it), @@CODE@@ (its tracking code without dashes) and @@TRACKING_CODE@@.
    """
    raw = (CORPUS / name).read_bytes()
    values = dict(extra)
    if complaint is not None:
        values.setdefault("REFERENCE", complaint_reference(complaint))
        values.setdefault("IN_REPLY_TO", message_id_for(complaint, "acknowledgement"))
        values.setdefault("CODE", complaint.tracking_code.replace("-", ""))
        values.setdefault("TRACKING_CODE", complaint.tracking_code)
    for key, value in values.items():
        raw = raw.replace(f"@@{key}@@".encode(), value.encode())
    return raw
