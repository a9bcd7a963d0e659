"""What the complainant does and sees themselves: consent, supplements, rating, progress."""

from __future__ import annotations

import pytest

from bihuan.complaints.choices import Action, Channel, Rating, Status
from bihuan.complaints.models import Complaint, PrivacyConsent, PrivacyNotice, SatisfactionRecord
from bihuan.complaints.public import (
    PublicStage,
    public_is_open,
    public_progress,
    public_rateable,
    public_reply_text,
    public_stage,
)
from bihuan.complaints.services import (
    ComplainantInput,
    ConsentInput,
    complaint_comment,
    complaint_rate_by_complainant,
    complaint_register,
    complaint_supplement,
)
from bihuan.core.errors import DomainError
from bihuan.notifications.models import Notification
from tests.files import upload

from ..personas import Museum
from .states import reach


def _file_online(consent: ConsentInput | None, **extra: object) -> Complaint:
    return complaint_register(
        actor=None,
        channel=Channel.WEB,
        complainant=ComplainantInput(name="李四", phone="13900001111"),
        description="售票处排队一个小时。",
        consent=consent,
        **extra,  # type: ignore[arg-type]
    )


def test_the_consent_is_stored_with_the_notice_version_shown(museum: Museum) -> None:
    notice = PrivacyNotice.current()
    assert notice is not None and notice.text and notice.text_i18n["en"]

    complaint = _file_online(ConsentInput(notice_version=notice.version))

    consent = PrivacyConsent.objects.get(complaint=complaint)
    assert (consent.notice, consent.channel) == (notice, Channel.WEB)


def test_a_consent_to_an_unknown_notice_registers_nothing(museum: Museum) -> None:
    with pytest.raises(DomainError) as refused:
        _file_online(ConsentInput(notice_version="1999-old"))
    assert (refused.value.code, refused.value.field) == ("privacy_notice_unknown", "consent")
    assert not PrivacyConsent.objects.exists()


def test_a_channel_may_lower_the_attachment_limit(museum: Museum) -> None:
    with pytest.raises(DomainError) as refused:
        _file_online(None, files=[upload(f"{i}.png") for i in range(6)], max_files=5)
    assert refused.value.code == "too_many_files"
    assert "5" in str(refused.value)


def test_the_complainant_adds_information_and_files_and_the_handlers_hear(museum: Museum) -> None:
    complaint = reach(museum, Status.INVESTIGATING)

    event = complaint_supplement(
        complaint=complaint,
        text="补充：当天下午三点。",
        files=[upload("票据.jpg")],
        channel=Channel.WEB,
        source="portal",
    )

    assert (event.action, event.actor, event.note) == (
        Action.SUPPLEMENT,
        None,
        "补充：当天下午三点。",
    )
    assert event.data["by"] == "complainant"
    assert complaint.attachments.get().original_name == "票据.jpg"
    assert complaint.attachments.get().uploaded_by is None
    told = set(Notification.objects.filter(complaint=complaint).values_list("recipient", flat=True))
    assert museum.head.pk in told


@pytest.mark.parametrize(
    ("text", "files", "code"),
    [("   ", [], "required"), ("x" * 5001, [], "too_long"), ("ok", ["a.exe"], "file_type")],
)
def test_a_bad_supplement_adds_nothing(
    museum: Museum, text: str, files: list[str], code: str
) -> None:
    complaint = reach(museum, Status.DISPATCHED)
    events = complaint.events.count()
    with pytest.raises(DomainError) as refused:
        complaint_supplement(
            complaint=complaint,
            text=text,
            files=[upload(name, b"MZ") for name in files],
            channel=Channel.WEB,
        )
    assert refused.value.code == code
    assert complaint.events.count() == events
    assert not complaint.attachments.exists()


def test_an_archived_complaint_takes_no_supplement(museum: Museum) -> None:
    complaint = reach(museum, Status.ARCHIVED)
    with pytest.raises(DomainError) as refused:
        complaint_supplement(complaint=complaint, text="还有一件事", channel=Channel.EMAIL)
    assert refused.value.code == "closed"


@pytest.mark.parametrize(
    ("rating", "status"),
    [
        (Rating.SATISFIED, Status.SATISFIED),
        (Rating.BASICALLY_SATISFIED, Status.SATISFIED),
        (Rating.DISSATISFIED, Status.DISSATISFIED),
    ],
)
def test_the_complainant_rates_the_reply(museum: Museum, rating: str, status: str) -> None:
    complaint = reach(museum, Status.REPLIED)
    assert public_rateable(complaint)

    complaint_rate_by_complainant(
        complaint=complaint, rating=rating, comment="还是没修好", channel=Channel.WEB
    )

    complaint.refresh_from_db()
    assert complaint.status == status
    record = SatisfactionRecord.objects.get(complaint=complaint)
    assert (record.rating, record.recorded_by) == (rating, None)
    event = complaint.events.get(action=Action.RATE)
    assert (event.actor, event.data["by"]) == (None, "complainant")


def test_dissatisfaction_needs_a_reason_and_reaches_the_intake_desk(museum: Museum) -> None:
    complaint = reach(museum, Status.REPLIED)
    with pytest.raises(DomainError) as refused:
        complaint_rate_by_complainant(
            complaint=complaint, rating=Rating.DISSATISFIED, channel=Channel.WEB
        )
    assert refused.value.code == "comment_required"

    complaint_rate_by_complainant(
        complaint=complaint, rating=Rating.DISSATISFIED, comment="没解决", channel=Channel.WEB
    )
    assert Notification.objects.filter(complaint=complaint, recipient=museum.clerk).exists()


@pytest.mark.parametrize("status", [Status.DISPATCHED, Status.SATISFIED, Status.ARCHIVED])
def test_only_a_replied_complaint_can_be_rated(museum: Museum, status: str) -> None:
    complaint = reach(museum, status)
    with pytest.raises(DomainError) as refused:
        complaint_rate_by_complainant(
            complaint=complaint, rating=Rating.SATISFIED, channel=Channel.WEB
        )
    assert refused.value.code == "invalid_state"


@pytest.mark.parametrize(
    ("status", "stage"),
    [
        (Status.REGISTERED, PublicStage.RECEIVED),
        (Status.ACCEPTED, PublicStage.ACCEPTED),
        (Status.REJECTED, PublicStage.REJECTED),
        (Status.INVESTIGATING, PublicStage.HANDLING),
        (Status.DISSATISFIED, PublicStage.HANDLING),
        (Status.REPLIED, PublicStage.REPLIED),
        (Status.ARCHIVED, PublicStage.CLOSED),
    ],
)
def test_progress_in_the_complainants_words(museum: Museum, status: str, stage: str) -> None:
    complaint = reach(museum, status)
    assert public_stage(complaint) == stage
    steps = public_progress(complaint)
    current = [step for step in steps if step.is_current]
    assert [step.stage for step in current] == [stage]
    reached = [step for step in steps if step.reached_at is not None]
    assert reached[0].stage == PublicStage.RECEIVED
    # Steps ahead of the current one carry no date.
    ahead = steps[steps.index(current[0]) + 1 :]
    assert all(step.reached_at is None for step in ahead)
    assert public_is_open(complaint) == (
        stage in (PublicStage.RECEIVED, PublicStage.ACCEPTED, PublicStage.HANDLING)
    )


def test_the_public_reads_the_reply_but_never_internal_notes(museum: Museum) -> None:
    complaint = reach(museum, Status.REPLIED)
    complaint_comment(
        actor=museum.actor(museum.handler), complaint=complaint, note="内部：王经理负责赔偿500元"
    )
    reply = complaint.replies.get()
    assert public_reply_text(complaint) == reply.text
    assert "王经理" not in public_reply_text(complaint)
    assert public_reply_text(reach(museum, Status.INVESTIGATING)) == ""
