"""Every bad input on the complaint form: a clear message at its field, every typed value
kept, the files to choose again, and nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from bihuan.complaints.models import (
    Attachment,
    Complainant,
    Complaint,
    PrivacyConsent,
    PrivacyNotice,
    TimelineEvent,
)
from bihuan.core.clock import travel_to
from bihuan.org.models import Organisation

from ..files import PDF, image_bytes, upload
from ..personas import Museum
from .helpers import (
    DESCRIPTION,
    complaint_data,
    field_errors,
    fresh_form,
    is_ticked,
    submit,
    zh,
)

pytestmark = pytest.mark.django_db


def assert_nothing_saved() -> None:
    assert Complaint.objects.count() == 0
    assert Complainant.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert PrivacyConsent.objects.count() == 0
    assert TimelineEvent.objects.count() == 0


def _tomorrow() -> str:
    return str(timezone.localdate() + timedelta(days=1))


def _stale_notice(client: Client) -> dict[str, Any]:
    data = complaint_data(client)
    PrivacyNotice.objects.create(version="2027-1", text="新版隐私告知", published_at=timezone.now())
    return data


def _reused_challenge(client: Client) -> dict[str, Any]:
    data = complaint_data(client)
    assert submit(client, data).status_code == 302
    Complaint.objects.all().delete()
    Complainant.objects.all().delete()
    TimelineEvent.objects.all().delete()
    PrivacyConsent.objects.all().delete()
    return data


def _expired_challenge(client: Client) -> dict[str, Any]:
    with travel_to(timezone.now() - timedelta(hours=2)):
        return complaint_data(client)


def _forged_challenge(client: Client) -> dict[str, Any]:
    token = fresh_form(client)["captcha_token"]
    return complaint_data(client, captcha_token=token[:-2] + "xx")


CASES: dict[str, tuple[Callable[[Client], dict[str, Any]], str, object]] = {
    "missing consent": (
        lambda c: complaint_data(c, consent=None),
        "consent",
        _("Tick the box to say that you have read and accept the privacy notice."),
    ),
    "stale notice version": (
        _stale_notice,
        "consent",
        _(
            "The privacy notice has changed since you opened this page. Read it again "
            "and tick the box if you agree."
        ),
    ),
    "unknown notice version": (
        lambda c: complaint_data(c, notice_version="1999-9"),
        "consent",
        _(
            "The privacy notice has changed since you opened this page. Read it again "
            "and tick the box if you agree."
        ),
    ),
    "date in the future": (
        lambda c: complaint_data(c, occurred_date=_tomorrow()),
        "occurred_date",
        _("The date and time cannot be in the future."),
    ),
    "time without a date": (
        lambda c: complaint_data(c, occurred_date=""),
        "occurred_date",
        _("Give the date as well as the time."),
    ),
    "nothing said": (
        lambda c: complaint_data(c, description="  "),
        "description",
        _("Tell us what happened."),
    ),
    "no way to reply": (
        lambda c: complaint_data(c, phone="", email=""),
        "phone",
        _("Give a mobile number or an email address, so that we can reply to you."),
    ),
    "not a phone number": (
        lambda c: complaint_data(c, phone="call me maybe"),
        "phone",
        _("“%(phone)s” is not a phone number.") % {"phone": "call me maybe"},
    ),
    "six files": (
        lambda c: complaint_data(c, files=[upload(f"p{i}.jpg") for i in range(6)]),
        "files",
        _("You can attach at most %(limit)d files.") % {"limit": 5},
    ),
    "a .jpg that is really a PDF": (
        lambda c: complaint_data(c, files=[upload("a.png"), upload("photo.jpg", PDF)]),
        "files",
        _("“%(name)s” is not what its name says: its content is not a file of that type.")
        % {"name": "photo.jpg"},
    ),
    "a type the portal does not take": (
        lambda c: complaint_data(c, files=[upload("notes.txt")]),
        "files",
        _("“%(name)s”: only photos, PDF files and audio recordings can be attached.")
        % {"name": "notes.txt"},
    ),
    "a wrong answer to the sum": (
        lambda c: complaint_data(c, captcha_answer="999"),
        "captcha_answer",
        _("That is not the answer. Try the new picture."),
    ),
    "no answer to the sum": (
        lambda c: complaint_data(c, captcha_answer=""),
        "captcha_answer",
        _("Write the answer to the sum in the picture."),
    ),
    "a challenge used before": (
        _reused_challenge,
        "captcha_answer",
        _("The picture has expired. Solve the new one."),
    ),
    "an expired challenge": (
        _expired_challenge,
        "captcha_answer",
        _("The picture has expired. Solve the new one."),
    ),
    "a forged challenge": (
        _forged_challenge,
        "captcha_answer",
        _("The picture has expired. Solve the new one."),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_input_is_refused_at_its_field_and_keeps_what_was_typed(
    museum: Museum, visitor: Client, case: str
) -> None:
    make, field, message = CASES[case]
    data = make(visitor)
    sent_files = bool(data.get("files"))
    response = submit(visitor, data)
    assert response.status_code == 400
    assert zh(message) in field_errors(response, field)
    assert_nothing_saved()
    html = response.content.decode()
    if data.get("description", "").strip():
        assert data["description"] in html
    assert 'value="三号展厅"' in html  # the place typed is kept
    assert ("data-files-dropped" in html) == sent_files


def test_a_wrong_answer_brings_a_new_picture_and_a_right_answer_is_kept(
    museum: Museum, visitor: Client
) -> None:
    wrong = complaint_data(visitor, captcha_answer="999")
    response = submit(visitor, wrong)
    form = response.context["form"]
    assert form.captcha_token_value != wrong["captcha_token"]
    assert form["captcha_answer"].value() == ""
    right_but_incomplete = complaint_data(visitor, consent=None)
    form = submit(visitor, right_but_incomplete).context["form"]
    assert form.captcha_token_value == right_but_incomplete["captcha_token"]
    assert form["captcha_answer"].value() == right_but_incomplete["captcha_answer"]


def test_a_stale_notice_shows_the_new_version_unticked(museum: Museum, visitor: Client) -> None:
    response = submit(visitor, _stale_notice(visitor))
    html = response.content.decode()
    assert 'name="notice_version" value="2027-1"' in html
    assert "新版隐私告知" in html
    assert not is_ticked(html, "consent")


def test_the_honeypot_refuses_a_robot(museum: Museum, visitor: Client) -> None:
    response = submit(visitor, complaint_data(visitor, website="http://spam.example"))
    assert response.status_code == 400
    assert zh(_("Your submission could not be accepted. Please try again.")) in (
        response.content.decode()
    )
    assert_nothing_saved()


def test_a_form_sent_faster_than_a_person_types_is_refused(
    museum: Museum, visitor: Client, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_MIN_FILL_SECONDS = 60
    data = complaint_data(visitor)
    assert submit(visitor, data).status_code == 400
    assert_nothing_saved()
    with travel_to(timezone.now() + timedelta(seconds=61)):
        assert submit(visitor, data).status_code == 302  # the same person, a minute later
    assert Complaint.objects.count() == 1


def test_submissions_are_limited_per_address(
    museum: Museum, visitor: Client, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_SUBMIT_LIMIT = 2
    assert submit(visitor, complaint_data(visitor)).status_code == 302
    assert submit(visitor, complaint_data(visitor, consent=None)).status_code == 400
    response = submit(visitor, complaint_data(visitor))
    assert response.status_code == 429
    html = response.content.decode()
    assert "data-limited" in html
    minutes = settings.BIHUAN_PORTAL_SUBMIT_WINDOW // 60
    expected = ngettext_lazy(
        "Too many attempts from your connection. Try again in %(minutes)d minute.",
        "Too many attempts from your connection. Try again in %(minutes)d minutes.",
        "minutes",
    ) % {"minutes": minutes}
    assert zh(expected) in html
    assert DESCRIPTION in html  # still kept
    assert Complaint.objects.count() == 1
    # Another address is not held back.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert submit(other, complaint_data(other)).status_code == 302


def test_behind_trusted_proxies_the_forwarded_address_is_limited(
    museum: Museum, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_SUBMIT_LIMIT = 1
    settings.BIHUAN_PORTAL_TRUSTED_PROXIES = 1
    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = Client(HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert submit(first, complaint_data(first)).status_code == 302
    assert submit(second, complaint_data(second)).status_code == 302  # same proxy, other person
    # A client cannot escape by writing its own X-Forwarded-For entry in front.
    spoofing = Client(HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")
    assert submit(spoofing, complaint_data(spoofing)).status_code == 429


def test_a_register_refusal_leaves_the_challenge_usable(museum: Museum, visitor: Client) -> None:
    Organisation.objects.update(allow_anonymous=True)
    data = complaint_data(visitor, files=[upload("photo.jpg", PDF)])
    assert submit(visitor, data).status_code == 400
    data["files"] = [upload("photo.jpg", image_bytes("JPEG"))]
    assert submit(visitor, data).status_code == 302
    assert Complaint.objects.get().attachments.count() == 1
