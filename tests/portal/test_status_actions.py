"""From the status page: adding information or files, and rating the reply."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bihuan.complaints.choices import Action, Channel, Rating, Status
from bihuan.complaints.models import Complaint, SatisfactionRecord

from ..files import PDF, upload
from ..personas import Museum, advance
from .helpers import field_errors, file_complaint, look_up, zh

pytestmark = pytest.mark.django_db


@pytest.fixture
def complainant() -> Client:
    return Client()


@pytest.fixture
def complaint(museum: Museum, complainant: Client) -> Complaint:
    """Filed on the portal by ``complainant``, whose session may open it."""
    filed = file_complaint(complainant)
    assert look_up(complainant, filed.tracking_code, "5678").status_code == 302
    return filed


def _add(client: Client, complaint: Complaint, **data: Any) -> Any:
    return client.post(reverse("portal:supplement", args=[complaint.tracking_code]), data)


def _rate(client: Client, complaint: Complaint, **data: Any) -> Any:
    return client.post(reverse("portal:rate", args=[complaint.tracking_code]), data)


def test_the_complainant_adds_information_and_files(
    complaint: Complaint, complainant: Client
) -> None:
    response = _add(
        complainant, complaint, text="补充：当时是下午三点。", files=[upload("more.png")]
    )
    assert response.status_code == 302
    event = complaint.events.get(action=Action.SUPPLEMENT)
    assert event.actor is None
    assert (event.note, event.data["channel"], event.data["source"]) == (
        "补充：当时是下午三点。",
        Channel.WEB,
        "portal",
    )
    assert complaint.attachments.get().original_name == "more.png"
    html = complainant.get(response["Location"]).content.decode()
    assert "补充：当时是下午三点。" in html and "more.png" in html
    assert zh(_("Thank you. The people handling your complaint have been told.")) in html


def test_adding_nothing_is_refused(complaint: Complaint, complainant: Client) -> None:
    response = _add(complainant, complaint, text="  ")
    assert response.status_code == 400
    assert zh(_("Write something or choose a file.")) in field_errors(response, "text")
    assert not complaint.events.filter(action=Action.SUPPLEMENT).exists()


def test_files_are_counted_with_those_already_there(museum: Museum, complainant: Client) -> None:
    filed = file_complaint(complainant, files=[upload(f"p{i}.jpg") for i in range(4)])
    look_up(complainant, filed.tracking_code, "5678")
    response = _add(complainant, filed, text="两张", files=[upload("a.jpg"), upload("b.jpg")])
    assert response.status_code == 400
    expected = zh(_("A complaint can have at most %(limit)d files in all.") % {"limit": 5})
    assert expected in field_errors(response, "files")
    assert "data-files-dropped" in response.content.decode()
    assert filed.attachments.count() == 4
    assert _add(complainant, filed, files=[upload("c.pdf", PDF)]).status_code == 302
    assert filed.attachments.count() == 5


def test_a_file_that_lies_about_its_type_is_refused(
    complaint: Complaint, complainant: Client
) -> None:
    response = _add(complainant, complaint, text="照片", files=[upload("x.jpg", PDF)])
    assert response.status_code == 400
    assert field_errors(response, "files")
    assert not complaint.events.filter(action=Action.SUPPLEMENT).exists()
    assert complaint.attachments.count() == 0


def test_an_archived_complaint_takes_no_more(
    museum: Museum, complaint: Complaint, complainant: Client
) -> None:
    from bihuan.complaints.services import complaint_close, complaint_follow_up

    advance(museum, complaint, "satisfied")
    supervisor = museum.actor(museum.supervisor)
    complaint_follow_up(
        actor=supervisor, complaint=complaint, method="phone", outcome="confirmed", notes="好"
    )
    complaint_close(actor=supervisor, complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.ARCHIVED
    html = complainant.get(reverse("portal:complaint", args=[complaint.tracking_code]))
    assert 'id="add"' not in html.content.decode()
    response = _add(complainant, complaint, text="还有一件事")
    assert response.status_code == 400
    expected = _("This complaint is closed. To raise something new, file a new complaint.")
    assert zh(expected) in response.content.decode()


def test_no_rating_is_asked_before_the_reply(complaint: Complaint, complainant: Client) -> None:
    html = complainant.get(reverse("portal:complaint", args=[complaint.tracking_code]))
    assert 'id="rate"' not in html.content.decode()
    response = _rate(complainant, complaint, rating=Rating.SATISFIED)
    assert response.status_code == 400
    assert zh(_("This complaint is not waiting for your rating.")) in response.content.decode()
    assert not SatisfactionRecord.objects.exists()


@pytest.mark.parametrize(
    ("rating", "status"),
    [
        (Rating.SATISFIED, Status.SATISFIED),
        (Rating.BASICALLY_SATISFIED, Status.SATISFIED),
        (Rating.DISSATISFIED, Status.DISSATISFIED),
    ],
)
def test_the_complainant_rates_the_reply(
    museum: Museum, complaint: Complaint, complainant: Client, rating: str, status: str
) -> None:
    advance(museum, complaint, "replied")
    page = reverse("portal:complaint", args=[complaint.tracking_code])
    assert 'id="rate"' in complainant.get(page).content.decode()
    response = _rate(complainant, complaint, rating=rating, comment="还是不行" if rating else "")
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == status
    record = SatisfactionRecord.objects.get(complaint=complaint)
    assert (record.rating, record.recorded_by) == (rating, None)
    event = complaint.events.filter(action=Action.RATE).last()
    assert event is not None and event.actor is None and event.data["by"] == "complainant"
    html = complainant.get(page).content.decode()
    assert 'id="rate"' not in html
    if rating == Rating.DISSATISFIED:
        told = _(
            "Thank you for telling us. Your complaint goes back to the people handling it: "
            "they will look at it again and send you a new reply."
        )
        assert zh(told) in html
        assert "data-reopening" in html


def test_dissatisfied_needs_a_comment(
    museum: Museum, complaint: Complaint, complainant: Client
) -> None:
    advance(museum, complaint, "replied")
    response = _rate(complainant, complaint, rating=Rating.DISSATISFIED, comment=" ")
    assert response.status_code == 400
    expected = zh(_("Tell us what is still wrong, so that we can put it right."))
    assert expected in field_errors(response, "comment")
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED
    assert not SatisfactionRecord.objects.exists()


def test_a_rating_must_be_chosen(museum: Museum, complaint: Complaint, complainant: Client) -> None:
    advance(museum, complaint, "replied")
    response = _rate(complainant, complaint, rating="delighted")
    assert response.status_code == 400
    assert field_errors(response, "rating")
    assert not SatisfactionRecord.objects.exists()


def test_acting_without_access_sends_back_to_the_look_up(
    museum: Museum, complaint: Complaint
) -> None:
    advance(museum, complaint, "replied")
    stranger = Client()
    assert _rate(stranger, complaint, rating=Rating.DISSATISFIED, comment="x").status_code == 302
    assert _add(stranger, complaint, text="假冒").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED
    assert not complaint.events.filter(action=Action.SUPPLEMENT).exists()


def test_additions_and_ratings_count_against_the_address_limit(
    complaint: Complaint, complainant: Client, settings: Any
) -> None:
    settings.BIHUAN_PORTAL_SUBMIT_LIMIT = 2  # the filing itself was one
    assert _add(complainant, complaint, text="一").status_code == 302
    response = _add(complainant, complaint, text="二")
    assert response.status_code == 429
    assert "data-limited" in response.content.decode()
    assert complaint.events.filter(action=Action.SUPPLEMENT).count() == 1
