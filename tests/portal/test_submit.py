"""Filing a complaint on the portal: it lands whole, through complaint_register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bihuan.complaints.choices import Action, Channel, Status
from bihuan.complaints.models import Attachment, Complaint, PrivacyConsent, PrivacyNotice

from ..files import PDF, image_bytes, upload
from ..personas import Museum
from .helpers import DESCRIPTION, complaint_data, file_complaint, is_ticked, submit

pytestmark = pytest.mark.django_db


def test_a_complaint_lands_whole_with_its_files_consent_and_timeline(
    museum: Museum, visitor: Client
) -> None:
    category = museum.category("exhibitions")
    files = [
        upload("展品.jpg", image_bytes("JPEG", exif=True)),
        upload("receipt.pdf", PDF),
        upload("voice.mp3"),
    ]
    response = submit(
        visitor,
        complaint_data(visitor, category=str(category.pk), files=files),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.WEB
    assert complaint.status == Status.REGISTERED
    assert complaint.registered_by is None
    assert complaint.category == category
    assert complaint.description == DESCRIPTION
    assert complaint.demand == "尽快修好"
    assert complaint.occurred_place == "三号展厅"
    assert timezone.localtime(complaint.occurred_at).strftime("%Y-%m-%d %H:%M") == (
        "2026-01-10 10:30"
    )
    person = complaint.complainant
    assert (person.name, person.phone, person.email) == ("李四", "13912345678", "lisi@example.com")
    assert person.preferred_language == "en"  # the page's language
    assert not person.is_anonymous
    consent = PrivacyConsent.objects.get(complaint=complaint)
    assert consent.notice == PrivacyNotice.current()
    assert consent.channel == Channel.WEB
    attachments = list(complaint.attachments.order_by("id"))
    assert [a.original_name for a in attachments] == ["展品.jpg", "receipt.pdf", "voice.mp3"]
    assert [a.content_type for a in attachments] == ["image/jpeg", "application/pdf", "audio/mpeg"]
    assert all(a.uploaded_by_id is None for a in attachments)
    assert b"BihuanCam" not in attachments[0].file.read()  # re-encoded without EXIF
    event = complaint.events.get(action=Action.REGISTER)
    assert (event.actor, event.data["channel"]) == (None, "web")


def test_the_answer_page_shows_the_code_and_how_to_follow_it(
    museum: Museum, visitor: Client
) -> None:
    complaint = file_complaint(visitor)
    response = visitor.get(reverse("portal:filed"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{complaint.tracking_code}"' in html
    assert f"{reverse('portal:status')}?code={complaint.tracking_code}" in html
    # The same browser may open it at once, without typing the proof.
    follow = visitor.get(f"{reverse('portal:status')}?code={complaint.tracking_code}")
    assert follow.status_code == 302
    assert follow["Location"] == reverse("portal:complaint", args=[complaint.tracking_code])


def test_the_answer_page_without_a_complaint_filed_goes_back_to_the_form(
    museum: Museum, visitor: Client
) -> None:
    response = visitor.get(reverse("portal:filed"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:submit")


def test_only_active_categories_and_sites_are_offered_with_not_sure(
    museum: Museum, visitor: Client
) -> None:
    from bihuan.org.models import Site

    Site.objects.create(code="north", name="北馆", name_i18n={"en": "North hall"})
    Site.objects.create(code="old", name="旧馆", is_active=False)
    retired = museum.category("exhibitions")
    retired.is_active = False
    retired.save()
    html = visitor.get(reverse("portal:submit"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "North hall" in html
    assert "旧馆" not in html
    assert f'value="{retired.pk}"' not in html
    assert html.count("Not sure") >= 2
    assert not is_ticked(html, "consent")  # consent is given, never assumed


def test_anonymous_complaints_are_taken_where_the_organisation_allows_them(
    museum: Museum, visitor: Client
) -> None:
    assert 'name="is_anonymous"' in visitor.get(reverse("portal:submit")).content.decode()
    complaint = file_complaint(visitor, is_anonymous="on", name="", phone="", email="")
    assert complaint.complainant.is_anonymous
    # Details typed before ticking "anonymous" are not kept.
    other = file_complaint(Client(), is_anonymous="on")
    person = other.complainant
    assert person.is_anonymous and (person.name, person.phone, person.email) == ("", "", "")


def test_anonymous_complaints_are_refused_where_the_organisation_does_not_allow_them(
    museum: Museum, visitor: Client
) -> None:
    from bihuan.org.models import Organisation

    Organisation.objects.update(allow_anonymous=False)
    assert 'name="is_anonymous"' not in visitor.get(reverse("portal:submit")).content.decode()
    data = complaint_data(visitor, is_anonymous="on", name="", phone="", email="")
    response = submit(visitor, data)
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_notice_published_later_than_now_is_not_yet_shown(
    museum: Museum, visitor: Client
) -> None:
    PrivacyNotice.objects.create(
        version="future", text="未来版本", published_at=timezone.now() + timedelta(days=3)
    )
    html = visitor.get(reverse("portal:submit")).content.decode()
    assert 'value="2026-1"' in html
    assert "未来版本" not in html


def test_without_a_privacy_notice_the_form_is_closed(museum: Museum, visitor: Client) -> None:
    PrivacyNotice.objects.all().delete()
    assert visitor.get(reverse("portal:submit")).status_code == 503
    assert Attachment.objects.count() == 0
