"""Signed references: only a correctly signed reference finds its complaint."""

from __future__ import annotations

import re

from django.test import override_settings

from bihuan.mailin.references import (
    complaint_for_message,
    complaint_reference,
    message_id_for,
    subject_tag,
)
from tests.personas import Museum, register


def test_reference_carries_the_tracking_code_and_a_signature(museum: Museum) -> None:
    complaint = register(museum)
    reference = complaint_reference(complaint)
    raw = complaint.tracking_code.replace("-", "")
    assert re.fullmatch(rf"BH-{raw}-[A-Z2-7]{{13}}", reference)
    assert subject_tag(complaint) == f"[{reference}]"


def test_a_reference_in_the_subject_finds_its_complaint(museum: Museum) -> None:
    complaint = register(museum)
    other = register(museum)
    found = complaint_for_message(subject=f"Re: 您的投诉 {subject_tag(complaint)}")
    assert found == complaint
    assert complaint_for_message(subject=f"Re: {subject_tag(other)}") == other


def test_a_reference_in_in_reply_to_or_references_finds_its_complaint(museum: Museum) -> None:
    complaint = register(museum)
    message_id = message_id_for(complaint, "acknowledgement")
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", message_id)
    assert complaint_for_message(in_reply_to=message_id) == complaint
    assert complaint_for_message(references=f"<a@b.example> {message_id}") == complaint


def test_each_message_id_is_unique(museum: Museum) -> None:
    complaint = register(museum)
    assert message_id_for(complaint, "reply") != message_id_for(complaint, "reply")
    assert ".result-notice." in message_id_for(complaint, "Result notice!")


def test_the_tracking_code_alone_finds_nothing(museum: Museum) -> None:
    complaint = register(museum)
    raw = complaint.tracking_code.replace("-", "")
    assert complaint_for_message(subject=f"Re: {complaint.tracking_code}") is None
    assert complaint_for_message(subject=f"Re: [BH-{raw}]") is None
    assert complaint_for_message(in_reply_to=f"<BH-{raw}-AAAAAAAAAAAAA@x.example>") is None


def test_a_signature_of_another_complaint_does_not_transfer(museum: Museum) -> None:
    complaint = register(museum)
    other = register(museum)
    other_signature = complaint_reference(other).rsplit("-", 1)[1]
    raw = complaint.tracking_code.replace("-", "")
    forged = f"BH-{raw}-{other_signature}"
    assert complaint_for_message(subject=forged, in_reply_to=f"<{forged}@x.example>") is None


def test_a_reference_signed_with_another_key_is_refused(museum: Museum) -> None:
    complaint = register(museum)
    with override_settings(SECRET_KEY="another-installation-" + "x" * 40):
        foreign = complaint_reference(complaint)
    assert complaint_for_message(subject=foreign) is None
    assert complaint_for_message(subject=complaint_reference(complaint)) == complaint
